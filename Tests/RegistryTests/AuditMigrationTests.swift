import Database
import Registry
import XCTest

/// Migration 0004: the ROR columns the ROR import fills, and its undo;
/// migration 0006: agreements.party_set and the audit's partial indexes.
final class AuditMigrationTests: XCTestCase {
    private var registry: AuditTestRegistry!

    override func setUpWithError() throws { registry = try AuditTestRegistry() }
    override func tearDown() { registry = nil }

    func testRorStatusAcceptsTheThreeRORStatusesAndNothingElse() throws {
        for status in ["active", "inactive", "withdrawn"] {
            XCTAssertNoThrow(try registry.institution(rorStatus: status))
        }
        XCTAssertThrowsError(try registry.institution(rorStatus: "closed")) { error in
            XCTAssertTrue((error as? DatabaseError)?.isConstraintViolation == true)
        }
    }

    func testSuccessorsGoWithTheirInstitution() throws {
        let institution = try registry.institution()
        try registry.successor(of: institution, ror: "02jz4aj89", name: "Merged University")
        XCTAssertThrowsError(try registry.successor(of: institution, ror: "02jz4aj89", name: nil))
        try registry.connection.execute("DELETE FROM institutions WHERE id = ?", [institution])
        XCTAssertEqual(try registry.connection.scalar("SELECT count(*) FROM institution_successors")?.int64, 0)
    }

    func testMigratingDownRemovesWhatItAddedAndUpAgainRestoresIt() throws {
        let migrator = try RegistryDatabase.migrator()
        let connection = registry.connection
        try registry.institution(rorStatus: "active")
        try migrator.migrateDown(connection, to: 1)
        let names = try connection.rows("SELECT name FROM sqlite_schema WHERE name LIKE '%dates' OR name LIKE 'institution_successors' OR name LIKE 'agreements_%'")
        XCTAssertEqual(names.count, 0)
        let columns = try connection.rows("SELECT name FROM pragma_table_info('institutions')").compactMap { $0[0].string }
        XCTAssertFalse(columns.contains("ror_status"))
        try migrator.migrateUp(connection)
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM institutions WHERE ror_status IS NULL")?.int64, 1)
    }

    func testTheAuditAsksForTheMigrationOnAnOlderRegistry() throws {
        let migrator = try RegistryDatabase.migrator()
        try migrator.migrateDown(registry.connection, to: 1)
        let settings = try AuditSettings(asOf: "2026-11-20")
        XCTAssertThrowsError(try Auditor(connection: registry.connection, settings: settings)) { error in
            guard case RegistryError.needsMigration = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("migrate up"))
        }
    }

    func testMigration0006FillsThePartySetOfStoredAgreements() throws {
        let migrator = try RegistryDatabase.migrator()
        let connection = registry.connection
        try migrator.migrateDown(connection, to: 5)
        XCTAssertFalse(try connection.rows("SELECT name FROM pragma_table_info('agreements')")
            .contains { $0[0].string == "party_set" })
        let institutions = try (1...11).map { _ in try registry.institution() }
        try connection.execute("INSERT INTO agreements (key, title, kind) VALUES ('a', 'A', 'mou')")
        let agreement = connection.lastInsertRowID
        // Inserted out of order, and ids of one and two digits: sorted as numbers.
        for party in [institutions[10], institutions[1], institutions[9]] {
            try connection.execute("INSERT INTO agreement_parties (agreement_id, institution_id) VALUES (?, ?)",
                                   [agreement, party])
        }
        try migrator.migrateUp(connection)
        let expected = [institutions[10], institutions[1], institutions[9]].sorted().map(String.init).joined(separator: ",")
        XCTAssertEqual(try connection.scalar("SELECT party_set FROM agreements WHERE key = 'a'")?.string, expected)
        XCTAssertEqual(try connection.scalar("PRAGMA integrity_check")?.string, "ok")
    }

    func testTheAuditAsksForMigration0007() throws {
        try RegistryDatabase.migrator().migrateDown(registry.connection, to: 6)
        let settings = try AuditSettings(asOf: "2026-11-20")
        XCTAssertThrowsError(try Auditor(connection: registry.connection, settings: settings)) { error in
            guard case RegistryError.needsMigration = error else { return XCTFail("\(error)") }
        }
    }

    func testTheAuditAsksForMigration0006() throws {
        try RegistryDatabase.migrator().migrateDown(registry.connection, to: 5)
        let settings = try AuditSettings(asOf: "2026-11-20")
        XCTAssertThrowsError(try Auditor(connection: registry.connection, settings: settings)) { error in
            guard case RegistryError.needsMigration = error else { return XCTFail("\(error)") }
        }
    }
}
