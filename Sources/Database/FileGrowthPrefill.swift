import CSQLite
import Foundation

/// Writes zeros, on a thread of its own, into the part of the database file
/// that a large write transaction has grown the database into and that its
/// checkpoint will fill, so that the checkpoint overwrites pages the system
/// already holds instead of making new ones.
///
/// Why: in WAL mode every page a transaction writes goes to the WAL, and only
/// the checkpoint after the commit copies it into the file. When the
/// database has grown by hundreds of MB, most of that copy is the kernel
/// creating page-cache pages for the file's new end, one system call per
/// page, on the thread that commits, after all other work is done. Measured
/// on a 2-core machine, checkpointing 110,000 frames took 0.9-1.8 s into a
/// file that had to grow and 0.7 s into one already that long. The zeros
/// are written while the connection's thread still builds indexes, on the
/// core it leaves partly idle, in 64 KiB writes.
///
/// Safe, in WAL mode only, because the zeros go only where nothing else
/// writes meanwhile: from the database size at `start` (the caller's
/// transaction has already begun, so every page at or above it is one of its
/// own new pages, whose contents live in the WAL until the checkpoint after
/// its commit) up to the size the caller reports with `extend(toPages:)`,
/// never past it. Readers ignore bytes past the size the database header
/// gives. If the transaction rolls back or the process dies, the file is
/// merely longer than its database, with zeros, which SQLite accepts
/// (`integrity_check` passes) and a later complete checkpoint cuts off. Write errors (a full disk) stop the prefill
/// quietly: the checkpoint then writes the rest as it always did.
///
/// Writes go through SQLite's own file handle (`SQLITE_FCNTL_FILE_POINTER`,
/// the VFS's `xWrite`): a second descriptor for the file, once closed, would
/// drop the process's POSIX locks on it, SQLite's included.
public final class FileGrowthPrefill: @unchecked Sendable {
    /// Not in a write transaction, not a file, or a VFS that cannot write.
    public struct Unavailable: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "cannot prefill the database file: \(reason)" }
    }

    /// The unix VFS writes at most 128 KiB - 1 bytes a call (it masks the
    /// length with 0x1ffff: a 1 MiB write writes nothing and reports a full disk).
    public static let chunkBytes = 64 << 10

    private let file: UnsafeMutablePointer<sqlite3_file>
    private let write: @convention(c) (UnsafeMutablePointer<sqlite3_file>?, UnsafeRawPointer?, Int32, sqlite3_int64) -> Int32
    private let pageSize: Int64
    private let firstByte: Int64
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var targetBytes: Int64
    private var writtenTo: Int64
    private var stopped = false
    private var exited = false

    /// Starts prefilling from the database's current size, which must be
    /// taken inside the write transaction whose growth is to be prefilled.
    public init(connection: Connection, fromPages start: Int64) throws {
        guard connection.isInTransaction, !connection.isReadOnly else {
            throw Unavailable(reason: "not inside a write transaction")
        }
        // With a rollback journal the pager writes its pages into the file
        // itself during the transaction (whenever its cache spills): zeros
        // written there could land on them. Only in WAL mode does nothing
        // but the checkpoint write the file.
        guard try connection.isInWALMode else { throw Unavailable(reason: "the database is not in WAL mode") }
        guard let (file, methods) = connection.sqliteFile(SQLITE_FCNTL_FILE_POINTER), let write = methods.xWrite
        else { throw Unavailable(reason: "SQLite gave no file handle for the main database") }
        guard let pageSize = try connection.pragma(.pageSize), pageSize > 0 else {
            throw Unavailable(reason: "unknown page size")
        }
        self.file = file
        self.write = write
        self.pageSize = pageSize
        firstByte = start * pageSize
        targetBytes = firstByte
        writtenTo = firstByte
        let thread = Thread { [self] in run() }
        thread.name = "file prefill"
        thread.start()
    }

    /// The database has grown to `pages`: prefill up to there too.
    public func extend(toPages pages: Int64) {
        condition.lock()
        defer { condition.unlock() }
        targetBytes = max(targetBytes, pages * pageSize)
        condition.broadcast()
    }

    /// Bytes written so far.
    public var bytesWritten: Int64 {
        condition.lock()
        defer { condition.unlock() }
        return writtenTo - firstByte
    }

    /// Stops the prefill and waits for its thread (at most one write of
    /// `chunkBytes`); returns how many bytes were prefilled. Call it before
    /// the transaction commits: the checkpoint must find no writer but itself.
    @discardableResult
    public func finish() -> Int64 {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
        while !exited { condition.wait() }
        return writtenTo - firstByte
    }

    private func run() {
        let zeros = UnsafeMutableRawPointer.allocate(byteCount: Self.chunkBytes, alignment: 4096)
        zeros.initializeMemory(as: UInt8.self, repeating: 0, count: Self.chunkBytes)
        defer {
            zeros.deallocate()
            condition.lock()
            exited = true
            condition.broadcast()
            condition.unlock()
        }
        while true {
            condition.lock()
            while !stopped && writtenTo >= targetBytes { condition.wait() }
            if stopped {
                condition.unlock()
                return
            }
            let offset = writtenTo
            let length = Int32(min(Int64(Self.chunkBytes), targetBytes - offset))
            condition.unlock()
            guard write(file, zeros, length, offset) == SQLITE_OK else { return }
            condition.lock()
            writtenTo = offset + Int64(length)
            condition.unlock()
        }
    }
}
