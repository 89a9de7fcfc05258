import Database

/// One row of `news_items`, without its id.
struct NewsRecord: Equatable {
    var key: String
    var publishedOn: String
    var language: String
    var title: String
    var summary: String?
    var storyKey: String?
    var source: String?
}

/// The tables that say what a news item is about.
enum NewsLink: CaseIterable {
    case agreements, institutions, networks

    var selectSQL: String {
        switch self {
        case .agreements: return "SELECT agreement_id FROM news_agreements WHERE news_item_id = ?1"
        case .institutions: return "SELECT institution_id FROM news_institutions WHERE news_item_id = ?1"
        case .networks: return "SELECT network_id FROM news_networks WHERE news_item_id = ?1"
        }
    }

    var insertSQL: String {
        switch self {
        case .agreements: return "INSERT INTO news_agreements (news_item_id, agreement_id) VALUES (?1, ?2)"
        case .institutions: return "INSERT INTO news_institutions (news_item_id, institution_id) VALUES (?1, ?2)"
        case .networks: return "INSERT INTO news_networks (news_item_id, network_id) VALUES (?1, ?2)"
        }
    }

    var deleteSQL: String {
        switch self {
        case .agreements: return "DELETE FROM news_agreements WHERE news_item_id = ?1 AND agreement_id = ?2"
        case .institutions: return "DELETE FROM news_institutions WHERE news_item_id = ?1 AND institution_id = ?2"
        case .networks: return "DELETE FROM news_networks WHERE news_item_id = ?1 AND network_id = ?2"
        }
    }
}

final class NewsRepository {
    static let insertSQL = """
        INSERT INTO news_items (key, published_on, language, title, summary, story_key, source)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        ON CONFLICT (key) DO NOTHING
        """
    static let selectByKeySQL = """
        SELECT id, key, published_on, language, title, summary, story_key, source FROM news_items WHERE key = ?1
        """
    static let updateSQL = """
        UPDATE news_items SET key = ?1, published_on = ?2, language = ?3, title = ?4, summary = ?5, story_key = ?6,
               source = ?7
        WHERE id = ?8
        """

    private struct LinkStatements {
        let select: Statement
        let insert: Statement
        let delete: Statement
    }

    private let connection: Connection
    private let insert: Statement
    private let selectByKey: Statement
    private let update: Statement
    private let links: [NewsLink: LinkStatements]

    init(_ connection: Connection) throws {
        self.connection = connection
        insert = try connection.prepare(Self.insertSQL)
        selectByKey = try connection.prepare(Self.selectByKeySQL)
        update = try connection.prepare(Self.updateSQL)
        var links: [NewsLink: LinkStatements] = [:]
        for link in NewsLink.allCases {
            links[link] = LinkStatements(select: try connection.prepare(link.selectSQL),
                                         insert: try connection.prepare(link.insertSQL),
                                         delete: try connection.prepare(link.deleteSQL))
        }
        self.links = links
    }

    private func bind(_ record: NewsRecord, to statement: Statement) throws {
        try statement.bind(text: record.key, at: 1)
        try statement.bind(text: record.publishedOn, at: 2)
        try statement.bind(text: record.language, at: 3)
        try statement.bind(text: record.title, at: 4)
        try statement.bind(text: record.summary, at: 5)
        try statement.bind(text: record.storyKey, at: 6)
        try statement.bind(text: record.source, at: 7)
    }

    func insertIfNew(_ record: NewsRecord) throws -> Int64? {
        try insert.execute { try bind(record, to: $0) }
        return connection.changes == 1 ? connection.lastInsertRowID : nil
    }

    func find(key: String) throws -> (id: Int64, record: NewsRecord)? {
        defer { selectByKey.reset() }
        guard try selectByKey.query({ try $0.bind(text: key, at: 1) }) else { return nil }
        let s = selectByKey
        let record = NewsRecord(key: s.string(at: 1) ?? "", publishedOn: s.string(at: 2) ?? "", language: s.string(at: 3) ?? "",
                                title: s.string(at: 4) ?? "", summary: s.string(at: 5), storyKey: s.string(at: 6),
                                source: s.string(at: 7))
        return (s.int64(at: 0), record)
    }

    func update(id: Int64, to record: NewsRecord) throws {
        try update.execute {
            try bind(record, to: $0)
            try $0.bind(int64: id, at: 8)
        }
    }

    func linked(_ link: NewsLink, to id: Int64) throws -> Set<Int64> {
        guard let statements = links[link] else { return [] }
        let select = statements.select
        select.reset()
        defer { select.reset() }
        try select.bind(int64: id, at: 1)
        var result = Set<Int64>()
        while try select.step() { result.insert(select.int64(at: 0)) }
        return result
    }

    /// Makes the links exactly `new`, touching only the ones that differ.
    func setLinks(_ link: NewsLink, of id: Int64, old: Set<Int64>, new: Set<Int64>) throws {
        guard let statements = links[link] else { return }
        for target in old.subtracting(new).sorted() {
            try statements.delete.execute {
                try $0.bind(int64: id, at: 1)
                try $0.bind(int64: target, at: 2)
            }
        }
        for target in new.subtracting(old).sorted() {
            try statements.insert.execute {
                try $0.bind(int64: id, at: 1)
                try $0.bind(int64: target, at: 2)
            }
        }
    }
}
