import Database
@testable import PartnershipsCLI
import XCTest

/// The output formats, as a user sees them.
final class OutputWriterTests: XCTestCase {
    private func render(_ format: OutputFormat, _ columns: [String], _ rows: [[DatabaseValue]]) -> String {
        let output = StringOutput()
        ResultWriters.write(columns: columns, rows: rows, format: format, to: output)
        return output.text
    }

    func testTableAlignsByDisplayWidthWithCJKAndAccents() {
        let text = render(.table, ["name", "n"], [
            [.text("京都大学"), .integer(1)],
            [.text("Université de Liège"), .integer(22)],
            // 'e' + combining acute: two scalars, one cell.
            [.text("Universite\u{301}"), .null],
            [.text("two\nlines"), .integer(-3)],
        ])
        XCTAssertEqual(text, """
            name                  n
            -------------------  --
            京都大学              1
            Université de Liège  22
            Université             
            two lines            -3

            """)
        XCTAssertEqual(DisplayWidth.of("京都大学"), 8)
        XCTAssertEqual(DisplayWidth.of("Universite\u{301}"), 10)
        XCTAssertEqual(DisplayWidth.of("plain ascii"), 11)
        XCTAssertEqual(render(.table, ["a"], []), "a\n-\n(no rows)\n")
    }

    func testCSVQuotesCommasQuotesAndLineBreaks() {
        let text = render(.csv, ["title", "notes", "n"], [
            [.text("Cooperation on \"water\", climate"), .text("line one\nline two"), .integer(5)],
            [.text("plain"), .null, .real(2.5)],
            [.text("carriage\rreturn"), .text("\"\u{301}quoted accent"), .text("")],
        ])
        XCTAssertEqual(text, "title,notes,n\r\n"
            + "\"Cooperation on \"\"water\"\", climate\",\"line one\nline two\",5\r\n"
            + "plain,,2.5\r\n"
            + "\"carriage\rreturn\",\"\"\"\u{301}quoted accent\",\r\n")
    }

    /// TSV is the CSV with tabs: same header, fields, NULL, numbers and CRLF;
    /// a tab, quote, CR or LF makes a field quoted, a comma no longer does.
    func testTSVQuotesTabsQuotesAndLineBreaksButNotCommas() {
        let rows: [[DatabaseValue]] = [
            [.text("Cooperation on \"water\", climate"), .text("line one\nline two"), .integer(5)],
            [.text("plain, with comma"), .null, .real(2.5)],
            [.text("tab\there"), .text("carriage\rreturn"), .text("")],
        ]
        XCTAssertEqual(render(.tsv, ["title", "notes\tmore", "n"], rows), "title\t\"notes\tmore\"\tn\r\n"
            + "\"Cooperation on \"\"water\"\", climate\"\t\"line one\nline two\"\t5\r\n"
            + "plain, with comma\t\t2.5\r\n"
            + "\"tab\there\"\t\"carriage\rreturn\"\t\r\n")
        XCTAssertEqual(CSVWriter.field("a,b", delimiter: .tab), "a,b")
        XCTAssertEqual(CSVWriter.field("a\tb", delimiter: .tab), "\"a\tb\"")
        XCTAssertEqual(CSVWriter.field("a\tb"), "a\tb", "a tab needs no quotes in CSV")
        // A long field takes the other path through needsQuotes.
        let long = String(repeating: "x", count: 100)
        XCTAssertEqual(CSVWriter.field(long + "\t", delimiter: .tab), "\"" + long + "\t\"")
        XCTAssertEqual(CSVWriter.field(long + ",", delimiter: .tab), long + ",")
        XCTAssertEqual(render(.tsv, ["a"], []), "a\r\n")
    }

