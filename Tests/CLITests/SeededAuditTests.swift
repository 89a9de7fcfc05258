import Foundation
import TestSupport
import XCTest

/// The audit of the registry `partnerships init` builds from Seeds/, at a
/// fixed date: the exact findings a user of these universities would see.
final class SeededAuditTests: XCTestCase {
    var folder: TemporaryDirectory!

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder = nil }

    func testSeededRegistryFindingsAtAFixedDate() throws {
        let db = folder.path("r.sqlite")
        XCTAssertEqual(try CLIRunner.run(["init", "--db", db]).status, 0)
        let result = try CLIRunner.run(["audit", "--as-of", "2026-11-21", "--format", "csv", "--fail-on", "never", "--db", db])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\r\n").map(String.init)
        let header = lines.first?.split(separator: ",").map(String.init) ?? []
        guard let severity = header.firstIndex(of: "severity"), let certainty = header.firstIndex(of: "certainty"),
              let rule = header.firstIndex(of: "rule"), let key = header.firstIndex(of: "record_key") else {
            return XCTFail("unexpected header: \(header)")
        }
        // No field of these rows contains a comma before record_key, so a plain split is exact here.
        let findings = lines.dropFirst().map { line -> String in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return [fields[severity], fields[certainty], fields[rule], fields[key]].joined(separator: " ")
        }
        XCTAssertEqual(findings, [
            "warning certain no-expiry um-qu-cmed-2015",
            "warning certain no-expiry um-luxembourg-2018",
            "warning certain announced-before-signing 2019-05-07-item-uhasselt-nl",
            "warning certain no-expiry item-uhasselt-2019",
            "warning certain term-ended wun/Martin Paul/2018-01",
            "warning certain term-ended wun/Martin Paul/2018-01",
            "info possible term-ended wun/Martin Paul",
        ])
        XCTAssertTrue(result.stderr.contains("7 findings as of 2026-11-21: 0 errors, 6 warnings, 1 info"), result.stderr)

        let gate = try CLIRunner.run(["audit", "--as-of", "2026-11-21", "--fail-on", "warning", "--format", "csv", "--db", db])
        XCTAssertEqual(gate.status, 1, "warnings fail a --fail-on warning gate")
    }
}
