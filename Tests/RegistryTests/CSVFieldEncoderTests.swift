import Foundation
@testable import Registry
import XCTest

/// The one CSV field encoder (output of `report`, `query`, `search`, `audit`
/// and the rejects file): what it writes, the importer's reader gives back.
final class CSVFieldEncoderTests: XCTestCase {
    private let awkward = [
        "plain", "", "x, y", "say \"hi\"", "two\nlines", "tab\there", "semi;colon", " leading", "trailing ",
        "Eötvös Loránd Tudományegyetem", "北京大学", "\"", "\"\"",
        String(repeating: "long field without anything to quote ", count: 4),
        String(repeating: "long field, with a comma and a \"quote\" ", count: 4),
    ]

    private func line(_ values: [String], _ encoder: CSVFieldEncoder) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(encoder.delimiter) }
            encoder.append(value, to: &bytes)
        }
        bytes.append(0x0A)
        return bytes
    }

    private func readBack(_ bytes: [UInt8]) throws -> [[String]] {
        let reader = CSVReader(source: ByteSource(name: "t.csv", data: Data(bytes), chunkSize: 7))
        var rows: [[String]] = []
        while try reader.next() { rows.append((0..<reader.fieldCount).map { reader.lossyText($0) }) }
        return rows
    }

    func testEveryDelimiterReadsBackTheSameFields() throws {
        for delimiter in [CSVFieldEncoder.comma, UInt8(ascii: ";"), CSVFieldEncoder.tab] {
            for forReimport in [false, true] {
                let encoder = CSVFieldEncoder(delimiter: delimiter, quotesForReimport: forReimport)
                let header = awkward.indices.map { "c\($0)" }
                let bytes = line(header, encoder) + line(awkward, encoder)
                let rows = try readBack(bytes)
                XCTAssertEqual(rows.count, 2, "delimiter \(delimiter)")
                XCTAssertEqual(rows.last, awkward, "delimiter \(delimiter), for reimport \(forReimport)")
            }
        }
    }

    func testQuotesOnlyWhatMustBeQuoted() {
        let comma = CSVFieldEncoder(delimiter: CSVFieldEncoder.comma)
        XCTAssertEqual(comma.field("plain"), "plain")
        XCTAssertEqual(comma.field("a,b"), "\"a,b\"")
        XCTAssertEqual(comma.field("a;b"), "a;b")
        XCTAssertEqual(comma.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(comma.field("cr\rlf\n"), "\"cr\rlf\n\"")
        XCTAssertEqual(comma.field(" edge "), " edge ", "output for people and tools keeps spaces as they are")
        let tab = CSVFieldEncoder(delimiter: CSVFieldEncoder.tab)
        XCTAssertEqual(tab.field("a,b"), "a,b", "a comma needs no quotes in TSV")
        XCTAssertEqual(tab.field("a\tb"), "\"a\tb\"")
        let semicolon = CSVFieldEncoder(delimiter: UInt8(ascii: ";"))
        XCTAssertEqual(semicolon.field("a;b"), "\"a;b\"")
        XCTAssertEqual(semicolon.field(String(repeating: "x", count: 70) + ";"),
                       "\"" + String(repeating: "x", count: 70) + ";\"", "long fields take the other path")
    }

    /// The importer trims the spaces around an unquoted field; a rejects
    /// file quotes them so that the row is read back as it was.
    func testForReimportQuotesEdgeSpacesAndCommas() {
        let encoder = CSVFieldEncoder(delimiter: CSVFieldEncoder.tab, quotesForReimport: true)
        XCTAssertEqual(encoder.field(" leading"), "\" leading\"")
        XCTAssertEqual(encoder.field("trailing "), "\"trailing \"")
        XCTAssertEqual(encoder.field("a,b"), "\"a,b\"")
        XCTAssertEqual(encoder.field("in between"), "in between")
        XCTAssertEqual(encoder.field(""), "")
    }
}
