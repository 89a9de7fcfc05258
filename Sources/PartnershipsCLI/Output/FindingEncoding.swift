import Registry

/// An audit finding as a CSV (or TSV) row of `Finding.columns`: the bytes
/// that `CSVWriter.write(row: finding.values)` writes, without building the
/// row of values first (a million findings make that a good part of the audit).
extension CSVWriter {
    public static func encode(_ finding: Finding, delimiter: Delimiter = .comma) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(384)
        let separator = delimiter.rawValue
        append(finding.severity.rawValue, delimiter: delimiter, to: &line)
        line.append(separator)
        append(finding.certainty.rawValue, delimiter: delimiter, to: &line)
        line.append(separator)
        append(finding.rule, delimiter: delimiter, to: &line)
        line.append(separator)
        append(finding.recordType.rawValue, delimiter: delimiter, to: &line)
        line.append(separator)
        append(finding.recordKey, delimiter: delimiter, to: &line)
        line.append(separator)
        append(finding.recordTitle, delimiter: delimiter, to: &line)
        line.append(separator)
        if let date = finding.date { append(date, delimiter: delimiter, to: &line) }
        line.append(separator)
        appendDates(finding.dates, delimiter: delimiter, to: &line)
        line.append(separator)
        if let related = finding.related {
            append(related.type, delimiter: delimiter, to: &line)
            line.append(separator)
            append(related.key, delimiter: delimiter, to: &line)
            line.append(separator)
            append(related.title, delimiter: delimiter, to: &line)
        } else {
            line.append(separator)
            line.append(separator)
        }
        line.append(separator)
        if let days = finding.days { line.append(contentsOf: String(days).utf8) }
        line.append(separator)
        append(finding.message, delimiter: delimiter, to: &line)
        line.append(0x0D)
        line.append(0x0A)
        return line
    }

    /// The `dates` field, `Finding.datesText`, written straight into the line;
    /// written again, quoted, in the rare case that it must be (dates and
    /// their names never need it).
    private static func appendDates(_ dates: [FindingDate], delimiter: Delimiter, to line: inout [UInt8]) {
        let start = line.count
        for (index, date) in dates.enumerated() {
            if index > 0 {
                line.append(UInt8(ascii: ";"))
                line.append(UInt8(ascii: " "))
            }
            line.append(contentsOf: date.name.utf8)
            line.append(UInt8(ascii: "="))
            line.append(contentsOf: date.value.utf8)
        }
        let plain = line.withUnsafeBytes { bytes -> Bool in
            guard let base = bytes.baseAddress, bytes.count > start else { return true }
            return !needsQuotes(base + start, count: bytes.count - start, delimiter: delimiter)
        }
        guard !plain else { return }
        line.removeSubrange(start...)
        append(Finding.datesText(dates), delimiter: delimiter, to: &line)
    }
}

/// An audit finding as a JSON object of `Finding.columns`: the bytes that
/// `encode(finding.values)` gives, without building the row of values first.
extension JSONWriter.RowEncoder {
    public func encode(_ finding: Finding) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(640)
        var column = 0
        func key() {
            if column > 0 {
                line.append(UInt8(ascii: ","))
                line.append(UInt8(ascii: " "))
            }
            line.append(contentsOf: keys[column])
            column += 1
        }
        func text(_ value: String?) {
            key()
            if let value { JSONWriter.appendQuoted(value, to: &line) } else { line.append(contentsOf: "null".utf8) }
        }
        line.append(UInt8(ascii: "{"))
        text(finding.severity.rawValue)
        text(finding.certainty.rawValue)
        text(finding.rule)
        text(finding.recordType.rawValue)
        text(finding.recordKey)
        text(finding.recordTitle)
        text(finding.date)
        text(finding.datesText)
        text(finding.related?.type)
        text(finding.related?.key)
        text(finding.related?.title)
        key()
        if let days = finding.days { line.append(contentsOf: String(days).utf8) } else { line.append(contentsOf: "null".utf8) }
        text(finding.message)
        line.append(UInt8(ascii: "}"))
        return line
    }
}
