import ArgumentParser
import Database
import Foundation

public struct Partnerships: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "partnerships",
        abstract: "A registry of university partnerships: institutions, networks, agreements and the news that announced them.",
        discussion: """
            The registry is one SQLite file (default ./registry.sqlite, or --db PATH, or
            PARTNERSHIPS_DB). Open it with the sqlite3 shell or Datasette any time.

            Start with:
              partnerships init                 create the registry and load the seed data
              partnerships migrate status       see which schema migrations are applied
              partnerships import agreements new.csv --dry-run
                                                check a file of agreements, then import it
              partnerships report list          the reports, with their parameters
              partnerships search WORDS...      full-text search over news and agreements
              partnerships query "SELECT ..."   ad-hoc SQL that never changes the registry

            Exit codes:
              0 success, 1 audit findings at or above --fail-on
              64 usage error, 65 input data rejected, 66 input file missing or unreadable
              70 internal error, 73 output file exists
              74 database cannot be opened or written, 75 busy (or a query past --timeout)
              78 not a partnerships database, or one newer than this program
            """,
        version: "\(version) (SQLite \(Connection.sqliteVersion))",
        subcommands: [
            InitCommand.self,
            ImportCommand.self,
            MigrateCommand.self,
            BackupCommand.self,
            ReportCommand.self,
            SearchCommand.self,
            QueryCommand.self,
            AuditCommand.self,
        ]
    )

    public init() {}

    /// Parses the command line, runs the command, and exits with the code
    /// the README documents. Errors print one line on stderr, never a stack trace.
    public static func runAndExit(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let error as CategorizedError where ExitStatus.isLockContention(error) {
            // Whatever statement hit the lock, the user needs the same advice.
            Terminal.printError(ExitStatus.busyMessage)
            Foundation.exit(ExitStatus.busy)
        } catch let error as CategorizedError {
            Terminal.printError(error.description)
            Foundation.exit(ExitStatus.code(for: error.category))
        } catch let error as CommandFailure {
            if !error.message.isEmpty { Terminal.printError(error.message) }
            Foundation.exit(error.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}
