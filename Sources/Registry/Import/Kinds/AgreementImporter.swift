import Database

enum AgreementColumn: Int, ImportColumn {
    case key, title, kind, parties, signedOn, effectiveFrom, expiresOn, status, topics, source, notes

    static let names = ["key", "title", "kind", "parties", "signed_on", "effective_from", "expires_on", "status",
                        "topics", "source", "notes"]
    static let required: Set<AgreementColumn> = [.title, .kind, .parties]
    typealias Prepared = PreparedAgreement
    static let lists: Set<AgreementColumn> = [.parties, .topics]
}

/// Agreements with their parties, upserted by key. An agreement without a
/// key is the stored one of the same kind, signing date and set of parties;
/// a new one gets a stable generated key (`mou-2018-11-28-3f9a0c1b2d`).
///
/// Rows with a key are written in batches: one multi-row INSERT for up to
/// `batchSize` agreements and a few for their parties, because the start-up
/// of a statement costs as much as a row. Rows whose key exists already take
/// the one-row path (compare, update). With row savepoints (`--skip-invalid`)
/// a batch is written between rows, inside a savepoint of its own: one
/// savepoint copies each page it changes once, where a savepoint per row
/// copied the same pages again for every row.
final class AgreementImporter: RowImporter {
    typealias Column = AgreementColumn

    /// A checked row waiting in the batch; its values are in `rows` and its
    /// parties in `batchParties` (up to `partiesEnd`), at the same position.
    private struct Waiting {
        let line: Int
        let partiesEnd: Int
        let present: ImportRowPresence
        let warnings: [RowCheck.Problem]
        let kind: AgreementKind
        let status: AgreementStatus
    }

    static let batchSize = 256

    private let session: ImportSession
    private let institutions: ReferenceDirectory
    private let preparer: AgreementPreparer
    private let repository: AgreementRepository
    private var touched: TouchedRows
    private var pending: (id: Int64, key: String, title: String)?
    /// With row savepoints (`--skip-invalid`) only: around each batch, and
    /// around each row a batch gives back to the one-row path.
    private let batchSavepoint: RowSavepoint?
    private let oneRowSavepoint: RowSavepoint?
    private var rowSavepoints: Bool { batchSavepoint != nil }
    private var batch: [Waiting] = []
    private var rows = AgreementRows()
    private var batchParties: [Int64] = []
    private(set) var finished: [DeferredRow] = []
    private var indexDecisionMade = false
    /// For input of unknown size (standard input): the row count at which to
    /// look again, doubling each time.
    private var nextIndexDecisionRow: Int?
    private var bulkLoad: AgreementBulkLoad?
    private let searchFill: DeferredSearchFill
    private let tallies: DeferredTallies
    private(set) var indexesDeferred = false

    init(session: ImportSession) throws {
        self.session = session
        institutions = try session.institutions()
        preparer = AgreementPreparer(keys: institutions.keySnapshot)
        repository = try AgreementRepository(session.connection)
        touched = try TouchedRows(connection: session.connection, table: "agreements")
        searchFill = DeferredSearchFill(DeferredSearchFill.agreements, connection: session.connection)
        tallies = DeferredTallies(connection: session.connection)
        batchSavepoint = session.rowSavepoints ? try RowSavepoint(session.connection, name: "agreement_batch") : nil
        oneRowSavepoint = session.rowSavepoints ? try RowSavepoint(session.connection, name: "agreement_row") : nil
        batch.reserveCapacity(Self.batchSize)
    }

    /// A row without a key is found by kind, parties and signing date,
    /// through the party index, which must see every earlier row: the batch
    /// waiting is written and the indexes set aside come back first (here,
    /// before the row's savepoint, which could otherwise undo their return).
    func prepareToWrite(_ row: ImportRow<Column>) throws {
        guard row[.key] == nil else { return }
        try flush()
        try endBulkLoad()
    }

