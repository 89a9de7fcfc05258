import Registry
import XCTest

/// before-established and party-inactive: the party institutions themselves.
final class InstitutionRuleTests: XCTestCase {
    private var registry: AuditTestRegistry!
    private let asOf = "2026-11-20"

    override func setUpWithError() throws { registry = try AuditTestRegistry() }
    override func tearDown() { registry = nil }

    func testSigningBeforeThePartyWasEstablished() throws {
        let young = try registry.institution("young", name: "Young University", established: "1990")
        let unknown = try registry.institution("unknown")
        try registry.agreement("before", signed: "1989-12-31", parties: [young, unknown])
        try registry.agreement("same-year", signed: "1990-03-01", parties: [young, unknown])
        try registry.agreement("after", signed: "1991-01-01", parties: [young, unknown])
        try registry.agreement("no-founding-year", signed: "1800-01-01", parties: [unknown, try registry.institution()])
        let findings = try registry.audit(["before-established"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["before:error:certain", "same-year:warning:possible"])
        XCTAssertEqual(findings[0].related, RelatedRecord(type: "institution", key: "young", title: "Young University"))
        XCTAssertEqual(findings[0].message, """
            signed on 1989-12-31, at least 1 day before young (Young University) was established in 1990: correct the \
            date, or the institution
            """)
    }

    func testAMembershipBegunBeforeTheInstitutionWasEstablished() throws {
        let network = try registry.network("leru")
        let young = try registry.institution("young", established: "1990-06")
        try registry.membership(network: network, institution: young, since: "1985")
        let findings = try registry.audit(["before-established"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["leru/young/member:error:certain"])
        XCTAssertTrue(findings[0].message.hasPrefix("began in 1985, at least"), findings[0].message)
    }

    func testPartyInactiveForAnInactiveOrWithdrawnPartyOrOneWithASuccessor() throws {
        let withdrawn = try registry.institution("withdrawn", name: "Old College", rorStatus: "withdrawn")
        let inactive = try registry.institution("inactive", rorStatus: "inactive")
        let merged = try registry.institution("merged", rorStatus: "active")
        try registry.successor(of: merged, ror: "02jz4aj89", name: "New University")
        let fine = try registry.institution("fine", rorStatus: "active")
        try registry.agreement("with-withdrawn", signed: "2020-01-01", parties: [withdrawn, fine])
        try registry.agreement("with-inactive", signed: "2021-01-01", parties: [inactive, fine])
        try registry.agreement("with-merged", signed: "2022-01-01", expires: "2030-12-31", parties: [merged, fine])
        try registry.agreement("healthy", signed: "2019-01-01", parties: [fine, try registry.institution()])
        try registry.agreement("terminated", status: "terminated", signed: "2019-01-01", parties: [withdrawn, fine])
        try registry.agreement("expired", signed: "2010-01-01", expires: "2020-12-31", parties: [withdrawn, fine])
        try registry.agreement("maybe-expired", signed: "2018-01-01", expires: "2026", parties: [inactive, fine])
        let findings = try registry.audit(["party-inactive"], asOf: asOf)
        XCTAssertEqual(findings.brief, [
            "with-withdrawn:warning:certain", "with-inactive:warning:certain", "with-merged:warning:certain",
            "maybe-expired:info:possible",
        ])
        XCTAssertEqual(findings[0].message,
                       "party withdrawn (Old College) is withdrawn from ROR: check the partner, and update the agreement or end it")
        XCTAssertTrue(findings[2].message.contains("has a successor in ROR; successor: New University (ror 02jz4aj89)"),
                      findings[2].message)
    }

    func testPartyInactiveForCurrentMemberships() throws {
        let network = try registry.network("yufe")
        let inactive = try registry.institution("inactive", rorStatus: "inactive")
        let other = try registry.institution("other", rorStatus: "inactive")
        try registry.membership(network: network, institution: inactive, since: "2019")
        try registry.membership(network: network, institution: other, since: "2019", until: "2020")
        XCTAssertEqual(try registry.audit(["party-inactive"], asOf: asOf).brief, ["yufe/inactive/member:warning:certain"])
    }
}
