import Registry
import XCTest

/// expired-but-active, expiring-soon, no-expiry, signed-in-future at their
/// boundaries, with full and partial dates. As of 2026-11-20 throughout.
final class ValidityRuleTests: XCTestCase {
    private var registry: AuditTestRegistry!
    private let asOf = "2026-11-20"

    override func setUpWithError() throws { registry = try AuditTestRegistry() }
    override func tearDown() { registry = nil }

    // MARK: expired-but-active

    func testExpiredButActiveFiresFromTheDayAfterExpiry() throws {
        try registry.agreement("day-before", expires: "2026-11-19")
        try registry.agreement("expiry-day", expires: "2026-11-20")
        try registry.agreement("tomorrow", expires: "2026-11-21")
        try registry.agreement("terminated", status: "terminated", expires: "2020-01-01")
        try registry.agreement("draft", status: "draft", expires: "2020-01-01")
        try registry.agreement("open", expires: nil)
        let findings = try registry.audit(["expired-but-active"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["day-before:warning:certain"])
        XCTAssertEqual(findings.first?.days, 1)
        XCTAssertEqual(findings.first?.message,
                       "expired on 2026-11-19, 1 day before 2026-11-20, still marked active: renew it or mark it terminated")
    }

    func testExpiredButActiveWordsTheExampleOfTheIssue() throws {
        try registry.agreement("a", expires: "2024-06-30")
        let finding = try XCTUnwrap(registry.audit(["expired-but-active"], asOf: asOf).first)
        XCTAssertEqual(finding.message,
                       "expired on 2024-06-30, 873 days before 2026-11-20, still marked active: renew it or mark it terminated")
        XCTAssertEqual(finding.dates, [FindingDate("expires_on", "2024-06-30")])
        XCTAssertEqual(finding.recordType, .agreement)
        XCTAssertEqual(finding.recordTitle, "Agreement a")
    }

    func testAPartialExpiryIsCertainOnlyWhenItsLastDayHasPassed() throws {
        try registry.agreement("last-month", expires: "2026-10")
        try registry.agreement("this-month", expires: "2026-11")
        try registry.agreement("this-year", expires: "2026")
        try registry.agreement("next-month", expires: "2026-12")
        try registry.agreement("last-year", expires: "2025")
        let findings = try registry.audit(["expired-but-active"], asOf: asOf)
        XCTAssertEqual(findings.brief, [
            "last-year:warning:certain", "last-month:warning:certain",
            "this-year:info:possible", "this-month:info:possible",
        ])
        XCTAssertEqual(findings[1].days, 20)
        XCTAssertEqual(findings[1].message, """
            expired in 2026-10 (on 2026-10-31 at the latest), at least 20 days before 2026-11-20, still marked active: \
            renew it or mark it terminated
            """)
        XCTAssertTrue(findings[3].message.hasPrefix("may have expired: expires 2026-11 (2026-11-01 to 2026-11-30)"))
        XCTAssertNil(findings[3].days)
    }

    // MARK: expiring-soon

    func testExpiringSoonCoversTheAsOfDayToExactlyNDaysAhead() throws {
        try registry.agreement("yesterday", signed: "2020-01-01", expires: "2026-11-19")
        try registry.agreement("today", signed: "2020-01-01", expires: "2026-11-20")
        try registry.agreement("day-180", signed: "2020-01-01", expires: "2027-05-19")
        try registry.agreement("day-181", signed: "2020-01-01", expires: "2027-05-20")
        try registry.agreement("terminated", status: "terminated", signed: "2020-01-01", expires: "2027-01-01")
        let findings = try registry.audit(["expiring-soon"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["today:warning:certain", "day-180:warning:certain"])
        XCTAssertEqual(findings.map(\.days), [0, 180])
        XCTAssertEqual(findings[0].message, "expires on 2026-11-20, today (within 180 days of 2026-11-20): renew it or let it end")
        XCTAssertEqual(findings[1].message,
                       "expires on 2027-05-19, in 180 days (within 180 days of 2026-11-20): renew it or let it end")
    }

    func testWithinSetsTheNumberOfDays() throws {
        try registry.agreement("day-90", expires: "2027-02-18")
        try registry.agreement("day-91", expires: "2027-02-19")
        XCTAssertEqual(try registry.audit(["expiring-soon"], asOf: asOf, within: 90).brief, ["day-90:warning:certain"])
        XCTAssertEqual(try registry.audit(["expiring-soon"], asOf: asOf, within: 0).brief, [])
    }

    func testExpiringSoonIsPossibleWhenAPartialDateReachesOutside() throws {
        try registry.agreement("april", expires: "2027-04")      // 2027-04-30 is day 161: inside
        try registry.agreement("may", expires: "2027-05")        // runs past day 180
        try registry.agreement("november", expires: "2026-11")   // may already have expired
        try registry.agreement("june", expires: "2027-06")       // wholly outside
        let findings = try registry.audit(["expiring-soon"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["april:warning:certain", "november:info:possible", "may:info:possible"])
        XCTAssertEqual(findings[0].days, 161)
    }

    func testExpiringSoonOnlyCountsAgreementsInForce() throws {
        try registry.agreement("not-yet-signed", signed: "2026-12-01", expires: "2027-01-31")
        try registry.agreement("maybe-in-force", signed: "2026-11", expires: "2027-01-31")
        try registry.agreement("effective-later", signed: "2026-01-01", effective: "2026-12-01", expires: "2027-01-31")
        let findings = try registry.audit(["expiring-soon"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["maybe-in-force:info:possible"])
        XCTAssertTrue(findings[0].message.contains("if it has taken effect by then"), findings[0].message)
    }

    // MARK: no-expiry

    func testNoExpiryFiresForMoreThanNYears() throws {
        try registry.agreement("five-years", signed: "2021-11-20")
        try registry.agreement("five-years-and-a-day", signed: "2021-11-19")
        try registry.agreement("has-expiry", signed: "2000-01-01", expires: "2030-01-01")
        try registry.agreement("terminated", status: "terminated", signed: "2000-01-01")
        try registry.agreement("unsigned")
        let findings = try registry.audit(["no-expiry"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["five-years-and-a-day:warning:certain"])
        XCTAssertEqual(findings[0].days, 1827)
        XCTAssertEqual(findings[0].message, """
            no expiry date, and signed on 2021-11-19, 1827 days (more than 5 years) before 2026-11-20: review whether it \
            is still in force and record an expiry date
            """)
    }

    func testNoExpiryWithPartialSigningDatesAndOtherYears() throws {
        try registry.agreement("october", signed: "2021-10")
        try registry.agreement("november", signed: "2021-11")
        try registry.agreement("year", signed: "2021")
        try registry.agreement("december", signed: "2021-12")
        XCTAssertEqual(try registry.audit(["no-expiry"], asOf: asOf).brief, [
            "october:warning:certain", "year:info:possible", "november:info:possible",
        ])
        XCTAssertEqual(try registry.audit(["no-expiry"], asOf: asOf, noExpiryYears: 4).brief, [
            "year:warning:certain", "october:warning:certain", "november:warning:certain", "december:warning:certain",
        ])
    }

    // MARK: signed-in-future

    func testSignedInFutureFiresFromTheDayAfterTheAsOfDate() throws {
        try registry.agreement("today", signed: "2026-11-20")
        try registry.agreement("tomorrow", signed: "2026-11-21")
        try registry.agreement("this-month", signed: "2026-11")
        try registry.agreement("next-month", signed: "2026-12")
        try registry.agreement("this-year", signed: "2026")
        try registry.agreement("last-year", signed: "2025")
        try registry.agreement("draft", status: "draft", signed: "2027-01-01")
        let findings = try registry.audit(["signed-in-future"], asOf: asOf)
        XCTAssertEqual(findings.brief, [
            "tomorrow:warning:certain", "next-month:warning:certain", "this-year:info:possible", "this-month:info:possible",
        ])
        XCTAssertEqual(findings[0].message,
                       "signed on 2026-11-21, 1 day after 2026-11-20, yet marked active: correct the date, or mark it draft")
        XCTAssertEqual(findings[1].days, 11)
    }
}
