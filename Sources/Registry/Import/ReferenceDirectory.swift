import Database

/// The names by which rows of one table (institutions or networks) can be
/// referred to in import files, in memory for the length of an import: the
/// key, the name, the short name or acronym, the aliases and the ROR id, all
/// compared as `NameKey`s (case, accents and spaces ignored).
///
/// A key wins over a name: "yerun" is the row whose key is yerun even when
/// another row has an alias "YERUN". Several rows with the same name make the
/// name ambiguous; a reference must then use a key.
final class ReferenceDirectory {
    enum Resolution: Equatable {
        case found(Int64)
        /// The message says what is wrong and what was probably meant.
        case failed(String)
    }

    private enum Match {
        case one(Int64)
        case many([Int64])

        var ids: [Int64] {
            switch self {
            case .one(let id): return [id]
            case .many(let ids): return ids
            }
        }

        func adding(_ id: Int64) -> Match {
            let current = ids
            return current.contains(id) ? self : .many(current + [id])
        }

        func removing(_ id: Int64) -> Match? {
            let remaining = ids.filter { $0 != id }
            switch remaining.count {
            case 0: return nil
            case 1: return .one(remaining[0])
            default: return .many(remaining)
            }
        }
    }

    struct Entry {
        let key: String
        let name: String
        let nameKeys: [String]
        let rorID: String?
    }

    /// "institution", "network".
    let noun: String
    /// Keys exactly as stored: most references in large files are keys, and
    /// this lookup needs no normalisation. Loaded at once.
    private var exactKeys: [String: Int64] = [:]
    private var keysByID: [Int64: String] = [:]
    /// The name index below is built on the first reference that is not an
    /// exact key (an import of keys only never pays for it).
    private let loadNames: ((ReferenceDirectory) throws -> Void)?
    private(set) var namesLoaded: Bool
    private var byKey: [String: Int64] = [:]
    private var byROR: [String: Int64] = [:]
    private var byName: [String: Match] = [:]
    private var entries: [Int64: Entry] = [:]
    /// Suggestions cost a scan of every name: after this many, errors say less.
    private var suggestionBudget = 500
    private var suggestionCache: [String: String] = [:]

    /// A directory whose names are all given by `register` (tests, new tables).
    init(noun: String) {
        self.noun = noun
        self.loadNames = nil
        self.namesLoaded = true
    }

    /// A directory of stored rows: `keys` now, the names from `loadNames` when first needed.
    init(noun: String, keys: [(id: Int64, key: String)], loadNames: @escaping (ReferenceDirectory) throws -> Void) {
        self.noun = noun
        self.loadNames = loadNames
        self.namesLoaded = false
        for (id, key) in keys {
            exactKeys[key] = id
            keysByID[id] = key
        }
    }

    var count: Int { keysByID.count }

    private func ensureNames() throws {
        guard !namesLoaded, let loadNames else { return }
        namesLoaded = true
        try loadNames(self)
    }

    /// Adds (or, for a known id, replaces) a row's names.
    func register(id: Int64, key: String, name: String, otherNames: [String], rorID: String?) {
        if let old = keysByID[id], old != key, exactKeys[old] == id { exactKeys[old] = nil }
        exactKeys[key] = id
        keysByID[id] = key
        guard namesLoaded else { return }
        if entries[id] != nil { unregisterNames(id: id) }
        var keys: [String] = []
        for text in [name] + otherNames {
            let nameKey = NameKey.make(text)
            guard !nameKey.isEmpty, !keys.contains(nameKey) else { continue }
            keys.append(nameKey)
            byName[nameKey] = byName[nameKey].map { $0.adding(id) } ?? .one(id)
        }
        byKey[NameKey.make(key)] = id
        if let rorID { byROR[rorID] = id }
        entries[id] = Entry(key: key, name: name, nameKeys: keys, rorID: rorID)
        suggestionCache.removeAll()
    }

