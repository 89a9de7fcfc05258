import Database

/// Which rows of a table this import has already written, to catch a file
/// that names the same row twice, in little memory: rows created by this
/// import are those above the largest id at the start; rows that existed are
/// marked in a bitset (1 MiB covers 8 million rows).
struct TouchedRows {
    private let baseline: Int64
    private var bits: [UInt64]

    init(connection: Connection, table: String) throws {
        // `table` is one of our own table names, never input.
        baseline = try connection.scalar("SELECT coalesce(max(id), 0) FROM \(table)")?.int64 ?? 0
        bits = Array(repeating: 0, count: Int(baseline / 64) + 1)
    }

    /// Marks the row; false when it was already written by this import.
    mutating func touch(_ id: Int64) -> Bool {
        guard id <= baseline, id >= 0 else { return false }
        let word = Int(id / 64), mask = UInt64(1) << UInt64(id % 64)
        if bits[word] & mask != 0 { return false }
        bits[word] |= mask
        return true
    }

    /// True when the row was created by this import.
    func isNew(_ id: Int64) -> Bool { id > baseline }
}
