/// How many findings of each severity an audit produced.
public struct AuditSummary: Equatable, Sendable {
    public private(set) var errors = 0
    public private(set) var warnings = 0
    public private(set) var infos = 0
    public let asOf: String

    public init(asOf: String) { self.asOf = asOf }

    public var total: Int { errors + warnings + infos }

    public func count(_ severity: Severity) -> Int {
        switch severity {
        case .error: return errors
        case .warning: return warnings
        case .info: return infos
        }
    }

    mutating func add(_ severity: Severity) {
        switch severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .info: infos += 1
        }
    }

    /// True when there is a finding at or above `threshold`.
    public func reaches(_ threshold: Severity) -> Bool {
        Severity.allCases.contains { $0.isAtOrAbove(threshold) && count($0) > 0 }
    }

    /// "3 findings as of 2026-11-20: 1 error, 1 warning, 1 info".
    public var text: String {
        let findings = total == 1 ? "1 finding" : "\(total) findings"
        let parts = [(errors, "error", "errors"), (warnings, "warning", "warnings"), (infos, "info", "info")]
            .map { count, one, many in "\(count) \(count == 1 ? one : many)" }
        return "\(findings) as of \(asOf): \(parts.joined(separator: ", "))"
    }
}
