import Database
@testable import Registry
import XCTest

/// Migration 0013: agreements_party_set begins with party_set and
/// agreements_active_expiry leaves out the agreements without an expiry, so
/// that a bulk import sorts their entries faster; the audit finds the same.
final class SorterFriendlyIndexMigrationTests: XCTestCase {
    private var registry: AuditTestRegistry!
    private var connection: Connection { registry.connection }

    override func setUpWithError() throws {
        registry = try AuditTestRegistry()
        let a = try registry.institution(), b = try registry.institution(), c = try registry.institution()
        // Active agreements with and without an expiry, signed long ago or
        // lately, at the three precisions; pairs with the same parties (some
        // overlapping), one without a party_set, and some not active.
        for (index, signed) in ["2001", "2003-04", "2005-06-07", "2019-02-03", "2024", nil].enumerated() {
            try registry.agreement(signed: signed, expires: nil, parties: [a, b])
            try registry.agreement(kind: index % 2 == 0 ? "mou" : "exchange", signed: signed,
                                   expires: signed.map { String($0.prefix(4)) + "-12-31" }, parties: [b, c])
            try registry.agreement(status: index % 2 == 0 ? "terminated" : "draft", signed: signed, expires: nil)
        }
        let withoutSet = try registry.agreement(signed: "2002", parties: [a])
        try connection.execute("UPDATE agreements SET party_set = NULL WHERE id = ?", [withoutSet])
    }

    override func tearDown() { registry = nil }

    private func columns(_ index: String) throws -> [String] {
        try connection.rows("SELECT name FROM pragma_index_info(?) ORDER BY seqno", [index]).compactMap { $0[0].string }
    }

    func testTheIndexesHoldOnlyWhatTheirReadersAskFor() throws {
        XCTAssertEqual(try columns("agreements_party_set"), ["party_set", "kind"])
        XCTAssertEqual(try connection.indexEntries("agreements_party_set"),
                       try connection.agreementCount(where: "status = 'active' AND party_set IS NOT NULL"))
        XCTAssertEqual(try connection.indexEntries("agreements_active_expiry"),
                       try connection.agreementCount(where: "status = 'active' AND expires_on IS NOT NULL"))
        XCTAssertLessThan(try connection.indexEntries("agreements_active_expiry"),
                          try connection.agreementCount(where: "status = 'active'"))

        try RegistryDatabase.migrator().migrateDown(connection, to: 12)
        XCTAssertEqual(try columns("agreements_party_set"), ["kind", "party_set"])
        XCTAssertEqual(try connection.indexEntries("agreements_party_set"),
                       try connection.agreementCount(where: "status = 'active'"))
        XCTAssertEqual(try connection.indexEntries("agreements_active_expiry"),
                       try connection.agreementCount(where: "status = 'active'"))
        XCTAssertEqual(try connection.scalar("PRAGMA integrity_check")?.string, "ok")
    }

    /// The rules that read the changed indexes report the same findings,
    /// word for word, with the indexes of 0013 and with those before it.
    func testTheAuditFindsTheSameWithEitherIndexes() throws {
        let rules = ["no-expiry", "overlap", "expired-but-active", "expiring-soon"]
        func described(_ findings: [Finding]) -> [String] {
            findings.map { "\($0.rule) \($0.recordKey) \($0.certainty.rawValue) \($0.message)" }
        }
        let now = described(try registry.audit(rules, asOf: "2024-06-30", within: 365))
        XCTAssertTrue(now.contains { $0.hasPrefix("no-expiry ") }, now.joined(separator: "\n"))
        XCTAssertTrue(now.contains { $0.hasPrefix("overlap ") }, now.joined(separator: "\n"))
        XCTAssertTrue(now.contains { $0.hasPrefix("expired-but-active ") }, now.joined(separator: "\n"))
        try RegistryDatabase.migrator().migrateDown(connection, to: 12)
        XCTAssertEqual(described(try registry.audit(rules, asOf: "2024-06-30", within: 365)), now)
    }
}
