import Registry
import XCTest

/// overlap: same kind, exactly the same parties, validity periods sharing a day.
final class OverlapRuleTests: XCTestCase {
    private var registry: AuditTestRegistry!
    private let asOf = "2026-11-20"

    override func setUpWithError() throws { registry = try AuditTestRegistry() }
    override func tearDown() { registry = nil }

    func testARenewalStartingOnThePredecessorsLastDayOverlapsIt() throws {
        let x = try registry.institution("x"), y = try registry.institution("y")
        try registry.agreement("old", signed: "2019-01-01", expires: "2023-12-31", parties: [x, y])
        try registry.agreement("renewal", signed: "2023-11-01", effective: "2023-12-31", expires: "2028", parties: [y, x])
        let findings = try registry.audit(["overlap"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["renewal:warning:certain"])
        XCTAssertEqual(findings[0].related, RelatedRecord(type: "agreement", key: "old", title: "Agreement old"))
        XCTAssertEqual(findings[0].date, "2023-12-31")
        XCTAssertEqual(findings[0].message, """
            overlaps agreement old (the same kind (mou), both parties the same): this one runs from 2023-12-31 to 2028, \
            that one from 2019-01-01 to 2023-12-31; mark the superseded one terminated, or correct the dates
            """)
    }

    func testNoOverlapWhenTheNextStartsTheDayAfter() throws {
        let x = try registry.institution(), y = try registry.institution()
        try registry.agreement("old", signed: "2019-01-01", expires: "2023-12-31", parties: [x, y])
        try registry.agreement("next", signed: "2024-01-01", expires: "2028-12-31", parties: [x, y])
        XCTAssertEqual(try registry.audit(["overlap"], asOf: asOf).brief, [])
    }

    func testOnlyTheSameKindAndExactlyTheSamePartiesCount() throws {
        let x = try registry.institution(), y = try registry.institution(), z = try registry.institution()
        try registry.agreement("base", kind: "mou", signed: "2020-01-01", parties: [x, y])
        try registry.agreement("other-kind", kind: "exchange", signed: "2021-01-01", parties: [x, y])
        try registry.agreement("more-parties", kind: "mou", signed: "2021-01-01", parties: [x, y, z])
        try registry.agreement("other-parties", kind: "mou", signed: "2021-01-01", parties: [x, z])
        try registry.agreement("terminated", kind: "mou", status: "terminated", signed: "2021-01-01", parties: [x, y])
        XCTAssertEqual(try registry.audit(["overlap"], asOf: asOf).brief, [])
    }

    func testPartySetsWithEqualSumsAreNotConfused() throws {
        // {1, 4} and {2, 3}: a plain sum of ids would call them the same set.
        let ids = try (1...4).map { _ in try registry.institution() }
        try registry.agreement("a", signed: "2020-01-01", parties: [ids[0], ids[3]])
        try registry.agreement("b", signed: "2021-01-01", parties: [ids[1], ids[2]])
        XCTAssertEqual(try registry.audit(["overlap"], asOf: asOf).brief, [])
    }

    func testThreePartiesAndPartialOrMissingDates() throws {
        let x = try registry.institution(), y = try registry.institution(), z = try registry.institution()
        try registry.agreement("year", kind: "joint_degree", signed: "2018-05-01", expires: "2023", parties: [x, y, z])
        try registry.agreement("mid-year", kind: "joint_degree", signed: "2023-06", parties: [z, y, x])
        let p = try registry.institution(), q = try registry.institution()
        try registry.agreement("undated-1", kind: "funding", parties: [p, q])
        try registry.agreement("undated-2", kind: "funding", parties: [q, p])
        let findings = try registry.audit(["overlap"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["undated-2:warning:certain", "mid-year:info:possible"])
        XCTAssertNil(findings[0].date)
        XCTAssertTrue(findings[1].message.hasPrefix("may overlap agreement year (the same kind (joint_degree), all 3 parties the same)"),
                      findings[1].message)
    }
}
