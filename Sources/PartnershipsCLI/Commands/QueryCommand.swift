import ArgumentParser
import Foundation
import Registry

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run one read-only SQL statement against the registry.",
        discussion: """
            The registry is opened read-only and every statement is checked before it runs:
            INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, ATTACH, DETACH, a PRAGMA that sets
            a value, load_extension() and more than one statement are refused with exit
            code 64, and the database is never changed. The views agreement_overview,
            membership_overview and news_overview hold the common joins; dates known to the
            month or year have *_start and *_end columns. To read the SQL from stdin, give
            a single dash (-) instead.

            Examples:
              partnerships query "SELECT kind, count(*) FROM agreements GROUP BY kind"
              partnerships query --format json "SELECT key, parties
                FROM agreement_overview WHERE expires_end < '2027-01-01'"
              partnerships query - --timeout 10 < my-query.sql
            """)

    @Argument(help: ArgumentHelp("One SELECT statement, or - to read it from stdin.", valueName: "sql"))
    var sql: String

    @Option(help: ArgumentHelp("Stop the query after this many seconds (exit code 75).", valueName: "seconds"))
    var timeout: Double?

    @OptionGroup var output: OutputOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout.isFinite) {
            throw ValidationError("--timeout must be a number of seconds greater than 0")
        }
    }

    func run() throws {
        let text: String
        if sql == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            text = sql
        }
        let queryGuard = try ReadOnlyRegistry.open(path: database.path, busyTimeout: database.busyTimeout)
        let statement = try queryGuard.prepare(text)
        let printer = RowPrinter(output)
        try queryGuard.run(statement, timeout: timeout, columns: printer.begin(columns:), rowInPlace: printer.write(rowInPlace:))
        printer.finish()
    }
}
