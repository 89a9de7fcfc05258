import Database

enum AgreementColumn: Int, ImportColumn {
    case key, title, kind, parties, signedOn, effectiveFrom, expiresOn, status, topics, source, notes

    static let names = ["key", "title", "kind", "parties", "signed_on", "effective_from", "expires_on", "status",
                        "topics", "source", "notes"]
    static let required: Set<AgreementColumn> = [.title, .kind, .parties]
    static let lists: Set<AgreementColumn> = [.parties, .topics]
}

/// Agreements with their parties, upserted by key. An agreement without a
/// key is the stored one of the same kind, signing date and set of parties;
/// a new one gets a stable generated key (`mou-2018-11-28-3f9a0c1b2d`).
final class AgreementImporter: RowImporter {
    typealias Column = AgreementColumn

    private let session: ImportSession
    private let institutions: ReferenceDirectory
    private let repository: AgreementRepository
    private var touched: TouchedRows
    private var pending: (id: Int64, key: String, title: String)?
    private var partyIDs: [Int64] = []

    init(session: ImportSession) throws {
        self.session = session
        institutions = try session.institutions()
        repository = try AgreementRepository(session.connection)
        touched = try TouchedRows(connection: session.connection, table: "agreements")
    }

    func importRow(_ row: ImportRow<Column>, check: inout RowCheck) throws -> RowOutcome? {
        pending = nil
        let title = check.required(row, .title)
        let kind = check.required(row, .kind).flatMap { _ in check.vocabulary(row, .kind, AgreementKind.self) }
        let status = check.vocabulary(row, .status, AgreementStatus.self, fallback: .active)
        let signed = check.date(row, .signedOn)
        let effective = check.date(row, .effectiveFrom)
        let expires = check.date(row, .expiresOn)
        partyIDs.removeAll(keepingCapacity: true)
        if let parties = check.required(row, .parties) {
            resolveParties(parties, check: &check)
        }
        guard let title, let kind, let status, !check.failed else { return nil }
        check.warnIfBefore(expires, Column.expiresOn, signed, Column.signedOn, "the agreement expires before it was signed")
        check.warnIfBefore(expires, Column.expiresOn, effective, Column.effectiveFrom,
                           "the agreement expires before it takes effect")

        let partySet = Set(partyIDs)
        var key = row[.key]
        if key == nil {
            key = try repository.findKey(kind: kind.rawValue, signedOn: signed?.iso, parties: partySet)
                ?? generatedKey(kind: kind, signed: signed, parties: partySet)
        }
        guard let key else { return nil }
        var record = AgreementRecord(key: key, title: title, kind: kind.rawValue, status: status.rawValue,
                                     signedOn: signed?.iso, effectiveFrom: effective?.iso, expiresOn: expires?.iso,
                                     topics: row[.topics].map(Self.normalizedList), source: row[.source], notes: row[.notes])
        if let id = try repository.insertIfNew(record, parties: partyIDs) {
            pending = (id, key, title)
            return .inserted
        }
        guard let (id, stored) = try repository.find(key: key) else {
            throw ImportInvariantError(message: "agreement '\(key)' was neither found nor inserted")
        }
        if !touched.touch(id) {
            if row[.key] != nil {
                check.fail(Column.key, "'\(key)' is on an earlier row of this file too")
            } else {
                check.fail(columnNamed: nil, "the same agreement (kind, parties and signed_on) is on an earlier row of this file too")
            }
            return nil
        }
        if !row.has(.status) { record.status = stored.status }
        if !row.has(.signedOn) { record.signedOn = stored.signedOn }
        if !row.has(.effectiveFrom) { record.effectiveFrom = stored.effectiveFrom }
        if !row.has(.expiresOn) { record.expiresOn = stored.expiresOn }
        if !row.has(.topics) { record.topics = stored.topics }
        if !row.has(.source) { record.source = stored.source }
        if !row.has(.notes) { record.notes = stored.notes }
        let storedParties = try repository.parties(of: id)
        let partiesChanged = storedParties != partySet
        if record == stored && !partiesChanged { return .unchanged }
        if record != stored { try repository.update(id: id, to: record) }
        if partiesChanged { try repository.replaceParties(of: id, old: storedParties, new: partySet) }
        pending = (id, key, title)
        return .updated
    }

    func rowKept() {
        if let (id, key, title) = pending { session.agreementWritten(id: id, key: key, title: title) }
        pending = nil
    }

    func rowUndone() { pending = nil }

    private func resolveParties(_ text: String, check: inout RowCheck) {
        var references: [String] = []
        var resolvedAll = true
        for reference in listItems(text) {
            guard let id = check.resolve(reference, in: institutions, column: Column.parties) else {
                resolvedAll = false
                continue
            }
            if let index = partyIDs.firstIndex(of: id) {
                let same = references[index] == reference ? "is named twice" : "and '\(references[index])' are the same institution"
                check.fail(Column.parties, "'\(reference)' \(same)")
                resolvedAll = false
                continue
            }
            partyIDs.append(id)
            references.append(reference)
        }
        if resolvedAll && partyIDs.count < 2 {
            check.fail(Column.parties, "an agreement needs two or more parties separated by ';' (found \(partyIDs.count))")
        }
    }

    /// A key from what identifies an agreement without one: the same inputs
    /// give the same key in every registry.
    private func generatedKey(kind: AgreementKind, signed: PartialDate?, parties: Set<Int64>) -> String {
        let partyKeys = parties.compactMap { institutions.entry($0)?.key }.sorted()
        let identity = ([kind.rawValue, signed?.iso ?? ""] + partyKeys).joined(separator: "\n")
        let digest = SHA256.hexDigest(Array(identity.utf8)).prefix(10)
        return "\(kind.rawValue.replacingOccurrences(of: "_", with: "-"))-\(signed?.iso ?? "undated")-\(digest)"
    }

    /// "health; ai ;" → "health;ai"
    static func normalizedList(_ text: String) -> String {
        listItems(text).joined(separator: ";")
    }
}
