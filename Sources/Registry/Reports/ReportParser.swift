import Database
import Foundation

/// Reads a report file: its header comment and its one statement.
public enum ReportParser {
    /// `as_of` is bound from --as-of, never declared.
    public static let asOfParameter = "as_of"

    /// Parses a report; `fileName` gives the name when the header has none
    /// (`expiring.sql` → `expiring`), `origin` says where it came from.
    public static func parse(_ text: String, fileName: String, origin: ReportDefinition.Origin) throws -> ReportDefinition {
        var sql = text.replacingOccurrences(of: "\r\n", with: "\n")
        if sql.hasPrefix("\u{FEFF}") { sql.removeFirst() }
        let where_: String
        switch origin {
        case .builtIn: where_ = "the built-in report \(fileName)"
        case .file(let path): where_ = path
        }

        var name: String?
        var description = ""
        var parameters: [ReportParameter] = []
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard trimmed.hasPrefix("--") else { break }  // the header ends where the SQL starts
            let body = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
            guard let colon = body.firstIndex(of: ":") else { continue }
            let key = body[..<colon].lowercased()
            let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "name":
                name = value
            case "description":
                description = value
            case "param":
                let parameter = try parseParameter(value, in: where_)
                if parameters.contains(where: { $0.name == parameter.name }) {
                    throw ReportError.invalidReport(file: where_, reason: "the parameter '\(parameter.name)' is declared twice")
                }
                parameters.append(parameter)
            default:
                continue  // free text, such as a note that happens to hold a colon
            }
        }

        let reportName = name ?? String(fileName.hasSuffix(".sql") ? fileName.dropLast(4) : Substring(fileName))
        guard isValidName(reportName) else {
            throw ReportError.invalidReport(
                file: where_, reason: "the name '\(reportName)' must be lower-case letters, digits, '-' and '_'")
        }
        let statements = SQLScript.statements(in: sql)
        guard statements.count == 1, let statement = statements.first else {
            let reason = statements.isEmpty ? "it holds no SQL statement" : "it holds \(statements.count) statements; a report is exactly one SELECT"
            throw ReportError.invalidReport(file: where_, reason: reason)
        }
        guard let keyword = SQLScript.leadingKeyword(of: statement), ["SELECT", "WITH", "VALUES"].contains(keyword) else {
            throw ReportError.invalidReport(file: where_, reason: "a report is one SELECT (or WITH ... SELECT); this one starts with something else")
        }
        return ReportDefinition(name: reportName, description: description, parameters: parameters, sql: sql, origin: origin)
    }

    /// `within_days = 180` (integer, default 180), `country =` (optional
    /// text), `network` (required text).
    static func parseParameter(_ text: String, in file: String) throws -> ReportParameter {
        let name: String
        let defaultValue: String?
        if let equals = text.firstIndex(of: "=") {
            name = text[..<equals].trimmingCharacters(in: .whitespaces)
            defaultValue = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        } else {
            name = text.trimmingCharacters(in: .whitespaces)
            defaultValue = nil
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
              !(name.first?.isNumber ?? true) else {
            throw ReportError.invalidReport(file: file, reason: "'-- param: \(text)' does not start with a parameter name (letters, digits, '_')")
        }
        if name == asOfParameter {
            throw ReportError.invalidReport(file: file, reason: "':as_of' is given by --as-of and is not declared with '-- param:'")
        }
        let kind: ReportParameter.Kind = defaultValue.flatMap { Int64($0) } != nil ? .integer : .text
        return ReportParameter(name: name, defaultValue: defaultValue, kind: kind)
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
