import Registry

/// An audit finding as a CSV row of `Finding.columns`: the bytes that
/// `CSVWriter.write(row: finding.values)` writes, without building the row of
/// values first (a million findings make that a good part of the audit).
extension CSVWriter {
    public static func encode(_ finding: Finding) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(384)
        let comma = UInt8(ascii: ",")
        append(finding.severity.rawValue, to: &line)
        line.append(comma)
        append(finding.certainty.rawValue, to: &line)
        line.append(comma)
        append(finding.rule, to: &line)
        line.append(comma)
        append(finding.recordType.rawValue, to: &line)
        line.append(comma)
        append(finding.recordKey, to: &line)
        line.append(comma)
        append(finding.recordTitle, to: &line)
        line.append(comma)
        if let date = finding.date { append(date, to: &line) }
        line.append(comma)
        appendDates(finding.dates, to: &line)
        line.append(comma)
        if let related = finding.related {
            append(related.type, to: &line)
            line.append(comma)
            append(related.key, to: &line)
            line.append(comma)
            append(related.title, to: &line)
        } else {
            line.append(comma)
            line.append(comma)
        }
        line.append(comma)
        if let days = finding.days { line.append(contentsOf: String(days).utf8) }
        line.append(comma)
        append(finding.message, to: &line)
        line.append(0x0D)
        line.append(0x0A)
        return line
    }

    /// The `dates` field, `Finding.datesText`, written straight into the line
    /// when nothing in it needs quoting (dates and their names never do).
    private static func appendDates(_ dates: [FindingDate], to line: inout [UInt8]) {
        let plain = dates.allSatisfy { date in
            !date.name.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                && !date.value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        }
        guard plain else { return append(Finding.datesText(dates), to: &line) }
        for (index, date) in dates.enumerated() {
            if index > 0 { line.append(contentsOf: "; ".utf8) }
            line.append(contentsOf: date.name.utf8)
            line.append(UInt8(ascii: "="))
            line.append(contentsOf: date.value.utf8)
        }
    }
}
