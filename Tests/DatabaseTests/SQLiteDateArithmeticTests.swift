import Database
import XCTest

/// The SQLite date arithmetic that migration 0004's *_dates views rely on to
/// turn a month ('2024-02') into its last day.
final class SQLiteDateArithmeticTests: XCTestCase {
    func testTheDayBeforeTheFirstOfTheNextMonthIsTheMonthsLastDay() throws {
        let connection = try Connection(path: ":memory:")
        let cases = [
            ("2024-02", "2024-02-29"), ("2023-02", "2023-02-28"), ("1900-02", "1900-02-28"), ("2000-02", "2000-02-29"),
            ("2024-12", "2024-12-31"), ("2024-04", "2024-04-30"), ("2024-01", "2024-01-31"),
        ]
        for (month, last) in cases {
            let value = try connection.scalar("SELECT date(? || '-01', '+1 month', '-1 day')", [month])
            XCTAssertEqual(value?.string, last, month)
        }
    }
}
