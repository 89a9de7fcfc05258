enum InstitutionColumn: Int, ImportColumn {
    case key, name, shortName, kind, country, city, rorID, erasmusCode, website, parent, aliases, established, notes, source

    static let names = ["key", "name", "short_name", "kind", "country", "city", "ror_id", "erasmus_code", "website",
                        "parent", "aliases", "established", "notes", "source"]
    static let required: Set<InstitutionColumn> = [.name, .country]
    static let lists: Set<InstitutionColumn> = [.aliases]
}

/// Institutions, upserted by key (by default a slug of the name), with their
/// aliases (`nl:Universiteit Maastricht;UM`). `parent` may name a row
/// earlier in the same file.
final class InstitutionImporter: RowImporter {
    typealias Column = InstitutionColumn

    private let session: ImportSession
    private let directory: ReferenceDirectory
    private let repository: InstitutionRepository
    private var touched: TouchedRows
    /// The names of the row being written, registered once its writes stay.
    private var pending: (id: Int64, record: InstitutionRecord, aliases: [InstitutionAlias])?

    init(session: ImportSession) throws {
        self.session = session
        directory = try session.institutions()
        repository = try InstitutionRepository(session.connection)
        touched = try TouchedRows(connection: session.connection, table: "institutions")
    }

    func importRow(_ row: ImportRow<Column>, check: inout RowCheck) throws -> RowOutcome? {
        pending = nil
        let name = check.required(row, .name)
        let country = check.country(row, .country, codeNamed: session.countryCode(named:))
        let kind = check.vocabulary(row, .kind, InstitutionKind.self, fallback: .university)
        let established = check.date(row, .established)
        var rorID: String?
        if let text = row[.rorID] {
            rorID = RORIdentifier.normalize(text)
            if rorID == nil {
                check.fail(Column.rorID, "'\(text)' is not a ROR id (such as 02jz4aj89 or https://ror.org/02jz4aj89)")
            }
        }
        let aliases = Self.parseAliases(row[.aliases], check: &check)
        var key = row[.key]
        if key == nil, let name {
            key = Slug.make(name)
            if key?.isEmpty == true {
                check.fail(Column.key, "is empty and no key can be made from the name; give one")
                key = nil
            }
        }
        var parentID: Int64?
        if let parent = row[.parent] {
            parentID = try check.resolve(parent, in: directory, column: Column.parent)
        }
        guard let key, let name, let country, let kind, !check.failed else { return nil }

        let existing = try repository.find(key: key)
        if let parentID, parentID == existing?.id {
            check.fail(Column.parent, "'\(row[.parent] ?? "")' is this institution itself")
        }
        if let rorID, let owner = try directory.id(forROR: rorID), owner != existing?.id {
            check.fail(Column.rorID, "\(rorID) is already the ROR id of \(directory.label(owner))")
        }
        if check.failed { return nil }

        var record = InstitutionRecord(
            key: key, name: name, shortName: row[.shortName], kind: kind.rawValue, countryCode: country, city: row[.city],
            rorID: rorID, erasmusCode: row[.erasmusCode], website: row[.website], parentID: parentID,
            established: established?.iso, notes: row[.notes], source: row[.source])

        guard let (id, stored) = existing else {
            guard let id = try repository.insertIfNew(record) else {
                throw ImportInvariantError(message: "institution '\(key)' was neither found nor inserted")
            }
            for alias in aliases { try repository.addAlias(alias, to: id) }
            pending = (id, record, aliases)
            return .inserted
        }
        if !touched.touch(id) {
            check.fail(Column.key, "'\(key)' is on an earlier row of this file too")
            return nil
        }
        // A column the file does not have keeps its stored value.
        if !row.has(.shortName) { record.shortName = stored.shortName }
        if !row.has(.kind) { record.kind = stored.kind }
        if !row.has(.city) { record.city = stored.city }
        if !row.has(.rorID) { record.rorID = stored.rorID }
        if !row.has(.erasmusCode) { record.erasmusCode = stored.erasmusCode }
        if !row.has(.website) { record.website = stored.website }
        if !row.has(.parent) { record.parentID = stored.parentID }
        if !row.has(.established) { record.established = stored.established }
        if !row.has(.notes) { record.notes = stored.notes }
        if !row.has(.source) { record.source = stored.source }

        let storedAliases = try repository.aliases(of: id)
        let newAliases = row.has(.aliases) ? aliases : storedAliases
        let aliasesChanged = Set(storedAliases) != Set(newAliases)
        if record == stored && !aliasesChanged { return .unchanged }
        if record != stored { try repository.update(id: id, to: record) }
        if aliasesChanged { try repository.replaceAliases(of: id, old: storedAliases, new: newAliases) }
        pending = (id, record, newAliases)
        return .updated
    }

    func rowKept() {
        guard let (id, record, aliases) = pending else { return }
        var names: [String] = []
        if let short = record.shortName { names.append(short) }
        names += aliases.map(\.alias)
        directory.register(id: id, key: record.key, name: record.name, otherNames: names, rorID: record.rorID)
        pending = nil
    }

    func rowUndone() { pending = nil }

    /// `nl:Universiteit Maastricht;UM` → [("Universiteit Maastricht", nl), ("UM", nil)].
    static func parseAliases(_ text: String?, check: inout RowCheck) -> [InstitutionAlias] {
        var result: [InstitutionAlias] = []
        for item in listItems(text) {
            var alias = InstitutionAlias(alias: item, lang: nil)
            let bytes = Array(item.utf8)
            if bytes.count > 3, bytes[2] == UInt8(ascii: ":"),
               bytes[0...1].allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
                let lang = String(decoding: bytes[0...1], as: UTF8.self)
                guard ISOCodes.languages.contains(lang) else {
                    check.fail(Column.aliases, "'\(item)': '\(lang)' is not an ISO 639-1 language code")
                    continue
                }
                alias = InstitutionAlias(alias: String(decoding: bytes[3...], as: UTF8.self).trimmingSpaces, lang: lang)
                if alias.alias.isEmpty {
                    check.fail(Column.aliases, "'\(item)' has a language but no alias")
                    continue
                }
            }
            if let same = result.first(where: { $0.alias == alias.alias }) {
                if same.lang != alias.lang {
                    check.fail(Column.aliases, "'\(alias.alias)' is given twice, with different languages")
                }
                continue
            }
            result.append(alias)
        }
        return result
    }
}
