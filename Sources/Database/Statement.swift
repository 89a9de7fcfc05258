import CSQLite
import Foundation

/// A compiled SQL statement. It is finalized when the last reference goes
/// away, so a statement can never leak, whatever path the code takes.
public final class Statement {
    let handle: OpaquePointer
    /// Keeps the connection open for as long as the statement lives.
    public let connection: Connection
    public let sql: String

    init(connection: Connection, sql: String) throws {
        var remaining = Substring(sql)
        guard let (handle, _) = try Statement.compile(connection: connection, sql: &remaining) else {
            throw DatabaseError(extendedCode: SQLITE_MISUSE, message: "no SQL statement to run", sql: sql)
        }
        // A second statement in the text would be silently ignored by SQLite: refuse it.
        if let (extra, _) = try Statement.compile(connection: connection, sql: &remaining) {
            sqlite3_finalize(extra)
            sqlite3_finalize(handle)
            throw DatabaseError(extendedCode: SQLITE_MISUSE,
                                message: "expected one SQL statement, found more; run them one at a time", sql: sql)
        }
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    private init(handle: OpaquePointer, connection: Connection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Compiles the first statement of `sql` and moves `sql` past it. Returns
    /// nil when only white space and comments are left.
    static func prepareFirst(connection: Connection, sql: inout Substring) throws -> Statement? {
        guard let (handle, text) = try compile(connection: connection, sql: &sql) else { return nil }
        return Statement(handle: handle, connection: connection, sql: text)
    }

    private static func compile(connection: Connection, sql: inout Substring) throws -> (OpaquePointer, String)? {
        while !sql.isEmpty {
            let text = String(sql)
            var compiled: OpaquePointer?
            var consumed = 0
            let code = text.withCString { base -> Int32 in
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v3(connection.handle, base, -1, 0, &compiled, &tail)
                if let tail { consumed = base.distance(to: tail) }
                return code
            }
            guard code == SQLITE_OK else {
                if let compiled { sqlite3_finalize(compiled) }
                throw connection.error(code: code, sql: text)
            }
            let utf8 = sql.utf8
            let end = utf8.index(utf8.startIndex, offsetBy: consumed, limitedBy: utf8.endIndex) ?? utf8.endIndex
            let statementText = String(decoding: utf8[utf8.startIndex..<end], as: UTF8.self)
            sql = sql[end...]
            if let compiled {
                return (compiled, statementText.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if consumed == 0 { return nil }
        }
        return nil
    }

    // MARK: Parameters

    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The parameter names in order, with their prefix (":name"); nil for a `?` parameter.
    public var parameterNames: [String?] {
        (0..<Int32(parameterCount)).map { index in
            sqlite3_bind_parameter_name(handle, index + 1).map { String(cString: $0) }
        }
    }

    /// Binds every parameter by position. The count must match the statement's.
    public func bind(_ arguments: [DatabaseValueConvertible]) throws {
        guard arguments.count == parameterCount else {
            throw DatabaseError(extendedCode: SQLITE_RANGE,
                                message: "the statement has \(parameterCount) parameter(s) but \(arguments.count) value(s) were given",
                                sql: sql)
        }
        for (index, argument) in arguments.enumerated() {
            try bind(argument, at: index + 1)
        }
    }

    /// Binds every parameter by name. Keys may be given with or without the
    /// leading `:`, `@` or `$`. A missing or an unused name is an error.
    public func bind(named arguments: [String: DatabaseValueConvertible]) throws {
        var unused = Set(arguments.keys)
        var missing: [String] = []
        for (offset, name) in parameterNames.enumerated() {
            guard let name else {
                throw DatabaseError(extendedCode: SQLITE_RANGE,
                                    message: "parameter \(offset + 1) is positional (?); bind it by position", sql: sql)
            }
            let bare = String(name.dropFirst())
            let key = arguments[name] != nil ? name : bare
            if let value = arguments[key] {
                unused.remove(key)
                try bind(value, at: offset + 1)
            } else {
                missing.append(name)
            }
        }
        if !missing.isEmpty {
            throw DatabaseError(extendedCode: SQLITE_RANGE,
                                message: "no value for parameter(s) \(missing.joined(separator: ", "))", sql: sql)
        }
        if !unused.isEmpty {
            throw DatabaseError(extendedCode: SQLITE_RANGE,
                                message: "the statement has no parameter(s) named \(unused.sorted().joined(separator: ", "))",
                                sql: sql)
        }
    }

    /// Binds one parameter; `index` starts at 1, as in SQLite.
    public func bind(_ argument: DatabaseValueConvertible, at index: Int) throws {
        let position = Int32(index)
        let code: Int32
        switch argument.databaseValue {
        case .null:
            code = sqlite3_bind_null(handle, position)
        case .integer(let value):
            code = sqlite3_bind_int64(handle, position, value)
        case .real(let value):
            code = sqlite3_bind_double(handle, position, value)
        case .text(let value):
            code = bindText(value, at: position)
        case .blob(let value):
            code = value.withUnsafeBytes { bytes -> Int32 in
                // An empty Data has no base address; a zero-length blob keeps it a blob, not NULL.
                guard let base = bytes.baseAddress, bytes.count > 0 else {
                    return sqlite3_bind_zeroblob(handle, position, 0)
                }
                return sqlite3_bind_blob64(handle, position, base, sqlite3_uint64(bytes.count), partnerships_transient())
            }
        }
        guard code == SQLITE_OK else { throw connection.error(code: code, sql: sql) }
    }

    /// Binds text with its byte length, so an embedded NUL is kept.
    private func bindText(_ value: String, at position: Int32) -> Int32 {
        var value = value
        return value.withUTF8 { buffer -> Int32 in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return sqlite3_bind_text64(handle, position, "", 0, partnerships_transient(), UInt8(SQLITE_UTF8))
            }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                sqlite3_bind_text64(handle, position, chars, sqlite3_uint64(buffer.count),
                                    partnerships_transient(), UInt8(SQLITE_UTF8))
            }
        }
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() { sqlite3_clear_bindings(handle) }

    // MARK: Running

    /// Runs the statement one step. Returns true when a row is ready to read,
    /// false when the statement is done.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.error(code: code, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Makes the statement ready to run again; bindings are kept.
    public func reset() { sqlite3_reset(handle) }

    /// Resets, binds, and runs a statement that returns no rows: the loop body of a bulk insert.
    public func run(_ arguments: [DatabaseValueConvertible]) throws {
        sqlite3_reset(handle)
        try bind(arguments)
        while try step() {}
    }

    /// True when the statement cannot change the database.
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// How many times SQLite has compiled this statement again since it was
    /// prepared, because the schema changed or was reset under it (a
    /// rollback to a savepoint, in a transaction that changed the schema,
    /// makes SQLite read the whole schema again and recompile every statement).
    public var reprepareCount: Int { Int(sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)) }

    // MARK: Columns

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public private(set) lazy var columnNames: [String] = (0..<Int32(columnCount)).map { index in
        sqlite3_column_name(handle, index).map { String(cString: $0) } ?? "column\(index + 1)"
    }

    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    public func int64(at index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }

    public func double(at index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }

    /// The column as text, or nil when it is NULL. Reads by byte length, so
    /// text with an embedded NUL comes back whole.
    public func string(at index: Int) -> String? {
        let column = Int32(index)
        guard sqlite3_column_type(handle, column) != SQLITE_NULL,
              let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column as bytes, or nil when it is NULL.
    public func data(at index: Int) -> Data? {
        let column = Int32(index)
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    /// The column in its own storage class.
    public func value(at index: Int) -> DatabaseValue {
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT: return string(at: index).map(DatabaseValue.text) ?? .null
        case SQLITE_BLOB: return data(at: index).map(DatabaseValue.blob) ?? .null
        default: return .null
        }
    }

    /// The current row.
    public func row() -> Row {
        Row(columnNames: columnNames, values: (0..<columnCount).map(value(at:)))
    }

    /// Steps to the end and returns every row.
    public func allRows() throws -> [Row] {
        var rows: [Row] = []
        while try step() { rows.append(row()) }
        return rows
    }
}
