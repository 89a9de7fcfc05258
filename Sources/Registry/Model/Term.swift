/// A term of office such as `2y`, `18m`, `1y6m`, `2 years` or `18 maanden`,
/// in months (what `appointments.term_months` stores).
public enum Term {
    /// The number of months, or nil when the text is not a term of at least one month.
    public static func months(_ text: String) -> Int? {
        let lowered = text.lowercased().filter { $0 != " " }
        guard !lowered.isEmpty else { return nil }
        var total = 0
        var rest = Substring(lowered)
        var sawPart = false
        while !rest.isEmpty {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, digits.count <= 4, let count = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix(while: { $0.isLetter })
            rest = rest.dropFirst(unit.count)
            switch unit {
            case "y", "yr", "yrs", "year", "years", "j", "jr", "jaar", "jaren": total += count * 12
            case "m", "mo", "mos", "month", "months", "mnd", "maand", "maanden": total += count
            default: return nil
            }
            sawPart = true
        }
        guard sawPart, total > 0, total <= 12 * 200 else { return nil }
        return total
    }
}
