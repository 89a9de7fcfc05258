import Database

/// What ROR said about an institution at the last import (a row of
/// `institution_ror_values`).
struct RORValues: Equatable {
    var rorID: String
    var name: String
    var kind: String
    var rorTypes: String
    var countryCode: String
    var city: String?
    var website: String?
    var established: String?
    var parentRORID: String?
    var lastModified: String?
}

/// An institution as the ROR import compares it: the fields ROR may set,
/// and what ROR gave last time.
struct RORStoredInstitution {
    var id: Int64
    var key: String
    var name: String
    var kind: String
    var countryCode: String
    var city: String?
    var website: String?
    var established: String?
    var rorID: String?
    var rorStatus: String?
    var parentID: Int64?
    /// The ROR id of the current parent, if it has one.
    var parentRORID: String?
    var previous: RORValues?
}

/// One relationship row, in `institution_relations` or (relation "successor") `institution_successors`.
struct RORRelationRow: Hashable {
    var relation: String
    var rorID: String
    var name: String?
}

/// The SQL of the ROR import, prepared once per import.
final class RORStore {
    static let selectColumns = """
        SELECT i.id, i.key, i.name, i.kind, i.country_code, i.city, i.website, i.established, i.ror_id, i.ror_status,
               i.parent_id, p.ror_id,
               v.ror_id, v.name, v.kind, v.ror_types, v.country_code, v.city, v.website, v.established, v.parent_ror_id,
               v.last_modified
        FROM institutions i
        LEFT JOIN institutions p ON p.id = i.parent_id
        LEFT JOIN institution_ror_values v ON v.institution_id = i.id
        """
    static let selectByRORSQL = selectColumns + "\nWHERE i.ror_id = ?1"
    static let selectByIDSQL = selectColumns + "\nWHERE i.id = ?1"
    static let keyExistsSQL = "SELECT 1 FROM institutions WHERE key = ?1"
    static let insertSQL = """
        INSERT INTO institutions (key, name, kind, country_code, city, ror_id, website, established, ror_status, source)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        """
    static let updateSQL = """
        UPDATE institutions SET name = ?2, kind = ?3, country_code = ?4, city = ?5, ror_id = ?6, website = ?7,
               established = ?8, ror_status = ?9
        WHERE id = ?1
        """
    static let upsertValuesSQL = """
        INSERT INTO institution_ror_values (institution_id, ror_id, name, kind, ror_types, country_code, city, website,
                                            established, parent_ror_id, last_modified)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
        ON CONFLICT (institution_id) DO UPDATE SET
            ror_id = excluded.ror_id, name = excluded.name, kind = excluded.kind, ror_types = excluded.ror_types,
            country_code = excluded.country_code, city = excluded.city, website = excluded.website,
            established = excluded.established, parent_ror_id = excluded.parent_ror_id,
            last_modified = excluded.last_modified
        """
    static let setValuesParentSQL = "UPDATE institution_ror_values SET parent_ror_id = ?2 WHERE institution_id = ?1"
    static let setParentSQL = "UPDATE institutions SET parent_id = ?2 WHERE id = ?1"
    static let selectRelationsSQL = """
        SELECT relation, ror_id, name FROM institution_relations WHERE institution_id = ?1
        UNION ALL
        SELECT 'successor', successor_ror_id, successor_name FROM institution_successors WHERE institution_id = ?1
        """
    static let insertRelationSQL = "INSERT INTO institution_relations (institution_id, relation, ror_id, name) VALUES (?1, ?2, ?3, ?4)"
    static let deleteRelationSQL = "DELETE FROM institution_relations WHERE institution_id = ?1 AND relation = ?2 AND ror_id = ?3"
    static let insertSuccessorSQL = """
        INSERT INTO institution_successors (institution_id, successor_ror_id, successor_name) VALUES (?1, ?2, ?3)
        """
    static let deleteSuccessorSQL = "DELETE FROM institution_successors WHERE institution_id = ?1 AND successor_ror_id = ?2"
    /// Unlinked institutions and their names, for matching by name.
    static let unlinkedSQL = "SELECT id, key, name, country_code FROM institutions WHERE ror_id IS NULL"
    static let unlinkedAliasesSQL = """
        SELECT a.institution_id, a.alias FROM institution_aliases a
        JOIN institutions i ON i.id = a.institution_id
        WHERE i.ror_id IS NULL
        """
    /// Every parent relationship whose parent is in the registry, by child.
    static let parentCandidatesSQL = """
        SELECT r.institution_id, i.key, i.ror_id, i.parent_id, current.key, current.ror_id, v.parent_ror_id, v.ror_id,
               r.ror_id, parent.id, parent.key
        FROM institution_relations r
        JOIN institutions i ON i.id = r.institution_id
        JOIN institutions parent ON parent.ror_id = r.ror_id AND parent.id <> r.institution_id
        LEFT JOIN institutions current ON current.id = i.parent_id
        LEFT JOIN institution_ror_values v ON v.institution_id = r.institution_id
        WHERE r.relation = 'parent'
        ORDER BY r.institution_id, r.ror_id
        """

