import Database

/// Report parameters named `from` and `to` are dates, and a parameter whose
/// name ends in `_days` is a number of days, in every report: checked before
/// the report runs, so that a date typed wrong or a range given backwards is
/// an error that says so, not an empty report that looks like an answer.
enum ReportRanges {
    static let dateParameters = ["from", "to"]
    static let dateForms = "a date as YYYY, YYYY-MM or YYYY-MM-DD, such as 2025 or 2025-03-01"

    static func check(_ values: [String: DatabaseValue]) throws {
        var dates: [String: PartialDate] = [:]
        for name in dateParameters {
            guard case .text(let text)? = values[name] else { continue }
            guard let date = PartialDate(iso: text) else {
                throw ReportError.invalidValue(parameter: name, value: text, expected: dateForms)
            }
            dates[name] = date
        }
        if let from = dates["from"], let to = dates["to"], to.isSurelyBefore(from) {
            throw ReportError.invalidValue(parameter: "to", value: to.iso,
                                           expected: "a date not before from=\(from.iso); are the two swapped?")
        }
        for (name, value) in values.sorted(by: { $0.key < $1.key }) where name.hasSuffix("_days") {
            if case .integer(let days) = value, days < 0 {
                throw ReportError.invalidValue(parameter: name, value: String(days), expected: "a number of days, 0 or more")
            }
        }
    }
}
