import Database
import Foundation
@testable import Registry
import TestSupport
import XCTest

/// A report in parts (:part, :parts) prints what it prints whole, whatever
/// the number of parts, and reads one snapshot in all of them.
final class ReportPartsTests: XCTestCase {
    private var fixture: ReportRegistryFixture!

    override func setUpWithError() throws {
        fixture = try ReportRegistryFixture()
        // Agreements dated through 2023-2026 at every precision, so that
        // every share of a range of days has events, and some fall on the
        // days where one part ends and the next begins.
        let writer = try fixture.writer()
        try writer.transaction {
            for number in 0..<1_500 {
                let year = 2023 + number % 4
                let month = 1 + number * 7 % 12
                let day = 1 + number * 11 % 28
                let signed = number % 5 == 0 ? String(year) : number % 5 == 1 ? String(format: "%04d-%02d", year, month)
                    : String(format: "%04d-%02d-%02d", year, month, day)
                let effective = number % 3 == 0 ? nil : String(format: "%04d-%02d", year, month)
                let expires = number % 4 == 0 ? nil : String(format: "%04d-%02d-%02d", year + 1, month, day)
                try writer.execute("""
                    INSERT INTO agreements (key, title, kind, signed_on, effective_from, expires_on)
                    VALUES (?1, ?2, 'mou', ?3, ?4, ?5)
                    """, [String(format: "parts-%05d", number), "Agreement \(number), \"parts\"", signed, Self.value(effective),
                          Self.value(expires)])
            }
        }
        agreementCount = Int(try writer.scalar("SELECT count(*) FROM agreements")?.int64 ?? 0)
    }

    private var agreementCount = 0

    private static func value(_ text: String?) -> DatabaseValue { text.map(DatabaseValue.text) ?? .null }

    override func tearDown() { fixture = nil }

    /// The report's rows as CSV-like text, run in `parts` parts.
    private func run(_ name: String, _ arguments: [String: String], parts: Int, catalogue: ReportCatalogue? = nil,
                     afterSnapshots: () -> Void = {}) throws -> (columns: [String], rows: [String]) {
        let report = try (catalogue ?? ReportCatalogue.load(userDirectory: nil)).report(named: name)
        var columns: [String] = []
        var rows: [String] = []
        try ReportRunner.run(report, arguments: arguments, asOf: ReportRegistryFixture.asOf, guard: fixture.reader(),
                             timeout: nil, parts: parts, afterSnapshots: afterSnapshots,
                             columns: { columns = $0 }, rowInPlace: { row in
                                 rows.append((0..<row.count).map { ReportRegistryFixture.text(row.value(at: $0)) }
                                     .joined(separator: "|"))
                             })
        return (columns, rows)
    }

    func testTheTimelineInPartsIsTheTimelineWhole() throws {
        let ranges: [[String: String]] = [
            ["from": "2024", "to": "2025"], ["from": "2024-02", "to": "2025-03"], ["from": "2025-03-05", "to": "2025-03-05"],
            [:], ["from": "2020", "to": "2030"], ["from": "2024", "to": "2025", "institution": "KU Leuven"],
        ]
        for arguments in ranges {
            let whole = try run("timeline", arguments, parts: 1)
            XCTAssertEqual(whole.columns, ["date", "event", "key", "title", "detail"])
            for parts in [2, 3, 4, 7] {
                let inParts = try run("timeline", arguments, parts: parts)
                XCTAssertEqual(inParts.columns, whole.columns, "\(arguments), \(parts) parts")
                XCTAssertEqual(inParts.rows, whole.rows, "\(arguments), \(parts) parts")
            }
        }
        // Not a vacuous comparison: two years hold thousands of events, in date order.
        let twoYears = try run("timeline", ["from": "2024", "to": "2025"], parts: 2).rows
        XCTAssertGreaterThan(twoYears.count, 1_500)
        XCTAssertEqual(twoYears.first?.prefix(4), "2024")
        XCTAssertEqual(twoYears.last?.prefix(4), "2025")
    }

