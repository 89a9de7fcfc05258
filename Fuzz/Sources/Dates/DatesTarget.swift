import FuzzSupport
import Registry

/// The date parsers over arbitrary text: the ISO forms the schema stores,
/// the news-page forms ("Wednesday, November 28, 2018", "28 november 2018")
/// and appointment terms ("2y", "18m"). Oracles: whatever parses is a real
/// date that prints back to a form that parses to the same date; an ISO date
/// prints back to exactly its input; term ends never precede the start.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(data, count).lossyText
    if let date = PartialDate(iso: text) {
        guard date.iso == text else { fuzzFailure("'\(text)' parsed as \(date.iso)") }
        check(date)
    }
    switch NewsDate.parse(text) {
    case .success(let date):
        check(date)
    case .failure(.wrongWeekday(let written, let actual)):
        guard written.lowercased() != actual.lowercased() else { fuzzFailure("weekday \(written) reported as wrong for '\(text)'") }
    case .failure:
        break
    }
    if let months = Term.months(text) {
        guard months > 0 else { fuzzFailure("term '\(text)' is \(months) months") }
        if let start = PartialDate(year: 2020, month: 1, day: 31), let end = start.termEnd(months: months) {
            guard !(end < start) else { fuzzFailure("term '\(text)' ends \(end) before its start \(start)") }
            check(end)
        }
    }
    return 0
}

private func check(_ date: PartialDate) {
    guard PartialDate(year: date.year, month: date.month, day: date.day) == date else {
        fuzzFailure("\(date.iso) is not a real date")
    }
    guard PartialDate(iso: date.iso) == date else { fuzzFailure("\(date.iso) does not read back") }
    guard !(date.lastDay < date.firstDay), !date.isSurelyBefore(date) else { fuzzFailure("\(date.iso) spans backwards") }
    if date.day != nil, date.weekday == nil { fuzzFailure("\(date.iso) has no weekday") }
    if case .success(let again) = NewsDate.parse(date.iso), again != date { fuzzFailure("\(date.iso) reads as \(again.iso)") }
}
