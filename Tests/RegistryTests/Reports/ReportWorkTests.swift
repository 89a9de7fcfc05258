import Database
import Foundation
@testable import Registry
import TestSupport

import XCTest

/// How much a report reads, on a registry of 4,000 agreements between
/// institutions in 20 countries whose planner statistics are those that the
/// import's `PRAGMA optimize` left on the benchmark's million agreements at schema 9
/// (sqlite_stat1 as it was there, word for word; the full-text index's line is from
/// the run at schema 7, as later ones did not analyze it). Timings belong
/// in the benchmark; the amount of work, counted in SQLite instructions, does
/// not depend on the machine.
final class ReportWorkTests: XCTestCase {
    private var directory: TemporaryDirectory!
    private var path = ""

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
        path = directory.path("registry.sqlite")
        let connection = try RegistryDatabase.open(path: path, access: .create)
        try RegistryDatabase.migrator().migrateUp(connection)
        try connection.execute("""
            WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200),
                codes (k, code) AS (SELECT row_number() OVER (ORDER BY code) - 1, code FROM countries LIMIT 20)
            INSERT INTO institutions (id, key, name, country_code)
            SELECT i, 'inst-' || i, 'Institution ' || i, code FROM n JOIN codes ON codes.k = i % 20;
            WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
            INSERT INTO agreements (id, key, title, kind, status, signed_on, expires_on)
            SELECT i, 'agr-' || i, 'Agreement ' || i, 'mou', 'active', '2020-01-01', '2030-12-31' FROM n;
            INSERT INTO agreement_parties (agreement_id, institution_id) SELECT id, 1 + id % 200 FROM agreements;
            INSERT INTO agreement_parties (agreement_id, institution_id) SELECT id, 1 + (id * 7 + 3) % 200 FROM agreements
            WHERE 1 + (id * 7 + 3) % 200 <> 1 + id % 200;
            ANALYZE;
            DELETE FROM sqlite_stat1;
            INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
                ('institution_aliases', 'institution_aliases_alias_nocase', '16530 1'),
                ('institution_aliases', 'institution_aliases_alias', '19007 1'),
                ('institution_aliases', 'institution_aliases', '12922 2 1'),
                ('agreement_search_idx', 'agreement_search_idx', '145 73 1'),
                ('agreements', 'agreements_signed_start', '934560 101'),
                ('agreements', 'agreements_retroactive', '77175 38 1 1 1 1'),
                ('agreements', 'agreements_party_set', '234175 2 1'),
                ('agreements', 'agreements_kind_status', '478848 1001 1001'),
                ('agreements', 'agreements_expires_end', '837210 3'),
                ('agreements', 'agreements_end_before_start', '13115 2'),
                ('agreements', 'agreements_effective_start', '382320 167'),
                ('agreements', 'agreements_active_expiry', '276000 4 3 1 1 1 1'),
                ('agreements', 'sqlite_autoindex_agreements_1', '1095120 1'),
                ('agreement_parties', 'agreement_parties_institution', '2547050 112'),
                ('agreement_parties', 'agreement_parties', '2652422 3 1');
            """)
    }

    override func tearDown() { directory = nil }

    /// SQLite instructions (in hundreds) that running `report` takes.
    private func work(_ report: String, _ arguments: [String: String]) throws -> Int {
        let queryGuard = try ReadOnlyRegistry.open(path: path)
        var steps = 0
        queryGuard.connection.setProgressHandler(every: 100) {
            steps += 1
            return false
        }
        let definition = try ReportCatalogue.load(userDirectory: nil).report(named: report)
        try ReportRunner.run(definition, arguments: arguments, asOf: "2026-03-01", guard: queryGuard,
                             columns: { _ in }, row: { _ in })
        return steps
    }

    /// One country's institutions take part in about a tenth of the
    /// agreements: the report must read those, not every agreement (it did,
    /// with these statistics, until the country's own SELECT).
    func testPartnersByCountryForOneCountryReadsThatCountrysAgreements() throws {
        let country = try work("partners-by-country", ["country": "AE"])
        let everyCountry = try work("partners-by-country", [:])
        XCTAssertLessThan(country * 10, everyCountry, "one country: \(country), every country: \(everyCountry)")
    }

    /// Counting agreements by kind and status seeks through the index
    /// rather than grouping every entry: the whole overview does less than
    /// half the work of that grouping alone (it did more).
    func testOverviewCountsAgreementsWithoutGroupingEveryRow() throws {
        let overview = try work("overview", [:])
        let grouping = try {
            let queryGuard = try ReadOnlyRegistry.open(path: path)
            var steps = 0
            queryGuard.connection.setProgressHandler(every: 100) {
                steps += 1
                return false
            }
            try queryGuard.run(queryGuard.prepare("SELECT kind, status, count(*) FROM agreements GROUP BY kind, status"),
                               columns: { _ in }, row: { _ in })
            return steps
        }()
        XCTAssertLessThan(overview * 2, grouping, "overview: \(overview), grouping: \(grouping)")
    }
}