    private func unregisterNames(id: Int64) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        for nameKey in entry.nameKeys {
            byName[nameKey] = byName[nameKey]?.removing(id)
        }
        let key = NameKey.make(entry.key)
        if byKey[key] == id { byKey[key] = nil }
        if let rorID = entry.rorID, byROR[rorID] == id { byROR[rorID] = nil }
    }

    /// Every stored key with its row, as a value that later registrations do
    /// not change (for another thread to read).
    var keySnapshot: [String: Int64] { exactKeys }

    /// The row with this key exactly as stored, if any.
    func id(forKey key: String) -> Int64? { exactKeys[key] }

    /// The stored key of a row.
    func key(of id: Int64) -> String? { keysByID[id] }

    func id(forROR rorID: String) throws -> Int64? {
        try ensureNames()
        return byROR[rorID]
    }

    /// "'Maastricht University' (maastricht-university)"
    func label(_ id: Int64) -> String {
        try? ensureNames()
        guard let entry = entries[id] else { return keysByID[id].map { "'\($0)'" } ?? "#\(id)" }
        return "'\(entry.name)' (\(entry.key))"
    }

    func resolve(_ reference: String) throws -> Resolution {
        if let id = exactKeys[reference] { return .found(id) }
        try ensureNames()
        let nameKey = NameKey.make(reference)
        if let id = byKey[nameKey] { return .found(id) }
        if let rorID = RORIdentifier.normalize(reference) {
            if let id = byROR[rorID] { return .found(id) }
            return .failed("no \(noun) has the ROR id \(rorID)")
        }
        switch byName[nameKey] {
        case .one(let id)?:
            return .found(id)
        case .many(let ids)?:
            let shown = ids.prefix(4).map(label).joined(separator: ", ")
            let more = ids.count > 4 ? " and \(ids.count - 4) more" : ""
            return .failed("'\(reference)' is ambiguous: it names \(shown)\(more); use the key")
        case nil:
            if RORIdentifier.looksLikeOne(reference) {
                return .failed("'\(reference)' is not a valid ROR id (its checksum is wrong)")
            }
            return .failed("unknown \(noun) '\(reference)'\(suggestions(for: nameKey))")
        }
    }

    /// "; did you mean 'University of York'?" or "".
    func suggestions(for nameKey: String) -> String {
        if let cached = suggestionCache[nameKey] { return cached }
        guard suggestionBudget > 0, !nameKey.isEmpty else { return "" }
        suggestionBudget -= 1
        let target = Array(nameKey.unicodeScalars)
        let limit = max(1, min(target.count / 3, 8))
        var best: [(distance: Int, id: Int64)] = []
        func consider(_ candidate: String, _ ids: [Int64]) {
            let lengthGap = abs(candidate.utf8.count - nameKey.utf8.count)
            var distance: Int?
            if lengthGap <= limit * 4 {
                distance = EditDistance.distance(target, Array(candidate.unicodeScalars), limit: limit)
            }
            // A reference that is a whole word-run of a longer name ("york")
            // is probably meant as that name; most likely one it begins
            // ("maastricht" -> Maastricht University, before Brightlands
            // Maastricht Health Campus).
            if distance == nil, nameKey.count >= 3, candidate.contains(nameKey) {
                distance = candidate.hasPrefix(nameKey) ? limit + 1 : limit + 2
            }
            guard let distance else { return }
            for id in ids { best.append((distance, id)) }
        }
        for (candidate, match) in byName { consider(candidate, match.ids) }
        for (candidate, id) in byKey { consider(candidate, [id]) }
        var seen = Set<Int64>()
        // Nearest first; of equally near names, the shorter (the name itself
        // rather than a longer one that holds it), then in alphabetical order.
        func rank(_ match: (distance: Int, id: Int64)) -> (Int, Int, String) {
            let name = entries[match.id]?.name ?? ""
            return (match.distance, name.count, name)
        }
        let names = best.sorted { rank($0) < rank($1) }
            .filter { seen.insert($0.id).inserted }
            .prefix(3)
            .compactMap { entries[$0.id]?.name }
        let text = Suggestions.phrase(Array(names))
        if suggestionCache.count < 10_000 { suggestionCache[nameKey] = text }
        return text
    }
}

extension ReferenceDirectory {
    static let institutionKeysSQL = "SELECT id, key FROM institutions"
    static let institutionsSQL = "SELECT id, key, name, short_name, ror_id FROM institutions"
    static let aliasesSQL = "SELECT institution_id, alias FROM institution_aliases ORDER BY institution_id"
    static let networkKeysSQL = "SELECT id, key FROM networks"
    static let networksSQL = "SELECT id, key, name, acronym FROM networks"

    private static func keys(_ connection: Connection, _ sql: String) throws -> [(id: Int64, key: String)] {
        let rows = try connection.prepare(sql)
        var keys: [(id: Int64, key: String)] = []
        while try rows.step() { keys.append((rows.int64(at: 0), rows.string(at: 1) ?? "")) }
        return keys
    }

    /// Every institution: the keys now; names, short names, aliases and ROR
    /// ids when a reference first needs them.
    static func loadInstitutions(_ connection: Connection) throws -> ReferenceDirectory {
        ReferenceDirectory(noun: "institution", keys: try keys(connection, institutionKeysSQL)) { directory in
            var aliases: [Int64: [String]] = [:]
            let aliasRows = try connection.prepare(aliasesSQL)
            while try aliasRows.step() {
                if let alias = aliasRows.string(at: 1) { aliases[aliasRows.int64(at: 0), default: []].append(alias) }
            }
            let rows = try connection.prepare(institutionsSQL)
            while try rows.step() {
                let id = rows.int64(at: 0)
                var other = aliases[id] ?? []
                if let short = rows.string(at: 3) { other.insert(short, at: 0) }
                directory.register(id: id, key: rows.string(at: 1) ?? "", name: rows.string(at: 2) ?? "",
                                   otherNames: other, rorID: rows.string(at: 4))
            }
        }
    }

    static func loadNetworks(_ connection: Connection) throws -> ReferenceDirectory {
        ReferenceDirectory(noun: "network", keys: try keys(connection, networkKeysSQL)) { directory in
            let rows = try connection.prepare(networksSQL)
            while try rows.step() {
                directory.register(id: rows.int64(at: 0), key: rows.string(at: 1) ?? "", name: rows.string(at: 2) ?? "",
                                   otherNames: rows.string(at: 3).map { [$0] } ?? [], rorID: nil)
            }
        }
    }
}
