import Database
import Foundation

/// Runs a report: checks the values given against its parameters, compiles
/// it through the read-only guard, binds every parameter by name and streams
/// the rows.
public enum ReportRunner {
    /// The value of each declared parameter: the one given, else the
    /// default. An empty value binds NULL ("not filtered"). Refuses unknown
    /// names, missing required ones and non-integers for integer parameters.
    public static func values(for report: ReportDefinition, arguments: [String: String]) throws -> [String: DatabaseValue] {
        let valid = report.parameters.map(\.summary)
        for name in arguments.keys.sorted() where report.parameter(named: name) == nil {
            throw ReportError.unknownParameter(name: name, report: report.name, valid: valid)
        }
        var values: [String: DatabaseValue] = [:]
        for parameter in report.parameters {
            guard let text = arguments[parameter.name] ?? parameter.defaultValue else {
                throw ReportError.missingParameter(name: parameter.name, report: report.name, valid: valid)
            }
            if text.isEmpty {
                values[parameter.name] = .null
                continue
            }
            switch parameter.kind {
            case .text:
                values[parameter.name] = .text(text)
            case .integer:
                guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else {
                    throw ReportError.invalidValue(parameter: parameter.name, value: text, expected: "a whole number")
                }
                values[parameter.name] = .integer(number)
            }
        }
        return values
    }

    /// Compiles a report and checks that its SQL uses exactly the parameters
    /// its header declares (plus :as_of), so a typo in either is caught.
    public static func prepare(_ report: ReportDefinition, guard queryGuard: QueryGuard) throws -> Statement {
        let file: String
        switch report.origin {
        case .builtIn: file = "the built-in report \(report.name)"
        case .file(let path): file = path
        }
        let statement: Statement
        do {
            statement = try queryGuard.prepare(report.sql)
        } catch let error as QueryError {
            throw ReportError.invalidReport(file: file, reason: error.description)
        }
        var used: Set<String> = []
        for name in statement.parameterNames {
            guard let name, name.first == ":" || name.first == "@" || name.first == "$" else {
                throw ReportError.invalidReport(file: file, reason: "use named parameters (:name), not '?'")
            }
            used.insert(String(name.dropFirst()))
        }
        let declared = Set(report.parameters.map(\.name))
        let bound = Set([ReportParser.asOfParameter, ReportParts.partParameter, ReportParts.partsParameter])
        if let undeclared = used.subtracting(declared).subtracting(bound).sorted().first {
            throw ReportError.invalidReport(file: file, reason: "the SQL uses :\(undeclared) but the header has no '-- param: \(undeclared)' line")
        }
        if let unused = declared.subtracting(used).sorted().first {
            throw ReportError.invalidReport(file: file, reason: "the header declares '\(unused)' but the SQL never uses :\(unused)")
        }
        if used.contains(ReportParts.partParameter) != used.contains(ReportParts.partsParameter) {
            throw ReportError.invalidReport(
                file: file, reason: "the SQL uses one of :part and :parts without the other; a report in parts uses both")
        }
        return statement
    }

    /// Runs `report` with `arguments` (parameter name → text as typed) and
    /// `asOf` (YYYY-MM-DD) as :as_of, handing the column names and then each
    /// row to the callbacks as SQLite produces them.
    public static func run(_ report: ReportDefinition, arguments: [String: String], asOf: String,
                           guard queryGuard: QueryGuard, timeout: TimeInterval? = nil,
                           columns: ([String]) throws -> Void, row: ([DatabaseValue]) throws -> Void) throws {
        var values: [DatabaseValue] = []
        try run(report, arguments: arguments, asOf: asOf, guard: queryGuard, timeout: timeout, columns: columns,
                rowInPlace: { current in
                    current.values(into: &values)
                    try row(values)
                })
    }

    /// As `run(_:arguments:asOf:guard:timeout:columns:row:)`, handing over
    /// each row in place (see `QueryGuard.run(_:timeout:columns:rowInPlace:)`).
    /// A report that uses :part and :parts runs in parts at once (`ReportParts`).
    public static func run(_ report: ReportDefinition, arguments: [String: String], asOf: String,
                           guard queryGuard: QueryGuard, timeout: TimeInterval? = nil,
                           columns: ([String]) throws -> Void, rowInPlace: (any ResultRow) throws -> Void) throws {
        try run(report, arguments: arguments, asOf: asOf, guard: queryGuard, timeout: timeout,
                parts: nil, columns: columns, rowInPlace: rowInPlace)
    }

    /// `parts`: how many parts to run a report in parts in (by default one
    /// per core, see `ReportParts.count`); `afterSnapshots` runs once every
    /// part has begun reading (for tests: a commit there must not show).
    static func run(_ report: ReportDefinition, arguments: [String: String], asOf: String,
                    guard queryGuard: QueryGuard, timeout: TimeInterval?, parts: Int?,
                    afterSnapshots: () -> Void = {},
                    columns: ([String]) throws -> Void, rowInPlace: (any ResultRow) throws -> Void) throws {
        guard ReportDate.isValidDay(asOf) else { throw ReportError.invalidAsOf(value: asOf) }
        var values = try values(for: report, arguments: arguments)
        try ReportRanges.check(values)
        let statement = try prepare(report, guard: queryGuard)
        try ReportReferences.resolve(&values, connection: queryGuard.connection)
        values[ReportParser.asOfParameter] = .text(asOf)
        guard ReportParts.isInParts(statement) else {
            try bind(values, to: statement)
            try queryGuard.run(statement, timeout: timeout, columns: columns, rowInPlace: rowInPlace)
            return
        }
        try ReportParts.run(report, statement: statement, values: values,
                            parts: parts ?? ReportParts.count(for: queryGuard.connection), guard: queryGuard,
                            timeout: timeout, afterSnapshots: afterSnapshots, columns: columns, rowInPlace: rowInPlace)
    }

    /// Binds each of the statement's parameters that `values` names (by name, without its ':').
    static func bind(_ values: [String: DatabaseValue], to statement: Statement) throws {
        for (index, name) in statement.parameterNames.enumerated() {
            guard let name, let value = values[String(name.dropFirst())] else { continue }
            try statement.bind(value, at: index + 1)
        }
    }
}
