import Registry
import XCTest

final class CalendarDateTests: XCTestCase {
    func testCountsDaysAcrossLeapDaysAndYears() {
        XCTAssertEqual(CalendarDate.days(from: "2024-02-28", to: "2024-03-01"), 2)
        XCTAssertEqual(CalendarDate.days(from: "2023-02-28", to: "2023-03-01"), 1)
        XCTAssertEqual(CalendarDate.days(from: "2024-06-30", to: "2026-11-20"), 873)
        XCTAssertEqual(CalendarDate.days(from: "2026-11-20", to: "2024-06-30"), -873)
        XCTAssertEqual(CalendarDate.dayNumber("1970-01-01"), 0)
        XCTAssertEqual(CalendarDate.string(fromDayNumber: CalendarDate.dayNumber("2000-02-29")!), "2000-02-29")
    }

    func testAcceptsOnlyRealDaysWrittenInFull() {
        XCTAssertTrue(CalendarDate.isFullDate("2024-02-29"))
        for text in ["2023-02-29", "2024-13-01", "2024-04-31", "2024-1-05", "2024-06", "2024", "", "20240601", "2024-06-3x"] {
            XCTAssertFalse(CalendarDate.isFullDate(text), text)
        }
    }

    func testNamesDatesOfEachPrecision() {
        XCTAssertEqual(CalendarDate.phrase("2024-06-30"), "on 2024-06-30")
        XCTAssertEqual(CalendarDate.phrase("2024-06"), "in 2024-06")
        XCTAssertEqual(CalendarDate.phrase("2024"), "in 2024")
    }
}
