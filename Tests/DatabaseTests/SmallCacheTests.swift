import Database
import TestSupport
import XCTest

/// `withSmallCache` writes the page cache's dirty pages out in the middle of
/// a transaction: they must stay that transaction's, to commit or roll back.
final class SmallCacheTests: XCTestCase {
    var folder: TemporaryDirectory!

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder = nil }

    /// Rows of about 1 KB, enough to fill a 4 MiB cache several times over.
    private func fill(_ connection: Connection, rows: Int) throws {
        try connection.execute("""
            WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO t (v) SELECT printf('%.1000d', i) FROM n
            """, [Int64(rows)])
    }

    private func connection() throws -> Connection {
        let connection = try Connection(path: folder.path("c.sqlite"))
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
        try connection.setPragma(.cacheSize, to: -4096)
        return connection
    }

    func testFlushedPagesRollBackWithTheTransaction() throws {
        let connection = try connection()
        try connection.inTransaction(.immediate) { () -> Connection.Completion in
            try fill(connection, rows: 20_000)
            let seen = try connection.withSmallCache(kibibytes: 512) {
                (try connection.pragma(.cacheSize), try connection.scalar("SELECT count(*) FROM t")?.int64)
            }
            XCTAssertEqual(seen.0, -512)
            XCTAssertEqual(seen.1, 20_000)
            return .rollback
        }
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM t")?.int64, 0)
        XCTAssertEqual(try connection.pragma(.cacheSize), -4096)
        XCTAssertEqual(try connection.scalar("PRAGMA integrity_check")?.string, "ok")
    }

    func testFlushedPagesCommitWithTheTransaction() throws {
        let connection = try connection()
        try connection.transaction(.immediate) {
            try fill(connection, rows: 20_000)
            try connection.withSmallCache(kibibytes: 512) { try fill(connection, rows: 5_000) }
        }
        let reopened = try Connection(path: folder.path("c.sqlite"))
        XCTAssertEqual(try reopened.scalar("SELECT count(*) FROM t")?.int64, 25_000)
        XCTAssertEqual(try reopened.scalar("PRAGMA integrity_check")?.string, "ok")
    }

    func testTheCacheSizeComesBackWhenTheBodyThrows() throws {
        struct Failure: Error {}
        let connection = try connection()
        XCTAssertThrowsError(try connection.withSmallCache(kibibytes: 512) { throw Failure() })
        XCTAssertEqual(try connection.pragma(.cacheSize), -4096)
    }
}
