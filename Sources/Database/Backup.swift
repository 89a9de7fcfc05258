import CSQLite
import Foundation

extension Connection {
    /// Copies this connection's main database into `destination`'s main
    /// database with SQLite's online backup API, replacing what it held.
    ///
    /// The copy is made in one `sqlite3_backup_step(-1)` call, which reads the
    /// whole source inside one read transaction: with WAL, writers in other
    /// processes go on working and the copy is the last committed state, never
    /// a mix (a copy made in several steps would restart on every foreign
    /// commit). Waits up to `busyTimeout` when the source or destination is locked.
    public func backup(to destination: Connection, busyTimeout: TimeInterval? = nil) throws {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            // The error of a failed init is recorded on the destination connection.
            throw destination.error(code: sqlite3_errcode(destination.handle), sql: nil)
        }
        let deadline = Date().addingTimeInterval(busyTimeout ?? configuration.busyTimeout)
        var code: Int32
        repeat {
            code = sqlite3_backup_step(backup, -1)
            let primary = code & 0xFF
            guard primary == SQLITE_BUSY || primary == SQLITE_LOCKED, Date() < deadline else { break }
            Thread.sleep(forTimeInterval: 0.02)
        } while true
        // finish releases the locks and reports the first error of the whole backup.
        let finished = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE else {
            throw DatabaseError(extendedCode: code, message: "could not copy '\(path)': \(String(cString: sqlite3_errstr(code)))")
        }
        guard finished == SQLITE_OK else {
            throw destination.error(code: finished, sql: nil)
        }
    }
}
