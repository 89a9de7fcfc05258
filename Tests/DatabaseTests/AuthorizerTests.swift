import CSQLite
@testable import Database
import XCTest

final class AuthorizerTests: XCTestCase {
    func testTheAuthorizerSeesEachActionAndCanDenyIt() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (x)")
        var seen: [AuthorizerRequest] = []
        connection.setAuthorizer { request in
            seen.append(request)
            return request.action == SQLITE_INSERT ? .deny : .allow
        }
        XCTAssertThrowsError(try connection.execute("INSERT INTO t VALUES (1)")) { error in
            XCTAssertEqual((error as? DatabaseError)?.primaryCode, SQLITE_AUTH)
        }
        XCTAssertTrue(seen.contains(AuthorizerRequest(action: SQLITE_INSERT, first: "t", second: nil, database: "main", cause: nil)))
        XCTAssertNoThrow(try connection.scalar("SELECT count(*) FROM t"))
        XCTAssertTrue(seen.contains { $0.action == SQLITE_READ && $0.first == "t" } || seen.contains { $0.action == SQLITE_SELECT })
        connection.setAuthorizer(nil)
        XCTAssertNoThrow(try connection.execute("INSERT INTO t VALUES (1)"))
    }

    func testIgnoreReadsNull() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (secret); INSERT INTO t VALUES ('x')")
        connection.setAuthorizer { $0.action == SQLITE_READ && $0.second == "secret" ? .ignore : .allow }
        XCTAssertEqual(try connection.scalar("SELECT secret FROM t"), .null)
    }

    func testTheProgressHandlerInterruptsALongStatement() throws {
        let connection = try Connection(path: ":memory:")
        var calls = 0
        connection.setProgressHandler(every: 100) {
            calls += 1
            return calls > 10
        }
        XCTAssertThrowsError(try connection.scalar(
            "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT count(*) FROM c")) { error in
            XCTAssertTrue((error as? DatabaseError)?.isInterrupted ?? false, "\(error)")
        }
        connection.setProgressHandler(nil)
        XCTAssertEqual(try connection.scalar("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 10000) SELECT count(*) FROM c"),
                       .integer(10000))
    }

    func testRecursiveTriggersAreOnAndExtensionLoadingOff() throws {
        let connection = try Connection(path: ":memory:")
        XCTAssertEqual(try connection.scalar("PRAGMA recursive_triggers"), .integer(1))
        XCTAssertThrowsError(try connection.scalar("SELECT load_extension('/nonexistent')")) { error in
            XCTAssertTrue("\(error)".contains("not authorized"), "\(error)")
        }
    }
}
