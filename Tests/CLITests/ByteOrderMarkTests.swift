import Foundation
import TestSupport
import XCTest

/// `--bom`: CSV and TSV that Excel on Windows reads as UTF-8, so that
/// "Université de Liège" does not show as "UniversitÃ© de LiÃ¨ge". The mark
/// comes first, once, then exactly the bytes without it; never without the
/// flag, and never in JSON, a table or Markdown.
final class ByteOrderMarkTests: XCTestCase {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    var folder: TemporaryDirectory!
    var db: String!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        db = try ReportRegistry.create(in: folder)
    }

    override func tearDown() { folder = nil }

    private func run(_ arguments: [String]) throws -> CLIResult {
        let result = try CLIRunner.run(arguments)
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
        return result
    }

    /// The output with `--bom` is the mark, then the output without it, and
    /// the mark is nowhere else.
    private func assertMarkedOnce(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let plain = try run(arguments)
        let marked = try run(arguments + ["--bom"])
        XCTAssertFalse(plain.stdoutBytes.starts(with: Self.bom), "no mark without --bom", file: file, line: line)
        XCTAssertFalse(plain.stdoutBytes.isEmpty, file: file, line: line)
        XCTAssertEqual(marked.stdoutBytes, Self.bom + plain.stdoutBytes, "\(arguments)", file: file, line: line)
        XCTAssertEqual(Self.occurrences(of: Self.bom, in: marked.stdoutBytes), 1, file: file, line: line)
    }

    private static func occurrences(of needle: [UInt8], in bytes: [UInt8]) -> Int {
        guard bytes.count >= needle.count else { return 0 }
        return (0...(bytes.count - needle.count)).filter { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }.count
    }

    func testQueryAsCSVWithBomStartsWithTheMarkAndTheHeader() throws {
        let sql = "SELECT key, name FROM institutions WHERE key = 'uliege'"
        let result = try run(["query", sql, "--db", db, "--format", "csv", "--bom"])
        XCTAssertEqual(result.stdoutBytes, Self.bom + Array("key,name\r\nuliege,Université de Liège\r\n".utf8))
        let plain = try run(["query", sql, "--db", db, "--format", "csv"])
        XCTAssertEqual(plain.stdoutBytes, Array("key,name\r\nuliege,Université de Liège\r\n".utf8))
        try assertMarkedOnce(["query", "SELECT key, name, city FROM institutions ORDER BY key", "--db", db, "--format", "csv"])
        try assertMarkedOnce(["query", "SELECT key, name, city FROM institutions ORDER BY key", "--db", db, "--format", "tsv"])
    }

    func testReportAsTSVWithBomStartsWithTheMark() throws {
        let report: [String] = ["report", "expiring", "--db", db, "--as-of", ReportRegistry.asOf, "--format", "tsv"]
        let result = try run(report + ["--bom"])
        XCTAssertEqual(Array(result.stdoutBytes.prefix(11)), Self.bom + Array("ends_on\t".utf8))
        XCTAssertTrue(result.stdout.contains("Université de Liège (BE)"), result.stdout)
        try assertMarkedOnce(report)
        try assertMarkedOnce(["report", "overview", "--db", db, "--as-of", ReportRegistry.asOf, "--format", "csv"])
        try assertMarkedOnce(["report", "list", "--format", "csv"])
        try assertMarkedOnce(["report", "list", "--format", "tsv"])
    }

    func testSearchWithBom() throws {
        try assertMarkedOnce(["search", "regenerative", "medicine", "--db", db, "--format", "csv"])
        try assertMarkedOnce(["search", "regenerative", "medicine", "--db", db, "--format", "tsv"])
    }

    /// Excel needs the mark in an empty result too, or the header's accents break.
    func testAResultWithoutRowsGetsTheMarkAndTheHeader() throws {
        let query = try run(["query", "SELECT key, name AS 'établissement' FROM institutions WHERE 0", "--db", db,
                             "--format", "csv", "--bom"])
        XCTAssertEqual(query.stdoutBytes, Self.bom + Array("key,établissement\r\n".utf8))
        let tsv = try run(["query", "SELECT key, name FROM institutions WHERE 0", "--db", db, "--format", "tsv", "--bom"])
        XCTAssertEqual(tsv.stdoutBytes, Self.bom + Array("key\tname\r\n".utf8))
        let search = try run(["search", "nothingmatchesthis", "--db", db, "--format", "csv", "--bom"])
        XCTAssertEqual(search.stdoutBytes, Self.bom + Array("kind,key,date,title,snippet,relevance\r\n".utf8))
    }

    /// A query that never gives a result leaves nothing behind, not even a mark.
    func testAFailedQueryWritesNoMark() throws {
        let result = try CLIRunner.run(["query", "SELECT nope FROM institutions", "--db", db, "--format", "csv", "--bom"])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stdoutBytes, [])
    }

    /// Not a terminal (as here): the automatic format is csv, which takes the mark.
    func testBomWithTheAutomaticFormatIntoAPipeIsCSV() throws {
        let result = try run(["query", "SELECT 1 AS n", "--db", db, "--bom"])
        XCTAssertEqual(result.stdoutBytes, Self.bom + Array("n\r\n1\r\n".utf8))
    }

    func testBomWithJSONTableOrMarkdownIsAUsageError() throws {
        let commands: [[String]] = [
            ["query", "SELECT 1", "--db", db],
            ["report", "overview", "--db", db],
            ["report", "list"],
            ["search", "medicine", "--db", db],
        ]
        for command in commands {
            for format in ["json", "table", "markdown"] {
                let result = try CLIRunner.run(command + ["--format", format, "--bom"])
                XCTAssertEqual(result.status, 64, "\(command) \(format)")
                XCTAssertTrue(result.stderr.contains(
                    "--bom applies to csv and tsv output, not \(format): use --format csv or --format tsv, or leave out --bom"),
                    result.stderr)
                XCTAssertEqual(result.stdoutBytes, [], "\(command) \(format)")
            }
        }
    }

    /// On a terminal the automatic format is a table, so `--bom` alone is a
    /// usage error there; `script` gives the command a terminal for stdout.
    func testBomWithTheAutomaticFormatOnATerminalIsAUsageError() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            throw XCTSkip("no /usr/bin/script to give the command a terminal")
        }
        let command = [CLIRunner.executable.path, "query", "SELECT 1", "--db", db!, "--bom"]
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let result = try CLIRunner.run(["-qec", command, "/dev/null"], executable: script)
        XCTAssertEqual(result.status, 64, result.stdout)
        XCTAssertTrue(result.stdout.contains(
            "--bom applies to csv and tsv output, and the default on a terminal is table: add --format csv or --format tsv"),
            result.stdout)
        let csv = try CLIRunner.run(["-qec", command + " --format csv", "/dev/null"], executable: script)
        XCTAssertEqual(csv.status, 0, csv.stdout)
        // The terminal turns each LF into CRLF: CRLF becomes CR CR LF.
        XCTAssertEqual(csv.stdoutBytes, Self.bom + Array("1\r\r\n1\r\r\n".utf8))
    }

    func testTheHelpSaysWhatBomIsFor() throws {
        for command in [["query"], ["report", "run"], ["report", "list"], ["search"], ["audit"]] {
            let help = try run(command + ["--help"]).stdout
            let flag = try XCTUnwrap(help.range(of: "  --bom "), "\(command): \(help)")
            let rest = help[flag.upperBound...]
            let text = rest[..<(rest.range(of: "\n  -")?.lowerBound ?? rest.endIndex)]
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(text.hasPrefix("Start csv or tsv output with a UTF-8 byte-order mark, so that Excel"), "\(command): \(text)")
            XCTAssertTrue(text.contains("accented names"), "\(command): \(text)")
        }
    }
}
