import Database
import Foundation
import Registry
import XCTest

/// `partnerships audit` as a user runs it: the built binary as a child process.
final class AuditCommandTests: XCTestCase {
    private var folder: URL!
    private var db: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("partnerships-audit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        db = folder.appendingPathComponent("registry.sqlite").path
        let connection = try RegistryDatabase.open(path: db, access: .create)
        try RegistryDatabase.migrator().migrateUp(connection)
        try connection.execute("""
            INSERT INTO institutions (id, key, name, country_code) VALUES (1, 'um', 'Maastricht University', 'NL'),
                (2, 'uu', 'Universiteit "Utrecht", NL', 'NL');
            INSERT INTO agreements (id, key, title, kind, status, signed_on, effective_from, expires_on) VALUES
                (1, 'backwards', 'Signed after it expired', 'mou', 'terminated', '2020-06-12', NULL, '2020-06-11'),
                (2, 'lapsed', 'Lapsed, but active', 'exchange', 'active', '2015-01-01', NULL, '2024-06-30'),
                (3, 'retro', 'Applies from before signing', 'dual_degree', 'active', '2020-01-31', '2020-01-01', '2030-01-01');
            INSERT INTO agreement_parties (agreement_id, institution_id) VALUES (1, 1), (1, 2), (2, 1), (2, 2), (3, 1), (3, 2);
            """)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Stdout as written, byte-order mark and all.
        let stdoutBytes: [UInt8]
    }

