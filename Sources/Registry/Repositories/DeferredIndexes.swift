import Database

/// The secondary indexes of a table, dropped for a bulk load and created
/// again before the transaction ends (inside it, so a rollback brings them
/// back as they were). Building an index once is a sort; keeping it up to
/// date row by row is a random write per row.
final class DeferredIndexes {
    static let indexesSQL = """
        SELECT name, sql FROM sqlite_schema
        WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL
        ORDER BY name
        """

    /// Outside a transaction the indexes could stay dropped for good.
    struct NotInTransaction: CategorizedError {
        var category: ErrorCategory { .internal }
        var description: String {
            "DeferredIndexes must run inside a transaction, so that the indexes come back whatever happens"
        }
    }

    private let connection: Connection
    private var dropped: [(name: String, sql: String)] = []

    /// Drops the table's indexes (not its primary key or UNIQUE constraints).
    /// Only inside a transaction, whose rollback brings them back.
    init(connection: Connection, table: String) throws {
        guard connection.isInTransaction else { throw NotInTransaction() }
        self.connection = connection
        for row in try connection.rows(Self.indexesSQL, [table]) {
            guard let name = row[0].string, let sql = row[1].string else { continue }
            dropped.append((name, sql))
        }
        for index in dropped {
            try connection.execute("DROP INDEX \(Self.quoted(index.name))")
        }
    }

    /// Creates the dropped indexes again, with the statements that made them.
    /// SQLite's sorter takes as much memory as the page cache may; a small
    /// cache while sorting keeps the peak memory of a large import flat (the
    /// sorter spills to temporary files instead), and the memory the bulk
    /// load's cache held is given back first.
    /// `built` runs after each index is created.
    func restore(afterEach built: () throws -> Void = {}) throws {
        let pending = dropped
        dropped = []
        guard !pending.isEmpty else { return }
        try connection.withSmallCache(kibibytes: Self.sortCacheKiB) {
            // The sort of millions of entries goes to temporary files, not
            // memory (with temp_store = MEMORY, SQLite's sorter never spills).
            try connection.withPragma(.tempStore, setTo: Self.tempStoreFile) {
                try connection.withPragma(.threads, setTo: 2) {
                    for index in pending {
                        try connection.execute(index.sql)
                        try built()
                    }
                }
            }
        }
    }

    /// 2 MiB.
    static let sortCacheKiB: Int64 = 2048
    /// `PRAGMA temp_store = FILE`.
    static let tempStoreFile: Int64 = 1

    /// An SQL identifier in double quotes (the name comes from sqlite_schema).
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
