import Database
import Foundation

/// `partnerships init`: brings a registry file to the latest schema.
/// (The seeds issue extends this to load `Seeds/` through the importers.)
public enum RegistrySetup {
    public struct Outcome {
        public let appliedMigrations: [Migration]
        public let schemaVersion: Int
    }

    public static func initialize(_ connection: Connection, migrator: Migrator) throws -> Outcome {
        let applied = try migrator.migrateUp(connection)
        let version = Int(try connection.scalar("PRAGMA user_version")?.int64 ?? 0)
        return Outcome(appliedMigrations: applied, schemaVersion: version)
    }
}
