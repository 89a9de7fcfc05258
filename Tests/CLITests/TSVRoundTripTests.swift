import Foundation
import Registry
import TestSupport
import XCTest

/// A `query --format tsv` whose columns are an importer's columns imports
/// again, as a spreadsheet user would do after editing it: the `.tsv` name
/// makes it CSV, the tabs of its header make tab the delimiter.
final class TSVRoundTripTests: XCTestCase {
    var folder: TemporaryDirectory!
    var source: String!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        source = try ReportRegistry.create(in: folder)
        // Text with every character TSV must quote, put in through the importer;
        // LF only, as the CSV reader returns any line break inside a field as LF.
        let institutions = try write("extra-institutions.json", """
            [{"key": "tabbed", "name": "Tab\\tInstitute \\"TI\\"", "kind": "research_institute", "country": "NL",
              "city": "Delft, Zuid-Holland", "notes": "line one\\nline\\ttwo, with a comma\\nthird"}]
            """)
        let agreements = try write("extra-agreements.json", """
            [{"key": "tabbed-um", "title": "Tabs\\tin \\"the\\" title", "kind": "mou", "parties": "um;tabbed",
              "signed_on": "2024-03", "notes": "first\\nsecond\\tcolumn, comma"}]
            """)
        for (kind, file) in [("institutions", institutions), ("agreements", agreements)] {
            let result = try CLIRunner.run(["import", kind, file, "--db", source])
            XCTAssertEqual(result.status, 0, result.stderr)
        }
    }

    override func tearDown() { folder = nil }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = folder.path(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let institutionsSQL = """
        SELECT key, name, short_name, kind, country_code AS country, city, established, notes
        FROM institutions ORDER BY key
        """

    /// Parties as the importer takes them: institution keys, `;`-separated, in key order.
    static let agreementsSQL = """
        SELECT a.key, a.title, a.kind,
               (SELECT group_concat(key, ';') FROM (
                    SELECT i.key FROM agreement_parties p JOIN institutions i ON i.id = p.institution_id
                    WHERE p.agreement_id = a.id ORDER BY i.key)) AS parties,
               a.signed_on, a.effective_from, a.expires_on, a.status, a.topics, a.notes
        FROM agreements a ORDER BY a.key
        """

    private func query(_ sql: String, db: String, format: String = "tsv") throws -> String {
        let result = try CLIRunner.run(["query", sql, "--db", db, "--format", format])
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }

    /// The bytes of `query --format FORMAT --bom`, as Excel users get them.
    private func queryWithByteOrderMark(_ sql: String, db: String, format: String) throws -> [UInt8] {
        let result = try CLIRunner.run(["query", sql, "--db", db, "--format", format, "--bom"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(Array(result.stdoutBytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        return result.stdoutBytes
    }

    func testAQueryWrittenAsTSVImportsAgainWithTheSameRows() throws {
        let institutions = try query(Self.institutionsSQL, db: source)
        let agreements = try query(Self.agreementsSQL, db: source)
        XCTAssertTrue(institutions.contains("\r\ntabbed\t\"Tab\tInstitute \"\"TI\"\"\"\t\tresearch_institute\tNL\t"
                                            + "Delft, Zuid-Holland\t\t\"line one\nline\ttwo, with a comma\nthird\"\r\n"),
                      institutions)
        XCTAssertTrue(agreements.contains("\r\ntabbed-um\t\"Tabs\tin \"\"the\"\" title\"\tmou\ttabbed;um\t2024-03\t"), agreements)

        let target = folder.path("target.sqlite")
        let connection = try RegistryDatabase.open(path: target, access: .create)
        try RegistryDatabase.migrator().migrateUp(connection)
        for (kind, text, rows) in [("institutions", institutions, 8), ("agreements", agreements, 9)] {
            let file = try write("\(kind).tsv", text)
            let result = try CLIRunner.run(["import", kind, file, "--db", target])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stdout.contains("\(rows) rows: \(rows) inserted, 0 updated, 0 unchanged, 0 rejected, 0 warnings"),
                          result.stdout)
        }

        XCTAssertEqual(try query(Self.institutionsSQL, db: target), institutions)
        XCTAssertEqual(try query(Self.agreementsSQL, db: target), agreements)
        // The same values, not just the same bytes twice: read back as JSON.
        XCTAssertEqual(try query("SELECT name, city, notes FROM institutions WHERE key = 'tabbed'", db: target, format: "json"), """
            [
              {"name": "Tab\\tInstitute \\"TI\\"", "city": "Delft, Zuid-Holland", "notes": "line one\\nline\\ttwo, with a comma\\nthird"}
            ]

            """)
        XCTAssertEqual(try query("SELECT title, notes FROM agreements WHERE key = 'tabbed-um'", db: target, format: "json"), """
            [
              {"title": "Tabs\\tin \\"the\\" title", "notes": "first\\nsecond\\tcolumn, comma"}
            ]

            """)
    }

    /// A file written with `--bom` (for Excel) imports again: the importer
    /// skips the mark, so the first column is `key`, not "\u{FEFF}key".
    func testAFileWrittenWithBomImportsAgain() throws {
        let target = folder.path("target.sqlite")
        let connection = try RegistryDatabase.open(path: target, access: .create)
        try RegistryDatabase.migrator().migrateUp(connection)
        for (kind, sql, format, rows) in [("institutions", Self.institutionsSQL, "tsv", 8),
                                          ("agreements", Self.agreementsSQL, "csv", 9)] {
            let bytes = try queryWithByteOrderMark(sql, db: source, format: format)
            let file = folder.path("\(kind)-bom.\(format)")
            XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data(bytes)))
            let result = try CLIRunner.run(["import", kind, file, "--db", target])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stdout.contains("\(rows) rows: \(rows) inserted, 0 updated, 0 unchanged, 0 rejected, 0 warnings"),
                          result.stdout)
            XCTAssertEqual(try queryWithByteOrderMark(sql, db: target, format: format), bytes, kind)
        }
        XCTAssertEqual(try query("SELECT name FROM institutions WHERE key = 'uliege'", db: target, format: "csv"),
                       "name\r\nUniversité de Liège\r\n")
    }
}
