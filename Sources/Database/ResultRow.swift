import CSQLite

/// The current row of a statement, read in place. Writers that encode rows
/// themselves (CSV, JSON) read text as the UTF-8 bytes SQLite holds, so a
/// long report does not turn every value into a String first.
public protocol ResultRow {
    /// The number of columns.
    var count: Int { get }
    /// The column in its own storage class.
    func value(at index: Int) -> DatabaseValue
    /// The column when it holds an INTEGER; nil for any other storage class.
    func integer(at index: Int) -> Int64?
    /// Calls `body` with the column's UTF-8 bytes when it holds TEXT and
    /// returns its result; nil (without calling `body`) for any other
    /// storage class. The bytes are valid only inside `body`.
    func withText<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result?
}

extension ResultRow {
    /// Every column in its own storage class, in `values` (emptied first,
    /// its storage kept for the next row).
    public func values(into values: inout [DatabaseValue]) {
        values.removeAll(keepingCapacity: true)
        for index in 0..<count { values.append(value(at: index)) }
    }
}

extension Statement: ResultRow {
    public var count: Int { columnCount }

    public func integer(at index: Int) -> Int64? {
        guard sqlite3_column_type(handle, Int32(index)) == SQLITE_INTEGER else { return nil }
        return sqlite3_column_int64(handle, Int32(index))
    }

    public func withText<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        let column = Int32(index)
        guard sqlite3_column_type(handle, column) == SQLITE_TEXT else { return nil }
        // column_text before column_bytes, as SQLite documents, so the count is of the UTF-8 form.
        guard let text = sqlite3_column_text(handle, column) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }
}
