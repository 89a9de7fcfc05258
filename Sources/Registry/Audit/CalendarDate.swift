/// Arithmetic on the registry's ISO dates ('YYYY', 'YYYY-MM', 'YYYY-MM-DD')
/// for wording messages and ordering findings. Which days a partial date
/// covers is decided in SQL (the *_dates views of migration 0004); this only
/// counts days between full dates and reads dates fast, byte by byte.
public enum CalendarDate {
    /// Days since 1970-01-01 of a full 'YYYY-MM-DD' date, or nil when the text
    /// is not one (or names a day that does not exist, such as 2023-02-29).
    public static func dayNumber(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
                  year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
            return daysFromCivil(year: year, month: month, day: day)
        }
    }

    /// True for a real calendar day written 'YYYY-MM-DD'.
    public static func isFullDate(_ text: String) -> Bool { dayNumber(text) != nil }

    /// The 'YYYY-MM-DD' text of a day number.
    public static func string(fromDayNumber days: Int) -> String {
        let (year, month, day) = civilFromDays(days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// The number of days from `start` to `end` (both full dates); nil when
    /// either is not a full date.
    public static func days(from start: String, to end: String) -> Int? {
        guard let a = dayNumber(start), let b = dayNumber(end) else { return nil }
        return b - a
    }

    /// A key that orders dates exactly as SQLite orders their text ('2024' <
    /// '2024-01' < '2024-01-01' < '2024-01-02' < '2024-02'): the first day the
    /// date can mean, then its precision. NULL sorts last.
    static func sortKey(_ text: String?) -> Int64 {
        guard var text else { return Int64.max }
        return text.withUTF8 { bytes -> Int64 in
            guard bytes.count >= 4, let year = number(bytes, 0, 4) else { return Int64.max - 1 }
            let month = bytes.count >= 7 ? number(bytes, 5, 2) ?? 0 : 1
            let day = bytes.count >= 10 ? number(bytes, 8, 2) ?? 0 : 1
            let precision = bytes.count >= 10 ? 2 : bytes.count >= 7 ? 1 : 0
            return Int64((year * 10_000 + month * 100 + day) * 4 + precision)
        }
    }

    /// "on 2024-06-30", "in 2024-06" or "in 2024": how a message names a date
    /// of any precision.
    public static func phrase(_ text: String) -> String {
        text.utf8.count == 10 ? "on " + text : "in " + text
    }

    // MARK: - Calendar

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil: proleptic Gregorian, day 0 = 1970-01-01.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            let digit = Int(bytes[index]) - 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
