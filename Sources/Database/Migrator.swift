import Foundation

/// Applies migrations to a database, each in its own `BEGIN IMMEDIATE`
/// transaction, and records them in `schema_migrations`.
public struct Migrator {
    public enum State: String, Sendable {
        case applied, pending, modified
    }

    public struct Status: Sendable {
        public let migration: Migration
        public let state: State
        public let appliedAt: String?
        public let executionMilliseconds: Int?
        /// The checksum recorded when it was applied; differs from the file's when modified.
        public let appliedChecksum: String?
    }

    public struct Report: Sendable {
        public let migrations: [Status]
        /// Versions recorded in the database that this program does not know.
        public let unknownAppliedVersions: [Int]
        public let userVersion: Int

        public var pending: [Migration] { migrations.filter { $0.state == .pending }.map(\.migration) }
        public var modified: [Status] { migrations.filter { $0.state == .modified } }
        public var latestKnownVersion: Int { migrations.last?.migration.version ?? 0 }
    }

    public let migrations: [Migration]
    /// The newest version this migrator knows (0 when it has none).
    public var newestVersion: Int { migrations.last?.version ?? 0 }
    /// Written to `PRAGMA application_id` so that other tools (and this one)
    /// can tell the file is ours.
    public let applicationID: Int32

    public init(migrations: [Migration], applicationID: Int32) {
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.applicationID = applicationID
    }

