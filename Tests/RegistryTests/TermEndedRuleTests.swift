import Registry
import XCTest

/// term-ended: the three ways an appointment's term can be over without the
/// registry saying so. As of 2026-11-20.
final class TermEndedRuleTests: XCTestCase {
    private var registry: AuditTestRegistry!
    private var network: Int64 = 0
    private let asOf = "2026-11-20"

    override func setUpWithError() throws {
        registry = try AuditTestRegistry()
        network = try registry.network("wun")
    }

    override func tearDown() { registry = nil }

    func testATermWithoutRecordedEndRunsOutTheDayBeforeItsAnniversary() throws {
        // A 24-month term from 2024-11-21 ends on 2026-11-20: still in office that day.
        try registry.appointment(person: "Last Day", network: network, starts: "2024-11-21", termMonths: 24)
        try registry.appointment(person: "Ran Out", network: network, starts: "2024-11-20", termMonths: 24)
        try registry.appointment(person: "No Term", network: network, starts: "2000-01-01")
        try registry.appointment(person: "Ended", network: network, starts: "2000-01-01", ends: "2001-12-31",
                                 termMonths: 24)
        let findings = try registry.audit(["term-ended"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["wun/Ran Out/2024-11-20:warning:certain"])
        XCTAssertEqual(findings[0].days, 1)
        XCTAssertEqual(findings[0].date, "2026-11-19")
        XCTAssertEqual(findings[0].message, """
            the 24-month term that started on 2024-11-20 ran out on 2026-11-19, 1 day before 2026-11-20, but no end is \
            recorded: record when the term ended, or that it was extended
            """)
    }

    func testAPartialStartMakesTheTermEndPossible() throws {
        try registry.appointment(person: "Month", network: network, starts: "2024-11", termMonths: 24)
        try registry.appointment(person: "Earlier", network: network, starts: "2024-10", termMonths: 24)
        let findings = try registry.audit(["term-ended"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["wun/Earlier/2024-10:warning:certain", "wun/Month/2024-11:info:possible"])
        XCTAssertTrue(findings[1].message.contains("(it ends between 2026-10-31 and 2026-11-29)"), findings[1].message)
    }

    func testAnEndOnlyWorkedOutFromTheTermNeedsConfirmingOnceItPasses() throws {
        let institution = try registry.institution("um")
        try registry.appointment(person: "Passed", institution: institution, starts: "2024-11-20", ends: "2026-11-19",
                                 termMonths: 24, derived: true)
        try registry.appointment(person: "Today", institution: institution, starts: "2024-11-21", ends: "2026-11-20",
                                 termMonths: 24, derived: true)
        try registry.appointment(person: "Stated", institution: institution, starts: "2020-01-01", ends: "2021-12-31",
                                 termMonths: 24)
        let findings = try registry.audit(["term-ended"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["um/Passed/2024-11-20:warning:certain"])
        XCTAssertTrue(findings[0].message.hasPrefix("the end 2026-11-19 was only worked out from the 24-month term"))
    }

    func testALaterNewsItemThatStillNamesThePersonContradictsTheEnd() throws {
        let institution = try registry.institution("um")
        try registry.appointment(person: "Jane Doe", network: network, starts: "2023-01-01", ends: "2024-12-31")
        try registry.appointment(person: "John Roe", institution: institution, starts: "2023-01-01", ends: "2024")
        try registry.news("later", published: "2025-03-02", title: "JANE DOE opens the WUN conference",
                          networks: [network])
        try registry.news("before-end", published: "2024-12-30", title: "Jane Doe speaks", networks: [network])
        try registry.news("no-mention", published: "2025-03-02", title: "WUN conference opens", networks: [network])
        try registry.news("after-as-of", published: "2026-12-01", title: "Jane Doe again", networks: [network])
        try registry.news("other-network", published: "2025-03-02", title: "Jane Doe elsewhere",
                          networks: [try registry.network()])
        try registry.news("same-year", published: "2024-12-15", summary: "Interview with John Roe",
                          institutions: [institution])
        let findings = try registry.audit(["term-ended"], asOf: asOf)
        XCTAssertEqual(findings.brief, ["wun/Jane Doe/2023-01-01:warning:certain", "um/John Roe/2023-01-01:info:possible"])
        XCTAssertEqual(findings[0].related?.key, "later")
        XCTAssertEqual(findings[0].days, 61)
        XCTAssertEqual(findings[0].message, """
            news item later, published on 2025-03-02, 61 days after the recorded end 2024-12-31, still names Jane Doe: \
            check whether the term was extended, and correct ends_on
            """)
    }
}
