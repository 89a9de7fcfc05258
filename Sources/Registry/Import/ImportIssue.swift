/// One error or warning about an input row, printed as
/// `FILE:LINE: column 'NAME': what is wrong` (LINE is the physical line on
/// which the record starts).
public struct ImportIssue: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public let file: String
    public let line: Int
    public let column: String?
    public let message: String
    public let severity: Severity

    public init(file: String, line: Int, column: String?, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
    }

    /// The message without the file and line: "column 'kind': ...".
    public var detail: String {
        if let column { return "column '\(column)': \(message)" }
        return message
    }

    public var description: String {
        let prefix = severity == .warning ? "warning: " : ""
        return "\(file):\(line): \(prefix)\(detail)"
    }
}
