import Registry

/// An audit finding as a CSV (or TSV) row of `Finding.columns`: the bytes
/// that `CSVWriter.write(row: finding.values)` writes, without building the
/// row of values first (a million findings make that a good part of the audit).
extension CSVWriter {
    public static func encode(_ finding: Finding, delimiter: Delimiter = .comma) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(384)
        let separator = delimiter.rawValue
        let fields = delimiter.encoder
        fields.append(finding.severity.rawValue, to: &line)
        line.append(separator)
        fields.append(finding.certainty.rawValue, to: &line)
        line.append(separator)
        fields.append(finding.rule, to: &line)
        line.append(separator)
        fields.append(finding.recordType.rawValue, to: &line)
        line.append(separator)
        fields.append(finding.recordKey, to: &line)
        line.append(separator)
        fields.append(finding.recordTitle, to: &line)
        line.append(separator)
        if let date = finding.date { fields.append(date, to: &line) }
        line.append(separator)
        appendDates(finding.dates, fields: fields, to: &line)
        line.append(separator)
        if let related = finding.related {
            fields.append(related.type, to: &line)
            line.append(separator)
            fields.append(related.key, to: &line)
            line.append(separator)
            fields.append(related.title, to: &line)
        } else {
            line.append(separator)
            line.append(separator)
        }
        line.append(separator)
        if let days = finding.days { line.append(contentsOf: String(days).utf8) }
        line.append(separator)
        fields.append(finding.message, to: &line)
        line.append(0x0D)
        line.append(0x0A)
        return line
    }

    /// The `dates` field, `Finding.datesText`, written straight into the line;
    /// written again, quoted, in the rare case that it must be (dates and
    /// their names never need it).
    private static func appendDates(_ dates: [FindingDate], fields: CSVFieldEncoder, to line: inout [UInt8]) {
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
            return !fields.needsQuotes(base + start, count: bytes.count - start)
        }
        guard !plain else { return }
        line.removeSubrange(start...)
        fields.append(Finding.datesText(dates), to: &line)
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
