/// What the agreement importer works out from a row before it needs the
/// database: the checked values, and the parties when each is named by its
/// stored key (as in most large files). A class of constants: made on the
/// reading thread and handed to the writing thread as one reference, which
/// reads it without retaining each string in it.
final class PreparedAgreement {
    enum Parties {
        /// Every party by its stored key, checked (no repeats, two or more).
        case resolved([Int64], partySet: String)
        /// Some party is named otherwise (a name, an alias, a ROR id): the
        /// writing thread resolves the list with the full directory.
        case needsDirectory(String)
        /// The column is empty (already an error).
        case missing
    }

    let title: String?
    let kind: AgreementKind?
    let status: AgreementStatus?
    let signed: PartialDate?
    let effective: PartialDate?
    let expires: PartialDate?
    /// The three dates as stored.
    let dates: (signed: String?, effective: String?, expires: String?)
    let parties: Parties
    /// The topics as stored (`AgreementImporter.normalizedList`).
    let topics: String?
    /// For a valid row with a key and parties by key: its insert values,
    /// encoded for `AgreementRows.append(encoded:)`.
    let encoded: [UInt8]?
    /// The row's columns, taken here so that the writing thread need not
    /// touch the row's (shared) array.
    let presence: ImportRowPresence?

    init(title: String?, kind: AgreementKind?, status: AgreementStatus?, signed: PartialDate?, effective: PartialDate?,
         expires: PartialDate?, dates: (signed: String?, effective: String?, expires: String?), parties: Parties,
         topics: String?, encoded: [UInt8]?, presence: ImportRowPresence?) {
        self.title = title
        self.kind = kind
        self.status = status
        self.signed = signed
        self.effective = effective
        self.expires = expires
        self.dates = dates
        self.parties = parties
        self.topics = topics
        self.encoded = encoded
        self.presence = presence
    }

    /// For a row whose insert values are encoded and whose parties are all
    /// resolved, which goes into a batch as it is: its kind and status.
    var readyForBatch: (kind: AgreementKind, status: AgreementStatus)? {
        guard encoded != nil, title != nil, let kind, let status, case .resolved = parties else { return nil }
        return (kind, status)
    }

    /// Appends the encoded insert values and the party ids of a row that is
    /// `readyForBatch`.
    func appendForBatch(to rows: inout AgreementRows, parties ids: inout [Int64]) {
        encoded?.withUnsafeBufferPointer { rows.append(encoded: $0) }
        if case .resolved(let resolved, _) = parties { ids.append(contentsOf: resolved) }
    }
}

/// Makes `PreparedAgreement`s. It holds its own copy of the institutions'
/// keys, taken when the import starts (an agreement import adds no
/// institution), so it can run on the reading thread while the writing
/// thread uses the directory.
struct AgreementPreparer {
    typealias Column = AgreementColumn

    let keys: [String: Int64]

    /// The checks in the order `importRow` always made them: title, kind,
    /// status, the three dates, the parties.
    func prepare(_ row: ImportRow<Column>, check: inout RowCheck) -> PreparedAgreement {
        let title = check.required(row, .title)
        let kind = check.required(row, .kind).flatMap { _ in check.vocabulary(row, .kind, AgreementKind.self) }
        let status = check.vocabulary(row, .status, AgreementStatus.self, fallback: .active)
        let signed = check.date(row, .signedOn)
        let effective = check.date(row, .effectiveFrom)
        let expires = check.date(row, .expiresOn)
        var parties = PreparedAgreement.Parties.missing
        if let text = check.required(row, .parties) {
            let references = listItems(text)
            // Each key looked up once: the ids found, in order, stand in for the lookup below.
            var found: [Int64] = []
            found.reserveCapacity(references.count)
            for reference in references {
                guard let id = keys[reference] else { break }
                found.append(id)
            }
            if found.count < references.count {
                parties = .needsDirectory(text)
            } else if found.count >= 2 && !Self.repeats(found) {
                // The common row, valid as it is: what collectParties would
                // make of it, without its bookkeeping (two more arrays a row).
                parties = .resolved(found, partySet: AgreementRecord.partySet(found))
            } else {
                // Too few or a repeat: collectParties names the problem.
                var ids: [Int64] = []
                var next = found.makeIterator()
                Self.collectParties(references, into: &ids, check: &check) { _ in next.next().map { .found($0) } ?? .failed("") }
                parties = .resolved(ids, partySet: AgreementRecord.partySet(ids))
            }
        }
        let topics = row[.topics].map(AgreementImporter.normalizedList)
        let dates = (signed: signed?.iso, effective: effective?.iso, expires: expires?.iso)
        var encoded: [UInt8]?
        var presence: ImportRowPresence?
        if !check.failed, let key = row[.key], let title, let kind, let status, case .resolved(_, let partySet) = parties {
            let record = AgreementRecord(key: key, title: title, kind: kind.rawValue, status: status.rawValue,
                                         signedOn: dates.signed, effectiveFrom: dates.effective, expiresOn: dates.expires,
                                         topics: topics, source: row[.source], notes: row[.notes], partySet: partySet)
            var bytes: [UInt8] = []
            record.encode(into: &bytes)
            encoded = bytes
            presence = ImportRowPresence(row.present)
        }
        return PreparedAgreement(title: title, kind: kind, status: status, signed: signed, effective: effective,
                                 expires: expires, dates: dates, parties: parties, topics: topics, encoded: encoded,
                                 presence: presence)
    }

    /// Whether an id appears twice (a party list is two or three long).
    static func repeats(_ ids: [Int64]) -> Bool {
        for later in ids.indices.dropFirst() where ids[..<later].contains(ids[later]) { return true }
        return false
    }

    /// Resolves each reference and appends its id to `ids`, failing the row
    /// for a party that is not found, one named twice, or fewer than two.
    static func collectParties(_ references: [String], into ids: inout [Int64], check: inout RowCheck,
                               resolve: (String) throws -> ReferenceDirectory.Resolution) rethrows {
        var named: [String] = []
        var resolvedAll = true
        for reference in references {
            let id: Int64
            switch try resolve(reference) {
            case .found(let found):
                id = found
            case .failed(let message):
                check.fail(Column.parties, message)
                resolvedAll = false
                continue
            }
            if let index = ids.firstIndex(of: id) {
                let same = named[index] == reference ? "is named twice" : "and '\(named[index])' are the same institution"
                check.fail(Column.parties, "'\(reference)' \(same)")
                resolvedAll = false
                continue
            }
            ids.append(id)
            named.append(reference)
        }
        if resolvedAll && ids.count < 2 {
            check.fail(Column.parties, "an agreement needs two or more parties separated by ';' (found \(ids.count))")
        }
    }
}