    let connection: Connection
    let aliases: InstitutionRepository
    private let selectByROR: Statement
    private let selectByID: Statement
    private let keyExists: Statement
    private let insert: Statement
    private let update: Statement
    private let upsertValues: Statement
    private let setValuesParent: Statement
    private let setParent_: Statement
    private let selectRelations: Statement
    private let insertRelation: Statement
    private let deleteRelation: Statement
    private let insertSuccessor: Statement
    private let deleteSuccessor: Statement

    init(_ connection: Connection) throws {
        self.connection = connection
        aliases = try InstitutionRepository(connection)
        selectByROR = try connection.prepare(Self.selectByRORSQL)
        selectByID = try connection.prepare(Self.selectByIDSQL)
        keyExists = try connection.prepare(Self.keyExistsSQL)
        insert = try connection.prepare(Self.insertSQL)
        update = try connection.prepare(Self.updateSQL)
        upsertValues = try connection.prepare(Self.upsertValuesSQL)
        setValuesParent = try connection.prepare(Self.setValuesParentSQL)
        setParent_ = try connection.prepare(Self.setParentSQL)
        selectRelations = try connection.prepare(Self.selectRelationsSQL)
        insertRelation = try connection.prepare(Self.insertRelationSQL)
        deleteRelation = try connection.prepare(Self.deleteRelationSQL)
        insertSuccessor = try connection.prepare(Self.insertSuccessorSQL)
        deleteSuccessor = try connection.prepare(Self.deleteSuccessorSQL)
    }

    // MARK: Institutions

    func find(rorID: String) throws -> RORStoredInstitution? {
        try read(selectByROR) { try $0.bind(text: rorID, at: 1) }
    }

    func find(id: Int64) throws -> RORStoredInstitution? {
        try read(selectByID) { try $0.bind(int64: id, at: 1) }
    }

    private func read(_ statement: Statement, _ bind: (Statement) throws -> Void) throws -> RORStoredInstitution? {
        defer { statement.reset() }
        guard try statement.query(bind) else { return nil }
        let s = statement
        var previous: RORValues?
        if let rorID = s.string(at: 12) {
            previous = RORValues(rorID: rorID, name: s.string(at: 13) ?? "", kind: s.string(at: 14) ?? "",
                                 rorTypes: s.string(at: 15) ?? "", countryCode: s.string(at: 16) ?? "",
                                 city: s.string(at: 17), website: s.string(at: 18), established: s.string(at: 19),
                                 parentRORID: s.string(at: 20), lastModified: s.string(at: 21))
        }
        return RORStoredInstitution(
            id: s.int64(at: 0), key: s.string(at: 1) ?? "", name: s.string(at: 2) ?? "", kind: s.string(at: 3) ?? "",
            countryCode: s.string(at: 4) ?? "", city: s.string(at: 5), website: s.string(at: 6),
            established: s.string(at: 7), rorID: s.string(at: 8), rorStatus: s.string(at: 9),
            parentID: s.isNull(at: 10) ? nil : s.int64(at: 10), parentRORID: s.string(at: 11), previous: previous)
    }

    func isKeyTaken(_ key: String) throws -> Bool {
        defer { keyExists.reset() }
        return try keyExists.query { try $0.bind(text: key, at: 1) }
    }

