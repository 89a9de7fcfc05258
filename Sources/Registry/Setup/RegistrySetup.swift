import Database
import Foundation

/// `partnerships init`: brings a registry file to the latest schema, then
/// loads the seed files through the importers, all of them in one
/// transaction, in the order institutions, networks, memberships, agreements,
/// news, appointments. Loading is an upsert, so a second run changes nothing.
public enum RegistrySetup {
    public struct Outcome {
        public let appliedMigrations: [Migration]
        public let schemaVersion: Int
        /// One report per seed file, in loading order.
        public let seedReports: [ImportReport]
        public let overview: RegistryOverview

        /// True when neither the schema nor the data changed.
        public var changedNothing: Bool {
            appliedMigrations.isEmpty && seedReports.allSatisfy(\.changedNothing)
        }
    }

    public static func initialize(_ connection: Connection, migrator: Migrator, seeds: SeedSource = .embedded,
                                  progress: ((ImportProgress) -> Void)? = nil) throws -> Outcome {
        let applied = try migrator.migrateUp(connection)
        let version = Int(try connection.scalar("PRAGMA user_version")?.int64 ?? 0)
        let reports = try loadSeeds(connection, from: seeds, progress: progress)
        return Outcome(appliedMigrations: applied, schemaVersion: version, seedReports: reports,
                       overview: try RegistryOverview.load(connection))
    }

    /// Loads every seed file in one transaction; throws `SeedError.rejected`
    /// (and writes nothing) when any file has an invalid row.
    public static func loadSeeds(_ connection: Connection, from seeds: SeedSource,
                                 progress: ((ImportProgress) -> Void)? = nil) throws -> [ImportReport] {
        let files = try seeds.files()
        var options = ImportOptions()
        options.progress = progress
        // Seed files are small: let SQLite check its constraints as well.
        options.enforceCheckConstraints = true
        var reports: [ImportReport] = []
        // The settings take effect for the transaction only when made before it.
        let session = ImportSession(connection: connection)
        try session.beginBulkWork(enforceCheckConstraints: options.enforceCheckConstraints)
        defer { session.endBulkWork() }
        try connection.inTransaction(.immediate) { () -> Connection.Completion in
            let run = ImportRun(session: session, options: options)
            for file in files {
                let report = try run.run(kind: file.kind, source: ByteSource(name: file.name, data: file.data),
                                         format: file.format, file: file.name)
                reports.append(report)
            }
            return reports.contains(where: \.hasErrors) ? .rollback : .commit
        }
        if reports.contains(where: \.hasErrors) { throw SeedError.rejected(reports: reports) }
        for index in reports.indices { reports[index].committed = true }
        return reports
    }
}
