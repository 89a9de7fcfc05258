import Database
import Foundation

/// Every row of every table of a registry as text, to prove that a command
/// changed nothing (content, not bytes: a checkpoint may move pages).
enum RegistryDump {
    static func of(_ path: String) throws -> String {
        let connection = try Connection(path: path, configuration: .init(mode: .readOnly, walMode: false))
        let tables = try connection.rows(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .compactMap { $0[0].string }
        var lines: [String] = []
        for table in tables {
            // Table names come from the schema, not from input; an identifier
            // cannot be a bound parameter. Ordering by every column makes the
            // dump independent of storage order (WITHOUT ROWID tables too).
            let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let columns = try connection.rows("SELECT count(*) FROM pragma_table_info(?)", [table]).first?[0].int64 ?? 1
            let order = (1...max(1, Int(columns))).map(String.init).joined(separator: ", ")
            let rows = try connection.rows("SELECT * FROM \(quoted) ORDER BY \(order)")
            lines.append("\(table): \(rows.count) rows")
            lines += rows.map { "  " + $0.description }
        }
        return lines.joined(separator: "\n")
    }
}