    func importRow(_ row: ImportRow<Column>, check: inout RowCheck) throws -> RowOutcome? {
        pending = nil
        if let ready = row.prepared?.readyForBatch, row[.key] != nil, !check.failed {
            // The common row of a large file, read in place (passed on, not
            // bound here: a copy retains an object the reading thread made).
            return try deferReady(row.prepared.unsafelyUnwrapped, kind: ready.kind, status: ready.status,
                                  line: row.line, present: row.present, check: &check)
        }
        let prepared = row.prepared ?? preparer.prepare(row, check: &check)
        var parties: [Int64] = []
        var partySet: String?
        switch prepared.parties {
        case .resolved(let ids, let set):
            parties = ids
            partySet = set
        case .needsDirectory(let text):
            try AgreementPreparer.collectParties(listItems(text), into: &parties, check: &check) {
                try institutions.resolve($0)
            }
        case .missing:
            break
        }
        guard let title = prepared.title, let kind = prepared.kind, let status = prepared.status, !check.failed
        else { return nil }
        let signed = prepared.signed
        Self.warnAboutDateOrder(prepared, check: &check)

        var key = row[.key]
        if key == nil {
            // `prepareToWrite` has written the batch and brought the indexes back.
            let partySet = Set(parties)
            key = try repository.findKey(kind: kind.rawValue, signedOn: signed?.iso, parties: partySet)
                ?? generatedKey(kind: kind, signed: signed, parties: partySet)
        }
        guard let key else { return nil }
        func makeRecord() -> AgreementRecord {
            AgreementRecord(key: key, title: title, kind: kind.rawValue, status: status.rawValue,
                            signedOn: prepared.dates.signed, effectiveFrom: prepared.dates.effective,
                            expiresOn: prepared.dates.expires, topics: prepared.topics, source: row[.source],
                            notes: row[.notes], partySet: partySet ?? AgreementRecord.partySet(parties))
        }
        if row[.key] != nil {
            if let encoded = prepared.encoded {
                rows.append(encoded: encoded)
            } else {
                rows.append(makeRecord())
            }
            batchParties.append(contentsOf: parties)
            return try enqueue(line: row.line, present: prepared.presence ?? ImportRowPresence(row.present),
                               kind: kind, status: status, check: &check)
        }
        let record = makeRecord()
        if let id = try repository.insertIfNew(record, parties: parties) {
            searchFill.rowsInserted()
            tallies.rowInserted(kind, status)
            pending = (id, key, title)
            return .inserted
        }
        return try upsertExisting(record, parties: parties, present: row.present, keyGiven: row[.key] != nil,
                                  check: &check)
    }

    /// A row with a key whose values the reading thread encoded and whose
    /// parties it resolved (`PreparedAgreement.readyForBatch`): into the batch.
    private func deferReady(_ prepared: PreparedAgreement, kind: AgreementKind, status: AgreementStatus, line: Int,
                            present: [Bool], check: inout RowCheck) throws -> RowOutcome? {
        Self.warnAboutDateOrder(prepared, check: &check)
        prepared.appendForBatch(to: &rows, parties: &batchParties)
        return try enqueue(line: line, present: prepared.presence ?? ImportRowPresence(present),
                           kind: kind, status: status, check: &check)
    }

    /// The row whose values and parties were just added to `rows` and
    /// `batchParties` waits in the batch, with its warnings.
    private func enqueue(line: Int, present: ImportRowPresence, kind: AgreementKind, status: AgreementStatus,
                         check: inout RowCheck) throws -> RowOutcome? {
        batch.append(Waiting(line: line, partiesEnd: batchParties.count, present: present, warnings: check.warnings,
                             kind: kind, status: status))
        check.warnings.removeAll()
        // With row savepoints, written by `rowKept()`, outside this row's savepoint.
        if batch.count == Self.batchSize && !rowSavepoints { try flush() }
        return .deferred
    }

    private static func warnAboutDateOrder(_ prepared: PreparedAgreement, check: inout RowCheck) {
        check.warnIfBefore(prepared.expires, Column.expiresOn, prepared.signed, Column.signedOn,
                           "the agreement expires before it was signed")
        check.warnIfBefore(prepared.expires, Column.expiresOn, prepared.effective, Column.effectiveFrom,
                           "the agreement expires before it takes effect")
    }

