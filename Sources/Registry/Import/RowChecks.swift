/// Validation shared by the row importers. Each function records an error on
/// the column when the value is wrong and returns nil then.
extension RowCheck {
    /// The value, or an error when the column is empty.
    mutating func required<C: ImportColumn>(_ row: ImportRow<C>, _ column: C) -> String? {
        guard let value = row[column] else {
            fail(column, "is empty; it is required")
            return nil
        }
        return value
    }

    /// A `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date; nil when empty or wrong.
    mutating func date<C: ImportColumn>(_ row: ImportRow<C>, _ column: C) -> PartialDate? {
        guard let text = row[column] else { return nil }
        if let date = PartialDate(iso: text) { return date }
        fail(column, "'\(text)' \(PartialDate.problem(with: text))")
        return nil
    }

    /// One of a vocabulary's values (case-insensitive); `fallback` when empty.
    mutating func vocabulary<V: Vocabulary, C: ImportColumn>(_ row: ImportRow<C>, _ column: C, _ type: V.Type,
                                                             fallback: V? = nil) -> V? {
        guard let text = row[column] else { return fallback }
        if let value = V(parsing: text) { return value }
        fail(column, "'\(text)' is not one of \(V.choices)" + Suggestions.phrase(for: text, among: V.allCases.map(\.rawValue)))
        return nil
    }

    /// An ISO 3166-1 alpha-2 country code, in upper case. `codeNamed` gives
    /// the code of a country named in words ('Netherlands', 'Holland'), which
    /// the error then suggests: the column holds codes, as the schema does.
    mutating func country<C: ImportColumn>(_ row: ImportRow<C>, _ column: C,
                                           codeNamed: (String) -> String? = { _ in nil }) -> String? {
        guard let text = row[column] else {
            fail(column, "is empty; it is required (an ISO 3166-1 alpha-2 code such as NL)")
            return nil
        }
        let code = text.uppercased()
        if ISOCodes.countries.contains(code) { return code }
        if let meant = ISOCodes.countryMistakes[code] ?? codeNamed(text) {
            fail(column, "'\(text)' is not an ISO 3166-1 alpha-2 country code; did you mean '\(meant)'?")
        } else {
            fail(column, "'\(text)' is not an ISO 3166-1 alpha-2 country code (such as NL, BE, GB, US)")
        }
        return nil
    }

    /// An ISO 639-1 language code, in lower case.
    mutating func language<C: ImportColumn>(_ row: ImportRow<C>, _ column: C) -> String? {
        guard let text = row[column] else { return nil }
        let code = text.lowercased()
        if ISOCodes.languages.contains(code) { return code }
        fail(column, "'\(text)' is not an ISO 639-1 language code (such as en, nl, fr)")
        return nil
    }

    /// A whole number, 0 or more.
    mutating func count<C: ImportColumn>(_ row: ImportRow<C>, _ column: C) -> Int64? {
        guard let text = row[column] else { return nil }
        if !text.isEmpty, text.utf8.count <= 12, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(text) {
            return value
        }
        fail(column, "'\(text)' is not a whole number (0 or more)")
        return nil
    }

    /// Resolves a reference through a directory.
    mutating func resolve<C: ImportColumn>(_ reference: String, in directory: ReferenceDirectory, column: C) throws -> Int64? {
        switch try directory.resolve(reference) {
        case .found(let id): return id
        case .failed(let message):
            fail(column, message)
            return nil
        }
    }

    /// Warns when `later` is surely before `earlier` ("expires before it was signed").
    mutating func warnIfBefore<C: ImportColumn>(_ later: PartialDate?, _ laterColumn: C, _ earlier: PartialDate?,
                                                _ earlierColumn: C, _ what: String) {
        guard let later, let earlier, later.isSurelyBefore(earlier) else { return }
        warn(laterColumn, "\(later.iso) is before \(earlierColumn.name) \(earlier.iso): \(what)")
    }
}

/// The items of a `;`-separated list, trimmed, without empty ones.
func listItems(_ text: String?) -> [String] {
    guard var text else { return [] }
    return text.withUTF8 { bytes in
        // Sized once: grown item by item, a two-party list cost two
        // allocations on the reading thread of a large import, not one.
        var items: [String] = []
        items.reserveCapacity(bytes.reduce(1) { $1 == UInt8(ascii: ";") ? $0 + 1 : $0 })
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ";") {
            let item = TextTrimming.trimmed(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            if !item.isEmpty { items.append(item) }
            start = index + 1
        }
        return items
    }
}

extension PartialDate {
    /// Why `text` is not a date, for an error message.
    static func problem(with text: String) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let numeric = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        if numeric, [1, 2, 3].contains(parts.count), parts[0].count == 4,
           parts.dropFirst().allSatisfy({ $0.count == 2 }) {
            if parts[0] == "0000" { return "is not a real date: there is no year 0" }
            return "is not a real calendar date"
        }
        return "is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
    }
}
