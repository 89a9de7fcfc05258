import Database
import Foundation
import TestSupport
import XCTest

/// `FileGrowthPrefill` writes zeros past the database's end while a
/// transaction grows it: the database must read, commit, roll back and
/// check exactly as without it.
final class FileGrowthPrefillTests: XCTestCase {
    var folder: TemporaryDirectory!

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder = nil }

    private var path: String { folder.path("p.sqlite") }

    private func fileSize() -> Int64 { TestSupport.fileSize(atPath: path) }

    /// Rows of about 1 KB.
    private func fill(_ connection: Connection, rows: Int, from first: Int = 1) throws {
        try connection.execute("""
            WITH RECURSIVE n (i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
            INSERT INTO t (id, v) SELECT i, printf('%.1000d', i) FROM n
            """, [Int64(first), Int64(first + rows - 1)])
    }

    /// Waits (a few seconds at most) until `prefill` has written `bytes`.
    private func wait(for prefill: FileGrowthPrefill, toWrite bytes: Int64) {
        let deadline = Date().addingTimeInterval(10)
        while prefill.bytesWritten < bytes && Date() < deadline { Thread.sleep(forTimeInterval: 0.002) }
    }

    private func connection() throws -> Connection {
        let connection = try Connection(path: path)
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
        try fill(connection, rows: 100)
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return connection
    }

    func testTheGrowthIsPrefilledAndTheCommittedFileIsExactlyTheDatabase() throws {
        let connection = try connection()
        let sizeBefore = fileSize()
        var prefilled: Int64 = 0
        try connection.inTransaction(.immediate) { () -> Connection.Completion in
            let start = try connection.pragma(.pageCount) ?? 0
            XCTAssertEqual(start * (try connection.pragma(.pageSize) ?? 0), sizeBefore)
            try fill(connection, rows: 5_000, from: 1_000)
            let prefill = try FileGrowthPrefill(connection: connection, fromPages: start)
            prefill.extend(toPages: try connection.pragma(.pageCount) ?? 0)
            try fill(connection, rows: 3_000, from: 10_000)   // reads and writes go on meanwhile
            let pages = try connection.pragma(.pageCount) ?? 0
            prefill.extend(toPages: pages)
            wait(for: prefill, toWrite: (pages - start) * (try connection.pragma(.pageSize) ?? 0))
            XCTAssertEqual(try connection.scalar("SELECT count(*) FROM t")?.int64, 8_100)
            prefilled = prefill.finish()
            // In the WAL, the new pages; in the file, zeros where they will go.
            XCTAssertGreaterThan(fileSize(), sizeBefore + 4_000_000)
            XCTAssertEqual(fileSize(), sizeBefore + prefilled)
            return .commit
        }
        XCTAssertGreaterThan(prefilled, 4_000_000, "the 5,000 rows' pages at least")
        let pages = try connection.pragma(.pageCount) ?? 0
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        XCTAssertEqual(fileSize(), pages * (try connection.pragma(.pageSize) ?? 0), "the checkpoint cut nothing and left nothing")
        XCTAssertEqual(try connection.scalar("PRAGMA integrity_check")?.string, "ok")
        XCTAssertEqual(try connection.scalar("SELECT sum(length(v)) FROM t")?.int64, 8_100 * 1_000)
        XCTAssertEqual(try connection.scalar("SELECT v FROM t WHERE id = 12999")?.string, String(repeating: "0", count: 995) + "12999")
    }

    func testARolledBackTransactionLeavesALongerFileThatSQLiteAccepts() throws {
        let connection = try connection()
        let pagesBefore = try connection.pragma(.pageCount)
        try connection.inTransaction(.immediate) { () -> Connection.Completion in
            let start = try connection.pragma(.pageCount) ?? 0
            try fill(connection, rows: 2_000, from: 1_000)
            let prefill = try FileGrowthPrefill(connection: connection, fromPages: start)
            prefill.extend(toPages: try connection.pragma(.pageCount) ?? 0)
            wait(for: prefill, toWrite: 1)
            XCTAssertGreaterThan(prefill.finish(), 0)
            return .rollback
        }
        XCTAssertEqual(try connection.pragma(.pageCount), pagesBefore)
        XCTAssertEqual(try connection.scalar("PRAGMA integrity_check")?.string, "ok")
        // Another connection, and a later write, see the database as it was.
        let other = try Connection(path: path)
        XCTAssertEqual(try other.scalar("SELECT count(*) FROM t")?.int64, 100)
        XCTAssertEqual(try other.scalar("PRAGMA integrity_check")?.string, "ok")
        try fill(other, rows: 10, from: 500)
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM t")?.int64, 110)
    }

    func testOnlyInsideAWriteTransaction() throws {
        let connection = try connection()
        XCTAssertThrowsError(try FileGrowthPrefill(connection: connection, fromPages: 1)) { error in
            XCTAssertTrue(error is FileGrowthPrefill.Unavailable)
        }
    }

    /// With a rollback journal, spilled pages go straight into the file
    /// during the transaction, where zeros could overwrite them: refused.
    func testOnlyInWALMode() throws {
        let connection = try Connection(path: folder.path("journal.sqlite"), configuration: .init(walMode: false))
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
        try connection.inTransaction(.immediate) { () -> Connection.Completion in
            XCTAssertThrowsError(try FileGrowthPrefill(connection: connection, fromPages: 1)) { error in
                XCTAssertEqual((error as? FileGrowthPrefill.Unavailable)?.reason, "the database is not in WAL mode")
            }
            return .rollback
        }
    }
}
