import Database
@testable import Registry
import XCTest

/// Migration 0008: the date indexes of 0003 leave out the agreements without
/// that date, and every date range still reads them.
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

    private func plan(_ sql: String) throws -> String {
        try connection.rows("EXPLAIN QUERY PLAN " + sql).compactMap { $0["detail"].string }.joined(separator: "\n")
    }

    private func keys(_ condition: String) throws -> [String] {
        try connection.rows("SELECT key FROM agreement_periods WHERE \(condition) ORDER BY key").compactMap { $0[0].string }
    }

    func testEachDateIndexHoldsOnlyTheAgreementsWithThatDate() throws {
        XCTAssertEqual(try entries("agreements_signed_start"), 4)
        XCTAssertEqual(try entries("agreements_effective_start"), 1)
        XCTAssertEqual(try entries("agreements_expires_end"), 3)

        try RegistryDatabase.migrator().migrateDown(connection, to: 7)
        for index in ["agreements_signed_start", "agreements_effective_start", "agreements_expires_end"] {
            XCTAssertEqual(try entries(index), 5, index)
        }
        XCTAssertEqual(try connection.scalar("PRAGMA integrity_check")?.string, "ok")
    }

    /// A range of days, as the timeline and expiring reports ask, reads the
    /// index and finds the same agreements as before the migration.
    func testDateRangesReadTheIndexesAndFindTheSameAgreements() throws {
        let ranges = [
            ("agreements_signed_start", "signed_start BETWEEN '2020-01-01' AND '2020-02-28'"),
            ("agreements_effective_start", "effective_start BETWEEN '2020-01-01' AND '2020-12-31'"),
            ("agreements_expires_end", "expires_end BETWEEN '2023-01-01' AND '2025-12-31'"),
        ]
        let after = try ranges.map { try keys($0.1) }
        XCTAssertEqual(after, [["day", "draft", "month", "year"], ["month"], ["day", "month", "year"]])
        for (index, condition) in ranges {
            let plan = try plan("SELECT key FROM agreement_periods WHERE " + condition)
            XCTAssertTrue(plan.contains("USING INDEX \(index)"), plan)
        }

        try RegistryDatabase.migrator().migrateDown(connection, to: 7)
        XCTAssertEqual(try ranges.map { try keys($0.1) }, after)
    }
}
