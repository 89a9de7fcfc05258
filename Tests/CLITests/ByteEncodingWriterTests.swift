import Database
import Foundation
import PartnershipsCLI
import Registry
import XCTest

/// CSV and JSON encode rows as bytes (for a million audit findings); the text
/// must be what it was: RFC 4180 quoting, JSON escapes, whichever output.
final class ByteEncodingWriterTests: XCTestCase {
    private let rows: [[DatabaseValue]] = [
        [.text("plain"), .integer(-42), .null, .real(1.5)],
        [.text("a,b"), .text("say \"hi\""), .text("two\nlines\r\n"), .text("Zürich 東京 é")],
        [.text("tab\there"), .text("back\\slash"), .text("bell\u{7}"), .text("sep\u{2028}and\u{2029}")],
    ]
    private let columns = ["one", "two", "three", "fo\"ur"]

    func testCSVQuotesOnlyWhatMustBeQuoted() {
        XCTAssertEqual(CSVWriter.field("plain"), "plain")
        XCTAssertEqual(CSVWriter.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVWriter.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVWriter.field("cr\rlf\n"), "\"cr\rlf\n\"")
        XCTAssertEqual(CSVWriter.field("Zürich"), "Zürich")
        let text = render(.csv, to: StringOutput())
        XCTAssertEqual(text, """
            one,two,three,"fo""ur"\r
            plain,-42,,1.5\r
            "a,b","say ""hi""\",\"two\nlines\r\n",Zürich 東京 é\r
            tab\there,back\\slash,bell\u{7},sep\u{2028}and\u{2029}\r

            """)
    }

    func testJSONEscapesQuotesBackslashesControlsAndLineSeparators() throws {
        XCTAssertEqual(JSONWriter.quote("a\"b\\c\nd\u{1}e\u{2028}f é"), "\"a\\\"b\\\\c\\nd\\u0001e\\u2028f é\"")
        let text = render(.json, to: StringOutput())
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        XCTAssertEqual(parsed[1]["fo\"ur"] as? String, "Zürich 東京 é")
        XCTAssertEqual(parsed[2]["three"] as? String, "bell\u{7}")
        XCTAssertEqual(parsed[2]["fo\"ur"] as? String, "sep\u{2028}and\u{2029}")
        XCTAssertTrue(parsed[0]["three"] is NSNull)
    }

    func testStandardOutputGetsTheSameBytesAsAStringOutput() throws {
        for format in [OutputFormat.csv, .tsv, .json] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard let file = fopen(path, "w") else { return XCTFail("cannot create \(path)") }
            let output = StandardOutput(file: file)
            _ = render(format, to: output)
            output.flush()
            fclose(file)
            XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), render(format, to: StringOutput()),
                           format.rawValue)
        }
    }

    @discardableResult
    private func render(_ format: OutputFormat, to output: TextOutputStream & AnyObject) -> String {
        ResultWriters.write(columns: columns, rows: rows, format: format, to: output)
        return (output as? StringOutput)?.text ?? ""
    }
}

/// The audit encodes its findings as CSV rows and JSON objects straight from
/// the finding; the bytes must be those of the row of values.
final class FindingEncodingTests: XCTestCase {
    func testAFindingEncodesAsItsRowOfValuesInCSVTSVAndJSON() {
        let findings = [
            Finding(rule: "expired-but-active", severity: .warning, certainty: .certain, recordType: .agreement,
                    recordKey: "agr-1", recordTitle: "Exchange, \"renewed\"\nsecond line", date: "2024-06-30",
                    dates: [FindingDate("expires_on", "2024-06-30")], related: nil, days: 874,
                    message: "expired on 2024-06-30, 874 days before 2026-11-20, still marked active"),
            Finding(rule: "overlap", severity: .info, certainty: .possible, recordType: .agreement, recordKey: "b",
                    recordTitle: "Zürich 東京", date: nil, dates: [FindingDate("starts", "2023"), FindingDate("expires_on", "2024-06")],
                    related: RelatedRecord(type: "agreement", key: "a,1", title: "Title \"a\""), days: nil,
                    message: "may overlap"),
            Finding(rule: "x", severity: .error, certainty: .certain, recordType: .newsItem, recordKey: "", recordTitle: "",
                    date: nil, dates: [], related: nil, days: -3, message: String(repeating: "long, text ", count: 20)),
            // A tab in the dates needs quotes in TSV only; a comma in CSV only.
            Finding(rule: "z", severity: .info, certainty: .certain, recordType: .agreement, recordKey: "t", recordTitle: "T",
                    date: nil, dates: [FindingDate("tab\tname", "2020")], related: nil, days: nil, message: "m"),
            Finding(rule: "z", severity: .info, certainty: .certain, recordType: .agreement, recordKey: "c", recordTitle: "C",
                    date: nil, dates: [FindingDate("comma,name", "2020")], related: nil, days: nil, message: "m"),
            Finding(rule: "y", severity: .info, certainty: .possible, recordType: .membership, recordKey: "m",
                    recordTitle: "tab\there, bell\u{7}, sep\u{2028}, back\\slash", date: "2020", dates: [FindingDate("since", "2020"), FindingDate("odd, \"name\"", "x")],
                    related: nil, days: nil, message: "m"),
        ]
        let json = JSONWriter.RowEncoder(columns: Finding.columns)
        for finding in findings {
            XCTAssertEqual(String(decoding: CSVWriter.encode(finding), as: UTF8.self),
                           String(decoding: CSVWriter.encode(finding.values), as: UTF8.self))
            XCTAssertEqual(String(decoding: CSVWriter.encode(finding, delimiter: .tab), as: UTF8.self),
                           String(decoding: CSVWriter.encode(finding.values, delimiter: .tab), as: UTF8.self))
            XCTAssertEqual(String(decoding: json.encode(finding), as: UTF8.self),
                           String(decoding: json.encode(finding.values), as: UTF8.self))
        }
    }

    /// Rows encoded ahead (on the audit's reading threads) and written in order
    /// give the text that writing the rows gives.
    func testEncodedRowsWriteTheSameTextAsRows() {
        let columns = ["one", "two", "three"]
        let rows: [[DatabaseValue]] = [
            [.text("a,b"), .integer(7), .null],
            [.text("say \"hi\"\nthere"), .real(2.5), .text("Zürich 東京")],
        ]
        let direct = StringOutput(), encoded = StringOutput()
        var csv = CSVWriter(output: direct)
        csv.begin(columns: columns)
        rows.forEach { csv.write(row: $0) }
        csv.end()
        var csvEncoded = CSVWriter(output: encoded)
        csvEncoded.begin(columns: columns)
        rows.forEach { csvEncoded.write(encodedRow: CSVWriter.encode($0)) }
        csvEncoded.end()
        XCTAssertEqual(encoded.text, direct.text)

        let jsonDirect = StringOutput(), jsonEncoded = StringOutput()
        var json = JSONWriter(output: jsonDirect)
        json.begin(columns: columns)
        rows.forEach { json.write(row: $0) }
        json.end()
        var jsonFromEncoded = JSONWriter(output: jsonEncoded)
        jsonFromEncoded.begin(columns: columns)
        let encoder = JSONWriter.RowEncoder(columns: columns)
        rows.forEach { jsonFromEncoded.write(encodedRow: encoder.encode($0)) }
        jsonFromEncoded.end()
        XCTAssertEqual(jsonEncoded.text, jsonDirect.text)
        XCTAssertTrue(jsonDirect.text.hasPrefix("[\n  {\"one\": \"a,b\", \"two\": 7, \"three\": null},\n  {"), jsonDirect.text)
    }
}
