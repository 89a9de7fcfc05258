import Database
import TestSupport
import XCTest

final class TransactionTests: XCTestCase {
    struct Boom: Error {}
    var connection: Connection!
    var folder: TemporaryDirectory!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        connection = try Connection(path: folder.path("t.sqlite"))
        try connection.execute("CREATE TABLE t (x INTEGER)")
    }

    private func count() throws -> Int64 { try connection.scalar("SELECT count(*) FROM t")?.int64 ?? -1 }

    func testCommitsWhenTheBodyReturns() throws {
        let result = try connection.transaction { () -> Int in
            try connection.execute("INSERT INTO t VALUES (1)")
            return 7
        }
        XCTAssertEqual(result, 7)
        XCTAssertEqual(try count(), 1)
        XCTAssertFalse(connection.isInTransaction)
    }

    func testRollsBackWhenTheBodyThrows() throws {
        XCTAssertThrowsError(try connection.transaction {
            try connection.execute("INSERT INTO t VALUES (1)")
            throw Boom()
        }) { XCTAssertTrue($0 is Boom) }
        XCTAssertEqual(try count(), 0)
        XCTAssertFalse(connection.isInTransaction)
    }

    func testBodyCanAskForRollback() throws {
        try connection.inTransaction { () -> Connection.Completion in
            try connection.execute("INSERT INTO t VALUES (1)")
            return .rollback
        }
        XCTAssertEqual(try count(), 0)
    }

    func testTransactionIsImmediateSoASecondWriterWaits() throws {
        let other = try Connection(path: folder.path("t.sqlite"), configuration: .init(busyTimeout: 0))
        try connection.transaction {
            // Before this connection has written anything, the lock is already held.
            XCTAssertThrowsError(try other.execute("BEGIN IMMEDIATE")) { error in
                XCTAssertTrue((error as? DatabaseError)?.isBusy ?? false)
            }
        }
    }

    func testNestedSavepointsRollBackOnlyTheInnerWork() throws {
        try connection.transaction {
            try connection.execute("INSERT INTO t VALUES (1)")
            try connection.savepoint {
                try connection.execute("INSERT INTO t VALUES (2)")
                XCTAssertThrowsError(try connection.savepoint {
                    try connection.execute("INSERT INTO t VALUES (3)")
                    throw Boom()
                })
                XCTAssertEqual(try count(), 2)
            }
        }
        XCTAssertEqual(try connection.rows("SELECT x FROM t ORDER BY x").map { $0[0] }, [.integer(1), .integer(2)])
    }

    func testSavepointOutsideATransactionCommitsOnRelease() throws {
        try connection.savepoint { try connection.execute("INSERT INTO t VALUES (1)") }
        XCTAssertEqual(try count(), 1)
        XCTAssertThrowsError(try connection.savepoint {
            try connection.execute("INSERT INTO t VALUES (2)")
            throw Boom()
        })
        XCTAssertEqual(try count(), 1)
        XCTAssertFalse(connection.isInTransaction)
    }
}