    func testJSONHasNumbersNullsAndEscapes() {
        let text = render(.json, ["key", "count", "ratio", "missing", "text"], [
            [.text("a"), .integer(42), .real(0.25), .null, .text("quote \" backslash \\ newline \n tab \t – \u{2028}")],
        ])
        XCTAssertEqual(text, """
            [
              {"key": "a", "count": 42, "ratio": 0.25, "missing": null, "text": "quote \\" backslash \\\\ newline \\n tab \\t – \\u2028"}
            ]

            """)
        XCTAssertEqual(render(.json, ["a"], []), "[]\n")
    }

    func testMarkdownEscapesPipesAndLineBreaks() {
        XCTAssertEqual(render(.markdown, ["a", "b"], [[.text("x | y"), .text("one\ntwo")], [.null, .integer(3)]]), """
            | a | b |
            | --- | --- |
            | x \\| y | one<br>two |
            |  | 3 |

            """)
    }

    /// Nearly every cell of a long table is measured from its bytes; that must
    /// give what measuring grapheme clusters gives, for every scalar the byte
    /// path accepts and for strings mixing them.
    func testDisplayWidthFromBytesAgreesWithGraphemeClusters() {
        let scalars = (Array(0x00..<0x300) + Array(0x2010...0x2027) + Array(0x2030...0x205E))
            .compactMap(Unicode.Scalar.init(_:))
        for scalar in scalars {
            let text = String(Character(scalar))
            var copy = text
            XCTAssertNotNil(copy.withUTF8(DisplayWidth.simpleWidth), "U+\(String(scalar.value, radix: 16))")
            XCTAssertEqual(DisplayWidth.of(text), DisplayWidth.graphemeWidth(text), "U+\(String(scalar.value, radix: 16))")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                text.unicodeScalars.append(scalars.randomElement(using: &generator)!)
            }
            XCTAssertEqual(DisplayWidth.of(text), DisplayWidth.graphemeWidth(text), text.debugDescription)
        }
        for text in ["Zürich – Genève", "a\r\nb", "soft\u{AD}hyphen", "“quoted” … •", "e\u{301}", "京都", "👩‍👩‍👧", "क्षि", "\u{600}a"] {
            XCTAssertEqual(DisplayWidth.of(text), DisplayWidth.graphemeWidth(text), text.debugDescription)
        }
        XCTAssertEqual(DisplayWidth.of("Zürich – Genève"), 15)
        XCTAssertEqual(DisplayWidth.of("👩‍👩‍👧"), 2)
    }

    /// Cells are put on one line: the byte check lets through only text with
    /// no line break or tab of any kind, and leaves look-alike bytes alone.
    func testTableCellsLoseEveryKindOfLineBreakAndOnlyThose() {
        for text in ["a\tb", "a\nb", "a\u{0B}b", "a\u{0C}b", "a\rb", "a\r\nb", "a\u{85}b", "a\u{2028}b", "a\u{2029}b"] {
            XCTAssertTrue(TableWriter.mayHaveLineBreakOrTab(text), text.debugDescription)
            XCTAssertFalse(TableWriter.oneLine(text).contains { $0.isNewline || $0 == "\t" }, text.debugDescription)
        }
        // é is C3 A9 and Å is C3 85: bytes that also end U+2029 and U+0085.
        for text in ["Liège", "Ålborg", "‖ – ’", "plain"] {
            XCTAssertFalse(TableWriter.mayHaveLineBreakOrTab(text), text)
            XCTAssertEqual(TableWriter.oneLine(text), text)
        }
        XCTAssertEqual(render(.table, ["title", "n"], [[.text("one\u{2028}two – three"), .integer(1)], [.text("Ålborg"), .null]]), """
            title            n
            ---------------  -
            one two – three  1
            Ålborg            

            """)
    }

    func testMarkdownLeavesPlainCellsAndALoneCarriageReturnAsTheyAre() {
        XCTAssertEqual(MarkdownWriter.cell("Zürich – plain"), "Zürich – plain")
        XCTAssertEqual(MarkdownWriter.cell("a\rb"), "a\rb")
        XCTAssertEqual(MarkdownWriter.cell("a\r\nb|c\\d"), "a<br>b\\|c\\\\d")
    }
}
