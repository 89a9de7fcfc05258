import Database
import Foundation

/// Opens a registry for reports, search and `query`: read-only, at the
/// schema this program knows (the reports read views of migration 0003), and
/// guarded so that no statement can write, attach or load an extension.
public enum ReadOnlyRegistry {
    public static func open(path: String, busyTimeout: TimeInterval = 5) throws -> QueryGuard {
        let connection = try RegistryDatabase.open(path: path, access: .read, busyTimeout: busyTimeout)
        try requireKnownSchema(connection, path: path)
        // A third lock besides the read-only file and the authorizer: even
        // the temp schema cannot be written.
        try connection.execute("PRAGMA query_only = ON")
        // Reports jump around a large file; mapping it saves a read() call
        // per page (SQLite falls back to reads where mmap is unavailable).
        try connection.setPragma(.mmapSize, to: 1 << 30)
        try connection.setPragma(.cacheSize, to: -16384)
        return QueryGuard(connection: connection)
    }

    /// The applied migrations must be exactly the ones this program knows.
    /// Comparing version numbers is enough for a reader (the migrator's
    /// checksums, which hash every migration, are the writers' concern) and
    /// keeps a report's start-up cheap.
    static func requireKnownSchema(_ connection: Connection, path: String) throws {
        let known = Set(EmbeddedResources.migrations
            .filter { !$0.name.hasSuffix(".down.sql") }
            .compactMap { Int($0.name.prefix(4)) })
        let hasTable = try connection.scalar(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")?.int64 == 1
        let applied = hasTable
            ? Set(try connection.rows("SELECT version FROM schema_migrations").compactMap { $0[0].int64.map { Int($0) } })
            : []
        let userVersion = Int(try connection.scalar("PRAGMA user_version")?.int64 ?? 0)
        let latest = known.max() ?? 0
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty || userVersion > latest {
            throw MigrationError.databaseNewer(databaseVersion: max(userVersion, unknown.max() ?? 0), knownVersion: latest,
                                               unknownVersions: unknown.sorted())
        }
        let pending = known.subtracting(applied).count
        if pending > 0 { throw RegistryError.needsMigration(path: path, pending: pending) }
    }
}
