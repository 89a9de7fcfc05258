import Database

/// Report parameters named `institution`, `network` and `country` are
/// resolved before the report runs, the way import files' references are:
/// an institution or network by key, name, short name or acronym, alias or
/// ROR id, ignoring case and accents; a country by code or name. The report
/// then gets the stored key (or country code), so its SQL matches it exactly.
/// A name that matches nothing is an error with suggestions, not a report
/// with no rows that looks like an answer.
enum ReportReferences {
    static func resolve(_ values: inout [String: DatabaseValue], connection: Connection) throws {
        let directories: [(parameter: String, keySQL: String, load: (Connection) throws -> ReferenceDirectory)] = [
            ("institution", institutionKeySQL, ReferenceDirectory.loadInstitutions),
            ("network", networkKeySQL, ReferenceDirectory.loadNetworks),
        ]
        for (parameter, keySQL, load) in directories {
            guard case .text(let text)? = values[parameter] else { continue }
            // A stored key is answered by the unique index; only other names
            // need the directory, which reads every row of the table.
            if try connection.scalar(keySQL, [text]) != nil { continue }
            let directory = try load(connection)
            switch try directory.resolve(text) {
            case .found(let id):
                values[parameter] = .text(directory.key(of: id) ?? text)
            case .failed(let message):
                throw ReportError.unresolvedReference(parameter: parameter, value: text, problem: message)
            }
        }
        if case .text(let text)? = values["country"] {
            guard let code = try CountryNames(connection: connection).code(for: text) else {
                throw ReportError.unresolvedReference(
                    parameter: "country", value: text,
                    problem: "unknown country '\(text)'; give an ISO 3166-1 code (NL, GB) or an English name")
            }
            values["country"] = .text(code)
        }
    }

    static let institutionKeySQL = "SELECT 1 FROM institutions WHERE key = ?"
    static let networkKeySQL = "SELECT 1 FROM networks WHERE key = ?"
}
