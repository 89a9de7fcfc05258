import Database
import Foundation
import Registry

/// A migrated registry in a temporary folder, filled with plain SQL inserts
/// for one audit test, and removed when the test ends.
final class AuditTestRegistry {
    let folder: URL
    let path: String
    let connection: Connection
    private var counter = 0

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("partnerships-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("registry.sqlite").path
        connection = try RegistryDatabase.open(path: path, access: .create)
        try RegistryDatabase.migrator().migrateUp(connection)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    private func nextKey(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)-\(counter)"
    }

    @discardableResult
    func institution(_ key: String? = nil, name: String? = nil, established: String? = nil,
                     rorStatus: String? = nil) throws -> Int64 {
        let key = key ?? nextKey("inst")
        try connection.execute(
            "INSERT INTO institutions (key, name, country_code, established, ror_status) VALUES (?, ?, 'NL', ?, ?)",
            [key, name ?? "University \(key)", established, rorStatus])
        return connection.lastInsertRowID
    }

    func successor(of institution: Int64, ror: String, name: String?) throws {
        try connection.execute(
            "INSERT INTO institution_successors (institution_id, successor_ror_id, successor_name) VALUES (?, ?, ?)",
            [institution, ror, name])
    }

    @discardableResult
    func network(_ key: String? = nil) throws -> Int64 {
        let key = key ?? nextKey("net")
        try connection.execute("INSERT INTO networks (key, name) VALUES (?, ?)", [key, "Network \(key)"])
        return connection.lastInsertRowID
    }

    /// An agreement; without parties, two new institutions are its parties.
    @discardableResult
    func agreement(_ key: String? = nil, kind: String = "mou", status: String = "active", signed: String? = nil,
                   effective: String? = nil, expires: String? = nil, parties: [Int64]? = nil) throws -> Int64 {
        let key = key ?? nextKey("agr")
        try connection.execute("""
            INSERT INTO agreements (key, title, kind, status, signed_on, effective_from, expires_on)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [key, "Agreement \(key)", kind, status, signed, effective, expires])
        let id = connection.lastInsertRowID
        let parties = try parties ?? [institution(), institution()]
        // As the agreement importer writes it (migration 0006).
        try connection.execute("UPDATE agreements SET party_set = ? WHERE id = ?",
                               [parties.sorted().map(String.init).joined(separator: ","), id])
        for party in parties {
            try connection.execute("INSERT INTO agreement_parties (agreement_id, institution_id) VALUES (?, ?)",
                                   [id, party])
        }
        return id
    }

    @discardableResult
    func membership(network: Int64, institution: Int64, since: String? = nil, until: String? = nil) throws -> Int64 {
        try connection.execute("INSERT INTO memberships (network_id, institution_id, since, until) VALUES (?, ?, ?, ?)",
                               [network, institution, since, until])
        return connection.lastInsertRowID
    }

    @discardableResult
    func appointment(person: String = "Jane Doe", title: String = "President", network: Int64? = nil,
                     institution: Int64? = nil, starts: String? = nil, ends: String? = nil, termMonths: Int? = nil,
                     derived: Bool = false) throws -> Int64 {
        try connection.execute("""
            INSERT INTO appointments (person, institution_id, network_id, title, starts_on, ends_on, term_months,
                                      ends_on_derived)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [person, institution, network, title, starts, ends, termMonths, derived ? 1 : 0])
        return connection.lastInsertRowID
    }

    @discardableResult
    func news(_ key: String? = nil, published: String, title: String = "Partnership announced", summary: String? = nil,
              agreements: [Int64] = [], institutions: [Int64] = [], networks: [Int64] = []) throws -> Int64 {
        let key = key ?? nextKey("news")
        try connection.execute(
            "INSERT INTO news_items (key, published_on, language, title, summary) VALUES (?, ?, 'en', ?, ?)",
            [key, published, title, summary])
        let id = connection.lastInsertRowID
        for agreement in agreements {
            try connection.execute("INSERT INTO news_agreements VALUES (?, ?)", [id, agreement])
        }
        for institution in institutions {
            try connection.execute("INSERT INTO news_institutions VALUES (?, ?)", [id, institution])
        }
        for network in networks {
            try connection.execute("INSERT INTO news_networks VALUES (?, ?)", [id, network])
        }
        return id
    }

    /// The findings of some rules as of a day.
    func audit(_ rules: [String], asOf: String, within: Int = 180, noExpiryYears: Int = 5, lateDays: Int = 60,
               parallel: Bool = false) throws -> [Finding] {
        let settings = try AuditSettings(asOf: asOf, withinDays: within, noExpiryYears: noExpiryYears,
                                         lateAnnouncementDays: lateDays)
        return try Auditor(connection: connection, settings: settings, rules: AuditRules.select(rules))
            .findings(parallel: parallel)
    }
}

extension Array where Element == Finding {
    /// "key:severity:certainty" of each finding, for compact assertions.
    var brief: [String] { map { "\($0.recordKey):\($0.severity.rawValue):\($0.certainty.rawValue)" } }
}
