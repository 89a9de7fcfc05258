import Database
import Foundation
import TestSupport
import XCTest

/// `WALPrefill` writes zeros past the end of the WAL inside a write
/// transaction: the frames written after them overwrite them, and the
/// database reads, commits, rolls back and recovers from a crash exactly as
/// without them.
final class WALPrefillTests: XCTestCase {
    var folder: TemporaryDirectory!

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder = nil }

    private var path: String { folder.path("w.sqlite") }
    private var walSize: Int64 { TestSupport.fileSize(atPath: path + "-wal") }

    /// Rows of about 1 KB.
    private func fill(_ connection: Connection, rows: Int, from first: Int) throws {
        try connection.execute("""
            WITH RECURSIVE n (i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
            INSERT INTO t (id, v) SELECT i, printf('%.1000d', i) FROM n
            """, [Int64(first), Int64(first + rows - 1)])
    }

    /// 100 rows, checkpointed, with a WAL of length zero; no automatic
    /// checkpoint (so that committed frames stay in the WAL, where a copy of
    /// the files finds them), and a page cache small enough that the
    /// transaction's pages go to the WAL while it runs.
    private func connection() throws -> Connection {
        let connection = try Connection(path: path)
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
        try fill(connection, rows: 100, from: 1)
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint = 0; PRAGMA cache_size = 50")
        return connection
    }

    /// The database file and its WAL as a crash at this moment would leave
    /// them (no shared-memory index: the next opener recovers from the WAL).
    private func copyOfTheFiles(named name: String) throws -> String {
        let copy = folder.path(name)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        return copy
    }

    private func count(_ connection: Connection) throws -> Int64? {
        try connection.scalar("SELECT count(*) FROM t")?.int64
    }

    func testFramesOverwriteTheZerosAndACommittedWALRecoversWhole() throws {
        let connection = try connection()
        let reader = try Connection(path: path)
        try connection.inTransaction(.immediate) { () -> Connection.Completion in
            try fill(connection, rows: 1_000, from: 1_000)
            let before = walSize
            XCTAssertGreaterThan(before, 0, "the small cache has spilled frames into the WAL")
            XCTAssertEqual(try WALPrefill.extend(connection, by: 8 << 20), 8 << 20)
            XCTAssertEqual(walSize, before + (8 << 20))
            try fill(connection, rows: 4_000, from: 10_000)
            XCTAssertEqual(walSize, before + (8 << 20), "the frames went where the zeros were")
            XCTAssertEqual(try count(reader), 100, "another connection still reads the last commit")
            return .commit
        }
        XCTAssertEqual(try count(reader), 5_100)
        XCTAssertEqual(try reader.scalar("PRAGMA integrity_check")?.string, "ok")

        // Committed frames, then zeros: a process opening these files after
        // a crash rebuilds its index from the WAL's frames and stops at the zeros.
        let recovered = try Connection(path: try copyOfTheFiles(named: "committed.sqlite"))
        XCTAssertEqual(try count(recovered), 5_100)
        XCTAssertEqual(try recovered.scalar("PRAGMA integrity_check")?.string, "ok")
        XCTAssertEqual(try recovered.scalar("SELECT v FROM t WHERE id = 13999")?.string,
                       String(repeating: "0", count: 995) + "13999")
    }

    func testACrashInTheTransactionRecoversTheLastCommit() throws {
        let connection = try connection()
        var copy = ""
        try connection.inTransaction(.immediate) { () -> Connection.Completion in
            try fill(connection, rows: 1_000, from: 1_000)
            try WALPrefill.extend(connection, by: 4 << 20)
            try fill(connection, rows: 2_000, from: 10_000)
            copy = try copyOfTheFiles(named: "crashed.sqlite")
            return .rollback
        }
        let recovered = try Connection(path: copy)
        XCTAssertEqual(try count(recovered), 100)
        XCTAssertEqual(try recovered.scalar("PRAGMA integrity_check")?.string, "ok")
        try fill(recovered, rows: 10, from: 500)
        XCTAssertEqual(try count(recovered), 110, "and takes new writes")

        XCTAssertEqual(try count(connection), 100, "the rollback left the last commit")
        XCTAssertEqual(try connection.scalar("PRAGMA integrity_check")?.string, "ok")
        try fill(connection, rows: 3_000, from: 20_000)
        XCTAssertEqual(try count(connection), 3_100)
    }

    /// Outside a write transaction another connection may be writing the WAL.
    func testOnlyInsideAWriteTransaction() throws {
        let connection = try connection()
        XCTAssertThrowsError(try WALPrefill.extend(connection, by: 1 << 20)) { error in
            XCTAssertEqual((error as? WALPrefill.Unavailable)?.reason, "not inside a write transaction")
        }
        try connection.inTransaction(.deferred) { () -> Connection.Completion in
            _ = try count(connection)
            XCTAssertThrowsError(try WALPrefill.extend(connection, by: 1 << 20), "a read transaction")
            return .commit
        }
        XCTAssertEqual(walSize, 0)
    }

    /// With a rollback journal there is no WAL to grow.
    func testOnlyInWALMode() throws {
        let connection = try Connection(path: folder.path("journal.sqlite"), configuration: .init(walMode: false))
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
        try connection.inTransaction(.immediate) { () -> Connection.Completion in
            XCTAssertThrowsError(try WALPrefill.extend(connection, by: 1 << 20)) { error in
                XCTAssertEqual((error as? WALPrefill.Unavailable)?.reason, "the database is not in WAL mode")
            }
            return .rollback
        }
    }
}
