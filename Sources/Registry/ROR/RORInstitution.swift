/// What a ROR record says about an institution, in the registry's terms:
/// the fields of `institutions`, the aliases, and the relationships.
struct RORInstitution: Equatable {
    var rorID: String
    /// The ror_display name.
    var name: String
    /// The kind a new institution gets.
    var kind: InstitutionKind
    /// The record's types as given.
    var types: [String]
    /// The kinds that do not contradict ROR's types (a user's choice among them is kept).
    var acceptedKinds: Set<InstitutionKind> { RORType.acceptedKinds(for: types) }
    /// The record's types, ';'-separated.
    var rorTypes: String { types.joined(separator: ";") }
    var countryCode: String
    var city: String?
    var website: String?
    /// 'YYYY'.
    var established: String?
    var status: RORRecord.Status
    /// Every name but the display name's own text: labels in their languages,
    /// other names, acronyms. Each text once (the first language given wins).
    var aliases: [InstitutionAlias]
    /// The names an unlinked institution may be matched by: the display name,
    /// labels and other names, not acronyms (too short to tell organisations apart).
    var linkNames: [String]
    var parents: [RORRecord.Relationship]
    var successors: [RORRecord.Relationship]
    /// Predecessors and related organisations, kept in institution_relations.
    var otherRelations: [RORRecord.Relationship]
    var lastModified: String?

    init(_ record: RORRecord) {
        rorID = record.id
        name = record.displayName
        kind = RORType.kind(for: record.types)
        types = record.types
        countryCode = record.countryCode
        city = record.city
        website = record.website
        established = record.established.map(Self.yearText)
        status = record.status
        var seen: Set<String> = [name]
        var aliases: [InstitutionAlias] = []
        var linkNames: [String] = [name]
        for entry in record.names {
            if !entry.isAcronym && entry.value != name { linkNames.append(entry.value) }
            guard seen.insert(entry.value).inserted else { continue }
            aliases.append(InstitutionAlias(alias: entry.value, lang: entry.isAcronym ? nil : Self.language(entry.lang)))
        }
        self.aliases = aliases
        self.linkNames = linkNames
        parents = record.relationships.filter { $0.kind == .parent }
        successors = record.relationships.filter { $0.kind == .successor }
        otherRelations = record.relationships.filter { $0.kind == .predecessor || $0.kind == .related }
        lastModified = record.lastModified
    }

    /// A year as the registry's partial date: four digits ("0859" for 859).
    static func yearText(_ year: Int) -> String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The alias language column holds ISO 639-1 codes only; another code
    /// (ROR uses 639-1, but a dump may carry a regional or three-letter one) is dropped.
    static func language(_ lang: String?) -> String? {
        guard let lang = lang?.lowercased(), lang.utf8.count == 2,
              lang.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
        return lang
    }
}
