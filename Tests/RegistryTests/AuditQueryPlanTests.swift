import Database
@testable import Registry
import XCTest

/// The rules that can return most of the registry read it through the
/// indexes of migration 0004, in the order they report it: without them a
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
        try statement.bind(named: settings.parameters.filter { names.contains($0.key) })
        return try statement.allRows().compactMap { $0["detail"].string }.joined(separator: "\n")
    }

    func testExpiredButActiveWalksTheStatusExpiryIndexWithoutSorting() throws {
        let plan = try plan("expired-but-active")
        XCTAssertTrue(plan.contains("USING INDEX agreements_status_expires (status=? AND expires_on<?)"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
    }

    func testExpiringSoonAndNoExpiryUseTheSameIndexWithoutSorting() throws {
        for rule in ["expiring-soon", "no-expiry"] {
            let plan = try plan(rule)
            XCTAssertTrue(plan.contains("USING INDEX agreements_status_expires"), plan)
            XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
        }
    }

    func testSignedInFutureWalksTheSigningDateIndexWithoutSorting() throws {
        let plan = try plan("signed-in-future")
        XCTAssertTrue(plan.contains("USING INDEX agreements_signed (signed_on>?)"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
    }

    func testOverlapLooksUpOnlyTheCandidatesByKey() throws {
        let plan = try plan("overlap")
        XCTAssertTrue(plan.contains("SEARCH agreements USING INTEGER PRIMARY KEY"), plan)
        XCTAssertFalse(plan.contains("USING INDEX agreements_status_expires"), plan)
    }
}