    /// The row's key is taken: the same row again (unchanged), a changed
    /// row (updated), or a second row of this file with the key (an error).
    private func upsertExisting(_ new: AgreementRecord, parties: [Int64], present: [Bool], keyGiven: Bool,
                                check: inout RowCheck) throws -> RowOutcome? {
        var record = new
        guard let (id, stored) = try repository.find(key: record.key) else {
            throw ImportInvariantError(message: "agreement '\(record.key)' was neither found nor inserted")
        }
        if !touched.touch(id) {
            if keyGiven {
                check.fail(Column.key, "'\(record.key)' is on an earlier row of this file too")
            } else {
                check.fail(columnNamed: nil, "the same agreement (kind, parties and signed_on) is on an earlier row of this file too")
            }
            return nil
        }
        func has(_ column: Column) -> Bool { present[column.rawValue] }
        if !has(.status) { record.status = stored.status }
        if !has(.signedOn) { record.signedOn = stored.signedOn }
        if !has(.effectiveFrom) { record.effectiveFrom = stored.effectiveFrom }
        if !has(.expiresOn) { record.expiresOn = stored.expiresOn }
        if !has(.topics) { record.topics = stored.topics }
        if !has(.source) { record.source = stored.source }
        if !has(.notes) { record.notes = stored.notes }
        let partySet = Set(parties)
        let storedParties = try repository.parties(of: id)
        let partiesChanged = storedParties != partySet
        if record == stored && !partiesChanged { return .unchanged }
        if record != stored { try repository.update(id: id, to: record) }
        if partiesChanged { try repository.replaceParties(of: id, old: storedParties, new: partySet) }
        pending = (id, record.key, record.title)
        return .updated
    }

    /// Writes the waiting rows; their outcomes go to `finished`.
    func flush() throws {
        guard !batch.isEmpty else { return }
        // Taken out (and given back emptied, keeping their capacity), so that
        // the one-row path below may use the importer freely.
        var waiting: [Waiting] = [], rows = AgreementRows(), parties: [Int64] = []
        swap(&waiting, &batch)
        swap(&rows, &self.rows)
        swap(&parties, &batchParties)
        defer {
            waiting.removeAll(keepingCapacity: true)
            rows.removeAll()
            parties.removeAll(keepingCapacity: true)
            swap(&waiting, &batch)
            swap(&rows, &self.rows)
            swap(&parties, &batchParties)
        }
        var savepoint = batchSavepoint
        try savepoint?.begin()
        // The id of each row written, nil for the rest, which go row by row.
        var ids: [Int64?] = []
        var pairs: [(agreement: Int64, institution: Int64)] = []
        pairs.reserveCapacity(parties.count)
        do {
            ids = try repository.insertBatch(rows)
            appendPairs(of: ids, waiting, parties, to: &pairs)
            try repository.addParties(pairs)
            try savepoint?.release()
        } catch let refused as AgreementRepository.BatchRefused {
            // The agreements' statement refused a row, and kept the rows
            // before it (INSERT OR FAIL). With row savepoints, the batch's
            // undoes them; without, they stay and get their parties. Row by
            // row, the error then lands on the row that causes it.
            try savepoint?.rollback()
            ids = savepoint == nil ? refused.written : []
            pairs.removeAll()
            appendPairs(of: ids, waiting, parties, to: &pairs)
            try repository.addParties(pairs)
        } catch let error as DatabaseError where error.isRowLevel {
            // A party is refused. Without row savepoints that is the
            // import's failure (it is rolled back whole); with them the
            // batch's savepoint undoes the batch, and row by row the error
            // lands on the row that causes it.
            guard let savepoint else { throw error }
            try savepoint.rollback()
            ids = []
            pairs.removeAll()
        }
        for index in waiting.indices {
            if index < ids.count, let id = ids[index] {
                recordInserted(index, id: id, waiting, rows)
            } else {
                finishOne(index, waiting, rows, parties)
            }
        }
        if !pairs.isEmpty { searchFill.rowsInserted() }
        try bulkLoad?.batchWritten()
    }

