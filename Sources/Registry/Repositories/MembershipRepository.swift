import Database

/// One row of `memberships`, without its id.
struct MembershipRecord: Equatable {
    var networkID: Int64
    var institutionID: Int64
    var role: String
    var since: String?
    var until: String?
    var source: String?
}

/// Memberships are identified by network, institution and role (the
/// table's UNIQUE constraint): the same institution may be a founding member
/// and a coordinator of one network.
final class MembershipRepository {
    static let selectSQL = """
        SELECT id, since, until, source FROM memberships
        WHERE network_id = ?1 AND institution_id = ?2 AND role = ?3
        """
    static let insertSQL = """
        INSERT INTO memberships (network_id, institution_id, role, since, until, source)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        """
    static let updateSQL = "UPDATE memberships SET since = ?4, until = ?5, source = ?6 WHERE id = ?7"

    private let connection: Connection
    private let select: Statement
    private let insert: Statement
    private let update: Statement

    init(_ connection: Connection) throws {
        self.connection = connection
        select = try connection.prepare(Self.selectSQL)
        insert = try connection.prepare(Self.insertSQL)
        update = try connection.prepare(Self.updateSQL)
    }

    private func bind(_ record: MembershipRecord, to statement: Statement) throws {
        try statement.bind(int64: record.networkID, at: 1)
        try statement.bind(int64: record.institutionID, at: 2)
        try statement.bind(text: record.role, at: 3)
        try statement.bind(text: record.since, at: 4)
        try statement.bind(text: record.until, at: 5)
        try statement.bind(text: record.source, at: 6)
    }

    func find(networkID: Int64, institutionID: Int64, role: String) throws -> (id: Int64, record: MembershipRecord)? {
        defer { select.reset() }
        let found = try select.query {
            try $0.bind(int64: networkID, at: 1)
            try $0.bind(int64: institutionID, at: 2)
            try $0.bind(text: role, at: 3)
        }
        guard found else { return nil }
        return (select.int64(at: 0), MembershipRecord(networkID: networkID, institutionID: institutionID, role: role,
                                                      since: select.string(at: 1), until: select.string(at: 2),
                                                      source: select.string(at: 3)))
    }

    func insert(_ record: MembershipRecord) throws -> Int64 {
        try insert.execute { try bind(record, to: $0) }
        return connection.lastInsertRowID
    }

    func update(id: Int64, to record: MembershipRecord) throws {
        try update.execute {
            try bind(record, to: $0)
            try $0.bind(int64: id, at: 7)
        }
    }
}
