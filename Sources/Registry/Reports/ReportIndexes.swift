import Database

/// The indexes migration 0003 puts on `agreements` for the reports (dates
/// as periods). Kept up row by row they make a large
/// import slower, because every new row lands somewhere random in each of
/// them; built once after the load they cost much less. The full-text
/// triggers stay in place either way, so search is never out of step.
public enum ReportIndexes {
    public static let deferrable = [
        "agreements_signed_start", "agreements_effective_start", "agreements_expires_end",
    ]

    public struct NotInTransaction: CategorizedError {
        public var category: ErrorCategory { .internal }
        public var description: String {
            "ReportIndexes.deferred must run inside a transaction, so that the indexes come back whatever happens"
        }
    }

    /// Runs `body` (a bulk load) with the report indexes dropped, then
    /// creates them again from their own saved definitions. Must run inside
    /// a transaction: if `body` throws, rolling back restores the indexes.
    @discardableResult
    public static func deferred<T>(on connection: Connection, _ body: () throws -> T) throws -> T {
        guard connection.isInTransaction else { throw NotInTransaction() }
        let placeholders = Array(repeating: "?", count: deferrable.count).joined(separator: ", ")
        let saved = try connection.rows(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name IN (\(placeholders)) ORDER BY name",
            deferrable)
        for index in saved {
            guard let name = index["name"].string, deferrable.contains(name) else { continue }
            // The name comes from the fixed list above, never from input.
            try connection.execute("DROP INDEX \(name)")
        }
        let result = try body()
        for index in saved {
            if let sql = index["sql"].string { try connection.execute(sql) }
        }
        return result
    }
}
