import Database
@testable import Registry
import XCTest

/// Migration 0010: `agreement_tallies` holds the number of agreements of each
/// kind and status, kept by triggers, and by the importer while it has set
/// the insert trigger aside. Whatever is written, and however, the tallies
/// say what grouping the table says, and the schema ends as it began.
final class AgreementTalliesTests: XCTestCase {
    private var registry: RegistryFixture!
    private var connection: Connection { registry.connection }

    override func setUpWithError() throws {
        registry = try RegistryFixture()
        try registry.loadBasics()
    }

    override func tearDown() { registry = nil }

    /// The tallies above 0, and the table grouped, as "kind status count".
    private func tallies() throws -> [String] {
        try registry.strings("SELECT kind || ' ' || status || ' ' || count FROM agreement_tallies WHERE count > 0 ORDER BY 1")
    }

    private func grouped() throws -> [String] {
        try registry.strings("SELECT kind || ' ' || status || ' ' || count(*) FROM agreements GROUP BY kind, status ORDER BY 1")
    }

    private func assertTalliesExact(_ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try tallies(), try grouped(), message, file: file, line: line)
    }

    /// `count` agreements (keys from `first`), kinds and statuses in turn.
    private func agreementsFile(count: Int, first: Int = 1, statusShift: Int = 0) -> String {
        let kinds = ["mou", "exchange", "dual_degree", "funding", "cooperation_agreement"]
        let statuses = ["active", "draft", "terminated"]
        var text = "key,title,kind,parties,status\n"
        for i in first..<(first + count) {
            text += "a\(i),Agreement \(i),\(kinds[i % kinds.count]),um;york,\(statuses[(i + statusShift) % statuses.count])\n"
        }
        return text
    }

    func testALargeImportCountsItsRowsOnceAndPutsTheTriggerBack() throws {
        try registry.importText(.agreements, "seed.csv", agreementsFile(count: 7))
        assertTalliesExact("the trigger counted the first rows")
        let schema = try registry.schema()

        var options = ImportOptions()
        options.deferIndexesAfterRows = 100
        options.minimumRowsForDeferredIndexes = 10
        let report = try registry.importText(.agreements, "large.csv", agreementsFile(count: 1_000, first: 8),
                                             options: options)
        XCTAssertEqual(report.inserted, 1_000)
        XCTAssertEqual(try registry.int("SELECT sum(count) FROM agreement_tallies"), 1_007)
        assertTalliesExact()
        XCTAssertEqual(try registry.schema(), schema, "the insert trigger is back, as it was")

        // The trigger counts writes from outside the importer again.
        try connection.execute("INSERT INTO agreements (key, title, kind, status) VALUES ('x1', 'Outside', 'other', 'draft')")
        assertTalliesExact()
    }

    func testUpdatesRejectedRowsAndRowsWithoutKeysAreCountedAsTheyEndUp() throws {
        try registry.importText(.agreements, "seed.csv", agreementsFile(count: 30))
        var options = ImportOptions()
        options.skipInvalid = true
        // a1-a10 again with other statuses (updates), a bad row, new rows,
        // and a row without a key (found or created by its identity).
        var text = agreementsFile(count: 10, statusShift: 1)
        text += "a99,Bad,memorandum,um;york,active\n"
        text += agreementsFile(count: 20, first: 31).split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        text += ",No key,funding,um;uliege,draft\n"
        let report = try registry.importText(.agreements, "mixed.csv", text, options: options)
        XCTAssertEqual([report.inserted, report.updated, report.rejected], [21, 10, 1])
        assertTalliesExact()

        // All or nothing: a failed row leaves the tallies as they were.
        let before = try tallies()
        let failed = try registry.importText(.agreements, "failed.csv", agreementsFile(count: 50, first: 100)
                                                + "a999,Bad,memorandum,um;york,active\n")
        XCTAssertFalse(failed.committed)
        XCTAssertEqual(try tallies(), before)
        assertTalliesExact()
    }

    func testWritesFromOutsideKeepTheTalliesExact() throws {
        try registry.importText(.agreements, "seed.csv", agreementsFile(count: 12))
        try connection.execute("UPDATE agreements SET status = 'terminated' WHERE key IN ('a1', 'a2')")
        try connection.execute("UPDATE agreements SET kind = 'other', status = 'draft' WHERE key = 'a3'")
        try connection.execute("UPDATE agreements SET title = 'Renamed' WHERE key = 'a4'")
        try connection.execute("DELETE FROM agreements WHERE key IN ('a5', 'a6')")
        try connection.execute("""
            INSERT OR REPLACE INTO agreements (key, title, kind, status) VALUES ('a7', 'Replaced', 'funding', 'draft')
            """)
        assertTalliesExact()
        XCTAssertEqual(try registry.int("SELECT sum(count) FROM agreement_tallies"), 10)
    }

    func testTheMigrationCountsWhatIsThereAndUndoesCleanly() throws {
        try registry.importText(.agreements, "seed.csv", agreementsFile(count: 40))
        try RegistryDatabase.migrator().migrateDown(connection, to: 9)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM sqlite_schema WHERE name = 'agreement_tallies'"), 0)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM sqlite_schema WHERE name = 'agreements_kind_status'"), 1)
        try connection.execute("UPDATE agreements SET status = 'draft' WHERE key = 'a1'")

        try RegistryDatabase.migrator().migrateUp(connection)
        assertTalliesExact("computed from the table by the migration")
        XCTAssertEqual(try registry.int("SELECT count(*) FROM sqlite_schema WHERE name = 'agreements_kind_status'"), 0)
        XCTAssertEqual(try registry.string("PRAGMA integrity_check"), "ok")
    }
}
