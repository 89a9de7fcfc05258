/// Dates as university news pages write them, in English and Dutch:
/// "Wednesday, November 28, 2018", "woensdag, november 28, 2018",
/// "28 november 2018", "Nov. 28, 2018", and the ISO forms. A weekday that does
/// not match the date is an error, since it shows that the date was mistyped.
public enum NewsDate {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unreadable
        case notADate
        case wrongWeekday(written: String, actual: String)

        public var description: String {
            switch self {
            case .unreadable:
                return "is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or a form such as 'Wednesday, November 28, 2018' or '28 november 2018'"
            case .notADate:
                return "is not a real calendar date"
            case .wrongWeekday(let written, let actual):
                return "says \(written), but that date was a \(actual)"
            }
        }
    }

    public static func parse(_ text: String) -> Result<PartialDate, Failure> {
        let trimmed = text.trimmingSpaces
        if let iso = PartialDate(iso: trimmed) { return .success(iso) }
        var tokens = tokenize(trimmed)
        guard !tokens.isEmpty else { return .failure(.unreadable) }

        var weekday: (index: Int, written: String)?
        if let found = weekdays[tokens[0]] {
            weekday = (found, tokens[0])
            tokens.removeFirst()
        }
        guard tokens.count == 3 else { return .failure(.unreadable) }
        let month: Int
        let dayToken: String
        if let m = months[tokens[0]] {
            month = m
            dayToken = tokens[1]          // November 28, 2018
        } else if let m = months[tokens[1]] {
            month = m
            dayToken = tokens[0]          // 28 november 2018
        } else {
            return .failure(.unreadable)
        }
        guard let day = number(dayToken, allowOrdinal: true), let year = number(tokens[2], allowOrdinal: false),
              tokens[2].count == 4 else {
            return .failure(.unreadable)
        }
        guard let date = PartialDate(year: year, month: month, day: day) else { return .failure(.notADate) }
        if let weekday, let actual = date.weekday, actual != weekday.index {
            return .failure(.wrongWeekday(written: weekday.written.capitalizedFirst, actual: englishWeekdays[actual]))
        }
        return .success(date)
    }

    /// Lower-cased words, with commas and the dots of abbreviations dropped.
    private static func tokenize(_ text: String) -> [String] {
        text.lowercased()
            .split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\u{00A0}" })
            .map { $0.hasSuffix(".") ? String($0.dropLast()) : String($0) }
            .filter { !$0.isEmpty }
    }

    /// Digits, optionally with an ordinal ending when `allowOrdinal` ("28th", "28e").
    private static func number(_ token: String, allowOrdinal: Bool) -> Int? {
        let digits = token.prefix(while: { $0.isASCII && $0.isNumber })
        let rest = token.dropFirst(digits.count)
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        if !rest.isEmpty {
            guard allowOrdinal, ["st", "nd", "rd", "th", "e", "ste", "de"].contains(String(rest)) else { return nil }
        }
        return Int(digits)
    }

    static let englishWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    private static let weekdays: [String: Int] = {
        var table: [String: Int] = [:]
        let names: [[String]] = [
            ["sunday", "sun", "zondag", "zo", "zon"],
            ["monday", "mon", "maandag", "ma", "maa"],
            ["tuesday", "tue", "tues", "dinsdag", "di", "din"],
            ["wednesday", "wed", "woensdag", "wo", "woe"],
            ["thursday", "thu", "thur", "thurs", "donderdag", "do", "don"],
            ["friday", "fri", "vrijdag", "vr", "vri"],
            ["saturday", "sat", "zaterdag", "za", "zat"],
        ]
        for (index, words) in names.enumerated() { for word in words { table[word] = index } }
        return table
    }()

    private static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names: [[String]] = [
            ["january", "jan", "januari"],
            ["february", "feb", "februari"],
            ["march", "mar", "maart", "mrt"],
            ["april", "apr"],
            ["may", "mei"],
            ["june", "jun", "juni"],
            ["july", "jul", "juli"],
            ["august", "aug", "augustus"],
            ["september", "sep", "sept"],
            ["october", "oct", "oktober", "okt"],
            ["november", "nov"],
            ["december", "dec"],
        ]
        for (index, words) in names.enumerated() { for word in words { table[word] = index + 1 } }
        return table
    }()
}
