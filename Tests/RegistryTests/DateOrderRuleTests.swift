import Registry
import XCTest

/// end-before-start and retroactive, at their boundaries.
final class DateOrderRuleTests: XCTestCase {
    private var registry: AuditTestRegistry!
    private let asOf = "2026-11-20"

    override func setUpWithError() throws { registry = try AuditTestRegistry() }
    override func tearDown() { registry = nil }

    func testAnAgreementMayExpireOnItsSigningDayButNotBefore() throws {
        try registry.agreement("day-before", signed: "2020-06-12", expires: "2020-06-11")
        try registry.agreement("same-day", signed: "2020-06-12", expires: "2020-06-12")
        try registry.agreement("unsigned", expires: "2020-06-11")
        let findings = try registry.audit(["end-before-start"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["day-before:error:certain"])
        XCTAssertEqual(findings[0].days, 1)
        XCTAssertEqual(findings[0].message,
                       "expires on 2020-06-11, 1 day before it was signed on 2020-06-12: correct one of the dates")
        XCTAssertEqual(findings[0].dates, [FindingDate("signed_on", "2020-06-12"), FindingDate("expires_on", "2020-06-11")])
    }

    func testExpiringBeforeTakingEffectCountsToo() throws {
        try registry.agreement("a", signed: "2020-06-01", effective: "2020-07-01", expires: "2020-06-15")
        let finding = try XCTUnwrap(registry.audit(["end-before-start"], asOf: asOf).first)
        XCTAssertEqual(finding.message,
                       "expires on 2020-06-15, 16 days before it took effect on 2020-07-01: correct one of the dates")
    }

    func testPartialDatesThatOverlapArePossibleOneSeverityLower() throws {
        try registry.agreement("overlapping-month", signed: "2020-06", expires: "2020-06-15")
        try registry.agreement("year-before", signed: "2020", expires: "2019-12")
        try registry.agreement("same-year", signed: "2020", expires: "2020")
        let findings = try registry.audit(["end-before-start"], asOf: asOf)
        XCTAssertEqual(findings.brief, [
            "year-before:error:certain", "same-year:warning:possible", "overlapping-month:warning:possible",
        ])
        XCTAssertEqual(findings[0].message,
                       "expires in 2019-12, at least 1 day before it was signed in 2020: correct one of the dates")
        XCTAssertEqual(findings[2].message, """
            may expire before it was signed: expires on 2020-06-15, signed in 2020-06; record the exact dates
            """)
    }

    func testMembershipsAndAppointmentsThatEndBeforeTheyStart() throws {
        let network = try registry.network("yerun")
        let member = try registry.institution("um", name: "Maastricht University")
        let other = try registry.institution("uu")
        try registry.membership(network: network, institution: member, since: "2020", until: "2019")
        try registry.membership(network: network, institution: other, since: "2020", until: "2020")
        try registry.appointment(person: "Jane Doe", network: network, starts: "2024-01-01", ends: "2023-12-31")
        try registry.appointment(person: "John Roe", network: network, starts: "2024-01-01", ends: "2024-01-01")
        let findings = try registry.audit(["end-before-start"], asOf: asOf)
        XCTAssertEqual(findings.brief, [
            "yerun/um/member:error:certain", "yerun/Jane Doe/2024-01-01:error:certain", "yerun/uu/member:warning:possible",
        ])
        XCTAssertEqual(findings.map(\.recordType), [.membership, .appointment, .membership])
        XCTAssertEqual(findings[0].recordTitle, "Maastricht University in Network yerun")
        XCTAssertEqual(findings[1].recordTitle, "Jane Doe, President of Network yerun")
        XCTAssertEqual(findings[1].message, "ends on 2023-12-31, 1 day before it starts on 2024-01-01: correct one of the dates")
    }

    func testRetroactiveIsInfoEvenWhenCertain() throws {
        try registry.agreement("month-earlier", signed: "2020-01-31", effective: "2020-01-01")
        try registry.agreement("same-day", signed: "2020-01-31", effective: "2020-01-31")
        try registry.agreement("later", signed: "2020-01-31", effective: "2020-02-01")
        try registry.agreement("within-month", signed: "2020-01", effective: "2020-01-15")
        let findings = try registry.audit(["retroactive"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["month-earlier:info:certain", "within-month:info:possible"])
        XCTAssertEqual(findings[0].days, 30)
        XCTAssertEqual(findings[0].message, """
            took effect on 2020-01-01, 30 days before it was signed on 2020-01-31: check that it was meant to apply \
            retroactively
            """)
        XCTAssertTrue(findings[1].message.hasPrefix("possibly took effect before it was signed"))
    }
}
