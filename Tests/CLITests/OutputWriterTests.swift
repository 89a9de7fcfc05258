import Database
@testable import PartnershipsCLI
import XCTest

/// The four output formats, as a user sees them.
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
}
