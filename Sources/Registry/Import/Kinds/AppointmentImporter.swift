enum AppointmentColumn: Int, ImportColumn {
    case person, organisation, title, startsOn, endsOn, term, source

    static let names = ["person", "organisation", "title", "starts_on", "ends_on", "term", "source"]
    static let required: Set<AppointmentColumn> = [.person, .organisation, .title]
    static let lists: Set<AppointmentColumn> = []
}

/// Offices held at an institution or a network. With a `term` (`2y`, `18m`)
/// and no `ends_on`, the end is worked out from the start, inclusive and at
/// the start's precision, and marked `ends_on_derived = 1`.
final class AppointmentImporter: RowImporter {
    typealias Column = AppointmentColumn

    private let institutions: ReferenceDirectory
    private let networks: ReferenceDirectory
    private let repository: AppointmentRepository
    private var touched: TouchedRows

    init(session: ImportSession) throws {
        institutions = try session.institutions()
        networks = try session.networks()
        repository = try AppointmentRepository(session.connection)
        touched = try TouchedRows(connection: session.connection, table: "appointments")
    }

    func importRow(_ row: ImportRow<Column>, check: inout RowCheck) throws -> RowOutcome? {
        let person = check.required(row, .person)
        let title = check.required(row, .title)
        var organisation: (institution: Int64?, network: Int64?)?
        if let reference = check.required(row, .organisation) {
            organisation = try resolveOrganisation(reference, check: &check)
        }
        let starts = check.date(row, .startsOn)
        let stated = check.date(row, .endsOn)
        var months: Int?
        if let text = row[.term] {
            months = Term.months(text)
            if months == nil { check.fail(Column.term, "'\(text)' is not a term; write it as 2y, 18m or 1y6m") }
        }
        var ends = stated
        var derived = false
        if stated == nil, let months, let starts {
            ends = starts.termEnd(months: months)
            derived = ends != nil
            if ends == nil { check.fail(Column.term, "the term runs past the year 9999") }
        }
        guard let person, let title, let organisation, !check.failed else { return nil }
        check.warnIfBefore(stated, Column.endsOn, starts, Column.startsOn, "the appointment ends before it starts")

        var record = AppointmentRecord(person: person, institutionID: organisation.institution, networkID: organisation.network,
                                       title: title, startsOn: starts?.iso, endsOn: ends?.iso, termMonths: months.map(Int64.init),
                                       endsOnDerived: derived, source: row[.source])
        guard let (id, stored) = try repository.find(record) else {
            try repository.insert(record)
            return .inserted
        }
        if !touched.touch(id) {
            check.fail(columnNamed: nil, "the same appointment (person, title, organisation, starts_on) is on an earlier row of this file too")
            return nil
        }
        if !row.has(.endsOn) && !row.has(.term) {
            record.endsOn = stored.endsOn
            record.termMonths = stored.termMonths
            record.endsOnDerived = stored.endsOnDerived
        }
        if !row.has(.source) { record.source = stored.source }
        if record == stored { return .unchanged }
        try repository.update(id: id, to: record)
        return .updated
    }

    /// An institution or a network; a reference that fits both is ambiguous.
    private func resolveOrganisation(_ reference: String, check: inout RowCheck) throws -> (Int64?, Int64?)? {
        let asInstitution = try institutions.resolve(reference)
        let asNetwork = try networks.resolve(reference)
        switch (asInstitution, asNetwork) {
        case (.found(let institution), .found(let network)):
            check.fail(Column.organisation, "'\(reference)' is ambiguous: it names the institution \(institutions.label(institution)) "
                       + "and the network \(networks.label(network)); use the key")
            return nil
        case (.found(let institution), _):
            return (institution, nil)
        case (_, .found(let network)):
            return (nil, network)
        case (.failed(let first), .failed(let second)):
            if first.hasPrefix("unknown") && second.hasPrefix("unknown") {
                let suggestion = institutions.suggestions(for: NameKey.make(reference))
                let fallback = suggestion.isEmpty ? networks.suggestions(for: NameKey.make(reference)) : suggestion
                check.fail(Column.organisation, "unknown institution or network '\(reference)'\(fallback)")
            } else {
                check.fail(Column.organisation, first.hasPrefix("unknown") ? second : first)
            }
            return nil
        }
    }
}
