import Database
import Foundation
@testable import Registry
import XCTest

/// Every import of agreements or news fills the full-text index once at its
/// end (the insert trigger is set aside meanwhile): afterwards the index says
/// exactly what the tables hold, whatever the rows did, and the schema is as
/// it was.
final class SearchFillTests: XCTestCase {
    var registry: RegistryFixture!

    override func setUpWithError() throws {
        registry = try RegistryFixture()
        try registry.loadBasics()
    }

    override func tearDown() { registry = nil }

    private func agreementHits(_ words: String) throws -> Int64? {
        try registry.int("SELECT count(*) FROM agreement_search WHERE agreement_search MATCH ?", [words])
    }

    private func newsHits(_ words: String) throws -> Int64? {
        try registry.int("SELECT count(*) FROM news_search WHERE news_search MATCH ?", [words])
    }

    /// FTS5's own checks that each index says exactly what its table holds.
    private func assertSearchInStep(file: StaticString = #filePath, line: UInt = #line) {
        for table in ["agreement_search", "news_search"] {
            XCTAssertNoThrow(try registry.connection.execute("INSERT INTO \(table) (\(table), rank) VALUES ('integrity-check', 1)"),
                             table, file: file, line: line)
        }
    }

    func testRowsInsertedUpdatedAndSkippedAreSearchedAsTheyEndUp() throws {
        try registry.importText(.agreements, "a.csv", "key,title,kind,parties\nold1,Cardiology exchange,mou,um;york\n")
        try registry.importText(.news, "n.csv", """
            key,published_on,language,title,summary
            n1,2020-01-02,en,Glaciology week,Old summary

            """)
        let schema = try registry.schema()
        var options = ImportOptions()
        options.skipInvalid = true
        let agreements = try registry.importText(.agreements, "b.csv", """
            key,title,kind,parties
            a1,Hydrology exchange,mou,um;york
            old1,Volcanology exchange,mou,um;york
            a2,Seismology exchange,memorandum,um;york
            a3,Hydrology summit,exchange,uci;uliege

            """, options: options)
        XCTAssertEqual([agreements.inserted, agreements.updated, agreements.rejected], [2, 1, 1])
        let news = try registry.importText(.news, "m.csv", """
            key,published_on,language,title,summary
            n1,2020-01-02,en,Glaciology week,Meteorology summary
            n2,2021-05-06,nl,Hydrologie dag,
            n3,not a date,en,Seismology day,

            """, options: options)
        XCTAssertEqual([news.inserted, news.updated, news.rejected], [1, 1, 1])

        XCTAssertEqual(try agreementHits("hydrology"), 2)
        XCTAssertEqual(try agreementHits("volcanology"), 1, "the updated title")
        XCTAssertEqual(try agreementHits("cardiology"), 0, "the old title is gone")
        XCTAssertEqual(try agreementHits("seismology"), 0, "the rejected row")
        XCTAssertEqual(try newsHits("meteorology"), 1, "the updated summary")
        XCTAssertEqual(try newsHits("old"), 0)
        XCTAssertEqual(try newsHits("hydrologie"), 1)
        XCTAssertEqual(try newsHits("seismology"), 0, "the rejected row")
        assertSearchInStep()
        XCTAssertEqual(try registry.schema(), schema, "the insert triggers are back")

        // The triggers work for writes from outside the importer.
        try registry.connection.execute("INSERT INTO agreements (key, title, kind) VALUES ('x1', 'Limnology network', 'mou')")
        XCTAssertEqual(try agreementHits("limnology"), 1)
        assertSearchInStep()
    }

    func testAFailedNewsImportLeavesTheSchemaAndTheIndexAsTheyWere() throws {
        try registry.importText(.news, "n.csv", "key,published_on,language,title\nn1,2020-01-02,en,Glaciology week\n")
        let schema = try registry.schema()
        let report = try registry.importText(.news, "m.csv", """
            key,published_on,language,title
            n2,2021-05-06,en,Hydrology day
            n3,not a date,en,Seismology day

            """)
        XCTAssertFalse(report.committed)
        XCTAssertEqual(try registry.schema(), schema)
        XCTAssertEqual(try newsHits("hydrology"), 0)
        XCTAssertEqual(try newsHits("glaciology"), 1)
        assertSearchInStep()
    }

    /// An import that inserts nothing (the same file again) leaves the schema
    /// alone: other connections keep their prepared statements.
    func testAFileImportedAgainDoesNotTouchTheSchema() throws {
        let agreements = "key,title,kind,parties\na1,Hydrology exchange,mou,um;york\n"
        let news = "key,published_on,language,title\nn1,2020-01-02,en,Glaciology week\n"
        try registry.importText(.agreements, "a.csv", agreements)
        try registry.importText(.news, "n.csv", news)
        let version = try registry.int("PRAGMA schema_version")
        XCTAssertEqual(try registry.importText(.agreements, "a.csv", agreements).unchanged, 1)
        XCTAssertEqual(try registry.importText(.news, "n.csv", news).unchanged, 1)
        XCTAssertEqual(try registry.int("PRAGMA schema_version"), version)
        XCTAssertEqual([try agreementHits("hydrology"), try newsHits("glaciology")], [1, 1])
        assertSearchInStep()
    }
}
