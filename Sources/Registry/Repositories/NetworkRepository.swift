import Database

/// One row of `networks`, without its id.
struct NetworkRecord: Equatable {
    var key: String
    var name: String
    var acronym: String?
    var kind: String
    var scope: String?
    var foundedOn: String?
    var statedMemberCount: Int64?
    var website: String?
    var notes: String?
    var source: String?
}

final class NetworkRepository {
    static let insertSQL = """
        INSERT INTO networks (key, name, acronym, kind, scope, founded_on, stated_member_count, website, notes, source)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        ON CONFLICT (key) DO NOTHING
        """
    static let selectByKeySQL = """
        SELECT id, key, name, acronym, kind, scope, founded_on, stated_member_count, website, notes, source
        FROM networks WHERE key = ?1
        """
    static let updateSQL = """
        UPDATE networks SET key = ?1, name = ?2, acronym = ?3, kind = ?4, scope = ?5, founded_on = ?6,
               stated_member_count = ?7, website = ?8, notes = ?9, source = ?10
        WHERE id = ?11
        """

    private let connection: Connection
    private let insert: Statement
    private let selectByKey: Statement
    private let update: Statement

    init(_ connection: Connection) throws {
        self.connection = connection
        insert = try connection.prepare(Self.insertSQL)
        selectByKey = try connection.prepare(Self.selectByKeySQL)
        update = try connection.prepare(Self.updateSQL)
    }

    private func bind(_ record: NetworkRecord, to statement: Statement) throws {
        try statement.bind(text: record.key, at: 1)
        try statement.bind(text: record.name, at: 2)
        try statement.bind(text: record.acronym, at: 3)
        try statement.bind(text: record.kind, at: 4)
        try statement.bind(text: record.scope, at: 5)
        try statement.bind(text: record.foundedOn, at: 6)
        try statement.bind(int64: record.statedMemberCount, at: 7)
        try statement.bind(text: record.website, at: 8)
        try statement.bind(text: record.notes, at: 9)
        try statement.bind(text: record.source, at: 10)
    }

    func insertIfNew(_ record: NetworkRecord) throws -> Int64? {
        try insert.execute { try bind(record, to: $0) }
        return connection.changes == 1 ? connection.lastInsertRowID : nil
    }

    func find(key: String) throws -> (id: Int64, record: NetworkRecord)? {
        defer { selectByKey.reset() }
        guard try selectByKey.query({ try $0.bind(text: key, at: 1) }) else { return nil }
        let s = selectByKey
        let record = NetworkRecord(
            key: s.string(at: 1) ?? "", name: s.string(at: 2) ?? "", acronym: s.string(at: 3), kind: s.string(at: 4) ?? "",
            scope: s.string(at: 5), foundedOn: s.string(at: 6), statedMemberCount: s.isNull(at: 7) ? nil : s.int64(at: 7),
            website: s.string(at: 8), notes: s.string(at: 9), source: s.string(at: 10))
        return (s.int64(at: 0), record)
    }

    func update(id: Int64, to record: NetworkRecord) throws {
        try update.execute {
            try bind(record, to: $0)
            try $0.bind(int64: id, at: 11)
        }
    }
}
