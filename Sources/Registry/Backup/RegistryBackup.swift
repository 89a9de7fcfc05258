import Database
import Foundation

/// `partnerships backup`: a consistent, verified copy of a live registry.
///
/// The copy is written to a temporary file beside the target, checked with
/// `PRAGMA integrity_check`, and only then renamed over the target, so a
/// failed or interrupted backup never leaves a half-written file under the
/// target's name (and never touches an existing target).
public enum RegistryBackup {
    public struct Outcome: Sendable {
        public let path: String
        public let bytes: Int64
        public let pages: Int64
        /// Whether an existing file was replaced (`--force`).
        public let replaced: Bool
    }

    /// Journals SQLite would replay into a file of the same name.
    static let journalSuffixes = ["-wal", "-journal"]
    /// Every file SQLite may create beside a database.
    static let siblingSuffixes = ["-wal", "-shm", "-journal"]

    /// Copies the registry open on `source` to `target`.
    public static func backup(_ source: Connection, to target: String, force: Bool,
                              busyTimeout: TimeInterval = 5) throws -> Outcome {
        let fileManager = FileManager.default
        let targetURL = URL(fileURLWithPath: target).standardizedFileURL
        let folder = targetURL.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: target, isDirectory: &isFolder), isFolder.boolValue {
            throw BackupError.targetIsFolder(path: target)
        }
        guard fileManager.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw BackupError.missingFolder(path: target, folder: folder.path)
        }
        let exists = fileManager.fileExists(atPath: target)
        if exists, sameFile(target, source.path) {
            throw BackupError.targetIsSource(path: target)
        }
        if exists && !force {
            throw BackupError.targetExists(path: target)
        }
        for suffix in journalSuffixes where fileManager.fileExists(atPath: target + suffix) {
            throw BackupError.targetInUse(path: target, journal: target + suffix)
        }

        // A hidden name in the same folder, so the final rename stays on one file system.
        let temporary = folder.appendingPathComponent(".\(targetURL.lastPathComponent).\(UUID().uuidString).partial").path
        var renamed = false
        defer {
            if !renamed { removeDatabaseFiles(temporary) }
        }
        try writeCopy(of: source, to: temporary, busyTimeout: busyTimeout)
        let pages = try verify(temporary, source: source.path)
        guard rename(temporary, target) == 0 else {
            throw BackupError.cannotWrite(path: target, reason: String(cString: strerror(errno)))
        }
        renamed = true
        syncFolder(folder.path)
        let bytes = (try? fileManager.attributesOfItem(atPath: target)[.size] as? NSNumber)?.int64Value ?? 0
        return Outcome(path: target, bytes: bytes, pages: pages, replaced: exists)
    }

    private static func writeCopy(of source: Connection, to temporary: String, busyTimeout: TimeInterval) throws {
        let copy: Connection
        do {
            copy = try Connection(path: temporary, configuration: .init(mode: .readWriteCreate, walMode: false))
        } catch let error as DatabaseError {
            throw BackupError.cannotWrite(path: temporary, reason: error.message)
        }
        do {
            try source.backup(to: copy, busyTimeout: busyTimeout)
            // The pages carry the registry's WAL flag; a backup is one
            // self-contained file, readable from read-only media, so it is
            // switched back to a rollback journal. The registry returns to
            // WAL the first time partnerships opens it for writing.
            try copy.execute("PRAGMA journal_mode = DELETE")
        } catch let error as DatabaseError where !error.isBusy {
            throw BackupError.cannotWrite(path: temporary, reason: error.message)
        }
    }

    /// Opens the finished copy on its own and runs the full integrity check.
    private static func verify(_ temporary: String, source: String) throws -> Int64 {
        let check = try Connection(path: temporary, configuration: .init(mode: .readOnly, walMode: false))
        let results = try check.rows("PRAGMA integrity_check").compactMap { $0[0].string }
        guard results == ["ok"] else {
            throw BackupError.integrityCheckFailed(source: source, problem: results.prefix(3).joined(separator: "; "))
        }
        return try check.scalar("PRAGMA page_count")?.int64 ?? 0
    }

    static func sameFile(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    static func removeDatabaseFiles(_ path: String) {
        for suffix in [""] + siblingSuffixes {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    /// Makes the rename itself durable: without it a power cut could bring the old name back.
    private static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
