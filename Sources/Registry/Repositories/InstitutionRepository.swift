import Database

/// One row of `institutions`, without its id.
struct InstitutionRecord: Equatable {
    var key: String
    var name: String
    var shortName: String?
    var kind: String
    var countryCode: String
    var city: String?
    var rorID: String?
    var erasmusCode: String?
    var website: String?
    var parentID: Int64?
    var established: String?
    var notes: String?
    var source: String?
}

/// An alias and its language.
struct InstitutionAlias: Hashable {
    var alias: String
    var lang: String?
}

/// The SQL for institutions and their aliases, prepared once per import.
final class InstitutionRepository {
    static let insertSQL = """
        INSERT INTO institutions (key, name, short_name, kind, country_code, city, ror_id, erasmus_code, website,
                                  parent_id, established, notes, source)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
        ON CONFLICT (key) DO NOTHING
        """
    static let selectByKeySQL = """
        SELECT id, key, name, short_name, kind, country_code, city, ror_id, erasmus_code, website,
               parent_id, established, notes, source
        FROM institutions WHERE key = ?1
        """
    static let updateSQL = """
        UPDATE institutions SET key = ?1, name = ?2, short_name = ?3, kind = ?4, country_code = ?5, city = ?6,
               ror_id = ?7, erasmus_code = ?8, website = ?9, parent_id = ?10, established = ?11, notes = ?12, source = ?13
        WHERE id = ?14
        """
    static let selectAliasesSQL = "SELECT alias, lang FROM institution_aliases WHERE institution_id = ?1"
    static let insertAliasSQL = "INSERT INTO institution_aliases (institution_id, alias, lang) VALUES (?1, ?2, ?3)"
    static let updateAliasSQL = "UPDATE institution_aliases SET lang = ?3 WHERE institution_id = ?1 AND alias = ?2"
    static let deleteAliasSQL = "DELETE FROM institution_aliases WHERE institution_id = ?1 AND alias = ?2"

    private let connection: Connection
    private let insert: Statement
    private let selectByKey: Statement
    private let update: Statement
    private let selectAliases: Statement
    private let insertAlias: Statement
    private let updateAlias: Statement
    private let deleteAlias: Statement

    init(_ connection: Connection) throws {
        self.connection = connection
        insert = try connection.prepare(Self.insertSQL)
        selectByKey = try connection.prepare(Self.selectByKeySQL)
        update = try connection.prepare(Self.updateSQL)
        selectAliases = try connection.prepare(Self.selectAliasesSQL)
        insertAlias = try connection.prepare(Self.insertAliasSQL)
        updateAlias = try connection.prepare(Self.updateAliasSQL)
        deleteAlias = try connection.prepare(Self.deleteAliasSQL)
    }

    private func bind(_ record: InstitutionRecord, to statement: Statement) throws {
        try statement.bind(text: record.key, at: 1)
        try statement.bind(text: record.name, at: 2)
        try statement.bind(text: record.shortName, at: 3)
        try statement.bind(text: record.kind, at: 4)
        try statement.bind(text: record.countryCode, at: 5)
        try statement.bind(text: record.city, at: 6)
        try statement.bind(text: record.rorID, at: 7)
        try statement.bind(text: record.erasmusCode, at: 8)
        try statement.bind(text: record.website, at: 9)
        try statement.bind(int64: record.parentID, at: 10)
        try statement.bind(text: record.established, at: 11)
        try statement.bind(text: record.notes, at: 12)
        try statement.bind(text: record.source, at: 13)
    }

    /// Inserts the row unless its key exists; returns the new id, or nil.
    func insertIfNew(_ record: InstitutionRecord) throws -> Int64? {
        try insert.execute { try bind(record, to: $0) }
        return connection.changes == 1 ? connection.lastInsertRowID : nil
    }

    func find(key: String) throws -> (id: Int64, record: InstitutionRecord)? {
        defer { selectByKey.reset() }
        guard try selectByKey.query({ try $0.bind(text: key, at: 1) }) else { return nil }
        let s = selectByKey
        let record = InstitutionRecord(
            key: s.string(at: 1) ?? "", name: s.string(at: 2) ?? "", shortName: s.string(at: 3), kind: s.string(at: 4) ?? "",
            countryCode: s.string(at: 5) ?? "", city: s.string(at: 6), rorID: s.string(at: 7), erasmusCode: s.string(at: 8),
            website: s.string(at: 9), parentID: s.isNull(at: 10) ? nil : s.int64(at: 10), established: s.string(at: 11),
            notes: s.string(at: 12), source: s.string(at: 13))
        return (s.int64(at: 0), record)
    }

    func update(id: Int64, to record: InstitutionRecord) throws {
        try update.execute {
            try bind(record, to: $0)
            try $0.bind(int64: id, at: 14)
        }
    }

    func aliases(of id: Int64) throws -> [InstitutionAlias] {
        selectAliases.reset()
        defer { selectAliases.reset() }
        try selectAliases.bind(int64: id, at: 1)
        var result: [InstitutionAlias] = []
        while try selectAliases.step() {
            result.append(InstitutionAlias(alias: selectAliases.string(at: 0) ?? "", lang: selectAliases.string(at: 1)))
        }
        return result
    }

    func addAlias(_ alias: InstitutionAlias, to id: Int64) throws {
        try insertAlias.execute {
            try $0.bind(int64: id, at: 1)
            try $0.bind(text: alias.alias, at: 2)
            try $0.bind(text: alias.lang, at: 3)
        }
    }

    /// Makes the stored aliases exactly `aliases`, touching only the ones that differ.
    func replaceAliases(of id: Int64, old: [InstitutionAlias], new: [InstitutionAlias]) throws {
        let oldByText = Dictionary(old.map { ($0.alias, $0.lang) }, uniquingKeysWith: { first, _ in first })
        let newTexts = Set(new.map(\.alias))
        for alias in old where !newTexts.contains(alias.alias) {
            try deleteAlias.execute {
                try $0.bind(int64: id, at: 1)
                try $0.bind(text: alias.alias, at: 2)
            }
        }
        for alias in new {
            switch oldByText[alias.alias] {
            case nil:
                try addAlias(alias, to: id)
            case .some(let lang) where lang != alias.lang:
                try updateAlias.execute {
                    try $0.bind(int64: id, at: 1)
                    try $0.bind(text: alias.alias, at: 2)
                    try $0.bind(text: alias.lang, at: 3)
                }
            default:
                break
            }
        }
    }
}
