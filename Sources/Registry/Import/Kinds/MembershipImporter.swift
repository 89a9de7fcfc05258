enum MembershipColumn: Int, ImportColumn {
    case network, institution, role, since, until, source

    static let names = ["network", "institution", "role", "since", "until", "source"]
    static let required: Set<MembershipColumn> = [.network, .institution]
    static let lists: Set<MembershipColumn> = []
}

/// Who is a member (founder, coordinator, partner, signatory) of what, and
/// since when. A membership that ends before it starts is stored, with a warning.
final class MembershipImporter: RowImporter {
    typealias Column = MembershipColumn

    private let institutions: ReferenceDirectory
    private let networks: ReferenceDirectory
    private let repository: MembershipRepository
    private var touched: TouchedRows

    init(session: ImportSession) throws {
        institutions = try session.institutions()
        networks = try session.networks()
        repository = try MembershipRepository(session.connection)
        touched = try TouchedRows(connection: session.connection, table: "memberships")
    }

    func importRow(_ row: ImportRow<Column>, check: inout RowCheck) throws -> RowOutcome? {
        var networkID: Int64?
        var institutionID: Int64?
        if let network = check.required(row, .network) {
            networkID = try check.resolve(network, in: networks, column: Column.network)
        }
        if let institution = check.required(row, .institution) {
            institutionID = try check.resolve(institution, in: institutions, column: Column.institution)
        }
        let role = check.vocabulary(row, .role, MembershipRole.self, fallback: .member)
        let since = check.date(row, .since)
        let until = check.date(row, .until)
        guard let networkID, let institutionID, let role, !check.failed else { return nil }
        check.warnIfBefore(until, Column.until, since, Column.since, "the membership ends before it starts")

        var record = MembershipRecord(networkID: networkID, institutionID: institutionID, role: role.rawValue,
                                      since: since?.iso, until: until?.iso, source: row[.source])
        guard let (id, stored) = try repository.find(networkID: networkID, institutionID: institutionID, role: role.rawValue) else {
            _ = try repository.insert(record)
            return .inserted
        }
        if !touched.touch(id) {
            check.fail(columnNamed: nil, "the same membership (\(networks.label(networkID)), \(institutions.label(institutionID)), "
                       + "\(role.rawValue)) is on an earlier row of this file too")
            return nil
        }
        if !row.has(.since) { record.since = stored.since }
        if !row.has(.until) { record.until = stored.until }
        if !row.has(.source) { record.source = stored.source }
        if record == stored { return .unchanged }
        try repository.update(id: id, to: record)
        return .updated
    }
}
