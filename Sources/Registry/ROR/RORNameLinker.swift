import Database

/// Finds, for a ROR record, the institutions of the registry without a ROR
/// id that it may be: same country, and a name or alias equal to one of the
/// record's names once case, accents and spacing are folded (`NameKey`).
/// Loaded once before the file is read; only institutions without a ROR id
/// take part, so it stays small.
final class RORNameLinker {
    struct Institution {
        let key: String
        let name: String
        let countryCode: String
    }

    private(set) var institutions: [Int64: Institution] = [:]
    /// country code + "\u{0}" + name key → institution ids.
    private var byName: [String: [Int64]] = [:]
    private var countries: Set<String> = []

    init() {}

    static func load(_ connection: Connection) throws -> RORNameLinker {
        let linker = RORNameLinker()
        let rows = try connection.prepare(RORStore.unlinkedSQL)
        while try rows.step() {
            linker.add(id: rows.int64(at: 0), key: rows.string(at: 1) ?? "", name: rows.string(at: 2) ?? "",
                       countryCode: rows.string(at: 3) ?? "")
        }
        let aliases = try connection.prepare(RORStore.unlinkedAliasesSQL)
        while try aliases.step() {
            linker.addName(aliases.string(at: 1) ?? "", to: aliases.int64(at: 0))
        }
        return linker
    }

    var isEmpty: Bool { institutions.isEmpty }

    func add(id: Int64, key: String, name: String, countryCode: String) {
        institutions[id] = Institution(key: key, name: name, countryCode: countryCode)
        countries.insert(countryCode)
        addName(name, to: id)
    }

    func addName(_ name: String, to id: Int64) {
        guard let institution = institutions[id] else { return }
        let nameKey = NameKey.make(name)
        guard !nameKey.isEmpty else { return }
        let slot = institution.countryCode + "\u{0}" + nameKey
        if !(byName[slot]?.contains(id) ?? false) { byName[slot, default: []].append(id) }
    }

    /// The ids of the unlinked institutions the record matches, in id order.
    func candidates(for ror: RORInstitution) -> [Int64] {
        // Most records are from countries without an unlinked institution:
        // skip folding their names.
        guard countries.contains(ror.countryCode) else { return [] }
        var found: Set<Int64> = []
        for name in ror.linkNames {
            let nameKey = NameKey.make(name)
            if let ids = byName[ror.countryCode + "\u{0}" + nameKey] { found.formUnion(ids) }
        }
        return found.sorted()
    }

    /// "'Maastricht University' (maastricht-university)"
    func label(_ id: Int64) -> String {
        guard let institution = institutions[id] else { return "#\(id)" }
        return "'\(institution.name)' (\(institution.key))"
    }
}
