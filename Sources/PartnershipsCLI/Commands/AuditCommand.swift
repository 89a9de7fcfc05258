import ArgumentParser
import Foundation
import Registry

/// When `audit` exits with code 1.
enum FailOn: String, CaseIterable, CaseInsensitiveArgument {
    case error, warning, info, never

    var threshold: Severity? {
        switch self {
        case .error: return .error
        case .warning: return .warning
        case .info: return .info
        case .never: return nil
        }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Find dates that are wrong, out of date or contradict each other, and explain each in one line.",
        discussion: """
            Checks agreements, memberships, appointments and news items against the rules
            that --list-rules shows (each with a stable id and a severity: error, warning
            or info). A date known only to the month or year covers a range of days: a rule
            reports a finding when it holds for every one of those days, and a "possible"
            finding one severity lower (certainty = possible) when it holds for some.

            Findings are sorted by severity, then date. A summary line counts them; it goes
            to stderr with --format csv, tsv or json, so that stdout stays
            machine-readable.

            Exit code 1 when there is a finding at or above --fail-on (default: error),
            else 0.

            Examples:
              partnerships audit
              partnerships audit --as-of 2026-11-20 --fail-on warning
              partnerships audit --rule expired-but-active --rule expiring-soon --within 90
              partnerships audit --format json --fail-on never > audit.json
              partnerships audit --list-rules
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Audit as of this day (YYYY-MM-DD). Defaults to today.", valueName: "date"))
    var asOf: String?

    @Option(name: .customLong("rule"), parsing: .upToNextOption, help: ArgumentHelp(
        "Run only these rules (repeat the option, or separate ids with commas). Defaults to all.", valueName: "id"))
    var rules: [String] = []

    @Option(help: ArgumentHelp("expiring-soon: report agreements ending within this many days.", valueName: "days"))
    var within: Int = AuditSettings.defaultWithinDays

    @Option(name: .customLong("no-expiry-years"), help: ArgumentHelp(
        "no-expiry: report agreements without expiry signed more than this many years ago.", valueName: "years"))
    var noExpiryYears: Int = AuditSettings.defaultNoExpiryYears

    @Option(name: .customLong("late-days"), help: ArgumentHelp(
        "late-announcement: report news published more than this many days after the signing.", valueName: "days"))
    var lateDays: Int = AuditSettings.defaultLateAnnouncementDays

    @OptionGroup var outputOptions: OutputOptions

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Exit with code 1 when a finding is at or above this severity: error, warning, info (any finding) or never.", valueName: "severity"))
    var failOn: FailOn = .error

    @Flag(name: .customLong("list-rules"), help: "List the rules: id, severity, default settings, what each checks.")
    var listRules = false

    func run() throws {
        let selected = try AuditRules.select(ruleIDs)
        let format = outputOptions.resolved
        let bom = outputOptions.bom
        let output = StandardOutput()
        if listRules {
            ResultWriters.write(columns: ["id", "severity", "settings", "checks"],
                                rows: selected.map { [.text($0.id), .text($0.severity.rawValue),
                                                      .text($0.defaultSettings), .text($0.checks)] },
                                format: format, byteOrderMark: bom, to: output)
            output.flush()
            return
        }
        let settings = try AuditSettings(asOf: asOf ?? AuditSettings.today(), withinDays: within,
                                         noExpiryYears: noExpiryYears, lateAnnouncementDays: lateDays)
        let connection = try database.open(.read)
        let auditor = try Auditor(connection: connection, settings: settings, rules: selected)

        let summary = try write(auditor, format: format, byteOrderMark: bom, to: output)
        switch format {
        case .csv, .tsv, .json:
            output.flush()
            Terminal.printMessage(summary.text)
        case .table, .markdown:
            output.write("\n" + summary.text + "\n")
            output.flush()
        }
        if let threshold = failOn.threshold, summary.reaches(threshold) {
            throw CommandFailure(exitCode: ExitStatus.findings)
        }
    }

    /// Writes the findings in `format`. CSV, TSV and JSON rows are encoded on
    /// the threads that read the rules, side by side: with a million findings,
    /// encoding them is much of the work.
    private func write(_ auditor: Auditor, format: OutputFormat, byteOrderMark: Bool,
                       to output: StandardOutput) throws -> AuditSummary {
        switch format {
        case .csv, .tsv:
            let delimiter = format.csvDelimiter ?? .comma
            var writer = CSVWriter(output: output, delimiter: delimiter, byteOrderMark: byteOrderMark)
            writer.begin(columns: Finding.columns)
            let summary = try auditor.run(encode: { CSVWriter.encode($0, delimiter: delimiter) }) {
                writer.write(encodedRow: $0)
            }
            writer.end()
            return summary
        case .json:
            var writer = JSONWriter(output: output)
            writer.begin(columns: Finding.columns)
            let encoder = JSONWriter.RowEncoder(columns: Finding.columns)
            let summary = try auditor.run(encode: { encoder.encode($0) }) { writer.write(encodedRow: $0) }
            writer.end()
            return summary
        case .table, .markdown:
            var writer = ResultWriters.make(format, output: output)
            writer.begin(columns: Finding.columns)
            let summary = try auditor.run { writer.write(row: $0.values) }
            writer.end()
            return summary
        }
    }

    /// `--rule a --rule b,c` → [a, b, c].
    var ruleIDs: [String] {
        rules.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