    /// The (agreement, institution) pairs of the rows written, `ids` being
    /// the batch's rows' ids (nil for a row not written).
    private func appendPairs(of ids: [Int64?], _ waiting: [Waiting], _ parties: [Int64],
                             to pairs: inout [(agreement: Int64, institution: Int64)]) {
        var partiesStart = 0
        for (index, id) in ids.enumerated() {
            if let id { for party in parties[partiesStart..<waiting[index].partiesEnd] { pairs.append((id, party)) } }
            partiesStart = waiting[index].partiesEnd
        }
    }

    /// Row `index` of a batch was written with its parties, as `id`.
    private func recordInserted(_ index: Int, id: Int64, _ waiting: [Waiting], _ rows: AgreementRows) {
        let row = waiting[index]
        if session.tracksAgreementTitles {
            session.agreementWritten(id: id, key: rows.key(of: index), title: rows.title(of: index))
        }
        tallies.inserted(row.kind, row.status)
        finished.append(DeferredRow(line: row.line, outcome: .inserted, check: RowCheck(warnings: row.warnings)))
    }

    /// The one-row path for row `index` of a batch; with row savepoints,
    /// inside one of its own.
    private func finishOne(_ index: Int, _ waiting: [Waiting], _ rows: AgreementRows, _ parties: [Int64]) {
        let row = waiting[index]
        let record = rows.record(index)
        let partyIDs = Array(parties[(index == 0 ? 0 : waiting[index - 1].partiesEnd)..<row.partiesEnd])
        var check = RowCheck(warnings: row.warnings)
        var outcome: RowOutcome?
        var savepoint = oneRowSavepoint
        do {
            try savepoint?.begin()
            if let id = try repository.insertIfNew(record, parties: partyIDs) {
                searchFill.rowsInserted()
                tallies.inserted(row.kind, row.status)
                session.agreementWritten(id: id, key: record.key, title: record.title)
                outcome = .inserted
            } else {
                outcome = try upsertExisting(record, parties: partyIDs, present: row.present.columns(AgreementColumn.allCases.count),
                                             keyGiven: true, check: &check)
                if outcome != nil, let (id, key, title) = pending { session.agreementWritten(id: id, key: key, title: title) }
                pending = nil
            }
            if outcome != nil && !check.failed { try savepoint?.release() } else { try savepoint?.rollback() }
        } catch let error as DatabaseError where error.isRowLevel {
            try? savepoint?.rollback()
            outcome = nil
            check.fail(columnNamed: nil, "the database refused the row: \(error.message)")
        } catch {
            try? savepoint?.rollback()
            outcome = nil
            check.fail(columnNamed: nil, "\(error)")
        }
        finished.append(DeferredRow(line: row.line, outcome: outcome, check: check))
    }

    func finish(rollingBack: Bool) throws {
        try flush()
        if rollingBack {
            // The rollback restores the indexes and the trigger: building
            // them first would be work thrown away (seconds for a large file).
            bulkLoad = nil
        } else {
            let deferred = bulkLoad != nil
            try endBulkLoad {
                try searchFill.restore()
                try tallies.restore()
                session.endPhase(ImportPhase.searchIndex)
            }
            if deferred { session.endPhase(ImportPhase.indexes) }
        }
    }

    /// Runs `work`, then brings back what a bulk load set aside: with one,
    /// `work` runs while the load grows the file ahead of the checkpoint.
    private func endBulkLoad(after work: () throws -> Void = {}) throws {
        if let bulkLoad {
            try bulkLoad.restore(after: work)
        } else {
            try work()
        }
        bulkLoad = nil
    }

