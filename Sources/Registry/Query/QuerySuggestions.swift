import Database

/// "Did you mean" for SQL that names a table, view or column that does not
/// exist (`no such table: agreement`, `no such column: titel`): the names
/// are read from the registry's own schema, so a user's view counts too.
enum QuerySuggestions {
    static let relationsSQL = """
        SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%'
        """
    static let columnsSQL = """
        SELECT DISTINCT c.name FROM sqlite_schema AS s, pragma_table_xinfo(s.name) AS c
        WHERE s.type IN ('table', 'view') AND s.name NOT LIKE 'sqlite%'
        """

    /// "; did you mean 'agreements'?" for SQLite's message, or "".
    static func hint(for message: String, connection: Connection) -> String {
        let sql: String
        var name: Substring
        if message.hasPrefix(noSuchTable) {
            sql = relationsSQL
            name = message.dropFirst(noSuchTable.count)
        } else if message.hasPrefix(noSuchColumn) {
            sql = columnsSQL
            name = message.dropFirst(noSuchColumn.count)
            // "a.titel": the column, not its table's alias.
            if let dot = name.lastIndex(of: ".") { name = name[name.index(after: dot)...] }
        } else {
            return ""
        }
        // Only for a hint: a schema that cannot be read gives none.
        guard let rows = try? connection.rows(sql) else { return "" }
        return Suggestions.phrase(for: String(name), among: rows.compactMap { $0[0].string })
    }

    static let noSuchTable = "no such table: "
    static let noSuchColumn = "no such column: "
}
