import Database

/// One row of `agreements`, without its id.
struct AgreementRecord: Equatable {
    var key: String
    var title: String
    var kind: String
    var status: String
    var signedOn: String?
    var effectiveFrom: String?
    var expiresOn: String?
    var topics: String?
    var source: String?
    var notes: String?
    /// The parties' institution ids, sorted and joined by ',' (migration 0006):
    /// the same text exactly when the parties are the same.
    var partySet: String?

    static func partySet(_ parties: [Int64]) -> String {
        // Sorted and written out in buffers on the stack (at most 20 digits
        // and a comma an id), then made a string: one allocation at most,
        // none when it fits in a small string (two parties usually do).
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: parties.count) { buffer in
            var sorted = buffer
            _ = sorted.initialize(fromContentsOf: parties)
            sorted.sort()
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: parties.count * 21) { buffer in
                var end = 0
                for id in sorted {
                    if end > 0 { buffer[end] = UInt8(ascii: ","); end += 1 }
                    if id < 0 { buffer[end] = UInt8(ascii: "-"); end += 1 }
                    let start = end
                    var rest = id.magnitude
                    repeat {
                        buffer[end] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                        rest /= 10
                        end += 1
                    } while rest > 0
                    var (low, high) = (start, end - 1)
                    while low < high {
                        buffer.swapAt(low, high)
                        low += 1
                        high -= 1
                    }
                }
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<end]), as: UTF8.self)
            }
        }
    }
}

/// The SQL for agreements and their parties. The insert path (the common
/// case of a large import) is one INSERT for the agreement, which also finds
/// out whether the key exists, and one INSERT per party.
final class AgreementRepository {
    static let insertSQL = """
        INSERT INTO agreements (key, title, kind, status, signed_on, effective_from, expires_on, topics, source, notes,
                                party_set)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
        ON CONFLICT (key) DO NOTHING
        """
    static let selectByKeySQL = """
        SELECT id, key, title, kind, status, signed_on, effective_from, expires_on, topics, source, notes, party_set
        FROM agreements WHERE key = ?1
        """
    static let updateSQL = """
        UPDATE agreements SET key = ?1, title = ?2, kind = ?3, status = ?4, signed_on = ?5, effective_from = ?6,
               expires_on = ?7, topics = ?8, source = ?9, notes = ?10, party_set = ?11
        WHERE id = ?12
        """
    /// Candidates for an agreement given without a key: same kind and
    /// signing date, and sharing a party.
    static let candidatesSQL = """
        SELECT a.id, a.key FROM agreement_parties AS p JOIN agreements AS a ON a.id = p.agreement_id
        WHERE p.institution_id = ?1 AND a.kind = ?2 AND a.signed_on IS ?3
        """
    static let selectPartiesSQL = "SELECT institution_id FROM agreement_parties WHERE agreement_id = ?1"
    static let insertPartySQL = "INSERT INTO agreement_parties (agreement_id, institution_id) VALUES (?1, ?2)"
    /// Two and three parties, the usual case, in one statement each: a
    /// statement's start-up costs as much as a row.
    static let insertTwoPartiesSQL = "INSERT INTO agreement_parties (agreement_id, institution_id) VALUES (?1, ?2), (?1, ?3)"
    static let insertThreePartiesSQL = """
        INSERT INTO agreement_parties (agreement_id, institution_id) VALUES (?1, ?2), (?1, ?3), (?1, ?4)
        """
    static let deletePartySQL = "DELETE FROM agreement_parties WHERE agreement_id = ?1 AND institution_id = ?2"

    private let connection: Connection
    private var batchInserts: [Int: Statement] = [:]
    private var partyInserts: [Int: Statement] = [:]
    private let insert: Statement
    private let selectByKey: Statement
    private let update: Statement
    private let candidates: Statement
    private let selectParties: Statement
    private let insertParty: Statement
    private let insertTwoParties: Statement
    private let insertThreeParties: Statement
    private let deleteParty: Statement

    init(_ connection: Connection) throws {
        self.connection = connection
        insert = try connection.prepare(Self.insertSQL)
        selectByKey = try connection.prepare(Self.selectByKeySQL)
        update = try connection.prepare(Self.updateSQL)
        candidates = try connection.prepare(Self.candidatesSQL)
        selectParties = try connection.prepare(Self.selectPartiesSQL)
        insertParty = try connection.prepare(Self.insertPartySQL)
        insertTwoParties = try connection.prepare(Self.insertTwoPartiesSQL)
        insertThreeParties = try connection.prepare(Self.insertThreePartiesSQL)
        deleteParty = try connection.prepare(Self.deletePartySQL)
    }

