import Database

/// Errors about reports: which one, its parameters, and its file.
public enum ReportError: CategorizedError, Equatable {
    case unknownReport(name: String, available: [String])
    case unknownParameter(name: String, report: String, valid: [String])
    case missingParameter(name: String, report: String, valid: [String])
    case invalidValue(parameter: String, value: String, expected: String)
    case invalidAsOf(value: String)
    /// An institution, network or country parameter that names nothing (or more than one).
    case unresolvedReference(parameter: String, value: String, problem: String)
    /// A report file that cannot be used as it is.
    case invalidReport(file: String, reason: String)
    /// Two files in the user's folder give the same report name.
    case duplicateReport(name: String, files: [String])
    case folderUnreadable(path: String, reason: String)

    public var category: ErrorCategory {
        switch self {
        case .unknownReport, .unknownParameter, .missingParameter, .invalidValue, .invalidAsOf, .unresolvedReference:
            return .usage
        case .invalidReport, .duplicateReport: return .dataRejected
        case .folderUnreadable: return .inputUnavailable
        }
    }

    public var description: String {
        switch self {
        case .unknownReport(let name, let available):
            return "there is no report named '\(name)'" + Self.hint(name, available, orElse: ".")
                + " Reports: \(available.joined(separator: ", ")) (see `partnerships report list`)"
        case .unknownParameter(let name, let report, let valid):
            if name == ReportParser.asOfParameter {
                return "the date of a report is given with --as-of DATE, not --param as_of"
            }
            // The valid ones are listed as "within_days = 180" or "country (optional)".
            let names = valid.map { String($0.prefix { $0 != " " }) }
            return "the report '\(report)' has no parameter '\(name)'" + Self.hint(name, names, orElse: ".") + " "
                + Self.listing(valid)
        case .missingParameter(let name, let report, let valid):
            return "the report '\(report)' needs --param \(name)=VALUE. " + Self.listing(valid)
        case .invalidValue(let parameter, let value, let expected):
            return "--param \(parameter)=\(value): expected \(expected)"
        case .unresolvedReference(let parameter, let value, let problem):
            return "--param \(parameter)=\(value): \(problem)"
        case .invalidAsOf(let value):
            return "--as-of \(value): expected a date as YYYY-MM-DD, such as 2026-03-01"
        case .invalidReport(let file, let reason):
            return "\(file): not a usable report: \(reason)"
        case .duplicateReport(let name, let files):
            return "two report files are named '\(name)': \(files.joined(separator: " and ")); rename one (the '-- name:' line)"
        case .folderUnreadable(let path, let reason):
            return "cannot read the report folder '\(path)': \(reason). Check --reports (or PARTNERSHIPS_REPORTS)"
        }
    }

    /// "; did you mean 'x'?" when a name is near, else `orElse`.
    static func hint(_ typed: String, _ names: [String], orElse: String) -> String {
        let phrase = Suggestions.phrase(for: typed, among: names)
        return phrase.isEmpty ? orElse : phrase
    }

    static func listing(_ valid: [String]) -> String {
        valid.isEmpty ? "It takes no parameters (only --as-of)." : "Its parameters: \(valid.joined(separator: ", "))."
    }
}
