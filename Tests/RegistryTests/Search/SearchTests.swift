import Database
@testable import Registry
import XCTest

/// Full-text search: words taken literally, ranked, with snippets, and the
/// index in step with the tables whatever changes them.
final class SearchTests: XCTestCase {
    var fixture: ReportRegistryFixture!

    override func setUpWithError() throws { fixture = try ReportRegistryFixture() }
    override func tearDown() { fixture = nil }

    private func search(_ words: [String], limit: Int = 20) throws -> [[String]] {
        var columns: [String] = []
        var rows: [[String]] = []
        try RegistrySearch.run(words: words, limit: limit, guard: fixture.reader(),
                               columns: { columns = $0 }, row: { rows.append($0.map(ReportRegistryFixture.text)) })
        XCTAssertEqual(columns, ["kind", "key", "date", "title", "snippet", "relevance"])
        return rows
    }

    private func keys(_ words: [String]) throws -> [String] { try search(words).map { $0[1] } }

    func testWordsAreQuotedSoNothingIsASyntaxError() {
        XCTAssertEqual(SearchExpression.make(["regenerative medicine"]), "\"regenerative\" \"medicine\"")
        XCTAssertEqual(SearchExpression.make(["AND", "NOT", "\"", "a\"b", "NEAR(x"]),
                       "\"AND\" \"NOT\" \"\"\"\" \"a\"\"b\" \"NEAR(x\"")
        XCTAssertEqual(SearchExpression.make(["medic*"]), "\"medic\" *")
        XCTAssertNil(SearchExpression.make(["  ", "*"]))
        for words in [["AND"], ["\""], ["OR", "NOT"], ["-"], ["title:x"], ["(", ")"], ["^start"]] {
            XCTAssertNoThrow(try search(words), "\(words)")
        }
        XCTAssertThrowsError(try search([" "])) { XCTAssertEqual($0 as? RegistrySearch.Failure, .noWords) }
    }

    func testRankedWithSnippetsAcrossNewsAndAgreements() throws {
        let rows = try search(["regenerative", "medicine"])
        // Both in a title; the shorter title ranks first.
        XCTAssertEqual(rows.map { $0[0] + " " + $0[1] }, ["agreement um-kyoto-regen", "news kyoto-regen"])
        XCTAssertEqual(rows[0][4], "Research collaboration on [regenerative] [medicine]")
        XCTAssertEqual(rows[1][4], "Kyoto and Maastricht join forces on [regenerative] [medicine]")
        XCTAssertEqual(rows[0][2], "2023")
        XCTAssertEqual(rows[1][2], "2023-06")
        XCTAssertGreaterThan(Double(rows[0][5]) ?? 0, 0)
        // A word in a title outranks the same word in a summary or the notes.
        let water = try search(["water"])
        XCTAssertEqual(water.map { $0[1] }, ["uliege-andes-water", "water-deal"])
        // Within one index, the better match comes first: all words in the title.
        let dual = try search(["dual", "degree"])
        XCTAssertEqual(dual.first?[1], "dual-degree-europe")
    }

    func testAccentsAndCaseDoNotMatterAndPrefixesMatch() throws {
        XCTAssertEqual(Set(try keys(["LIEGE"])), ["uliege-andes-water", "water-deal", "dual-degree-en"])
        XCTAssertEqual(try keys(["luik"]), ["dual-degree-nl"])
        XCTAssertEqual(Set(try keys(["medic*"])), ["kyoto-regen", "um-kyoto-regen", "mumc-rwth-exchange"])
        XCTAssertEqual(try keys(["nothing-like-this"]), [])
        XCTAssertEqual(try search(["maastricht"], limit: 2).count, 2)
    }

    func testTheIndexFollowsInsertUpdateAndDelete() throws {
        let writer = try fixture.writer()
        try writer.execute("UPDATE agreements SET title = 'Joint programme in photonics' WHERE key = 'um-kyoto-regen'")
        XCTAssertEqual(try keys(["regenerative"]), ["kyoto-regen"])
        XCTAssertEqual(try keys(["photonics"]), ["um-kyoto-regen"])
        try writer.execute("UPDATE agreements SET notes = 'Quantum optics as well.' WHERE key = 'um-kyoto-regen'")
        XCTAssertEqual(try keys(["optics"]), ["um-kyoto-regen"])
        XCTAssertEqual(try keys(["stem"]), ["kyoto-regen"])  // the old notes are forgotten
        try writer.execute("UPDATE news_items SET summary = NULL WHERE key = 'kyoto-regen'")
        XCTAssertEqual(try keys(["stem"]), [])
        try writer.execute("DELETE FROM news_items WHERE key = 'water-deal'")
        XCTAssertEqual(try keys(["bogota"]), ["um-andes-draft"])
        try writer.execute("""
            INSERT INTO news_items (key, published_on, language, title) VALUES ('photonics', '2026-02', 'en', 'Photonics lab opens')
            """)
        XCTAssertEqual(Set(try keys(["photonics"])), ["photonics", "um-kyoto-regen"])
        // A changed id (rowid) moves the entry with it.
        try writer.execute("INSERT INTO agreements (id, key, title, kind) VALUES (50, 'loose', 'Letter about lasers', 'other')")
        try writer.execute("UPDATE agreements SET id = 60 WHERE key = 'loose'")
        XCTAssertEqual(try keys(["lasers"]), ["loose"])
        // INSERT OR REPLACE deletes the old row first: with recursive
        // triggers on, its DELETE trigger forgets the old text.
        try writer.execute("INSERT OR REPLACE INTO agreements (id, key, title, kind) VALUES (60, 'loose', 'Letter of intent', 'other')")
        XCTAssertEqual(try keys(["lasers"]), [])
        XCTAssertEqual(try keys(["intent"]), ["loose"])
        // An upsert runs the UPDATE trigger.
        try writer.execute("""
            INSERT INTO agreements (key, title, kind) VALUES ('loose', 'Letter of regret', 'other')
            ON CONFLICT (key) DO UPDATE SET title = excluded.title
            """)
        XCTAssertEqual(try keys(["intent"]), [])
        XCTAssertEqual(try keys(["regret"]), ["loose"])
        try assertIndexesConsistent(writer)
    }

    func testUnchangedTextDoesNotTouchTheIndexAndBulkChangesStayConsistent() throws {
        let writer = try fixture.writer()
        try writer.transaction {
            try writer.execute("UPDATE agreements SET status = 'terminated', title = title")
            try writer.execute("UPDATE news_items SET title = upper(title)")
            try writer.execute("DELETE FROM agreements WHERE kind = 'other'")
        }
        XCTAssertEqual(try keys(["draft"]), [])
        XCTAssertEqual(try keys(["selected"]), ["yufe-selected"])
        try assertIndexesConsistent(writer)
    }

    /// FTS5 checks an external-content index against its table.
    private func assertIndexesConsistent(_ connection: Connection, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertNoThrow(try connection.execute("INSERT INTO agreement_search (agreement_search, rank) VALUES ('integrity-check', 1)"),
                         file: file, line: line)
        XCTAssertNoThrow(try connection.execute("INSERT INTO news_search (news_search, rank) VALUES ('integrity-check', 1)"),
                         file: file, line: line)
    }
}
