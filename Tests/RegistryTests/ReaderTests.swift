import Foundation
@testable import Registry
import XCTest

final class CSVReaderTests: XCTestCase {
    /// Every record as (start line, fields), read with a tiny buffer so that
    /// quotes, CRLF and multi-byte characters fall on chunk boundaries.
    private func records(_ text: String, chunk: Int = 16) throws -> [(Int, [String])] {
        try records(Data(text.utf8), chunk: chunk)
    }

    private func records(_ data: Data, chunk: Int = 16) throws -> [(Int, [String])] {
        let reader = CSVReader(source: ByteSource(name: "t.csv", data: data, chunkSize: chunk))
        var result: [(Int, [String])] = []
        while try reader.next() {
            result.append((reader.line, (0..<reader.fieldCount).map { reader.lossyText($0) }))
        }
        return result
    }

    func testQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
        for chunk in [16, 17, 3, 1 << 16] {
            let rows = try records("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row,here\n", chunk: chunk)
            XCTAssertEqual(rows.map(\.0), [1, 2, 4], "chunk \(chunk)")
            XCTAssertEqual(rows[1].1, ["x, y", "say \"hi\"", "two\nlines"])
            XCTAssertEqual(rows[2].1, ["next", "row", "here"])
        }
    }

    func testByteOrderMarkAndCRLF() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("key,name\r\nk1,\"a\r\nb\"\r\nk2,Liège\r\n".utf8))
        let rows = try records(data, chunk: 5)
        XCTAssertEqual(rows.map(\.0), [1, 2, 4])
        XCTAssertEqual(rows[0].1, ["key", "name"], "the BOM is not part of the first name")
        XCTAssertEqual(rows[1].1, ["k1", "a\nb"], "line breaks inside fields become LF")
        XCTAssertEqual(rows[2].1, ["k2", "Liège"])
    }

    /// As a spreadsheet in a Dutch or German locale saves "CSV": semicolons
    /// between fields, and a list of parties quoted because it holds them.
    func testSemicolonsSeparateTheFieldsWhenTheHeaderHasThemAndNoComma() throws {
        for chunk in [16, 3, 1 << 16] {
            let rows = try records("key;title;parties\r\nx1;\"Health, and care\";\"um;york\"\r\nx2;Plain;um\r\n", chunk: chunk)
            XCTAssertEqual(rows.map(\.1), [["key", "title", "parties"], ["x1", "Health, and care", "um;york"], ["x2", "Plain", "um"]],
                           "chunk \(chunk)")
        }
    }

    func testTabsSeparateTheFieldsWhenTheHeaderHasThemAndNoComma() throws {
        let rows = try records("key\ttitle\tnotes\nx1\tA, B\t\"say \"\"hi\"\"\"\n")
        XCTAssertEqual(rows.map(\.1), [["key", "title", "notes"], ["x1", "A, B", "say \"hi\""]])
    }

    /// A comma anywhere in the header (outside quotes) makes it a comma file,
    /// whatever the rows hold; a header of one column too.
    func testACommaInTheHeaderOrASingleColumnKeepsCommas() throws {
        XCTAssertEqual(try records("key,parties\nx1,um;york\n").map(\.1)[1], ["x1", "um;york"])
        XCTAssertEqual(try records("\"a;b\",c\n1;2,3\n").map(\.1)[1], ["1;2", "3"])
        XCTAssertEqual(try records("key\nx;y\n").map(\.1)[1], ["x;y"])
        XCTAssertEqual(try records("").count, 0)
    }

    func testTheDelimiterOfAHeader() {
        func delimiter(_ header: String) -> UInt8 {
            Array(header.utf8).withUnsafeBufferPointer { CSVReader.delimiter(ofHeader: $0) }
        }
        XCTAssertEqual(delimiter("a,b;c\td"), CSVReader.comma)
        XCTAssertEqual(delimiter("a;b;c"), CSVReader.semicolon)
        XCTAssertEqual(delimiter("a\tb\tc;d"), CSVReader.tab)
        XCTAssertEqual(delimiter("a\tb;c"), CSVReader.semicolon, "a tie")
        XCTAssertEqual(delimiter("\"x,y\";b"), CSVReader.semicolon, "a comma inside quotes does not count")
        XCTAssertEqual(delimiter("a;b\nc,d"), CSVReader.semicolon, "only the first line counts")
        XCTAssertEqual(delimiter("name"), CSVReader.comma)
    }

    func testBlankLinesAreSkippedAndCountedAndLastLineNeedsNoBreak() throws {
        let rows = try records("a,b\n\n1,2\r\n\r\n3,4")
        XCTAssertEqual(rows.map(\.0), [1, 3, 5])
        XCTAssertEqual(rows[2].1, ["3", "4"])
    }

    func testEmptyFieldsAndTrailingComma() throws {
        let rows = try records("a,,c,\n")
        XCTAssertEqual(rows[0].1, ["a", "", "c", ""])
    }

    func testUnterminatedQuoteNamesTheLineWhereItOpened() throws {
        let reader = CSVReader(source: ByteSource(name: "t.csv", data: Data("a,b\n1,2\n3,\"open\n\n5,6\n".utf8), chunkSize: 8))
        XCTAssertTrue(try reader.next())
        XCTAssertTrue(try reader.next())
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual(error as? CSVReader.Failure, .unterminatedQuote(line: 3, field: 1, quoteLine: 3))
        }
    }

    func testTextAfterAClosingQuoteIsAProblemOfThatRecordOnly() throws {
        let reader = CSVReader(source: ByteSource(name: "t.csv", data: Data("\"a\"b,c\nd,e\n".utf8)))
        XCTAssertTrue(try reader.next())
        XCTAssertNotNil(reader.recordProblem)
        XCTAssertTrue(try reader.next())
        XCTAssertNil(reader.recordProblem)
        XCTAssertEqual(reader.lossyText(0), "d")
    }

    func testInvalidUTF8AndNULAreFieldProblems() throws {
        let reader = CSVReader(source: ByteSource(name: "t.csv", data: Data([0x61, 0x2C, 0xC3, 0x28, 0x2C, 0x62, 0x00, 0x0A])))
        XCTAssertTrue(try reader.next())
        XCTAssertEqual(try reader.text(0).get(), "a")
        XCTAssertEqual(reader.text(1), .failure(.invalidUTF8(offset: 0)))
        XCTAssertEqual(reader.text(2), .failure(.nulByte))
    }

    func testUTF16IsRefused() throws {
        let reader = CSVReader(source: ByteSource(name: "t.csv", data: Data([0xFF, 0xFE, 0x61, 0x00])))
        XCTAssertThrowsError(try reader.next()) { XCTAssertEqual($0 as? CSVReader.Failure, .utf16(line: 1)) }
    }
}

