import Database
@testable import Registry
import XCTest

/// The rules that can return most of the registry read it through the
/// indexes of migrations 0003, 0006 and 0007, in the order they report it: without them a
/// full audit of a million agreements sorts hundreds of thousands of rows.
final class AuditQueryPlanTests: XCTestCase {
    private var registry: AuditTestRegistry!

    override func setUpWithError() throws { registry = try AuditTestRegistry() }
    override func tearDown() { registry = nil }

    private func plan(_ rule: String, query: Int = 0) throws -> String {
        let sql = try XCTUnwrap(AuditRules.all.first { $0.id == rule }).queries[query].sql
        let statement = try registry.connection.prepare("EXPLAIN QUERY PLAN " + sql)
        let names = Set(statement.parameterNames.compactMap { $0 })
        let settings = try AuditSettings(asOf: "2026-11-20")
        var parameters = settings.parameters
        parameters[":part"] = 0
        parameters[":parts"] = 2
        parameters[":last_id"] = 1000
        try statement.bind(named: parameters.filter { names.contains($0.key) })
        return try statement.allRows().compactMap { $0["detail"].string }.joined(separator: "\n")
    }

    /// The partial index of active agreements alone answers it (migrations
    /// 0006, 0007): no lookup of each agreement, no sort.
    func testExpiredButActiveWalksTheActiveExpiryIndexWithoutSortingOrLookingUp() throws {
        let plan = try plan("expired-but-active")
        XCTAssertTrue(plan.contains("USING COVERING INDEX agreements_active_expiry (expires_on<?)"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
    }

    func testExpiringSoonWalksTheActiveExpiryIndexWithoutSorting() throws {
        let plan = try plan("expiring-soon")
        XCTAssertTrue(plan.contains("USING INDEX agreements_active_expiry (expires_on>? AND expires_on<?)"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
    }

    /// Since migration 0013 no index holds the active agreements without an
    /// expiry: the rule reads the table once and sorts the few that pass.
    func testNoExpiryReadsTheTableOnceAndSortsTheFew() throws {
        let plan = try plan("no-expiry")
        XCTAssertTrue(plan.hasPrefix("SCAN r\n"), plan)
        XCTAssertTrue(plan.contains("SEARCH agreements USING INTEGER PRIMARY KEY"), plan)
        XCTAssertTrue(plan.contains("USE TEMP B-TREE FOR ORDER BY"), plan)
        XCTAssertFalse(plan.contains("agreements_active_expiry"), plan)
    }

    /// It reads the signing dates from the as-of year on, in the order it
    /// reports them (migration 0011: the index on signed_on as written), and
    /// sorts nothing.
    func testSignedInFutureWalksTheSigningDateIndexWithoutSorting() throws {
        let plan = try plan("signed-in-future")
        XCTAssertTrue(plan.contains("USING INDEX agreements_signed_on (signed_on>?)"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
    }

    /// The earliest signing date comes from the first entry of an index, not a scan.
    func testBeforeEstablishedFindsTheEarliestSigningInTheIndex() throws {
        let plan = try plan("before-established")
        XCTAssertTrue(plan.contains("SEARCH agreements USING COVERING INDEX agreements_signed_on"), plan)
        XCTAssertFalse(plan.contains("SCAN agreements"), plan)
    }

    func testOverlapWalksThePartySetIndexAndLooksUpOnlyTheCandidates() throws {
        let plan = try plan("overlap")
        XCTAssertTrue(plan.contains("agreements USING INDEX agreements_party_set"), plan)
        XCTAssertTrue(plan.contains("SEARCH t USING INDEX agreements_party_set (party_set=? AND kind=?)"), plan)
        XCTAssertTrue(plan.contains("SEARCH agreements USING INTEGER PRIMARY KEY"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE FOR GROUP BY"), plan)
        XCTAssertFalse(plan.contains("agreement_parties_institution"), plan)
    }

    /// Since migration 0012 each reads the table once (no walk of a date
    /// index with a lookup per agreement) and sorts only what passes its
    /// conditions, a few per cent of the agreements.
    func testEndBeforeStartAndRetroactiveReadTheTableOnceAndSortTheFew() throws {
        let endBeforeStart = try plan("end-before-start")
        let retroactive = try plan("retroactive")
        for plan in [endBeforeStart, retroactive] {
            XCTAssertTrue(plan.hasPrefix("SCAN r\n"), plan)
            XCTAssertTrue(plan.contains("USE TEMP B-TREE FOR ORDER BY"), plan)
            XCTAssertFalse(plan.contains("USING INDEX") || plan.contains("USING COVERING INDEX"), plan)
        }
        XCTAssertFalse(retroactive.contains("SEARCH"), retroactive)
    }
}
