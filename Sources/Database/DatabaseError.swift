import CSQLite

/// An error reported by SQLite: the extended result code, SQLite's own
/// message, and the SQL that was running, so a failure can be traced to the
/// statement that caused it.
public struct DatabaseError: CategorizedError, Equatable {
    /// The extended result code, such as 2067 (SQLITE_CONSTRAINT_UNIQUE).
    public let extendedCode: Int32
    /// SQLite's message, such as "UNIQUE constraint failed: institutions.key".
    public let message: String
    /// The SQL being prepared or run, when there was one.
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// The primary result code, such as 19 (SQLITE_CONSTRAINT).
    public var primaryCode: Int32 { extendedCode & 0xFF }

    /// SQLite's English name for the code, such as "constraint failed".
    public var codeDescription: String {
        String(cString: sqlite3_errstr(extendedCode))
    }

    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    public var isInterrupted: Bool { primaryCode == SQLITE_INTERRUPT }

    public var category: ErrorCategory {
        switch primaryCode {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return .busy
        case SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_PERM, SQLITE_AUTH:
            return .databaseUnavailable
        case SQLITE_NOTADB, SQLITE_CORRUPT:
            return .incompatibleDatabase
        default:
            return .internal
        }
    }

    public var description: String {
        var text = "SQLite error \(extendedCode) (\(codeDescription)): \(message)"
        if let sql, !sql.isEmpty {
            let oneLine = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters() }.joined(separator: " ")
            let shown = oneLine.count > 200 ? String(oneLine.prefix(200)) + "…" : oneLine
            text += " — in `\(shown)`"
        }
        return text
    }

    /// Reads the current error of a connection handle.
    static func from(_ handle: OpaquePointer, code: Int32, sql: String?) -> DatabaseError {
        let extended = sqlite3_extended_errcode(handle)
        // sqlite3_extended_errcode reports the most recent error of the
        // connection; when it disagrees with the code we were handed, trust ours.
        let chosen = (extended & 0xFF) == (code & 0xFF) ? extended : code
        let message = sqlite3_errmsg(handle).map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        return DatabaseError(extendedCode: chosen, message: message, sql: sql)
    }
}

extension Substring {
    func trimmingCharacters() -> Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}
