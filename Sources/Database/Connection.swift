import CSQLite
import Foundation

/// One connection to an SQLite database file.
///
/// A connection is not thread-safe: use it from one thread at a time. It is
/// closed when the last reference to it (including its statements') goes away.
public final class Connection {
    public enum Mode: Sendable {
        /// Read and write, creating the file if it does not exist.
        case readWriteCreate
        /// Read and write an existing file.
        case readWrite
        /// Read only: every write fails with SQLITE_READONLY.
        case readOnly
    }

    public struct Configuration {
        public var mode: Mode
        /// How long to wait for another connection's lock before failing with SQLITE_BUSY.
        public var busyTimeout: TimeInterval
        /// Switch a writable database to WAL with synchronous=NORMAL, so that
        /// readers never wait for a writer and commits stay cheap.
        public var walMode: Bool
        /// Runs after the connection is configured but before anything is
        /// written (before the switch to WAL), so a caller can refuse a file
        /// that is not theirs without touching it.
        public var prepareDatabase: ((Connection) throws -> Void)?

        public init(mode: Mode = .readWriteCreate, busyTimeout: TimeInterval = 5, walMode: Bool = true,
                    prepareDatabase: ((Connection) throws -> Void)? = nil) {
            self.mode = mode
            self.busyTimeout = busyTimeout
            self.walMode = walMode
            self.prepareDatabase = prepareDatabase
        }
    }

    /// Process-wide settings, made once before the first connection opens
    /// (SQLite takes them only before it initializes): no memory statistics,
    /// whose mutex every allocation of every connection would take.
    private static let configureSQLite: Void = {
        _ = partnerships_disable_memory_statistics()
    }()

    let handle: OpaquePointer
    public let path: String

    /// True when the database is a file that another connection can open by
    /// `path`: not in memory, not a temporary database, not a URI (whose
    /// options another open would not repeat).
    public var isPlainFile: Bool { !path.isEmpty && path != ":memory:" && !path.hasPrefix("file:") }
    var savepointDepth = 0
    public let configuration: Configuration
    /// The Swift side of the authorizer and progress handler. SQLite holds
    /// only an unretained pointer to each; the connection keeps them alive.
    var authorizerContext: AuthorizerContext?
    var progressContext: ProgressContext?

