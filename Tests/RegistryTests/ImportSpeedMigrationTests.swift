import Database
import Foundation
import Registry
import XCTest

/// Migration 0007: the full-text index of agreements without its size table,
/// agreements_signed gone, and the audit's expiry index holding only active
/// agreements; and its undo.
final class ImportSpeedMigrationTests: XCTestCase {
    private var registry: AuditTestRegistry!

    override func setUpWithError() throws { registry = try AuditTestRegistry() }
    override func tearDown() { registry = nil }

    private func names(_ like: String) throws -> Set<String> {
        Set(try registry.connection.rows("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') AND name LIKE ?", [like])
            .compactMap { $0[0].string })
    }

    private func ranked(_ query: String) throws -> [[DatabaseValue]] {
        try registry.connection.rows("""
            SELECT rowid, rank FROM agreement_search WHERE agreement_search MATCH ? ORDER BY rank, rowid
            """, [query]).map { [$0[0], $0[1]] }
    }

    @discardableResult
    private func agreement(title: String, notes: String? = nil) throws -> Int64 {
        try registry.connection.execute("INSERT INTO agreements (key, title, kind, notes) VALUES (?, ?, 'mou', ?)",
                                        ["agr-\(UUID().uuidString)", title, notes])
        return registry.connection.lastInsertRowID
    }

    private func integrityCheck() throws {
        XCTAssertNoThrow(try registry.connection.execute(
            "INSERT INTO agreement_search (agreement_search, rank) VALUES ('integrity-check', 1)"))
    }

    /// The same words find the same agreements with the same bm25 scores
    /// (title words weighing ten times more) with or without the size table.
    func testSearchScoresAreTheSameBeforeAndAfter() throws {
        try agreement(title: "Regenerative medicine exchange")
        try agreement(title: "Student exchange", notes: "Regenerative medicine, regenerative biology")
        try agreement(title: "Joint degree in medicine and regenerative studies of the liver")
        let migrator = try RegistryDatabase.migrator()
        try migrator.migrateDown(registry.connection, to: 6)
        let before = try ranked("regenerative medicine")
        XCTAssertEqual(before.count, 3)
        try migrator.migrateUp(registry.connection)
        XCTAssertEqual(try ranked("regenerative medicine"), before)
        try integrityCheck()
    }

    func testUpDropsTheSizeTableAndTheDuplicateIndexesAndDownBringsThemBack() throws {
        try agreement(title: "Liège exchange")
        XCTAssertEqual(try names("agreement_search_docsize"), [])
        XCTAssertEqual(try names("news_search_docsize"), ["news_search_docsize"])
        XCTAssertEqual(try names("agreements_s%"), ["agreements_signed_on"], "migration 0011")
        XCTAssertEqual(try names("agreements_active_expiry"), ["agreements_active_expiry"])

        try RegistryDatabase.migrator().migrateDown(registry.connection, to: 6)
        XCTAssertEqual(try names("agreement_search_docsize"), ["agreement_search_docsize"])
        XCTAssertEqual(try names("agreements_s%"), ["agreements_signed_start", "agreements_signed", "agreements_status_expires"])
        XCTAssertEqual(try names("agreements_active_expiry"), [])
        XCTAssertEqual(try ranked("liege").count, 1)
        try integrityCheck()
    }

    /// The triggers of 0003 keep the new table in step.
    func testTheSearchTriggersWriteToTheNewTable() throws {
        let id = try agreement(title: "Exchange with Leuven")
        XCTAssertEqual(try ranked("leuven").count, 1)
        try registry.connection.execute("UPDATE agreements SET title = 'Exchange with Ghent' WHERE id = ?", [id])
        XCTAssertEqual(try ranked("leuven").count, 0)
        XCTAssertEqual(try ranked("ghent").count, 1)
        try registry.connection.execute("DELETE FROM agreements WHERE id = ?", [id])
        XCTAssertEqual(try ranked("ghent").count, 0)
        try integrityCheck()
    }
}
