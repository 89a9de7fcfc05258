import CSQLite

/// SQLite's own file handles, for the prefills (`FileGrowthPrefill`,
/// `WALPrefill`), which write through them: a second descriptor for a
/// database file, once closed, would drop the process's POSIX locks on it,
/// SQLite's included.
extension Connection {
    /// True when the main database is in WAL mode.
    var isInWALMode: Bool {
        get throws { try scalar("PRAGMA journal_mode")?.string?.lowercased() == "wal" }
    }

    /// The handle and methods of the main database's file
    /// (`SQLITE_FCNTL_FILE_POINTER`) or of its journal, the WAL in WAL mode
    /// (`SQLITE_FCNTL_JOURNAL_POINTER`); nil when SQLite gives none.
    func sqliteFile(_ operation: Int32) -> (file: UnsafeMutablePointer<sqlite3_file>, methods: sqlite3_io_methods)? {
        var pointer: UnsafeMutableRawPointer?
        guard sqlite3_file_control(handle, "main", operation, &pointer) == SQLITE_OK,
              let file = pointer?.assumingMemoryBound(to: sqlite3_file.self), let methods = file.pointee.pMethods
        else { return nil }
        return (file, methods.pointee)
    }
}
