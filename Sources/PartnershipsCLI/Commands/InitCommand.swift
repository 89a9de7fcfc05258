import ArgumentParser
import Registry

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the registry and load the seed data.",
        discussion: """
            Applies every pending schema migration. Running it again changes nothing.

            Examples:
              partnerships init
              partnerships init --db ~/office/registry.sqlite
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationsOptions

    func run() throws {
        let migrator = try migrations.migrator()
        let connection = try database.open(.create, newestSchemaVersion: migrator.newestVersion)
        let outcome = try RegistrySetup.initialize(connection, migrator: migrator)
        if outcome.appliedMigrations.isEmpty {
            print("\(database.path): schema is up to date (version \(outcome.schemaVersion)); nothing to do.")
        } else {
            for migration in outcome.appliedMigrations {
                print("applied migration \(migration.fileName)")
            }
            print("\(database.path): schema at version \(outcome.schemaVersion).")
        }
    }
}
