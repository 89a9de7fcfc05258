import Database
import Foundation
import PartnershipsCLI
import XCTest

/// Reports and queries hand CSV and JSON the statement's current row, whose
/// text is copied from SQLite's bytes; the output must be byte for byte what
/// the value path writes, including invalid UTF-8 (repaired to U+FFFD).
final class InPlaceRowWriterTests: XCTestCase {
    private static let sql = """
        SELECT 'plain' AS one, -42 AS two, NULL AS three, 1.5 AS "fo""ur", x'00ff' AS blob
        UNION ALL SELECT 'a,b', 'say "hi"', 'two' || char(10) || 'lines' || char(13, 10), 'Zürich 東京 é', NULL
        UNION ALL SELECT 'tab' || char(9) || 'here', 'back\\slash', 'bell' || char(7), 'sep' || char(8232) || 'and', 7
        UNION ALL SELECT CAST(x'41c328' AS TEXT), CAST(x'eda080' AS TEXT), CAST(x'f4908080' AS TEXT), CAST(x'c0af' AS TEXT), ''
        UNION ALL SELECT '', 'ok ' || CAST(x'f09f9982' AS TEXT), 9223372036854775807, -0.25, 'last'
        """

    func testCSVAndJSONWriteTheSameBytesInPlaceAsFromValues() throws {
        let connection = try Connection(path: ":memory:")
        for format in [OutputFormat.csv, .tsv, .json, .table, .markdown] {
            let byValue = StringOutput()
            var valueWriter = ResultWriters.make(format, output: byValue)
            let statement = try connection.prepare(Self.sql)
            valueWriter.begin(columns: statement.columnNames)
            while try statement.step() { valueWriter.write(row: (0..<statement.columnCount).map(statement.value(at:))) }
            valueWriter.end()

            let inPlace = StringOutput()
            var writer = ResultWriters.make(format, output: inPlace)
            let again = try connection.prepare(Self.sql)
            writer.begin(columns: again.columnNames)
            while try again.step() { writer.write(rowInPlace: again) }
            writer.end()

            XCTAssertEqual(inPlace.text, byValue.text, format.rawValue)
            XCTAssertTrue(inPlace.text.contains("\u{FFFD}"), "invalid UTF-8 is repaired in \(format.rawValue)")
        }
    }

    func testAStandardOutputGetsValidUTF8FromInvalidText() throws {
        let connection = try Connection(path: ":memory:")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("in-place-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let file = fopen(path, "w") else { return XCTFail("cannot create \(path)") }
        let output = StandardOutput(file: file)
        var writer = ResultWriters.make(.csv, output: output)
        let statement = try connection.prepare("SELECT CAST(x'41c328' AS TEXT) AS t, 'Zürich' AS u")
        writer.begin(columns: statement.columnNames)
        while try statement.step() { writer.write(rowInPlace: statement) }
        writer.end()
        output.flush()
        fclose(file)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(String(data: bytes, encoding: .utf8), "t,u\r\nA\u{FFFD}(,Zürich\r\n")
    }
}