    /// An import that commits while the parts begin must show in all of them
    /// or in none: here part 1's half of the year gains an event that the
    /// first snapshot lacked. The runner sees the commit and runs the report
    /// whole, in the newer snapshot.
    func testACommitWhileThePartsBeginShowsInAllOrNone() throws {
        let arguments = ["from": "2025-01-01", "to": "2025-12-31"]
        let before = try run("timeline", arguments, parts: 1).rows
        let writer = try fixture.writer()
        let inParts = try run("timeline", arguments, parts: 2, afterSnapshots: {
            do {
                try writer.execute("""
                    INSERT INTO agreements (key, title, kind, signed_on) VALUES ('late-commit', 'Committed meanwhile', 'mou', '2025-11-30')
                    """)
            } catch {
                XCTFail("the commit in between failed: \(error)")
            }
        }).rows
        let after = try run("timeline", arguments, parts: 1).rows
        XCTAssertEqual(after.count, before.count + 1)
        // Compared whole but reported short: the rows are many.
        XCTAssertTrue(inParts == after, "in parts: \(inParts.count) rows, with the commit's: \(inParts.contains { $0.contains("late-commit") }); after: \(after.count) rows")
    }

    func testAUserReportInPartsKeepsItsOrderAcrossChunks() throws {
        let folder = try TemporaryDirectory()
        // The agreements by id, each part a run of ids: more rows than a chunk.
        try """
            -- name: by-id
            -- description: Agreements by id, in parts.
            WITH span (last) AS (SELECT max(id) FROM agreements)
            SELECT id, key, title, NULL AS missing, 1.5 AS half, x'00ff' AS bytes FROM agreements, span
            WHERE id > last * :part / :parts AND id <= last * (:part + 1) / :parts
            ORDER BY id
            """.write(toFile: folder.path("by-id.sql"), atomically: true, encoding: .utf8)
        let catalogue = try ReportCatalogue.load(userDirectory: folder.url)
        let whole = try run("by-id", [:], parts: 1, catalogue: catalogue)
        XCTAssertGreaterThan(whole.rows.count, ReportParts.chunkRows)
        XCTAssertEqual(whole.rows.first?.hasSuffix("|∅|1.5|<2 bytes>"), true)
        for parts in [2, 4] {
            XCTAssertEqual(try run("by-id", [:], parts: parts, catalogue: catalogue).rows, whole.rows, "\(parts) parts")
        }
    }

    /// A later part that fails fails the report, after the rows before it.
    func testAnErrorInALaterPartFailsTheReport() throws {
        let folder = try TemporaryDirectory()
        try """
            -- name: fails-later
            SELECT key FROM agreements
            WHERE CASE WHEN :part = 1 THEN abs(-9223372036854775807 - 1) ELSE 1 END AND :parts > 0
            """.write(toFile: folder.path("fails-later.sql"), atomically: true, encoding: .utf8)
        let catalogue = try ReportCatalogue.load(userDirectory: folder.url)
        XCTAssertThrowsError(try run("fails-later", [:], parts: 2, catalogue: catalogue)) { error in
            XCTAssertTrue("\(error)".contains("integer overflow"), "\(error)")
        }
        XCTAssertEqual(try run("fails-later", [:], parts: 1, catalogue: catalogue).rows.count, agreementCount)
    }

    func testAReportWithPartButNotPartsIsRefused() throws {
        let folder = try TemporaryDirectory()
        try """
            -- name: half-split
            SELECT key FROM agreements WHERE id % 2 = :part
            """.write(toFile: folder.path("half-split.sql"), atomically: true, encoding: .utf8)
        let catalogue = try ReportCatalogue.load(userDirectory: folder.url)
        XCTAssertThrowsError(try run("half-split", [:], parts: 2, catalogue: catalogue)) { error in
            XCTAssertTrue("\(error)".contains(":part and :parts"), "\(error)")
        }
    }
}
