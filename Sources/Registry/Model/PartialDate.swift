/// A calendar date known to the year, the month or the day: the registry's
/// `'2018'`, `'2018-01'` and `'2018-01-15'`. Only real dates exist: years
/// 0001–9999, months 1–12, days that the month has.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Precision: Int, Sendable, Comparable {
        case year, month, day
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    public let year: Int
    public let month: Int?
    public let day: Int?

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// Nil unless the values make a real date at their precision.
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard (1...PartialDate.daysIn(month: month, year: year)).contains(day) else { return nil }
            }
        } else if day != nil {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (what the schema stores).
    public init?(iso text: String) {
        var text = text
        guard let parsed = text.withUTF8({ PartialDate.parseISO($0) }) else { return nil }
        self = parsed
    }

    public var description: String { iso }

    /// The stored form. Written digit by digit: this runs for every date of
    /// every imported row, and number formatting is slow.
    public var iso: String {
        let length = day != nil ? 10 : month != nil ? 7 : 4
        return String(unsafeUninitializedCapacity: length) { buffer in
            buffer[0] = UInt8(truncatingIfNeeded: 0x30 + year / 1000)
            buffer[1] = UInt8(truncatingIfNeeded: 0x30 + (year / 100) % 10)
            buffer[2] = UInt8(truncatingIfNeeded: 0x30 + (year / 10) % 10)
            buffer[3] = UInt8(truncatingIfNeeded: 0x30 + year % 10)
            if let month {
                buffer[4] = 0x2D
                buffer[5] = UInt8(truncatingIfNeeded: 0x30 + month / 10)
                buffer[6] = UInt8(truncatingIfNeeded: 0x30 + month % 10)
            }
            if let day {
                buffer[7] = 0x2D
                buffer[8] = UInt8(truncatingIfNeeded: 0x30 + day / 10)
                buffer[9] = UInt8(truncatingIfNeeded: 0x30 + day % 10)
            }
            return length
        }
    }

    /// The first day the value can mean (2018-03 → 2018-03-01).
    public var firstDay: PartialDate {
        PartialDate(uncheckedYear: year, month: month ?? 1, day: day ?? 1)
    }

    /// The last day the value can mean (2018-02 → 2018-02-28).
    public var lastDay: PartialDate {
        let m = month ?? 12
        return PartialDate(uncheckedYear: year, month: m, day: day ?? PartialDate.daysIn(month: m, year: year))
    }

    /// True when every day this value can mean is before every day `other` can
    /// mean: "2018" is not before "2018-05", but "2018-04" is.
    public func isSurelyBefore(_ other: PartialDate) -> Bool {
        lastDay < other.firstDay
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }

    // MARK: Calendar arithmetic (proleptic Gregorian)

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// 0 = Sunday ... 6 = Saturday, for a day-precision date.
    public var weekday: Int? {
        guard let month, let day else { return nil }
        // Sakamoto's method.
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }

    /// The day before, for a day-precision date (nil before 0001-01-01).
    func previousDay() -> PartialDate? {
        guard let month, let day else { return nil }
        if day > 1 { return PartialDate(year: year, month: month, day: day - 1) }
        if month > 1 { return PartialDate(year: year, month: month - 1, day: PartialDate.daysIn(month: month - 1, year: year)) }
        return PartialDate(year: year - 1, month: 12, day: 31)
    }

    /// The last day (month, year) of a term of `months` that starts on this
    /// date, inclusive and at this date's precision:
    /// - day: the day before the same day `months` later (2018-01-15 + 24 → 2020-01-14); when that
    ///   month is too short for the day (2019-01-31 + 1), the term runs to the end of that month;
    /// - month: 2018-01 + 24 → 2019-12;
    /// - year: the year of the last month, counting from January (2018 + 24 → 2019, 2018 + 18 → 2019).
    /// Nil when the end would pass the year 9999.
    public func termEnd(months: Int) -> PartialDate? {
        guard months > 0 else { return nil }
        guard let month else { return PartialDate(year: year + (months - 1) / 12) }
        guard let day else {
            let index = year * 12 + (month - 1) + months - 1
            return PartialDate(year: index / 12, month: index % 12 + 1)
        }
        let index = year * 12 + (month - 1) + months
        let (y, m) = (index / 12, index % 12 + 1)
        guard (1...9999).contains(y) else { return nil }
        let length = PartialDate.daysIn(month: m, year: y)
        if day > length { return PartialDate(year: y, month: m, day: length) }
        return PartialDate(year: y, month: m, day: day)?.previousDay()
    }

    // MARK: Parsing helpers

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> PartialDate? {
        let count = bytes.count
        guard count == 4 || count == 7 || count == 10 else { return nil }
        func digits(_ from: Int, _ length: Int) -> Int? {
            var value = 0
            for i in from..<(from + length) {
                let b = bytes[i]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            return value
        }
        guard let year = digits(0, 4) else { return nil }
        if count == 4 { return PartialDate(year: year) }
        guard bytes[4] == 0x2D, let month = digits(5, 2) else { return nil }
        if count == 7 { return PartialDate(year: year, month: month) }
        guard bytes[7] == 0x2D, let day = digits(8, 2) else { return nil }
        return PartialDate(year: year, month: month, day: day)
    }
}
