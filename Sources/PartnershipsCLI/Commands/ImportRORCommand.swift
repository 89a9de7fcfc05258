import ArgumentParser
import Database
import Registry

/// What `import` reads: a file of one of the import kinds, or a ROR data dump.
enum ImportTarget: ExpressibleByArgument, Equatable {
    case kind(ImportKind)
    case ror

    /// In any letter case, and singular too (`import agreement new.csv`).
    init?(argument: String) {
        let name = argument.lowercased()
        if name == "ror" {
            self = .ror
        } else if let kind = ImportKind(rawValue: name) ?? ImportKind(rawValue: name + "s") {
            self = .kind(kind)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { ImportKind.allCases.map(\.rawValue) + ["ror"] }
}

/// `partnerships import ror FILE`: the ROR part of the import command.
enum ImportRORCommand {
    static let discussion = """
        partnerships import ror FILE [--types TYPES] [--dry-run] [--overwrite]
          Reads a ROR data dump (schema v2, a JSON array; streamed) and upserts
          institutions by ROR id. An institution without a ROR id is linked
          when its name or an alias matches a ROR name in the same country
          (case and accents ignored); an ambiguous match is reported, not
          guessed. A field a user set that ROR contradicts is kept and listed
          as a conflict, unless --overwrite. Withdrawn records are not added.
          TYPES, comma-separated, any of:
        \(typeList)
        """

    /// The ROR types, wrapped to fit the help's 80 columns.
    private static var typeList: String {
        var lines: [String] = [], line = "    "
        for name in RORType.allCases.map(\.rawValue) {
            if line.count + name.count + 2 > 76 { lines.append(line + ","); line = "    " }
            line += (line.hasSuffix(" ") ? "" : ", ") + name
        }
        return (lines + [line]).joined(separator: "\n")
    }

    static func run(file: String, types: String?, dryRun: Bool, overwrite: Bool, connection: Connection) throws {
        var options = RORImportOptions(types: try types.map(RORImportOptions.parseTypes), dryRun: dryRun,
                                       overwrite: overwrite)
        let progress = ProgressLine()
        options.progress = progress.update
        let report = try RORImporter.importFile(path: file, options: options, connection: connection)
        progress.clear()
        printIssues(of: report)
        print("\(report.file): \(report.summaryLine)")
        if report.dryRun { print("dry run: nothing was written") }
        if report.fatal != nil {
            throw CommandFailure("\(report.file): stopped at line \(report.fatal?.line ?? 0) (above); nothing was written",
                                 exitCode: ExitStatus.dataRejected)
        }
        if report.errorCount > 0 {
            let records = "\(report.errorCount) of \(report.recordsRead) \(report.recordsRead == 1 ? "record" : "records")"
            let action = report.dryRun ? "would be rejected" : "rejected; nothing was written"
            throw CommandFailure("\(report.file): \(records) \(action)", exitCode: ExitStatus.dataRejected)
        }
    }

    /// Errors, then conflicts and warnings, on stderr (the first 100 of each, then a count).
    static func printIssues(of report: RORImportReport) {
        if let fatal = report.fatal { Terminal.writeError(fatal.description + "\n") }
        for issue in report.errors { Terminal.writeError(issue.description + "\n") }
        more(report.errorCount - report.errors.count, "error", in: report.file)
        for conflict in report.conflicts { Terminal.writeError(conflict.description + "\n") }
        more(report.conflictCount - report.conflicts.count, "conflict", in: report.file)
        for issue in report.warnings { Terminal.writeError(issue.description + "\n") }
        more(report.warningCount - report.warnings.count, "warning", in: report.file)
    }

    private static func more(_ count: Int, _ noun: String, in file: String) {
        guard count > 0 else { return }
        Terminal.writeError("... and \(count) more \(noun)\(count == 1 ? "" : "s") in \(file)\n")
    }
}
