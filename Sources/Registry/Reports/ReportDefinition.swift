/// One named parameter of a report, from a `-- param:` header line.
public struct ReportParameter: Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// Bound as text (or NULL when empty).
        case text
        /// Bound as an integer; a value must be a whole number. A parameter
        /// is an integer when its default is one (`-- param: within_days = 180`).
        case integer
    }

    public let name: String
    /// nil: the parameter is required. "": optional, NULL unless given.
    public let defaultValue: String?
    public let kind: Kind

    public init(name: String, defaultValue: String?, kind: Kind) {
        self.name = name
        self.defaultValue = defaultValue
        self.kind = kind
    }

    public var isRequired: Bool { defaultValue == nil }

    /// How `report list` and error messages show it: `within_days = 180`,
    /// `institution (required)`, `country (optional)`.
    public var summary: String {
        switch defaultValue {
        case nil: return "\(name) (required)"
        case ""?: return "\(name) (optional)"
        case let value?: return "\(name) = \(value)"
        }
    }
}

/// A report: one SELECT in a `.sql` file with a header comment.
///
///     -- name: expiring
///     -- description: Agreements in force that end soon, soonest first.
///     -- param: within_days = 180
///     SELECT ... WHERE expires_end <= date(:as_of, printf('%+d days', :within_days)) ...
///
/// `:as_of` needs no header line: every report that uses it gets `--as-of`.
public struct ReportDefinition: Equatable, Sendable {
    public enum Origin: Equatable, Sendable {
        /// Compiled into the program from Reports/.
        case builtIn
        /// Read from a file in the user's report folder.
        case file(path: String)
    }

    public let name: String
    public let description: String
    public let parameters: [ReportParameter]
    /// The whole file, header included, as SQLite compiles it.
    public let sql: String
    public let origin: Origin
    /// True when a user report replaced a built-in one of the same name.
    public var replacesBuiltIn: Bool = false

    public init(name: String, description: String, parameters: [ReportParameter], sql: String, origin: Origin) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.sql = sql
        self.origin = origin
    }

    public func parameter(named name: String) -> ReportParameter? {
        parameters.first { $0.name == name }
    }

    /// Where the report came from, for messages: "built-in" or the file path.
    public var originDescription: String {
        switch origin {
        case .builtIn: return "built-in"
        case .file(let path): return path
        }
    }
}
