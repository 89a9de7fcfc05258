import Database
@testable import Registry
import XCTest

/// Migration 0009: agreements_kind_status keeps only the agreements that are
/// not active (until 0010 replaces it with agreement_tallies), and the two
/// partial audit indexes keep the same agreements with cheaper conditions.
final class LighterIndexMigrationTests: XCTestCase {
    private var fixture: RegistryFixture!
    private var connection: Connection { fixture.connection }

    override func setUpWithError() throws {
        fixture = try RegistryFixture()
        // 300 agreements: every kind and status, dates at the three precisions
        // or missing, some expiring before they were signed or took effect and
        // some taking effect before they were signed.
        try connection.execute("""
            WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300),
                kinds (k, kind) AS (VALUES (0, 'mou'), (1, 'exchange'), (2, 'dual_degree'), (3, 'funding'), (4, 'other')),
                dated AS (
                    SELECT i, 1990 + i % 30 AS year, i % 3 AS precision FROM n)
            INSERT INTO agreements (id, key, title, kind, status, signed_on, effective_from, expires_on)
            SELECT i, 'agr-' || i, 'Agreement ' || i,
                   (SELECT kind FROM kinds WHERE k = i % 5),
                   CASE i % 7 WHEN 0 THEN 'draft' WHEN 1 THEN 'terminated' ELSE 'active' END,
                   CASE WHEN i % 11 = 0 THEN NULL
                        WHEN precision = 0 THEN year
                        WHEN precision = 1 THEN printf('%d-%02d', year, 1 + i % 12)
                        ELSE printf('%d-%02d-%02d', year, 1 + i % 12, 1 + i % 28) END,
                   CASE WHEN i % 4 = 0 THEN printf('%d-%02d', year + (i % 3) - 1, 1 + (i * 5) % 12) END,
                   CASE WHEN i % 6 = 0 THEN NULL
                        ELSE printf('%d-%02d-%02d', year + (i % 5) - 1, 1 + (i * 7) % 12, 1 + i % 28) END
            FROM dated;
            """)
    }

    override func tearDown() { fixture = nil }

    func testThePartialAuditIndexesKeepTheSameAgreements() throws {
        // Migration 0012 dropped them; its down migration makes them as 0009 did.
        XCTAssertEqual(try connection.indexEntries("agreements_end_before_start"), 0)
        XCTAssertEqual(try connection.indexEntries("agreements_retroactive"), 0)
        try RegistryDatabase.migrator().migrateDown(connection, to: 11)
        let atNine = (try connection.indexEntries("agreements_end_before_start"),
                      try connection.indexEntries("agreements_retroactive"))
        // The conditions of 0006, evaluated directly.
        XCTAssertEqual(atNine.0, try connection.agreementCount(where: """
            expires_on IS NOT NULL AND (substr(expires_on, 1, 4) <= substr(signed_on, 1, 4)
                                        OR substr(expires_on, 1, 4) <= substr(effective_from, 1, 4))
            """))
        XCTAssertEqual(atNine.1, try connection.agreementCount(where: """
            effective_from IS NOT NULL AND signed_on IS NOT NULL AND substr(effective_from, 1, 4) <= substr(signed_on, 1, 4)
            AND CASE length(effective_from) WHEN 4 THEN effective_from || '-01-01' WHEN 7 THEN effective_from || '-01'
                    ELSE effective_from END
              < CASE length(signed_on) WHEN 4 THEN signed_on || '-12-31'
                    WHEN 7 THEN date(signed_on || '-01', '+1 month', '-1 day') ELSE signed_on END
            """))
        XCTAssertGreaterThan(atNine.0, 10)
        XCTAssertGreaterThan(atNine.1, 10)

        try RegistryDatabase.migrator().migrateDown(connection, to: 8)
        XCTAssertEqual(try connection.indexEntries("agreements_end_before_start"), atNine.0)
        XCTAssertEqual(try connection.indexEntries("agreements_retroactive"), atNine.1)
        XCTAssertEqual(try connection.scalar("PRAGMA integrity_check")?.string, "ok")
    }

    func testKindStatusHoldsTheAgreementsThatAreNotActive() throws {
        // Migration 0010 replaced the index with agreement_tallies.
        XCTAssertEqual(try connection.indexEntries("agreements_kind_status"), 0)
        try RegistryDatabase.migrator().migrateDown(connection, to: 9)
        XCTAssertEqual(try connection.indexEntries("agreements_kind_status"),
                       try connection.agreementCount(where: "status <> 'active'"))
        try RegistryDatabase.migrator().migrateDown(connection, to: 8)
        XCTAssertEqual(try connection.indexEntries("agreements_kind_status"), 300)
    }

    /// The same counts as grouping the table, read from agreement_tallies
    /// (migration 0010) without reading a single agreement.
    func testOverviewCountsEveryKindAndStatusWithoutReadingAgreements() throws {
        let sql = try XCTUnwrap(ReportCatalogue.builtIn().first { $0.name == "overview" }).sql
        let counted = try connection.rows(sql).filter { $0[0].string == "agreements" }
            .map { [$0[1].string ?? "", $0[2].string ?? "∅", String($0[3].int64 ?? -1)] }
        let grouped = try connection.rows("""
            SELECT 'all', '∅', count(*) FROM agreements
            UNION ALL
            SELECT * FROM (SELECT kind, status, count(*) FROM agreements GROUP BY kind, status ORDER BY kind, status)
            """).map { [$0[0].string ?? "", $0[1].string ?? "", String($0[2].int64 ?? -1)] }
        XCTAssertEqual(counted, grouped)

        let plan = try connection.rows("EXPLAIN QUERY PLAN " + sql).compactMap { $0["detail"].string }
        XCTAssertTrue(plan.contains { $0.hasPrefix("SCAN agreement_tallies") }, "\(plan)")
        XCTAssertFalse(plan.contains { $0.contains("agreements ") || $0.hasSuffix("agreements") || $0.contains(" a ") },
                       "\(plan)")
    }
}
