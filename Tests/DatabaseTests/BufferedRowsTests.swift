import Database
import Foundation
import XCTest

/// Rows copied out of a statement read back as the statement read them.
final class BufferedRowsTests: XCTestCase {
    private let values: [[DatabaseValue]] = [
        [.integer(1), .text("Universiteit Maastricht"), .real(2.5), .blob(Data([0, 255, 7])), .null],
        [.integer(-9_223_372_036_854_775_808), .text(""), .real(-0.0), .blob(Data()), .text("a\u{0}b")],
        [.null, .text("香港中文大學 👩🏽‍🎓"), .integer(0), .text("e\u{301}"), .real(1e300)],
    ]

    /// The statement's rows, each column read every way a writer reads it.
    private func described(_ row: any ResultRow) -> [String] {
        (0..<row.count).map { index in
            let text = row.withText(at: index) { Array($0) }.map { "text \($0)" } ?? "not text"
            let integer = row.integer(at: index).map { "integer \($0)" } ?? "not an integer"
            return "\(row.value(at: index)) | \(integer) | \(text)"
        }
    }

    func testRowsReadBackAsTheStatementReadThem() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (a ANY, b ANY, c ANY, d ANY, e ANY)")
        for row in values {
            try connection.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", row)
        }
        let statement = try connection.prepare("SELECT * FROM t ORDER BY rowid")
        var expected: [[String]] = []
        var buffered = BufferedRows(columnCount: 5)
        while try statement.step() {
            expected.append(described(statement))
            buffered.append(statement)
        }
        XCTAssertEqual(buffered.count, 3)
        var read: [[String]] = []
        buffered.forEachRow { read.append(described($0)) }
        XCTAssertEqual(read, expected)
        XCTAssertEqual(read[1][4], "text(\"a\\0b\") | not an integer | text [97, 0, 98]")

        // Emptied, the rows take new ones and forget the old.
        buffered.removeAll()
        XCTAssertTrue(buffered.isEmpty)
        try statement.reset()
        XCTAssertTrue(try statement.step())
        buffered.append(statement)
        read = []
        buffered.forEachRow { read.append(described($0)) }
        XCTAssertEqual(read, [expected[0]])
    }
}
