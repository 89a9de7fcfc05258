import Registry
import XCTest

/// announced-before-signing and late-announcement: news items against the
/// agreements they are linked to.
final class AnnouncementRuleTests: XCTestCase {
    private var registry: AuditTestRegistry!
    private let asOf = "2026-11-20"

    override func setUpWithError() throws { registry = try AuditTestRegistry() }
    override func tearDown() { registry = nil }

    func testANewsItemPublishedTheDayBeforeSigningIsAWarning() throws {
        let agreement = try registry.agreement("agr", signed: "2020-03-10")
        let unsigned = try registry.agreement("unsigned")
        try registry.news("day-before", published: "2020-03-09", title: "Signed soon", agreements: [agreement])
        try registry.news("signing-day", published: "2020-03-10", agreements: [agreement])
        try registry.news("same-month", published: "2020-03", agreements: [agreement])
        try registry.news("about-unsigned", published: "2000-01-01", agreements: [unsigned])
        try registry.news("unlinked", published: "2000-01-01")
        let findings = try registry.audit(["announced-before-signing"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["day-before:warning:certain", "same-month:info:possible"])
        let first = findings[0]
        XCTAssertEqual(first.recordType, .newsItem)
        XCTAssertEqual(first.recordTitle, "Signed soon")
        XCTAssertEqual(first.related, RelatedRecord(type: "agreement", key: "agr", title: "Agreement agr"))
        XCTAssertEqual(first.days, 1)
        XCTAssertEqual(first.message, """
            published on 2020-03-09, 1 day before agreement agr was signed on 2020-03-10: correct the signing date, or \
            link the news item to the right agreement
            """)
    }

    func testLateAnnouncementNeedsMoreThanNDays() throws {
        // 2020 is a leap year: 2020-01-01 + 60 days = 2020-03-01.
        let agreement = try registry.agreement("agr", signed: "2020-01-01")
        try registry.news("day-60", published: "2020-03-01", agreements: [agreement])
        try registry.news("day-61", published: "2020-03-02", agreements: [agreement])
        try registry.news("march", published: "2020-03", agreements: [agreement])
        try registry.news("april", published: "2020-04", agreements: [agreement])
        let findings = try registry.audit(["late-announcement"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["march:info:possible", "day-61:info:certain", "april:info:certain"])
        XCTAssertEqual(findings[1].days, 61)
        XCTAssertEqual(findings[1].message, """
            published on 2020-03-02, 61 days (more than 60 days) after agreement agr was signed on 2020-01-01: check \
            the signing date
            """)
        XCTAssertEqual(findings[2].certainty, .certain)
        XCTAssertEqual(try registry.audit(["late-announcement"], asOf: asOf, lateDays: 90).brief, ["april:info:certain"])
    }
}