    /// A large import into a small table fills its indexes faster by
    /// building them once at the end (a sort) than by inserting into them at
    /// random (the full-text index is filled at the end of every import:
    /// `DeferredSearchFill`). Decided between rows, after the first ones,
    /// from the file size. Standard input has no size: there the question is
    /// asked again each time the row count doubles, guessing that the input
    /// is eight times what has come so far, so that a large table is only
    /// set aside for an import that has shown itself large (a 1M-row pipe
    /// otherwise never deferred, and took 70 s instead of 15).
    func readingProgress(rows: Int, bytesRead: Int64, totalBytes: Int64?) throws {
        guard !indexDecisionMade, rows >= (nextIndexDecisionRow ?? session.deferIndexesAfterRows), bytesRead > 0
        else { return }
        let expectedRows: Double, remainingBytes: Int64
        if let totalBytes {
            indexDecisionMade = true
            expectedRows = Double(rows) * Double(totalBytes) / Double(bytesRead)
            remainingBytes = totalBytes - bytesRead
        } else {
            nextIndexDecisionRow = rows * 2
            expectedRows = Double(rows) * 8
            remainingBytes = bytesRead * 7
        }
        let remaining = expectedRows - Double(rows)
        guard remaining >= Double(session.minimumRowsForDeferredIndexes) else { return }
        let stored = try session.connection.scalar("SELECT count(*) FROM agreement_parties")?.int64 ?? 0
        guard remaining * 2 > Double(stored) else { return }
        try flush()
        indexDecisionMade = true
        bulkLoad = try AgreementBulkLoad(connection: session.connection, remainingInputBytes: remainingBytes)
        indexesDeferred = true
    }

    var preparation: RowPreparation<Column>? {
        let preparer = self.preparer
        return { row, check in row.prepared = preparer.prepare(row, check: &check) }
    }

    func takeFinished() -> [DeferredRow] {
        defer { finished.removeAll(keepingCapacity: true) }
        return finished
    }

    var hasFinished: Bool { !finished.isEmpty }

    func rowKept() throws {
        if let (id, key, title) = pending { session.agreementWritten(id: id, key: key, title: title) }
        pending = nil
        tallies.rowKept()
        // Outside any row's savepoint: the full batch, in one of its own.
        if rowSavepoints && batch.count >= Self.batchSize { try flush() }
        try searchFill.setAsideOnceRowsAreInserted()
        try tallies.setAsideOnceRowsAreInserted()
    }

    func rowUndone() {
        pending = nil
        searchFill.rowsUndone()
        tallies.rowUndone()
    }

    /// A key from what identifies an agreement without one: the same inputs
    /// give the same key in every registry.
    private func generatedKey(kind: AgreementKind, signed: PartialDate?, parties: Set<Int64>) -> String {
        let partyKeys = parties.compactMap { institutions.key(of: $0) }.sorted()
        let identity = ([kind.rawValue, signed?.iso ?? ""] + partyKeys).joined(separator: "\n")
        let digest = SHA256.hexDigest(Array(identity.utf8)).prefix(10)
        return "\(kind.rawValue.replacingOccurrences(of: "_", with: "-"))-\(signed?.iso ?? "undated")-\(digest)"
    }

    /// "health; ai ;" → "health;ai"; a list already in that form is returned
    /// as it is (most are: no array of items to build and join again).
    static func normalizedList(_ text: String) -> String {
        var copy = text
        let normal = copy.withUTF8 { bytes -> Bool in
            // Every item is non-empty and has no white space at its ends when
            // the bytes at the ends and around each ';' are plain ASCII.
            func plain(_ byte: UInt8) -> Bool {
                byte < 0x80 && byte != UInt8(ascii: ";") && !TextTrimming.isASCIISpace(byte)
            }
            guard let first = bytes.first, let last = bytes.last, plain(first), plain(last) else { return false }
            for index in bytes.indices where bytes[index] == UInt8(ascii: ";") {
                guard plain(bytes[index - 1]), plain(bytes[index + 1]) else { return false }
            }
            return true
        }
        return normal ? text : listItems(text).joined(separator: ";")
    }
}
