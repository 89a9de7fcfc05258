import CSQLite

/// Writes zeros past the end of a connection's WAL file, from inside its
/// write transaction, before the transaction writes the frames that will
/// land there.
///
/// Why: every page a large transaction writes goes to the WAL as a frame
/// (24 bytes of header, then the page), and a frame written past the file's
/// end makes the kernel create page-cache pages and reserve blocks for it,
/// one frame at a time, on the writing thread. Measured on a 2-core machine
/// (ext4): 320 MiB of frames took 0.26-0.30 s into a growing file and
/// 0.10-0.14 s into one already that long, and writing that length of
/// zeros in 64 KiB writes took 0.07-0.10 s; in a 1M-agreement import, the
/// writing thread's kernel time fell by 0.28 s with the WAL grown ahead.
///
/// Safe because of where and when the zeros go:
/// - Only past the WAL file's current end, and only on the connection's own
///   thread between its statements: nothing SQLite has written is touched,
///   and SQLite writes nothing meanwhile.
/// - Only in a write transaction, whose WAL write lock keeps every other
///   connection from writing the WAL until it ends (a checkpoint only reads it).
/// - SQLite writes frames in order and later ones overwrite the zeros; it
///   reads only frames it wrote. Recovery (after a crash) reads frames
///   until the first whose salt and checksum do not match, which a frame of
///   zeros never does, so a longer WAL recovers exactly as a shorter one.
///   A complete checkpoint with `journal_size_limit`, or the last connection
///   closing, shortens or deletes the file.
///
/// Writes go through SQLite's own handle for the WAL
/// (`Connection.sqliteFile(_:)`).
public enum WALPrefill {
    /// Not in WAL mode, not in a write transaction, or no WAL handle.
    public struct Unavailable: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "cannot prefill the WAL: \(reason)" }
    }

    /// `FileGrowthPrefill.chunkBytes`: the unix VFS writes at most
    /// 128 KiB - 1 bytes a call.
    public static let chunkBytes = FileGrowthPrefill.chunkBytes

    /// Appends `bytes` of zeros (in whole chunks) to the WAL file of
    /// `connection`, which must be inside a write transaction in WAL mode,
    /// and returns how many were written. Only a speed-up: if a write fails
    /// (a full disk), the file is cut back to its length before and 0 is
    /// returned, leaving SQLite's own writes to meet the problem as before.
    @discardableResult
    public static func extend(_ connection: Connection, by bytes: Int64) throws -> Int64 {
        guard bytes > 0 else { return 0 }
        guard sqlite3_txn_state(connection.handle, "main") == SQLITE_TXN_WRITE else {
            throw Unavailable(reason: "not inside a write transaction")
        }
        guard try connection.isInWALMode else { throw Unavailable(reason: "the database is not in WAL mode") }
        guard let (file, methods) = connection.sqliteFile(SQLITE_FCNTL_JOURNAL_POINTER), let write = methods.xWrite,
              let fileSize = methods.xFileSize, let truncate = methods.xTruncate
        else { throw Unavailable(reason: "SQLite gave no file handle for the WAL") }
        var start: sqlite3_int64 = 0
        guard fileSize(file, &start) == SQLITE_OK else { throw Unavailable(reason: "the WAL's size is unknown") }

        let zeros = UnsafeMutableRawPointer.allocate(byteCount: chunkBytes, alignment: 4096)
        defer { zeros.deallocate() }
        zeros.initializeMemory(as: UInt8.self, repeating: 0, count: chunkBytes)
        let chunks = (bytes + Int64(chunkBytes) - 1) / Int64(chunkBytes)
        for chunk in 0..<chunks {
            guard write(file, zeros, Int32(chunkBytes), start + chunk * Int64(chunkBytes)) == SQLITE_OK else {
                _ = truncate(file, start)
                return 0
            }
        }
        return chunks * Int64(chunkBytes)
    }
}
