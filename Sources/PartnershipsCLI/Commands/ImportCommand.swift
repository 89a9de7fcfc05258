import ArgumentParser
import Foundation
import Registry

extension ImportFormat: CaseInsensitiveArgument {}
extension TextEncoding: ExpressibleByArgument {
    public init?(argument: String) {
        guard let encoding = TextEncoding.named(argument) else { return nil }
        self = encoding
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import institutions, networks, memberships, agreements, news or appointments, or a ROR data dump.",
        discussion: """
            Reads CSV (RFC 4180, UTF-8, header row), a JSON array of objects, or NDJSON
            (one object per line); the format follows the file name unless --format says
            otherwise, and '-' reads standard input. CSV fields are separated by commas,
            or by semicolons or tabs when the header row has those and no comma (as a
            spreadsheet in a Dutch, German or French locale saves CSV). Rows are upserted
            by key, so importing a file twice changes nothing the second time.

            All or nothing: if any row is invalid, nothing is written, every problem is
            listed as FILE:LINE: column 'NAME': what is wrong, and the exit code is 65.
            With --skip-invalid the valid rows are written and the others reported (and,
            with --rejects FILE, written to a CSV with an 'error' column that can be fixed
            and imported again).

            Columns (CSV header names, or JSON keys; any order; * = required):
              institutions  key, name*, short_name, kind, country*, city, ror_id,
                            erasmus_code, website, parent, established, notes,
                            source, aliases (nl:Universiteit Maastricht;UM)
              networks      key, name*, acronym, kind, scope, founded_on,
                            stated_member_count, website, notes, source
              memberships   network*, institution*, role, since, until, source
              agreements    key, title*, kind*, parties* (two or more,
                            ';'-separated), signed_on, effective_from,
                            expires_on, status, topics, source, notes
              news          key, published_on*, language*, title*, summary,
                            story_key, agreements, institutions, networks,
                            source
              appointments  person*, organisation*, title*, starts_on, ends_on,
                            term (2y, 18m), source
            A reference to an institution or network may be its key, name, alias, short
            name or acronym, or ROR id (case, accents and spaces ignored).

            \(ImportRORCommand.discussion)

            Examples:
              partnerships import institutions partners.csv
              partnerships import agreements new.csv --db registry.sqlite --dry-run
              partnerships import agreements new.csv --skip-invalid --rejects rejected.csv
              curl -s https://example.org/news.json |
                partnerships import news - --format json
              partnerships import ror v2.1-2026-02-24-ror-data_schema_v2.json \\
                --types education,healthcare
            """
    )

    @Argument(help: ArgumentHelp("What the file holds: \(ImportTarget.allValueStrings.joined(separator: ", ")).",
                                 valueName: "kind"))
    var kind: ImportTarget

    @Argument(help: ArgumentHelp("The file to import, or '-' for standard input.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("csv, json or ndjson (default: from the file name; csv for standard input).",
                               valueName: "format"))
    var format: ImportFormat?

    @Option(help: ArgumentHelp(
        "The file's text encoding: utf-8, or windows-1252 (also cp1252, latin1) for a spreadsheet's plain CSV saved on Windows (default: utf-8).",
        valueName: "encoding"))
    var encoding: TextEncoding?

    @Flag(name: .customLong("dry-run"), help: "Check every row and report, but write nothing.")
    var dryRun = false

    @Flag(name: .customLong("skip-invalid"), help: "Write the valid rows and skip the invalid ones.")
    var skipInvalid = false

    @Option(name: .customLong("rejects"), help: ArgumentHelp(
        "With --skip-invalid: write the rejected rows to this new CSV file, with an 'error' column.", valueName: "file"))
    var rejects: String?

    @Option(name: .customLong("types"), help: ArgumentHelp(
        "import ror: only records of these ROR types (comma-separated).", valueName: "types"))
    var types: String?

    @Flag(name: .customLong("overwrite"), help: "import ror: take ROR's value where a user's differs (instead of a conflict).")
    var overwrite = false