    static let createTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version      INTEGER PRIMARY KEY,
            name         TEXT NOT NULL,
            checksum     TEXT NOT NULL,
            applied_at   TEXT NOT NULL,
            execution_ms INTEGER NOT NULL
        ) STRICT
        """

    /// Reads what is applied, pending and modified. Writes nothing.
    public func status(of connection: Connection) throws -> Report {
        let hasTable = try connection.scalar(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")?.int64 == 1
        var applied: [Int: Row] = [:]
        if hasTable {
            for row in try connection.rows("SELECT version, name, checksum, applied_at, execution_ms FROM schema_migrations") {
                if let version = row["version"].int64 { applied[Int(version)] = row }
            }
        }
        let statuses = migrations.map { migration -> Status in
            guard let row = applied[migration.version] else {
                return Status(migration: migration, state: .pending, appliedAt: nil, executionMilliseconds: nil,
                              appliedChecksum: nil)
            }
            let state: State = row["checksum"].string == migration.checksum ? .applied : .modified
            return Status(migration: migration, state: state, appliedAt: row["applied_at"].string,
                          executionMilliseconds: row["execution_ms"].int64.map { Int($0) },
                          appliedChecksum: row["checksum"].string)
        }
        let known = Set(migrations.map(\.version))
        let unknown = applied.keys.filter { !known.contains($0) }.sorted()
        let userVersion = Int(try connection.scalar("PRAGMA user_version")?.int64 ?? 0)
        return Report(migrations: statuses, unknownAppliedVersions: unknown, userVersion: userVersion)
    }

    /// Refuses a database this program must not touch: one newer than the
    /// program, or one whose applied migrations were edited since.
    public func validate(_ report: Report) throws {
        if !report.unknownAppliedVersions.isEmpty || report.userVersion > report.latestKnownVersion {
            throw MigrationError.databaseNewer(databaseVersion: max(report.userVersion, report.unknownAppliedVersions.max() ?? 0),
                                               knownVersion: report.latestKnownVersion,
                                               unknownVersions: report.unknownAppliedVersions)
        }
        if let first = report.modified.first {
            throw MigrationError.modified(version: first.migration.version, file: first.migration.fileName,
                                          appliedChecksum: first.appliedChecksum ?? "unknown",
                                          fileChecksum: first.migration.checksum)
        }
    }

    /// Applies the pending migrations up to `target` (all when nil). With
    /// `dryRun`, applies them inside one transaction and rolls it back, which
    /// proves the SQL runs without changing the file. Returns what was applied.
    @discardableResult
    public func migrateUp(_ connection: Connection, to target: Int? = nil, dryRun: Bool = false) throws -> [Migration] {
        let report = try status(of: connection)
        try validate(report)
        if let target, target != 0, !migrations.contains(where: { $0.version == target }) {
            throw MigrationError.unknownTarget(version: target, known: migrations.map(\.version))
        }
        let toApply = report.pending.filter { target == nil || $0.version <= target! }
        guard !toApply.isEmpty else { return [] }

        try connection.execute("PRAGMA foreign_keys = OFF")
        defer { try? connection.execute("PRAGMA foreign_keys = ON") }

        // The status above was read before taking the write lock: another
        // process (a second `partnerships init`) may have applied some of these
        // while this one waited for the lock, so each is checked again inside
        // its transaction and skipped when it is no longer pending.
        var applied: [Migration] = []
        if dryRun {
            try connection.inTransaction(.immediate) { () -> Connection.Completion in
                for migration in toApply where try !isApplied(migration, on: connection) {
                    try apply(migration, on: connection)
                    applied.append(migration)
                }
                return .rollback
            }
        } else {
            for migration in toApply {
                try connection.transaction(.immediate) {
                    guard try !isApplied(migration, on: connection) else { return }
                    try apply(migration, on: connection)
                    applied.append(migration)
                }
            }
        }
        return applied
    }

    static let isAppliedSQL = "SELECT count(*) FROM schema_migrations WHERE version = ?"

    /// Reads the current state, inside the caller's transaction.
    private func isApplied(_ migration: Migration, on connection: Connection) throws -> Bool {
        let hasTable = try connection.scalar(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")?.int64 == 1
        return try hasTable && connection.scalar(Self.isAppliedSQL, [migration.version])?.int64 == 1
    }

    /// Undoes applied migrations above `target`, newest first, each with its
    /// `.down.sql`. Refuses before changing anything if one has no down file.
    @discardableResult
    public func migrateDown(_ connection: Connection, to target: Int, dryRun: Bool = false) throws -> [Migration] {
        let report = try status(of: connection)
        try validate(report)
        if target != 0, !migrations.contains(where: { $0.version == target }) {
            throw MigrationError.unknownTarget(version: target, known: migrations.map(\.version))
        }
        let toUndo = report.migrations
            .filter { $0.state == .applied && $0.migration.version > target }
            .map(\.migration)
            .reversed()
        for migration in toUndo where migration.downSQL == nil {
            throw MigrationError.noDownMigration(version: migration.version, file: migration.fileName)
        }
        guard !toUndo.isEmpty else { return [] }

        try connection.execute("PRAGMA foreign_keys = OFF")
        defer { try? connection.execute("PRAGMA foreign_keys = ON") }
        var undone: [Migration] = []
        let undo = { (migration: Migration) throws in
            // Another process may have undone it while this one waited for the lock.
            guard try self.isApplied(migration, on: connection) else { return }
            undone.append(migration)
            try self.run(migration.downSQL ?? "", file: migration.downFileName ?? migration.fileName, on: connection)
            try connection.execute("DELETE FROM schema_migrations WHERE version = ?", [migration.version])
            let remaining = try connection.scalar("SELECT coalesce(max(version), 0) FROM schema_migrations")?.int64 ?? 0
            try connection.setPragma(.userVersion, to: remaining)
        }
        if dryRun {
            try connection.inTransaction(.immediate) { () -> Connection.Completion in
                for migration in toUndo { try undo(migration) }
                return .rollback
            }
        } else {
            for migration in toUndo {
                try connection.transaction(.immediate) { try undo(migration) }
            }
        }
        return undone
    }

    private func apply(_ migration: Migration, on connection: Connection) throws {
        let started = Date()
        try connection.execute(Self.createTableSQL)
        try connection.setPragma(.applicationID, to: Int64(applicationID))
        try run(migration.sql, file: migration.fileName, on: connection)
        let elapsed = Int((Date().timeIntervalSince(started) * 1000).rounded())
        try connection.execute(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at, execution_ms) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)",
            [migration.version, migration.name, migration.checksum, elapsed])
        try connection.setPragma(.userVersion, to: Int64(migration.version))
    }

    private func run(_ sql: String, file: String, on connection: Connection) throws {
        do {
            try connection.execute(sql)
        } catch let error as DatabaseError {
            throw MigrationError.failed(file: file, error: error)
        }
        // Checked with foreign keys off, so a migration may rebuild a table in
        // steps; what matters is that the end state is consistent.
        if let violation = try connection.rows("PRAGMA foreign_key_check").first {
            throw MigrationError.foreignKeyViolation(file: file, table: violation[0].string ?? "?",
                                                     rowid: violation[1].int64, parent: violation[2].string ?? "?")
        }
    }
}