final class JSONStreamReaderTests: XCTestCase {
    private func values(_ text: String, _ layout: JSONStreamReader.Layout, chunk: Int = 7) throws -> [(Int, JSONValue)] {
        let reader = JSONStreamReader(source: ByteSource(name: "t.json", data: Data(text.utf8), chunkSize: chunk), layout: layout)
        var result: [(Int, JSONValue)] = []
        while let value = try reader.next() { result.append((reader.line, value)) }
        return result
    }

    func testArrayElementsWithTheirLines() throws {
        let text = """
            [
              {"key": "a", "n": 23, "list": ["x", "y"], "ok": true, "none": null},
              {"key": "b\\u00e9\\ud83d\\ude00", "nested": {"deep": [1, -2.5e3]}}
            ]
            """
        let rows = try values(text, .array)
        XCTAssertEqual(rows.map(\.0), [2, 3])
        XCTAssertEqual(rows[0].1["key"], .string("a"))
        XCTAssertEqual(rows[0].1["n"], .number("23"))
        XCTAssertEqual(rows[0].1["list"], .array([.string("x"), .string("y")]))
        XCTAssertEqual(rows[1].1["key"], .string("bé😀"))
        XCTAssertEqual(rows[1].1["nested"]?["deep"], .array([.number("1"), .number("-2.5e3")]))
    }

    func testEmptyArrayAndNDJSON() throws {
        XCTAssertTrue(try values(" [ ] ", .array).isEmpty)
        let rows = try values("{\"a\":1}\n\n{\"a\":2}\n", .lines)
        XCTAssertEqual(rows.map(\.0), [1, 3])
    }

    func testSyntaxErrorsCarryTheirLine() throws {
        func failure(_ text: String, _ layout: JSONStreamReader.Layout) -> JSONStreamReader.SyntaxError? {
            do {
                _ = try values(text, layout)
                return nil
            } catch {
                return error as? JSONStreamReader.SyntaxError
            }
        }
        XCTAssertEqual(failure("[\n{\"a\": 1},\n{\"a\": }\n]", .array)?.line, 3)
        XCTAssertEqual(failure("[{\"a\": 1}", .array)?.line, 1)
        XCTAssertEqual(failure("{\"a\": 1}", .array)?.line, 1, "an object is not an array")
        XCTAssertEqual(failure("{\"a\": 1} {\"a\": 2}", .lines)?.line, 1, "two values on one line")
        XCTAssertEqual(failure("[\"\\ud800\"]", .array)?.line, 1, "a lone surrogate")
        XCTAssertEqual(failure("[01]", .array)?.line, 1)
        XCTAssertNotNil(failure(String(repeating: "[", count: 500) + String(repeating: "]", count: 500), .array),
                        "nesting is limited")
    }
}