    /// Opens (and with `.readWriteCreate` creates) the database at `path`.
    /// `":memory:"` opens a private in-memory database.
    public init(path: String, configuration: Configuration = Configuration()) throws {
        Self.configureSQLite
        var flags: Int32 = SQLITE_OPEN_NOMUTEX
        switch configuration.mode {
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard let opened else {
            throw DatabaseError(extendedCode: code, message: "could not open \(path): out of memory", sql: nil)
        }
        guard code == SQLITE_OK else {
            let error = DatabaseError.from(opened, code: code, sql: nil)
            sqlite3_close_v2(opened)
            throw DatabaseError(extendedCode: error.extendedCode,
                                message: "could not open '\(path)': \(error.message)", sql: nil)
        }
        handle = opened
        self.path = path
        self.configuration = configuration
        do {
            try configure()
        } catch {
            sqlite3_close_v2(opened)
            throw error
        }
    }

    deinit {
        // close_v2 defers the close until every statement is finalized, so a
        // statement that outlives its connection object stays valid.
        sqlite3_close_v2(handle)
    }

    private func configure() throws {
        sqlite3_extended_result_codes(handle, 1)
        // Double-quoted strings are identifiers, never string literals: a typo
        // such as "active" for 'active' must be an error, not a silent string.
        try setDBConfig(SQLITE_DBCONFIG_DQS_DML, enabled: false)
        try setDBConfig(SQLITE_DBCONFIG_DQS_DDL, enabled: false)
        try setDBConfig(SQLITE_DBCONFIG_DEFENSIVE, enabled: true)
        // Off is SQLite's default; said explicitly because `load_extension()`
        // would run arbitrary native code from a file.
        try setDBConfig(SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, enabled: false)
        sqlite3_busy_timeout(handle, Int32(clamping: Int((configuration.busyTimeout * 1000).rounded())))

        try execute("PRAGMA foreign_keys = ON")
        // The pragma is silently ignored by builds without foreign keys, so read it back.
        guard try scalar("PRAGMA foreign_keys")?.int64 == 1 else {
            throw DatabaseError(extendedCode: SQLITE_MISUSE,
                                message: "this SQLite library does not enforce foreign keys", sql: "PRAGMA foreign_keys")
        }
        // INSERT OR REPLACE deletes the row it replaces; only with recursive
        // triggers on does that fire the table's DELETE triggers, which keep
        // the full-text indexes (migration 0003) in step.
        try execute("PRAGMA recursive_triggers = ON")
        try configuration.prepareDatabase?(self)
        if configuration.walMode && configuration.mode != .readOnly && path != ":memory:" && !path.isEmpty {
            let mode = try retryingWhileBusy { try scalar("PRAGMA journal_mode = WAL")?.string }
            guard mode?.lowercased() == "wal" else {
                throw DatabaseError(extendedCode: SQLITE_CANTOPEN,
                                    message: "could not switch '\(path)' to WAL (journal mode is \(mode ?? "unknown"))",
                                    sql: "PRAGMA journal_mode = WAL")
            }
            try execute("PRAGMA synchronous = NORMAL")
        }
    }

    /// Runs `body` again while it fails with SQLITE_BUSY, until the busy
    /// timeout has passed. SQLite does not call its busy handler where waiting
    /// could deadlock — such as two processes switching a new file to WAL at
    /// once, each holding a shared lock — so such a statement fails at once;
    /// retrying from scratch (no lock held between tries) is safe.
    func retryingWhileBusy<T>(_ body: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(configuration.busyTimeout)
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where error.isBusy && !isInTransaction && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    private func setDBConfig(_ option: Int32, enabled: Bool) throws {
        var current: Int32 = 0
        let code = partnerships_db_config_bool(handle, option, enabled ? 1 : 0, &current)
        guard code == SQLITE_OK else { throw DatabaseError.from(handle, code: code, sql: nil) }
    }

    // MARK: Running SQL

    /// Compiles one statement. Text after the first statement is an error, so
    /// that a second statement is never silently dropped.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: self, sql: sql)
    }

    /// Runs every statement in `sql`, in order. Use for scripts without parameters.
    public func execute(_ sql: String) throws {
        var remaining = Substring(sql)
        while let statement = try Statement.prepareFirst(connection: self, sql: &remaining) {
            while try statement.step() {}
        }
    }

    /// Runs one statement with positional parameters (`?`, `?NNN`).
    public func execute(_ sql: String, _ arguments: [DatabaseValueConvertible]) throws {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        while try statement.step() {}
    }

    /// Runs one statement with named parameters (`:name`).
    public func execute(_ sql: String, named arguments: [String: DatabaseValueConvertible]) throws {
        let statement = try prepare(sql)
        try statement.bind(named: arguments)
        while try statement.step() {}
    }

    /// The first column of the first row, or nil when there is no row.
    public func scalar(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> DatabaseValue? {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        guard try statement.step() else { return nil }
        return statement.value(at: 0)
    }

    /// Every row of a query, for small results.
    public func rows(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> [Row] {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        return try statement.allRows()
    }

    /// Every row of a query with named parameters.
    public func rows(_ sql: String, named arguments: [String: DatabaseValueConvertible]) throws -> [Row] {
        let statement = try prepare(sql)
        try statement.bind(named: arguments)
        return try statement.allRows()
    }

    // MARK: State

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }
    public var totalChanges: Int { Int(sqlite3_total_changes64(handle)) }
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// True between BEGIN and COMMIT/ROLLBACK.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// Makes a running statement stop with SQLITE_INTERRUPT. Safe to call from another thread.
    public func interrupt() { sqlite3_interrupt(handle) }

    /// The version of the SQLite library in use, such as "3.40.1".
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }

    func error(code: Int32, sql: String?) -> DatabaseError {
        DatabaseError.from(handle, code: code, sql: sql)
    }
}