    /// Runs the `partnerships` beside the test bundle in the build folder.
    private func partnerships(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("partnerships")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PARTNERSHIPS_DB")
        process.environment = environment
        // Files, not pipes: a large output can then never block the child.
        let out = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        let bytes = try Data(contentsOf: out)
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: bytes, as: UTF8.self),
                      stderr: try String(contentsOf: err, encoding: .utf8),
                      stdoutBytes: Array(bytes))
    }

    private func audit(_ extra: [String]) throws -> Result {
        try partnerships(["audit", "--db", db, "--as-of", "2026-11-20"] + extra)
    }

    func testExitCodeFollowsFailOn() throws {
        // One error (backwards), one warning (lapsed), one info (retro).
        XCTAssertEqual(try audit(["--format", "csv"]).status, 1)
        XCTAssertEqual(try audit(["--format", "csv", "--fail-on", "error"]).status, 1)
        XCTAssertEqual(try audit(["--format", "csv", "--fail-on", "warning"]).status, 1)
        XCTAssertEqual(try audit(["--format", "csv", "--fail-on", "never"]).status, 0)
        // Only the warning rule: no error.
        XCTAssertEqual(try audit(["--rule", "expired-but-active", "--fail-on", "error"]).status, 0)
        XCTAssertEqual(try audit(["--rule", "expired-but-active", "--fail-on", "warning"]).status, 1)
        // Only info: never reaches a warning, but does reach info.
        XCTAssertEqual(try audit(["--rule", "retroactive", "--fail-on", "warning"]).status, 0)
        XCTAssertEqual(try audit(["--rule", "retroactive", "--fail-on", "info"]).status, 1)
        XCTAssertEqual(try audit(["--rule", "retroactive", "--fail-on", "Info"]).status, 1, "in any letter case")
    }

    func testCSVKeepsTheSummaryOnStderr() throws {
        let result = try audit(["--format", "csv", "--fail-on", "never"])
        let lines = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 4)
        XCTAssertEqual(lines[0], Finding.columns.joined(separator: ","))
        XCTAssertTrue(lines[1].hasPrefix("error,certain,end-before-start,agreement,backwards,Signed after it expired,2020-06-11,"),
                      lines[1])
        XCTAssertEqual(result.stderr, "3 findings as of 2026-11-20: 1 error, 1 warning, 1 info\n")
    }

    /// The CSV's findings, tab-separated, its summary on stderr too; a title
    /// with a comma is no longer quoted.
    func testTSVKeepsTheSummaryOnStderrAndTheCSVsRows() throws {
        let result = try audit(["--format", "tsv", "--fail-on", "never"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.count, 5, result.stdout)
        XCTAssertEqual(lines[0], Finding.columns.joined(separator: "\t"))
        XCTAssertTrue(lines[1].hasPrefix("error\tcertain\tend-before-start\tagreement\tbackwards\tSigned after it expired\t2020-06-11\t"),
                      lines[1])
        XCTAssertTrue(lines[2].hasPrefix("warning\tcertain\texpired-but-active\tagreement\tlapsed\tLapsed, but active\t2024-06-30\t"
                                         + "expires_on=2024-06-30\t\t\t\t873\texpired on 2024-06-30, 873 days"), lines[2])
        XCTAssertEqual(lines[4], "")
        XCTAssertEqual(result.stderr, "3 findings as of 2026-11-20: 1 error, 1 warning, 1 info\n")
        let csv = try audit(["--format", "csv", "--fail-on", "never"])
        XCTAssertEqual(lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).count },
                       [13, 13, 13, 13, 1])
        XCTAssertEqual(csv.stdout.components(separatedBy: "\r\n").count, lines.count)
        let rules = try partnerships(["audit", "--list-rules", "--format", "tsv"])
        XCTAssertTrue(rules.stdout.hasPrefix("id\tseverity\tsettings\tchecks\r\n"), rules.stdout)
    }

    /// `--bom` puts EF BB BF before the CSV or TSV, findings and the
    /// list of rules alike, and changes nothing else; the summary stays on stderr.
    func testBomStartsTheCSVAndTSVWithAByteOrderMarkOnce() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        for format in ["csv", "tsv"] {
            let plain = try audit(["--format", format, "--fail-on", "never"])
            let marked = try audit(["--format", format, "--fail-on", "never", "--bom"])
            XCTAssertEqual(marked.status, 0, marked.stderr)
            XCTAssertEqual(Array(plain.stdoutBytes.prefix(3)), Array("sev".utf8), format)
            XCTAssertEqual(marked.stdoutBytes, bom + plain.stdoutBytes, format)
            XCTAssertEqual(marked.stderr, "3 findings as of 2026-11-20: 1 error, 1 warning, 1 info\n")
            let rules = try partnerships(["audit", "--list-rules", "--format", format, "--bom"])
            XCTAssertEqual(rules.status, 0, rules.stderr)
            XCTAssertEqual(rules.stdoutBytes, bom + (try partnerships(["audit", "--list-rules", "--format", format])).stdoutBytes)
        }
        // No findings: the mark and the header all the same.
        let none = try audit(["--rule", "late-announcement", "--format", "csv", "--bom"])
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertEqual(none.stdoutBytes, bom + Array((Finding.columns.joined(separator: ",") + "\r\n").utf8))
    }

    func testBomWithJSONTableOrMarkdownIsAUsageError() throws {
        for format in ["json", "table", "markdown"] {
            let result = try audit(["--format", format, "--bom"])
            XCTAssertEqual(result.status, 64, format)
            XCTAssertTrue(result.stderr.contains("--bom applies to csv and tsv output, not \(format): use --format csv or --format tsv"),
                          result.stderr)
            XCTAssertEqual(result.stdout, "")
        }
        XCTAssertEqual(try partnerships(["audit", "--list-rules", "--format", "json", "--bom"]).status, 64)
    }

    func testJSONHasEveryFieldOfEveryFinding() throws {
        let result = try audit(["--format", "json", "--fail-on", "never"])
        XCTAssertEqual(result.status, 0)
        let objects = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(objects.count, 3)
        for object in objects { XCTAssertEqual(Set(object.keys), Set(Finding.columns)) }
        let lapsed = objects[1]
        XCTAssertEqual(lapsed["severity"] as? String, "warning")
        XCTAssertEqual(lapsed["certainty"] as? String, "certain")
        XCTAssertEqual(lapsed["rule"] as? String, "expired-but-active")
        XCTAssertEqual(lapsed["record_type"] as? String, "agreement")
        XCTAssertEqual(lapsed["record_key"] as? String, "lapsed")
        XCTAssertEqual(lapsed["record_title"] as? String, "Lapsed, but active")
        XCTAssertEqual(lapsed["date"] as? String, "2024-06-30")
        XCTAssertEqual(lapsed["dates"] as? String, "expires_on=2024-06-30")
        XCTAssertTrue(lapsed["related_key"] is NSNull)
        XCTAssertEqual(lapsed["days"] as? Int, 873)
        XCTAssertEqual(lapsed["message"] as? String,
                       "expired on 2024-06-30, 873 days before 2026-11-20, still marked active: renew it or mark it terminated")
        XCTAssertEqual(result.stderr, "3 findings as of 2026-11-20: 1 error, 1 warning, 1 info\n")
    }

    func testTableAndMarkdownEndWithTheSummary() throws {
        for format in ["table", "markdown"] {
            let result = try audit(["--format", format, "--fail-on", "never"])
            XCTAssertTrue(result.stdout.hasSuffix("\n3 findings as of 2026-11-20: 1 error, 1 warning, 1 info\n"), format)
            XCTAssertTrue(result.stdout.contains("expired-but-active"), format)
            XCTAssertEqual(result.stderr, "", format)
        }
    }

    func testRulesCanBeGivenRepeatedOrWithCommas() throws {
        let repeated = try audit(["--rule", "retroactive", "--rule", "end-before-start", "--format", "csv"])
        let commas = try audit(["--rule", "retroactive,end-before-start", "--format", "csv"])
        XCTAssertEqual(repeated.stdout, commas.stdout)
        XCTAssertEqual(repeated.stderr, "2 findings as of 2026-11-20: 1 error, 0 warnings, 1 info\n")
    }

    func testUsageErrorsExitWith64AndSayWhatIsValid() throws {
        let unknown = try audit(["--rule", "expired"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.stderr.contains("there is no audit rule 'expired'"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("expired-but-active"), unknown.stderr)
        XCTAssertEqual(unknown.stdout, "")
        let date = try partnerships(["audit", "--db", db, "--as-of", "2026-02-30"])
        XCTAssertEqual(date.status, 64)
        XCTAssertTrue(date.stderr.contains("YYYY-MM-DD"), date.stderr)
        XCTAssertEqual(try partnerships(["audit", "--db", db, "--fail-on", "sometimes"]).status, 64)
        XCTAssertEqual(try partnerships(["audit", "--db", db, "--within", "-3"]).status, 64)
    }

    func testAMissingRegistryIsNotCreated() throws {
        let missing = folder.appendingPathComponent("none.sqlite").path
        let result = try partnerships(["audit", "--db", missing])
        XCTAssertEqual(result.status, 74)
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
    }

    func testListRulesShowsIdSeveritySettingsAndWhatEachChecks() throws {
        let result = try partnerships(["audit", "--list-rules", "--format", "csv"])
        XCTAssertEqual(result.status, 0)
        let lines = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 13)
        XCTAssertEqual(lines[0], "id,severity,settings,checks")
        XCTAssertTrue(lines[4].hasPrefix("expiring-soon,warning,within = 180 days (--within),"), lines[4])
        XCTAssertTrue(result.stdout.contains("term-ended,warning,,"))
    }

    func testHelpShowsExamples() throws {
        let result = try partnerships(["audit", "--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("partnerships audit --as-of 2026-11-20 --fail-on warning"))
        XCTAssertTrue(result.stdout.contains("--list-rules"))
    }
}