    @Flag(name: .customLong("timings"), help: ArgumentHelp(
        "Also print how long each phase took: the rows, the search index, the indexes (a large import builds them at the end), the commit."))
    var timings = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if kind == .ror {
            if format != nil { throw ValidationError("import ror reads a ROR data dump (JSON); --format does not apply") }
            if encoding != nil { throw ValidationError("import ror reads a ROR data dump (UTF-8 JSON); --encoding does not apply") }
            if skipInvalid || rejects != nil {
                throw ValidationError("import ror is all or nothing; --skip-invalid and --rejects do not apply")
            }
            if timings { throw ValidationError("--timings applies to the other kinds; import ror prints its own counts") }
            if let types {
                do { _ = try RORImportOptions.parseTypes(types) } catch { throw ValidationError("\(error)") }
            }
        } else if types != nil || overwrite {
            throw ValidationError("--types and --overwrite apply to import ror only")
        }
        if rejects != nil && !skipInvalid {
            throw ValidationError("--rejects needs --skip-invalid (without it, an import with an invalid row writes nothing)")
        }
    }

    func run() throws {
        let connection = try database.open(.write)
        try RegistryDatabase.requireCurrentSchema(connection, path: database.path)
        guard case .kind(let kind) = kind else {
            return try ImportRORCommand.run(file: file, types: types, dryRun: dryRun, overwrite: overwrite,
                                            connection: connection)
        }
        var options = ImportOptions(format: format, dryRun: dryRun, skipInvalid: skipInvalid, rejectsPath: rejects)
        options.encoding = encoding ?? .utf8
        let progress = ProgressLine()
        options.progress = progress.update
        let report = try Importer.importFile(kind, path: file, options: options, connection: connection)
        progress.clear()
        ImportReportPrinter.printIssues(of: report)
        print("\(report.file): \(report.summaryLine)")
        if timings { print("timings: \(report.phasesLine)") }
        if report.dryRun { print("dry run: nothing was written") }
        if let rejectsFile = report.rejectsFile {
            Terminal.printWarning("\(report.rejected) rejected \(report.rejected == 1 ? "row" : "rows") written to \(rejectsFile)")
        }
        if let failure = ImportReportPrinter.failure(of: report, skipInvalid: skipInvalid) { throw failure }
    }
}

/// Prints problems of imports the same way for `import` and `init`.
enum ImportReportPrinter {
    static func printIssues(of report: ImportReport) {
        if let fatal = report.fatal { Terminal.writeError(fatal.description + "\n") }
        for issue in report.errors { Terminal.writeError(issue.description + "\n") }
        if report.errorCount > report.errors.count {
            let more = report.errorCount - report.errors.count
            Terminal.writeError("... and \(more) more \(more == 1 ? "error" : "errors") in \(report.file)\n")
        }
        for issue in report.warnings { Terminal.writeError(issue.description + "\n") }
        if report.warningCount > report.warnings.count {
            let more = report.warningCount - report.warnings.count
            Terminal.writeError("... and \(more) more \(more == 1 ? "warning" : "warnings") in \(report.file)\n")
        }
    }

    /// Exit 65 when the file was refused (or, in a dry run, would be).
    static func failure(of report: ImportReport, skipInvalid: Bool) -> CommandFailure? {
        if report.fatal != nil {
            return CommandFailure("\(report.file): stopped at line \(report.fatal?.line ?? 0) (above); nothing was written",
                                  exitCode: ExitStatus.dataRejected)
        }
        guard report.errorCount > 0, !skipInvalid else { return nil }
        let rows = "\(report.rejected) of \(report.rowsRead) \(report.rowsRead == 1 ? "row" : "rows")"
        let action = report.dryRun ? "would be rejected" : "rejected; nothing was written"
        return CommandFailure("\(report.file): \(rows) \(action) (fix them, or use --skip-invalid --rejects FILE)",
                              exitCode: ExitStatus.dataRejected)
    }
}

/// "importing agreements.csv: 120,000 rows (34%)" on stderr, rewritten in
/// place, when stderr is a terminal and the import has run for a second.
final class ProgressLine {
    private let enabled = Terminal.stderrIsTerminal
    private var shown = false

    func update(_ progress: ImportProgress) {
        guard enabled, progress.seconds >= 1 else { return }
        var text = "importing \(progress.file): \(progress.rowsRead) rows"
        if let total = progress.totalBytes, total > 0 {
            text += " (\(min(100, Int(progress.bytesRead * 100 / total)))%)"
        }
        Terminal.writeError("\r\u{1B}[K" + text)
        shown = true
    }

    func clear() {
        if shown { Terminal.writeError("\r\u{1B}[K") }
        shown = false
    }
}
