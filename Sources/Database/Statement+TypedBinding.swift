import CSQLite

/// Typed binding for hot loops (bulk imports): no `DatabaseValue` is built
/// per value and no array of arguments per row. Indexes start at 1.
extension Statement {
    /// Binds text, or NULL when `value` is nil.
    public func bind(text value: String?, at index: Int) throws {
        let position = Int32(index)
        let code: Int32
        if var value {
            code = value.withUTF8 { buffer -> Int32 in
                guard let base = buffer.baseAddress, buffer.count > 0 else {
                    return sqlite3_bind_text64(handle, position, "", 0, partnerships_transient(), UInt8(SQLITE_UTF8))
                }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    sqlite3_bind_text64(handle, position, chars, sqlite3_uint64(buffer.count),
                                        partnerships_transient(), UInt8(SQLITE_UTF8))
                }
            }
        } else {
            code = sqlite3_bind_null(handle, position)
        }
        guard code == SQLITE_OK else { throw connection.error(code: code, sql: sql) }
    }

    /// Binds an integer, or NULL when `value` is nil.
    public func bind(int64 value: Int64?, at index: Int) throws {
        let position = Int32(index)
        let code = value.map { sqlite3_bind_int64(handle, position, $0) } ?? sqlite3_bind_null(handle, position)
        guard code == SQLITE_OK else { throw connection.error(code: code, sql: sql) }
    }

    /// Resets the statement, lets `bind` set its parameters, and runs it to
    /// the end. For statements that return no rows.
    public func execute(_ bind: (Statement) throws -> Void) throws {
        sqlite3_reset(handle)
        try bind(self)
        while try step() {}
    }

    /// Resets the statement, lets `bind` set its parameters, and steps once:
    /// true when a row is ready to read. Call `reset()` when done with the row.
    public func query(_ bind: (Statement) throws -> Void) throws -> Bool {
        sqlite3_reset(handle)
        try bind(self)
        return try step()
    }
}

extension Statement {
    /// Binds parameters 1, 2, ... in turn to UTF-8 text without copying it:
    /// each value a range of `bytes` (start and end offsets), NULL where the
    /// start is negative. The caller keeps the bytes alive and unchanged
    /// until the statement has been stepped and reset. For the multi-row
    /// INSERTs of a large import, which gather a batch's text in one buffer:
    /// no malloc, copy and free per value, and one call per batch instead of
    /// one per value (a million agreements bind eleven million values).
    public func bind(unsafeTexts bytes: UnsafeBufferPointer<UInt8>, spans: [(start: Int, end: Int)]) throws {
        let base = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
        try spans.withUnsafeBufferPointer { spans in
            for (offset, span) in spans.enumerated() {
                let position = Int32(offset + 1)
                let code: Int32
                if span.start < 0 {
                    code = sqlite3_bind_null(handle, position)
                } else if span.start > span.end || span.end > bytes.count {
                    code = SQLITE_RANGE  // a range outside the buffer: refused, never read
                } else if let base, span.end > span.start {
                    code = sqlite3_bind_text64(handle, position, base + span.start, sqlite3_uint64(span.end - span.start),
                                               nil, UInt8(SQLITE_UTF8))
                } else {
                    code = sqlite3_bind_text64(handle, position, "", 0, nil, UInt8(SQLITE_UTF8))
                }
                guard code == SQLITE_OK else { throw connection.error(code: code, sql: sql) }
            }
        }
    }
}
