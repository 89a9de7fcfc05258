import CSQLite
import Database
import XCTest

final class DatabaseErrorTests: XCTestCase {
    func testConstraintErrorCarriesExtendedCodeMessageAndSQL() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (key TEXT UNIQUE)")
        try connection.execute("INSERT INTO t VALUES (?)", ["a"])
        let sql = "INSERT INTO t VALUES (?)"
        XCTAssertThrowsError(try connection.execute(sql, ["a"])) { error in
            guard let error = error as? DatabaseError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.extendedCode, 2067, "SQLITE_CONSTRAINT_UNIQUE")
            XCTAssertEqual(error.primaryCode, SQLITE_CONSTRAINT)
            XCTAssertTrue(error.isConstraintViolation)
            XCTAssertEqual(error.message, "UNIQUE constraint failed: t.key")
            XCTAssertEqual(error.sql, sql)
            XCTAssertTrue(error.description.contains("2067"))
            XCTAssertTrue(error.description.contains(sql))
        }
    }

    func testSyntaxErrorNamesTheSQL() throws {
        let connection = try Connection(path: ":memory:")
        XCTAssertThrowsError(try connection.prepare("SELEC 1")) { error in
            guard let error = error as? DatabaseError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.primaryCode, SQLITE_ERROR)
            XCTAssertTrue(error.message.contains("syntax error"), error.message)
            XCTAssertEqual(error.sql, "SELEC 1")
        }
    }

    func testCheckConstraintError() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (n INTEGER CHECK (n > 0))")
        XCTAssertThrowsError(try connection.execute("INSERT INTO t VALUES (?)", [-1])) { error in
            XCTAssertEqual((error as? DatabaseError)?.extendedCode, 275, "SQLITE_CONSTRAINT_CHECK")
        }
    }
}
