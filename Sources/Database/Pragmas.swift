/// Integer settings (`PRAGMA cache_size = -16384`). SQLite cannot bind a
/// pragma's value, so this is the one place where one is written into SQL:
/// the name must be one of the settings below and the value is an integer,
/// so nothing a user typed can reach the statement.
public enum IntegerPragma: String, Sendable, CaseIterable {
    case cacheSize = "cache_size"
    case tempStore = "temp_store"
    case mmapSize = "mmap_size"
    case userVersion = "user_version"
    case applicationID = "application_id"
    case threads = "threads"
    /// Takes effect only on a database with no page yet (or at a VACUUM outside WAL).
    case pageSize = "page_size"
    /// Read only.
    case pageCount = "page_count"
}

extension Connection {
    /// The setting's current value.
    public func pragma(_ pragma: IntegerPragma) throws -> Int64? {
        try scalar("PRAGMA \(pragma.rawValue)")?.int64
    }

    /// Sets the setting.
    public func setPragma(_ pragma: IntegerPragma, to value: Int64) throws {
        try execute("PRAGMA \(pragma.rawValue) = \(value)")
    }

    /// Runs `body` with the setting changed, then puts the old value back,
    /// whether `body` returns or throws.
    public func withPragma<T>(_ pragma: IntegerPragma, setTo value: Int64, _ body: () throws -> T) throws -> T {
        let saved = try self.pragma(pragma)
        try setPragma(pragma, to: value)
        defer { if let saved { try? setPragma(pragma, to: saved) } }
        return try body()
    }
}