    /// Inserts a new institution; returns its id.
    func insert(key: String, _ ror: RORInstitution) throws -> Int64 {
        try insert.execute {
            try $0.bind(text: key, at: 1)
            try $0.bind(text: ror.name, at: 2)
            try $0.bind(text: ror.kind.rawValue, at: 3)
            try $0.bind(text: ror.countryCode, at: 4)
            try $0.bind(text: ror.city, at: 5)
            try $0.bind(text: ror.rorID, at: 6)
            try $0.bind(text: ror.website, at: 7)
            try $0.bind(text: ror.established, at: 8)
            try $0.bind(text: ror.status.rawValue, at: 9)
            try $0.bind(text: "https://ror.org/" + ror.rorID, at: 10)
        }
        return connection.lastInsertRowID
    }

    /// Writes the fields ROR may set (after `RORFieldMerge` decided them).
    func update(_ institution: RORStoredInstitution) throws {
        try update.execute {
            try $0.bind(int64: institution.id, at: 1)
            try $0.bind(text: institution.name, at: 2)
            try $0.bind(text: institution.kind, at: 3)
            try $0.bind(text: institution.countryCode, at: 4)
            try $0.bind(text: institution.city, at: 5)
            try $0.bind(text: institution.rorID, at: 6)
            try $0.bind(text: institution.website, at: 7)
            try $0.bind(text: institution.established, at: 8)
            try $0.bind(text: institution.rorStatus, at: 9)
        }
    }

    func setParent(of id: Int64, to parentID: Int64?) throws {
        try setParent_.execute {
            try $0.bind(int64: id, at: 1)
            try $0.bind(int64: parentID, at: 2)
        }
    }

    // MARK: What ROR said

    func writeValues(_ values: RORValues, for id: Int64) throws {
        try upsertValues.execute {
            try $0.bind(int64: id, at: 1)
            try $0.bind(text: values.rorID, at: 2)
            try $0.bind(text: values.name, at: 3)
            try $0.bind(text: values.kind, at: 4)
            try $0.bind(text: values.rorTypes, at: 5)
            try $0.bind(text: values.countryCode, at: 6)
            try $0.bind(text: values.city, at: 7)
            try $0.bind(text: values.website, at: 8)
            try $0.bind(text: values.established, at: 9)
            try $0.bind(text: values.parentRORID, at: 10)
            try $0.bind(text: values.lastModified, at: 11)
        }
    }

    func setValuesParent(of id: Int64, to rorID: String?) throws {
        try setValuesParent.execute {
            try $0.bind(int64: id, at: 1)
            try $0.bind(text: rorID, at: 2)
        }
    }

    // MARK: Relationships

    func relations(of id: Int64) throws -> Set<RORRelationRow> {
        selectRelations.reset()
        defer { selectRelations.reset() }
        try selectRelations.bind(int64: id, at: 1)
        var rows: Set<RORRelationRow> = []
        while try selectRelations.step() {
            rows.insert(RORRelationRow(relation: selectRelations.string(at: 0) ?? "", rorID: selectRelations.string(at: 1) ?? "",
                                       name: selectRelations.string(at: 2)))
        }
        return rows
    }

    func add(_ row: RORRelationRow, to id: Int64) throws {
        if row.relation == "successor" {
            try insertSuccessor.execute {
                try $0.bind(int64: id, at: 1)
                try $0.bind(text: row.rorID, at: 2)
                try $0.bind(text: row.name, at: 3)
            }
        } else {
            try insertRelation.execute {
                try $0.bind(int64: id, at: 1)
                try $0.bind(text: row.relation, at: 2)
                try $0.bind(text: row.rorID, at: 3)
                try $0.bind(text: row.name, at: 4)
            }
        }
    }

    func remove(_ row: RORRelationRow, from id: Int64) throws {
        if row.relation == "successor" {
            try deleteSuccessor.execute {
                try $0.bind(int64: id, at: 1)
                try $0.bind(text: row.rorID, at: 2)
            }
        } else {
            try deleteRelation.execute {
                try $0.bind(int64: id, at: 1)
                try $0.bind(text: row.relation, at: 2)
                try $0.bind(text: row.rorID, at: 3)
            }
        }
    }
}