    private func bind(_ record: AgreementRecord, to statement: Statement) throws {
        try statement.bind(text: record.key, at: 1)
        try statement.bind(text: record.title, at: 2)
        try statement.bind(text: record.kind, at: 3)
        try statement.bind(text: record.status, at: 4)
        try statement.bind(text: record.signedOn, at: 5)
        try statement.bind(text: record.effectiveFrom, at: 6)
        try statement.bind(text: record.expiresOn, at: 7)
        try statement.bind(text: record.topics, at: 8)
        try statement.bind(text: record.source, at: 9)
        try statement.bind(text: record.notes, at: 10)
        try statement.bind(text: record.partySet, at: 11)
    }

    /// Inserts the agreement and its parties unless the key exists; returns the new id, or nil.
    func insertIfNew(_ record: AgreementRecord, parties: [Int64]) throws -> Int64? {
        try insert.execute { try bind(record, to: $0) }
        guard connection.changes == 1 else { return nil }
        let id = connection.lastInsertRowID
        switch parties.count {
        case 2:
            try insertTwoParties.execute {
                try $0.bind(int64: id, at: 1)
                try $0.bind(int64: parties[0], at: 2)
                try $0.bind(int64: parties[1], at: 3)
            }
        case 3:
            try insertThreeParties.execute {
                try $0.bind(int64: id, at: 1)
                try $0.bind(int64: parties[0], at: 2)
                try $0.bind(int64: parties[1], at: 3)
                try $0.bind(int64: parties[2], at: 4)
            }
        default:
            for party in parties { try add(party: party, to: id) }
        }
        return id
    }

