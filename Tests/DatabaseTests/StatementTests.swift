import CSQLite
import Database
import Foundation
import XCTest

final class StatementTests: XCTestCase {
    var connection: Connection!

    override func setUpWithError() throws {
        connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (v ANY)")
    }

    private func roundTrip(_ value: DatabaseValueConvertible, file: StaticString = #filePath, line: UInt = #line) throws -> DatabaseValue {
        try connection.execute("DELETE FROM t")
        try connection.execute("INSERT INTO t VALUES (?)", [value])
        let statement = try connection.prepare("SELECT v FROM t")
        XCTAssertTrue(try statement.step(), file: file, line: line)
        return statement.value(at: 0)
    }

    func testTextRoundTripsKeepUnicodeAndEmbeddedNUL() throws {
        for text in ["Universiteit Maastricht", "Université de Liège", "香港中文大學", "👩🏽‍🎓 → 🎓", "a\u{0}b\u{0}", "", "e\u{301}"] {
            XCTAssertEqual(try roundTrip(text), .text(text), "round trip of \(text.debugDescription)")
        }
        let statement = try connection.prepare("SELECT length(CAST(v AS BLOB)) FROM t")
        try connection.execute("DELETE FROM t")
        try connection.execute("INSERT INTO t VALUES (?)", ["a\u{0}b"])
        XCTAssertTrue(try statement.step())
        XCTAssertEqual(statement.int64(at: 0), 3, "all three bytes stored")
    }

    /// A batch's values as ranges of one buffer: text (multi-byte, empty)
    /// and NULL land in parameters 1, 2, ... in order.
    func testTextsBoundAsRangesOfOneBuffer() throws {
        let buffer = Array("Liègeab".utf8)
        let spans: [(start: Int, end: Int)] = [(0, 6), (-1, -1), (6, 6), (6, 8)]
        let statement = try connection.prepare("SELECT ?1, typeof(?2), ?3, typeof(?3), ?4")
        try buffer.withUnsafeBufferPointer { try statement.bind(unsafeTexts: $0, spans: spans) }
        XCTAssertTrue(try statement.step())
        XCTAssertEqual(statement.value(at: 0), .text("Liège"))
        XCTAssertEqual(statement.string(at: 1), "null")
        XCTAssertEqual(statement.value(at: 2), .text(""))
        XCTAssertEqual(statement.string(at: 3), "text", "an empty range is empty text, not NULL")
        XCTAssertEqual(statement.value(at: 4), .text("ab"))
        statement.reset()
        // A range outside the buffer is refused, not read.
        XCTAssertThrowsError(try buffer.withUnsafeBufferPointer {
            try statement.bind(unsafeTexts: $0, spans: [(0, buffer.count + 1)])
        })
        XCTAssertThrowsError(try buffer.withUnsafeBufferPointer {
            try statement.bind(unsafeTexts: $0, spans: [(buffer.count + 5, buffer.count + 5)])
        }, "an empty range past the end too")
    }

    func testReprepareCountSaysWhenTheSchemaChangedUnderAStatement() throws {
        let statement = try connection.prepare("SELECT count(*) FROM t")
        XCTAssertTrue(try statement.step())
        statement.reset()
        XCTAssertEqual(statement.reprepareCount, 0)
        try connection.execute("CREATE INDEX t_v ON t (v)")
        XCTAssertTrue(try statement.step())
        statement.reset()
        XCTAssertEqual(statement.reprepareCount, 1)
    }

    func testIntegersDoublesBlobsAndNull() throws {
        XCTAssertEqual(try roundTrip(Int64.max), .integer(Int64.max))
        XCTAssertEqual(try roundTrip(Int64.min), .integer(Int64.min))
        XCTAssertEqual(try roundTrip(0.1 + 0.2), .real(0.1 + 0.2))
        XCTAssertEqual(try roundTrip(Data([0, 1, 2, 255])), .blob(Data([0, 1, 2, 255])))
        XCTAssertEqual(try roundTrip(Data()), .blob(Data()), "an empty blob stays a blob, not NULL")
        XCTAssertEqual(try roundTrip(DatabaseValue.null), .null)
        XCTAssertEqual(try roundTrip(Optional<String>.none), .null)
        XCTAssertEqual(try roundTrip(true), .integer(1))
    }

    func testTypedColumnReads() throws {
        let statement = try connection.prepare("SELECT 42, 2.5, 'x', x'00ff', NULL")
        XCTAssertTrue(try statement.step())
        XCTAssertEqual(statement.columnCount, 5)
        XCTAssertEqual(statement.int64(at: 0), 42)
        XCTAssertEqual(statement.double(at: 1), 2.5)
        XCTAssertEqual(statement.string(at: 2), "x")
        XCTAssertEqual(statement.data(at: 3), Data([0, 255]))
        XCTAssertTrue(statement.isNull(at: 4))
        XCTAssertNil(statement.string(at: 4))
        XCTAssertFalse(try statement.step())
    }

    func testNamedParametersWithAnyPrefix() throws {
        let rows = try connection.rows("SELECT :a + :b AS sum, @c AS c, $d AS d", named: ["a": 1, ":b": 2, "c": "x", "$d": nil as String?])
        XCTAssertEqual(rows.first?["sum"], .integer(3))
        XCTAssertEqual(rows.first?["c"], .text("x"))
        XCTAssertEqual(rows.first?["d"], .null)
    }

    func testParameterCountIsChecked() throws {
        XCTAssertThrowsError(try connection.execute("INSERT INTO t VALUES (?)", [1, 2])) { error in
            let error = error as? DatabaseError
            XCTAssertEqual(error?.primaryCode, SQLITE_RANGE)
            XCTAssertTrue(error?.message.contains("1 parameter(s) but 2 value(s)") ?? false, "\(String(describing: error))")
            XCTAssertEqual(error?.sql, "INSERT INTO t VALUES (?)")
        }
        XCTAssertThrowsError(try connection.execute("INSERT INTO t VALUES (?)", []))
    }

    func testMissingAndUnknownNamedParametersAreErrors() throws {
        XCTAssertThrowsError(try connection.rows("SELECT :a, :b", named: ["a": 1])) { error in
            XCTAssertTrue("\(error)".contains("no value for parameter(s) :b"), "\(error)")
        }
        XCTAssertThrowsError(try connection.rows("SELECT :a", named: ["a": 1, "typo": 2])) { error in
            XCTAssertTrue("\(error)".contains("no parameter(s) named typo"), "\(error)")
        }
    }

    func testPrepareRefusesASecondStatement() {
        XCTAssertThrowsError(try connection.prepare("SELECT 1; DELETE FROM t")) { error in
            XCTAssertTrue("\(error)".contains("expected one SQL statement"), "\(error)")
        }
        XCTAssertNoThrow(try connection.prepare("SELECT 1; -- only a comment after"))
    }

    func testStatementIsReusableAfterReset() throws {
        let insert = try connection.prepare("INSERT INTO t VALUES (?)")
        for value in 1...100 { try insert.run([value]) }
        XCTAssertEqual(try connection.scalar("SELECT count(*), sum(v) FROM t")?.int64, 100)
        XCTAssertEqual(try connection.scalar("SELECT sum(v) FROM t")?.int64, 5050)
    }

    func testStatementOutlivingItsConnectionVariableStillWorks() throws {
        var statement: Statement?
        do {
            let local = try Connection(path: ":memory:")
            statement = try local.prepare("SELECT 'still here'")
        }
        XCTAssertEqual(try statement?.step(), true)
        XCTAssertEqual(statement?.string(at: 0), "still here")
    }
}
