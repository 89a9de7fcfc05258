import Database
import Foundation
import TestSupport
import XCTest

final class QueryAndSearchCommandTests: XCTestCase {
    var folder: TemporaryDirectory!
    var db: String!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        db = try ReportRegistry.create(in: folder)
    }

    override func tearDown() { folder = nil }

    private func fileDigest() -> String {
        ["", "-wal"].map { SHA256.hexDigest(Array(FileManager.default.contents(atPath: db + $0) ?? Data())) }.joined()
    }

    func testQueryPrintsRowsInEachFormat() throws {
        let sql = "SELECT key, stated_member_count AS members, 1.5 AS ratio FROM networks WHERE key = 'wun'"
        XCTAssertEqual(try CLIRunner.run(["query", sql, "--db", db, "--format", "csv"]).stdout, "key,members,ratio\r\nwun,,1.5\r\n")
        XCTAssertEqual(try CLIRunner.run(["query", sql, "--db", db, "--format", "json"]).stdout,
                       "[\n  {\"key\": \"wun\", \"members\": null, \"ratio\": 1.5}\n]\n")
        // Not a terminal: CSV by default.
        XCTAssertEqual(try CLIRunner.run(["query", sql, "--db", db]).stdout, "key,members,ratio\r\nwun,,1.5\r\n")
        let stdin = try CLIRunner.run(["query", "-", "--db", db, "--format", "csv"], stdin: Data("SELECT count(*) AS n FROM agreements".utf8))
        XCTAssertEqual(stdin.stdout, "n\r\n8\r\n", stdin.stderr)
    }

    /// The fixture's agreement has quotes and a comma in its title and a line
    /// break in its notes; its topics are given a tab. In TSV the comma stays
    /// as it is and the other three make their fields quoted.
    func testQueryAsTSVQuotesTabsQuotesAndLineBreaks() throws {
        let sql = """
            SELECT a.key, a.title, a.notes, replace(a.topics, ';', char(9)) AS topics, a.signed_on, NULL AS missing,
                   (SELECT count(*) FROM agreement_parties p WHERE p.agreement_id = a.id) AS parties, 0.5 AS ratio
            FROM agreements a WHERE a.key = 'uliege-andes-water'
            """
        let result = try CLIRunner.run(["query", sql, "--db", db, "--format", "tsv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(Array(result.stdout.utf8), Array(("key\ttitle\tnotes\ttopics\tsigned_on\tmissing\tparties\tratio\r\n"
            + "uliege-andes-water\t\"Cooperation on \"\"water\"\", climate and health\"\t"
            + "\"Signed in Liège,\nrenewable every five years.\"\t\"climate\thealth\"\t2025-11-20\t\t2\t0.5\r\n").utf8))
        XCTAssertEqual(result.stderr, "")
    }

    func testQueryRefusesWritesWithExitCode64AndChangesNothing() throws {
        let before = fileDigest()
        let cases = [
            ("INSERT INTO networks (key, name) VALUES ('x', 'X')", "refused: INSERT into 'networks'"),
            ("UPDATE agreements SET title = 'x'", "refused: UPDATE of 'agreements'"),
            ("DELETE FROM agreements", "refused: DELETE from 'agreements'"),
            ("DROP TABLE agreements", "refused: DROP agreements would change the schema"),
            ("CREATE TABLE x (y)", "refused: CREATE x would change the schema"),
            ("ALTER TABLE agreements ADD COLUMN z", "refused: ALTER TABLE agreements"),
            ("ATTACH DATABASE '\(folder.path("x.sqlite"))' AS x", "refused: ATTACH is not allowed"),
            ("PRAGMA user_version = 5", "refused: PRAGMA user_version = 5 sets a value"),
            ("SELECT load_extension('x')", "refused: load_extension() is not allowed"),
            ("WITH a AS (SELECT 1) INSERT INTO networks (key, name) SELECT 'k', 'n' FROM a", "refused: INSERT into 'networks'"),
            ("SELECT 1; DROP TABLE agreements", "refused: found 2 statements"),
        ]
        for (sql, message) in cases {
            let result = try CLIRunner.run(["query", sql, "--db", db])
            XCTAssertEqual(result.status, 64, sql)
            XCTAssertTrue(result.stderr.hasPrefix("partnerships: error: \(message)"), "\(sql): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasSuffix("The database was not changed.\n"), result.stderr)
            XCTAssertEqual(result.stdout, "", sql)
        }
        XCTAssertEqual(fileDigest(), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("x.sqlite")))
    }

    func testQueryTimeoutStopsARunawayQuery() throws {
        let started = Date()
        let result = try CLIRunner.run(["query", "WITH RECURSIVE f(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM f) SELECT count(*) FROM f",
                                        "--timeout", "0.5", "--db", db])
        XCTAssertEqual(result.status, 75)
        XCTAssertEqual(result.stdout, "", "no header of a result that never came")
        XCTAssertEqual(result.stderr, "partnerships: error: the query was stopped after 0.5 s (--timeout); narrow it with a WHERE or LIMIT, or allow more time with --timeout SECONDS\n")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(try CLIRunner.run(["query", "SELECT 1", "--timeout", "0", "--db", db]).status, 64)
    }

    func testQuerySyntaxErrorIsAUsageError() throws {
        let result = try CLIRunner.run(["query", "SELEKT 1", "--db", db])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("the SQL failed: near \"SELEKT\": syntax error"), result.stderr)
    }

    func testSearchPrintsRankedResultsWithSnippets() throws {
        let result = try CLIRunner.run(["search", "regenerative", "medicine", "--db", db, "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.components(separatedBy: "\r\n")
        XCTAssertEqual(lines[0], "kind,key,date,title,snippet,relevance")
        XCTAssertTrue(lines[1].hasPrefix("agreement,um-kyoto-regen,2023,Research collaboration on regenerative medicine,Research collaboration on [regenerative] [medicine],"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("news,kyoto-regen,2023-06,"), lines[2])
        XCTAssertEqual(lines.count, 4)
        let tsv = try CLIRunner.run(["search", "regenerative", "medicine", "--db", db, "--format", "tsv"])
        XCTAssertEqual(tsv.status, 0, tsv.stderr)
        XCTAssertEqual(tsv.stdout.components(separatedBy: "\r\n").map { $0.components(separatedBy: "\t") },
                       lines.map { $0.components(separatedBy: ",") }, "the CSV's fields (none has a comma), tab-separated")
        let limited = try CLIRunner.run(["search", "maastricht", "--limit", "1", "--db", db, "--format", "csv"])
        XCTAssertEqual(limited.stdout.components(separatedBy: "\r\n").count, 3, limited.stdout)
        let operators = try CLIRunner.run(["search", "AND", "\"", "--db", db])
        XCTAssertEqual(operators.status, 0, operators.stderr)
        XCTAssertEqual(try CLIRunner.run(["search", "--db", db]).status, 64)
        XCTAssertEqual(try CLIRunner.run(["search", "x", "--limit", "0", "--db", db]).status, 64)
    }
}
