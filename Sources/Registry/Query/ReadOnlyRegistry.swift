import Database
import Foundation

/// Opens a registry for reports, search and `query`: read-only, at the
/// schema this program knows (the reports read views of migration 0003), and
/// guarded so that no statement can write, attach or load an extension.
public enum ReadOnlyRegistry {
    public static func open(path: String, busyTimeout: TimeInterval = 5) throws -> QueryGuard {
        let connection = try RegistryDatabase.open(path: path, access: .read, busyTimeout: busyTimeout)
        let migrator = try RegistryDatabase.migrator()
        let report = try migrator.status(of: connection)
        try migrator.validate(report)
        if !report.pending.isEmpty {
            throw RegistryError.needsMigration(path: path, pending: report.pending.count)
        }
        // A third lock besides the read-only file and the authorizer: even
        // the temp schema cannot be written.
        try connection.execute("PRAGMA query_only = ON")
        // Reports jump around a large file; mapping it saves a read() call
        // per page (SQLite falls back to reads where mmap is unavailable).
        try connection.execute("PRAGMA mmap_size = 1073741824")
        try connection.execute("PRAGMA cache_size = -16384")
        return QueryGuard(connection: connection)
    }
}
