import Database
import Registry
import XCTest

/// The day ranges migration 0004's views give partial dates: every audit rule
/// compares these, so they are checked on their own here.
final class PartialDateRangeTests: XCTestCase {
    private var registry: AuditTestRegistry!

    override func setUpWithError() throws { registry = try AuditTestRegistry() }
    override func tearDown() { registry = nil }

    private func range(expires: String?) throws -> [String?] {
        let id = try registry.agreement(expires: expires)
        let row = try XCTUnwrap(registry.connection.rows(
            "SELECT expires_first, expires_last FROM agreement_dates WHERE id = ?", [id]).first)
        return [row[0].string, row[1].string]
    }

    func testAYearCoversJanuaryFirstToDecemberThirtyFirst() throws {
        XCTAssertEqual(try range(expires: "2024"), ["2024-01-01", "2024-12-31"])
    }

    func testFebruaryEndsOnThe29thInALeapYearAndThe28thOtherwise() throws {
        XCTAssertEqual(try range(expires: "2024-02"), ["2024-02-01", "2024-02-29"])
        XCTAssertEqual(try range(expires: "2023-02"), ["2023-02-01", "2023-02-28"])
        XCTAssertEqual(try range(expires: "2000-02"), ["2000-02-01", "2000-02-29"])
        XCTAssertEqual(try range(expires: "2100-02"), ["2100-02-01", "2100-02-28"])
    }

    func testDecemberAndThirtyDayMonthsEndOnTheirLastDay() throws {
        XCTAssertEqual(try range(expires: "2024-12"), ["2024-12-01", "2024-12-31"])
        XCTAssertEqual(try range(expires: "2024-04"), ["2024-04-01", "2024-04-30"])
        XCTAssertEqual(try range(expires: "2024-01"), ["2024-01-01", "2024-01-31"])
    }

    func testAFullDateIsOneDayAndNoDateIsNoRange() throws {
        XCTAssertEqual(try range(expires: "2024-02-29"), ["2024-02-29", "2024-02-29"])
        XCTAssertEqual(try range(expires: nil), [nil, nil])
    }

    func testEveryDateColumnOfEveryViewHasItsRange() throws {
        let institution = try registry.institution(established: "2023-02")
        let network = try registry.network()
        let agreement = try registry.agreement(signed: "2024", effective: "2024-02", expires: "2023-12",
                                               parties: [institution, try registry.institution()])
        try registry.membership(network: network, institution: institution, since: "2019", until: "2020-02")
        try registry.appointment(network: network, starts: "2022-11", ends: "2024")
        try registry.news(published: "2024-02", agreements: [agreement])
        let connection = registry.connection
        func values(_ sql: String) throws -> [String?] {
            try XCTUnwrap(connection.rows(sql).first).values.map(\.string)
        }
        XCTAssertEqual(try values("""
            SELECT signed_first, signed_last, effective_first, effective_last, expires_first, expires_last FROM agreement_dates
            """), ["2024-01-01", "2024-12-31", "2024-02-01", "2024-02-29", "2023-12-01", "2023-12-31"])
        XCTAssertEqual(try values("SELECT since_first, since_last, until_first, until_last FROM membership_dates"),
                       ["2019-01-01", "2019-12-31", "2020-02-01", "2020-02-29"])
        XCTAssertEqual(try values("SELECT starts_first, starts_last, ends_first, ends_last FROM appointment_dates"),
                       ["2022-11-01", "2022-11-30", "2024-01-01", "2024-12-31"])
        XCTAssertEqual(try values("SELECT published_first, published_last FROM news_item_dates"),
                       ["2024-02-01", "2024-02-29"])
        XCTAssertEqual(try values("SELECT established_first, established_last FROM institution_dates WHERE established IS NOT NULL"),
                       ["2023-02-01", "2023-02-28"])
    }
}
