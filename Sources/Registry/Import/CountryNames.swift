import Database

/// The ISO 3166-1 alpha-2 code of a country given as a code (alpha-2 or
/// alpha-3) or in words (its short, ISO or official name, or a name people
/// type, such as Holland): every label of the view `country_lookup` (0003),
/// compared as `NameKey` compares names, so that letter case, accents and
/// spacing do not matter ("belgie" is BE). A report's `--param country=`
/// resolves through it, and an import names the code of a country written
/// in words.
struct CountryNames {
    static let labelsSQL = "SELECT code, label FROM country_lookup"

    private let codes: [String: String]

    init(connection: Connection) throws {
        var codes: [String: String] = [:]
        for row in try connection.rows(Self.labelsSQL) {
            guard let code = row[0].string, let label = row[1].string else { continue }
            let key = NameKey.make(label)
            if codes[key] == nil { codes[key] = code }
        }
        self.codes = codes
    }

    func code(for text: String) -> String? {
        codes[NameKey.make(text)]
    }
}
