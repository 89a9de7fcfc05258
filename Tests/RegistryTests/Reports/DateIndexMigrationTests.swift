import Database
@testable import Registry
import XCTest

/// Migrations 0008 and 0011: the date indexes leave out the agreements
/// without that date (0008) and hold the dates as written (0011); a range of
/// days, turned into a range of written dates as the reports and the audit
/// turn it, reads them and finds exactly the agreements the days say.
final class DateIndexMigrationTests: XCTestCase {
    private var fixture: RegistryFixture!
    private var connection: Connection { fixture.connection }

    override func setUpWithError() throws {
        fixture = try RegistryFixture()
        try connection.execute("""
            INSERT INTO agreements (id, key, title, kind, status, signed_on, effective_from, expires_on) VALUES
                (1, 'year', 't', 'mou', 'active', '2020', NULL, '2025'),
                (2, 'month', 't', 'mou', 'active', '2020-02', '2020-03', '2023-02'),
                (3, 'day', 't', 'mou', 'active', '2020-02-10', NULL, '2023-12-31'),
                (4, 'open', 't', 'mou', 'active', NULL, NULL, NULL),
                (5, 'draft', 't', 'mou', 'draft', '2020', NULL, NULL);
            """)
    }

    override func tearDown() { fixture = nil }

    /// Entries in an index, counted on its pages (in an index b-tree,
    /// interior cells are entries too).
    private func entries(_ index: String) throws -> Int64? {
        try connection.scalar("SELECT sum(ncell) FROM dbstat WHERE name = ?", [index])?.int64
    }

    private func plan(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> String {
        try connection.rows("EXPLAIN QUERY PLAN " + sql, arguments).compactMap { $0["detail"].string }
            .joined(separator: "\n")
    }

    private func keys(_ condition: String, _ arguments: [DatabaseValueConvertible] = []) throws -> [String] {
        try connection.rows("SELECT key FROM agreement_periods WHERE \(condition) ORDER BY key", arguments)
            .compactMap { $0[0].string }
    }

    func testEachDateIndexHoldsOnlyTheAgreementsWithThatDate() throws {
        XCTAssertEqual(try entries("agreements_signed_on"), 4)
        XCTAssertEqual(try entries("agreements_effective_from"), 1)
        XCTAssertEqual(try entries("agreements_expires_on"), 3)

        try RegistryDatabase.migrator().migrateDown(connection, to: 10)
        XCTAssertEqual(try entries("agreements_signed_start"), 4)
        XCTAssertEqual(try entries("agreements_effective_start"), 1)
        XCTAssertEqual(try entries("agreements_expires_end"), 3)
        XCTAssertNil(try entries("agreements_signed_on"))

        try RegistryDatabase.migrator().migrateDown(connection, to: 7)
        for index in ["agreements_signed_start", "agreements_effective_start", "agreements_expires_end"] {
            XCTAssertEqual(try entries(index), 5, index)
        }
        XCTAssertEqual(try connection.scalar("PRAGMA integrity_check")?.string, "ok")
    }

    /// The timeline's conditions: the written range, which the index
    /// answers, and the days, which make it exact.
    private static let startRange = """
        {date} BETWEEN CASE WHEN substr(?1, 6) = '01-01' THEN substr(?1, 1, 4)
                           WHEN substr(?1, 9) = '01' THEN substr(?1, 1, 7) ELSE ?1 END AND ?2
        """
    private static let endRange = "{date} BETWEEN substr(?1, 1, 4) AND ?2"

    func testDateRangesReadTheIndexesAndFindTheSameAgreements() throws {
        let ranges = [
            ("agreements_signed_on", Self.startRange.replacingOccurrences(of: "{date}", with: "signed_on")
                + " AND signed_start BETWEEN ?1 AND ?2", "2020-01-01", "2020-02-28"),
            ("agreements_effective_from", Self.startRange.replacingOccurrences(of: "{date}", with: "effective_from")
                + " AND effective_start BETWEEN ?1 AND ?2", "2020-01-01", "2020-12-31"),
            ("agreements_expires_on", Self.endRange.replacingOccurrences(of: "{date}", with: "expires_on")
                + " AND expires_end BETWEEN ?1 AND ?2", "2023-01-01", "2025-12-31"),
        ]
        let found = try ranges.map { try keys($0.1, [$0.2, $0.3]) }
        XCTAssertEqual(found, [["day", "draft", "month", "year"], ["month"], ["day", "month", "year"]])
        for (index, condition, first, last) in ranges {
            let plan = try plan("SELECT key FROM agreement_periods WHERE " + condition, [first, last])
            XCTAssertTrue(plan.contains("USING INDEX \(index)"), plan)
        }
    }

    /// Every date of 2019-2021 at every precision, against ranges that start
    /// and end on the first or last day of a year or month, or in between:
    /// the written range never leaves out an agreement the days take in.
    func testTheWrittenRangeHoldsEveryDateInTheDays() throws {
        try connection.execute("DELETE FROM agreements")
        try connection.execute("""
            WITH RECURSIVE day (d) AS (SELECT '2019-01-01' UNION ALL SELECT date(d, '+1 day') FROM day WHERE d < '2021-12-31'),
                written (w) AS (
                    SELECT d FROM day
                    UNION SELECT substr(d, 1, 7) FROM day
                    UNION SELECT substr(d, 1, 4) FROM day)
            INSERT INTO agreements (key, title, kind, signed_on, effective_from, expires_on)
            SELECT 'a-' || w, 't', 'mou', w, w, w FROM written
            """)
        XCTAssertEqual(try fixture.int("SELECT count(*) FROM agreements"), 1096 + 36 + 3)
        let bounds = ["2019-01-01", "2020-01-01", "2020-02-01", "2020-02-15", "2020-02-29", "2020-03-01", "2020-12-31",
                      "2021-06-30", "2021-07-01"]
        for first in bounds {
            for last in bounds where last >= first {
                for (date, days, written) in [("signed_on", "signed_start", Self.startRange),
                                              ("effective_from", "effective_start", Self.startRange),
                                              ("expires_on", "expires_end", Self.endRange)] {
                    let exact = try keys("\(days) BETWEEN ?1 AND ?2", [first, last])
                    let throughIndex = try keys(written.replacingOccurrences(of: "{date}", with: date)
                                                + " AND \(days) BETWEEN ?1 AND ?2", [first, last])
                    XCTAssertEqual(throughIndex, exact, "\(days) from \(first) to \(last)")
                    XCTAssertFalse(exact.isEmpty, "\(days) from \(first) to \(last)")
                }
            }
        }
    }
}
