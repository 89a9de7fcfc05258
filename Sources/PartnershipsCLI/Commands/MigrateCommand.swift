import ArgumentParser
import Database
import Registry

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Show, apply or undo schema migrations.",
        discussion: """
            Migrations are built into the program; --migrations DIR reads a folder instead.
            Each runs in its own transaction and is recorded in the table
            schema_migrations.

            Examples:
              partnerships migrate status --exit-code
              partnerships migrate up --dry-run
              partnerships migrate down --to 1
            """,
        subcommands: [Status.self, Up.self, Down.self],
        defaultSubcommand: Status.self
    )

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List each migration as applied, pending or modified.",
            discussion: """
                Example:
                  partnerships migrate status --db registry.sqlite --exit-code
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationsOptions

        @Flag(name: .customLong("exit-code"), help: "Exit with code 1 when a migration is pending, modified or unknown, or the schema is newer than this program.")
        var exitCode = false

        func run() throws {
            let migrator = try migrations.migrator()
            let connection = try database.open(.read, newestSchemaVersion: nil)
            let report = try migrator.status(of: connection)
            for status in report.migrations {
                var line = "\(status.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(status.migration.fileName)"
                if let at = status.appliedAt { line += "  applied \(at)" }
                if let ms = status.executionMilliseconds { line += " in \(ms) ms" }
                if status.state == .modified, let applied = status.appliedChecksum {
                    line += "\n          applied checksum \(applied)\n          file checksum    \(status.migration.checksum)"
                }
                print(line)
            }
            for version in report.unknownAppliedVersions {
                print("unknown   version \(version): applied to the database but not known to this program")
            }
            let newer = report.userVersion > report.latestKnownVersion
            if newer {
                print("newer     schema version \(report.userVersion) is past this program's \(report.latestKnownVersion): "
                      + "use a newer partnerships")
            }
            print("schema version \(report.userVersion); \(report.pending.count) pending, \(report.modified.count) modified")
            if exitCode && (!report.pending.isEmpty || !report.modified.isEmpty || !report.unknownAppliedVersions.isEmpty || newer) {
                throw CommandFailure(exitCode: ExitStatus.findings)
            }
        }
    }

    struct Up: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations.",
            discussion: """
                With --dry-run every pending migration really runs, inside one transaction that
                is then rolled back: it proves the SQL works and changes nothing.

                Examples:
                  partnerships migrate up
                  partnerships migrate up --to 2 --dry-run
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationsOptions

        @Option(help: ArgumentHelp("Stop after this migration version.", valueName: "version"))
        var to: Int?

        @Flag(name: .customLong("dry-run"), help: "Apply inside a transaction, then roll back.")
        var dryRun = false

        func run() throws {
            let migrator = try migrations.migrator()
            let connection = try database.open(dryRun ? .write : .create, newestSchemaVersion: migrator.newestVersion)
            let applied = try migrator.migrateUp(connection, to: to, dryRun: dryRun)
            let verb = dryRun ? "would apply (dry run, rolled back)" : "applied"
            for migration in applied { print("\(verb) \(migration.fileName)") }
            if applied.isEmpty { print("nothing to apply: the schema is up to date") }
        }
    }

    struct Down: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Undo migrations above a version, with their .down.sql files.",
            discussion: """
                Refuses before changing anything when a migration to undo has no .down.sql
                file. Undoing a migration can drop data: make a copy of the file first.

                Example:
                  partnerships migrate down --to 1
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationsOptions

        @Option(help: ArgumentHelp("The version to go back to (0 for an empty schema).", valueName: "version"))
        var to: Int

        @Flag(name: .customLong("dry-run"), help: "Undo inside a transaction, then roll back.")
        var dryRun = false

        func run() throws {
            let migrator = try migrations.migrator()
            let connection = try database.open(.write, newestSchemaVersion: migrator.newestVersion)
            let undone = try migrator.migrateDown(connection, to: to, dryRun: dryRun)
            let verb = dryRun ? "would undo (dry run, rolled back)" : "undid"
            for migration in undone { print("\(verb) \(migration.fileName)") }
            if undone.isEmpty { print("nothing to undo: no applied migration above version \(to)") }
        }
    }
}
