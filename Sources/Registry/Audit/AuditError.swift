import Database

/// What can go wrong before an audit runs; every case is a usage error.
public enum AuditError: CategorizedError, Equatable {
    case invalidAsOf(String)
    case invalidSetting(name: String, value: Int)
    case unknownRule(String, valid: [String])

    public var category: ErrorCategory { .usage }

    public var description: String {
        switch self {
        case .invalidAsOf(let value):
            return "--as-of '\(value)' is not a date: give a day as YYYY-MM-DD, such as 2026-11-20"
        case .invalidSetting(let name, let value):
            return "--\(name) \(value) is not allowed: give 0 or more"
        case .unknownRule(let id, let valid):
            let hint = Suggestions.phrase(for: id, among: valid)
            return "there is no audit rule '\(id)'" + (hint.isEmpty ? "; the rules are: " : hint + " The rules are: ")
                + "\(valid.joined(separator: ", ")) (see `partnerships audit --list-rules`)"
        }
    }
}
