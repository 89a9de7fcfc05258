/// A report that counts every problem and keeps the first `limit` of each
/// severity: the import of rows and the ROR import share the rule.
protocol IssueCollecting {
    var errorCount: Int { get set }
    var errors: [ImportIssue] { get set }
    var warningCount: Int { get set }
    var warnings: [ImportIssue] { get set }
}

extension IssueCollecting {
    mutating func add(_ issue: ImportIssue, limit: Int) {
        switch issue.severity {
        case .error:
            errorCount += 1
            if errors.count < limit { errors.append(issue) }
        case .warning:
            warningCount += 1
            if warnings.count < limit { warnings.append(issue) }
        }
    }
}
