enum NetworkColumn: Int, ImportColumn {
    case key, name, acronym, kind, scope, foundedOn, statedMemberCount, website, notes, source

    static let names = ["key", "name", "acronym", "kind", "scope", "founded_on", "stated_member_count", "website",
                        "notes", "source"]
    static let required: Set<NetworkColumn> = [.name]
    static let lists: Set<NetworkColumn> = []
}

/// Networks, alliances, associations, charters and programmes, upserted by
/// key (by default a slug of the name).
final class NetworkImporter: RowImporter {
    typealias Column = NetworkColumn

    private let directory: ReferenceDirectory
    private let repository: NetworkRepository
    private var touched: TouchedRows
    private var pending: (id: Int64, record: NetworkRecord)?

    init(session: ImportSession) throws {
        directory = try session.networks()
        repository = try NetworkRepository(session.connection)
        touched = try TouchedRows(connection: session.connection, table: "networks")
    }

    func importRow(_ row: ImportRow<Column>, check: inout RowCheck) throws -> RowOutcome? {
        pending = nil
        let name = check.required(row, .name)
        let kind = check.vocabulary(row, .kind, NetworkKind.self, fallback: .network)
        let scope = check.vocabulary(row, .scope, NetworkScope.self)
        let founded = check.date(row, .foundedOn)
        let count = check.count(row, .statedMemberCount)
        var key = row[.key]
        if key == nil, let name {
            key = Slug.make(name)
            if key?.isEmpty == true {
                check.fail(Column.key, "is empty and no key can be made from the name; give one")
                key = nil
            }
        }
        guard let key, let name, let kind, !check.failed else { return nil }

        var record = NetworkRecord(key: key, name: name, acronym: row[.acronym], kind: kind.rawValue, scope: scope?.rawValue,
                                   foundedOn: founded?.iso, statedMemberCount: count, website: row[.website],
                                   notes: row[.notes], source: row[.source])
        guard let (id, stored) = try repository.find(key: key) else {
            guard let id = try repository.insertIfNew(record) else {
                throw ImportInvariantError(message: "network '\(key)' was neither found nor inserted")
            }
            pending = (id, record)
            return .inserted
        }
        if !touched.touch(id) {
            check.fail(Column.key, "'\(key)' is on an earlier row of this file too")
            return nil
        }
        if !row.has(.acronym) { record.acronym = stored.acronym }
        if !row.has(.kind) { record.kind = stored.kind }
        if !row.has(.scope) { record.scope = stored.scope }
        if !row.has(.foundedOn) { record.foundedOn = stored.foundedOn }
        if !row.has(.statedMemberCount) { record.statedMemberCount = stored.statedMemberCount }
        if !row.has(.website) { record.website = stored.website }
        if !row.has(.notes) { record.notes = stored.notes }
        if !row.has(.source) { record.source = stored.source }
        if record == stored { return .unchanged }
        try repository.update(id: id, to: record)
        pending = (id, record)
        return .updated
    }

    func rowKept() {
        guard let (id, record) = pending else { return }
        directory.register(id: id, key: record.key, name: record.name, otherNames: record.acronym.map { [$0] } ?? [],
                           rorID: nil)
        pending = nil
    }

    func rowUndone() { pending = nil }
}
