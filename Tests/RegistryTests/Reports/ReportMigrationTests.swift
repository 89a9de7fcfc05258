import Database
@testable import Registry
import TestSupport
import XCTest

/// Migration 0003 on a registry that already holds data, and back.
final class ReportMigrationTests: XCTestCase {
    func testIndexesExistingRowsAndUndoesCleanly() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("registry.sqlite")
        let connection = try RegistryDatabase.open(path: path, access: .create)
        let migrator = try RegistryDatabase.migrator()
        let before0003 = migrator.migrations.filter { $0.version < 3 }.last?.version ?? 1
        try migrator.migrateUp(connection, to: before0003)
        let schemaBefore = try connection.rows("SELECT type, name FROM sqlite_schema ORDER BY name").map(\.description)
        try connection.execute("""
            INSERT INTO institutions (id, key, name, country_code) VALUES (1, 'a', 'A', 'NL'), (2, 'b', 'B', 'BE');
            INSERT INTO agreements (id, key, title, kind, expires_on) VALUES (1, 'x', 'Erasmus exchange in Liège', 'exchange', '2024-02');
            INSERT INTO agreement_parties (agreement_id, institution_id) VALUES (1, 1), (1, 2);
            INSERT INTO news_items (id, key, published_on, language, title) VALUES (1, 'n', '2024', 'en', 'Erasmus news');
            """)
        try migrator.migrateUp(connection, to: 3)
        XCTAssertEqual(try connection.scalar("SELECT rowid FROM agreement_search WHERE agreement_search MATCH 'liege'"), .integer(1))
        XCTAssertEqual(try connection.scalar("SELECT rowid FROM news_search WHERE news_search MATCH 'erasmus'"), .integer(1))
        // A leap-year February ends on the 29th.
        XCTAssertEqual(try connection.scalar("SELECT expires_end FROM agreement_overview"), .text("2024-02-29"))
        XCTAssertEqual(try connection.scalar("SELECT parties FROM agreement_overview"), .text("A (NL); B (BE)"))
        XCTAssertEqual(try connection.scalar("SELECT code FROM country_lookup WHERE label = 'holland' COLLATE NOCASE"), .text("NL"))
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM countries"), .integer(250))

        try migrator.migrateDown(connection, to: before0003)
        XCTAssertEqual(try connection.rows("SELECT type, name FROM sqlite_schema ORDER BY name").map(\.description)
                        .filter { !$0.contains("schema_migrations") }, schemaBefore.filter { !$0.contains("schema_migrations") })
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM agreements"), .integer(1))
    }

    func testPartialDatesBecomePeriods() throws {
        let connection = try Connection(path: ":memory:")
        try RegistryDatabase.migrator().migrateUp(connection)
        try connection.execute("""
            INSERT INTO agreements (id, key, title, kind, status, signed_on, effective_from, expires_on) VALUES
                (1, 'year', 't', 'mou', 'active', '2020', NULL, '2025'),
                (2, 'month', 't', 'mou', 'active', '2020-02', '2020-03', '2023-02'),
                (3, 'day', 't', 'mou', 'active', '2020-02-10', NULL, '2023-12-31'),
                (4, 'open', 't', 'mou', 'active', NULL, NULL, NULL),
                (5, 'draft', 't', 'mou', 'draft', '2020', NULL, NULL),
                (6, 'dirty', 't', 'mou', 'active', '2022-05-01', NULL, '2021-01-01');
            """)
        let rows = try connection.rows("""
            SELECT key, signed_start, effective_start, expires_end, in_force_from, in_force_until,
                   '2021-06-01' BETWEEN in_force_from AND in_force_until
            FROM agreement_overview ORDER BY id
            """).map { $0.values.map { $0.string ?? "∅" } }
        XCTAssertEqual(rows, [
            ["year", "2020-01-01", "∅", "2025-12-31", "2020-01-01", "2025-12-31", "1"],
            ["month", "2020-02-01", "2020-03-01", "2023-02-28", "2020-03-01", "2023-02-28", "1"],
            ["day", "2020-02-10", "∅", "2023-12-31", "2020-02-10", "2023-12-31", "1"],
            ["open", "∅", "∅", "∅", "0000-01-01", "9999-12-31", "1"],
            ["draft", "2020-01-01", "∅", "∅", "∅", "∅", "∅"],
            ["dirty", "2022-05-01", "∅", "2021-01-01", "2022-05-01", "2021-01-01", "0"],
        ])
    }

    /// The expiring report finds its agreements through an index on the
    /// expiry as written (migrations 0007, 0011), not by reading every one.
    func testExpiringReadsAnExpiryIndex() throws {
        let connection = try Connection(path: ":memory:")
        try RegistryDatabase.migrator().migrateUp(connection)
        let sql = try XCTUnwrap(ReportCatalogue.builtIn().first { $0.name == "expiring" }).sql
        // Its parameters unbound (NULL): the plan does not depend on them.
        let explain = try connection.prepare("EXPLAIN QUERY PLAN " + sql)
        var plan: [String] = []
        while try explain.step() { plan.append(explain.row()["detail"].string ?? "") }
        XCTAssertTrue(plan.contains { $0.hasPrefix("SEARCH a USING INDEX agreements_active_expiry (expires_on>? AND expires_on<?)")
                                      || $0.hasPrefix("SEARCH a USING INDEX agreements_expires_on (expires_on>? AND expires_on<?)") },
                      "\(plan)")
        XCTAssertFalse(plan.contains { $0.hasPrefix("SCAN a") }, "\(plan)")
    }
}