    /// `INSERT OR FAIL ... VALUES (...), (...) ON CONFLICT (key) DO NOTHING`
    /// for `rows` rows. OR FAIL: a row refused stops the statement but keeps
    /// the rows before it (`BatchRefused` says which). A statement that could
    /// undo itself (the default, ABORT) first copies every page it changes
    /// into a statement journal: the same rightmost pages of the table and
    /// of the key index, for each of the thousands of batches of a large
    /// import (33 of the 233 samples of the agreements' inserts at 1M).
    static func batchInsertSQL(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: 11).joined(separator: ", ") + ")"
        return """
            INSERT OR FAIL INTO agreements (key, title, kind, status, signed_on, effective_from, expires_on, topics, source,
                                            notes, party_set)
            VALUES \(Array(repeating: row, count: rows).joined(separator: ", "))
            ON CONFLICT (key) DO NOTHING
            """
    }

    static func partiesInsertSQL(rows: Int) -> String {
        "INSERT INTO agreement_parties (agreement_id, institution_id) VALUES "
            + Array(repeating: "(?, ?)", count: rows).joined(separator: ", ")
    }

    /// The batch's statement refused a row (`error`) after writing the rows
    /// before it whose keys were new: `written` holds their ids, in the
    /// order of the batch's rows (nil for the others).
    struct BatchRefused: Error, CustomStringConvertible {
        let error: DatabaseError
        let written: [Int64?]
        var description: String { error.description }
    }

    /// Inserts the agreements whose keys are new, in one statement; returns
    /// their ids, in the order of `rows` (nil for a key that exists). Throws
    /// `BatchRefused` when the database refuses a row.
    func insertBatch(_ rows: AgreementRows) throws -> [Int64?] {
        let count = rows.count
        let statement = try cached(&batchInserts, rows: count, sql: Self.batchInsertSQL)
        let changed: Int = try rows.bytes.withUnsafeBufferPointer { bytes in
            statement.reset()
            defer { statement.reset() }
            try statement.bind(unsafeTexts: bytes, spans: rows.spans)
            do {
                while try statement.step() {}
            } catch let error as DatabaseError where error.isRowLevel {
                // The rows written before the refused one are counted as
                // those of a statement that ran to its end (changes() and
                // the last rowid are set when a FAIL stops it).
                throw BatchRefused(error: error, written: try ids(of: rows, changed: connection.changes,
                                                                   last: connection.lastInsertRowID))
            }
            return connection.changes
        }
        return try ids(of: rows, changed: changed, last: connection.lastInsertRowID)
    }

    /// The ids of `rows` written by the statement that inserted `changed`
    /// rows, the last of them as `last`.
    private func ids(of rows: AgreementRows, changed: Int, last: Int64) throws -> [Int64?] {
        let count = rows.count
        guard changed > 0 else { return Array(repeating: nil, count: count) }
        // New rows get the ids after the largest one, in order; confirmed by
        // reading back the first. When some keys existed, ask by key.
        if changed == count, count > 0 {
            let firstID = last - Int64(count) + 1
            if try find(key: rows.key(of: 0))?.id == firstID {
                return (0..<count).map { firstID + Int64($0) }
            }
        }
        var ids: [Int64?] = []
        var remaining = changed
        for row in 0..<count {
            guard remaining > 0, let (id, _) = try find(key: rows.key(of: row)) else {
                ids.append(nil)
                continue
            }
            // Only rows created by this statement count as inserted.
            if id > last - Int64(changed) && id <= last && !ids.contains(id) {
                ids.append(id)
                remaining -= 1
            } else {
                ids.append(nil)
            }
        }
        return ids
    }

    /// The multi-row statement for `rows` rows, prepared on first use.
    private func cached(_ statements: inout [Int: Statement], rows: Int, sql: (Int) -> String) throws -> Statement {
        if let statement = statements[rows] { return statement }
        let statement = try connection.prepare(sql(rows))
        statements[rows] = statement
        return statement
    }

    /// Inserts (agreement, institution) pairs, many per statement.
    func addParties(_ pairs: [(agreement: Int64, institution: Int64)]) throws {
        var start = 0
        for size in [512, 128, 32, 8, 2, 1] {
            while pairs.count - start >= size {
                let statement = try cached(&partyInserts, rows: size, sql: Self.partiesInsertSQL)
                try statement.execute { statement in
                    for offset in 0..<size {
                        try statement.bind(int64: pairs[start + offset].agreement, at: offset * 2 + 1)
                        try statement.bind(int64: pairs[start + offset].institution, at: offset * 2 + 2)
                    }
                }
                start += size
            }
        }
    }

    func find(key: String) throws -> (id: Int64, record: AgreementRecord)? {
        defer { selectByKey.reset() }
        guard try selectByKey.query({ try $0.bind(text: key, at: 1) }) else { return nil }
        let s = selectByKey
        let record = AgreementRecord(
            key: s.string(at: 1) ?? "", title: s.string(at: 2) ?? "", kind: s.string(at: 3) ?? "", status: s.string(at: 4) ?? "",
            signedOn: s.string(at: 5), effectiveFrom: s.string(at: 6), expiresOn: s.string(at: 7), topics: s.string(at: 8),
            source: s.string(at: 9), notes: s.string(at: 10), partySet: s.string(at: 11))
        return (s.int64(at: 0), record)
    }

    /// The key of the agreement of this kind and signing date whose parties are exactly `parties`.
    func findKey(kind: String, signedOn: String?, parties: Set<Int64>) throws -> String? {
        guard let first = parties.min() else { return nil }
        var found: [(Int64, String)] = []
        candidates.reset()
        try candidates.bind(int64: first, at: 1)
        try candidates.bind(text: kind, at: 2)
        try candidates.bind(text: signedOn, at: 3)
        while try candidates.step() { found.append((candidates.int64(at: 0), candidates.string(at: 1) ?? "")) }
        candidates.reset()
        for (id, key) in found where try self.parties(of: id) == parties { return key }
        return nil
    }

    func update(id: Int64, to record: AgreementRecord) throws {
        try update.execute {
            try bind(record, to: $0)
            try $0.bind(int64: id, at: 12)
        }
    }

    func parties(of id: Int64) throws -> Set<Int64> {
        selectParties.reset()
        defer { selectParties.reset() }
        try selectParties.bind(int64: id, at: 1)
        var result = Set<Int64>()
        while try selectParties.step() { result.insert(selectParties.int64(at: 0)) }
        return result
    }

    func add(party: Int64, to id: Int64) throws {
        try insertParty.execute {
            try $0.bind(int64: id, at: 1)
            try $0.bind(int64: party, at: 2)
        }
    }

    /// Removes the parties that are gone and adds the new ones; the rows of
    /// parties that stay (and their roles) are kept.
    func replaceParties(of id: Int64, old: Set<Int64>, new: Set<Int64>) throws {
        for party in old.subtracting(new).sorted() {
            try deleteParty.execute {
                try $0.bind(int64: id, at: 1)
                try $0.bind(int64: party, at: 2)
            }
        }
        for party in new.subtracting(old).sorted() { try add(party: party, to: id) }
    }
}
