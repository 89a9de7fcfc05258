import Database
import Registry
import TestSupport
import XCTest

/// The schema's constraints, checked with bad values as a user's sqlite3
/// session would write them.
final class SchemaTests: XCTestCase {
    var folder: TemporaryDirectory!
    var connection: Connection!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        connection = try RegistryDatabase.open(path: folder.path("r.sqlite"), access: .create)
        try RegistryDatabase.migrator().migrateUp(connection)
        try connection.execute("""
            INSERT INTO institutions (id, key, name, country_code) VALUES (1, 'um', 'Maastricht University', 'NL');
            INSERT INTO institutions (id, key, name, country_code) VALUES (2, 'york', 'University of York', 'GB');
            INSERT INTO networks (id, key, name) VALUES (1, 'wun', 'Worldwide Universities Network');
            INSERT INTO agreements (id, key, title, kind) VALUES (1, 'a', 'An agreement', 'mou');
            INSERT INTO news_items (id, key, published_on, language, title) VALUES (1, 'n', '2018-11-28', 'en', 'News');
            """)
    }

    override func tearDown() {
        connection = nil
        folder = nil
    }

    /// Every date column, with an UPDATE that sets it.
    static let dateColumns: [(String, String)] = [
        ("institutions.established", "UPDATE institutions SET established = ? WHERE id = 1"),
        ("networks.founded_on", "UPDATE networks SET founded_on = ? WHERE id = 1"),
        ("memberships.since", "INSERT INTO memberships (network_id, institution_id, since) VALUES (1, 1, ?)"),
        ("memberships.until", "INSERT INTO memberships (network_id, institution_id, until) VALUES (1, 1, ?)"),
        ("agreements.signed_on", "UPDATE agreements SET signed_on = ? WHERE id = 1"),
        ("agreements.effective_from", "UPDATE agreements SET effective_from = ? WHERE id = 1"),
        ("agreements.expires_on", "UPDATE agreements SET expires_on = ? WHERE id = 1"),
        ("news_items.published_on", "UPDATE news_items SET published_on = ? WHERE id = 1"),
        ("appointments.starts_on", "INSERT INTO appointments (person, network_id, title, starts_on) VALUES ('P', 1, 'president', ?)"),
        ("appointments.ends_on", "INSERT INTO appointments (person, network_id, title, ends_on) VALUES ('P', 1, 'president', ?)"),
    ]

    func testEveryDateColumnAcceptsTheThreePrecisions() throws {
        for (column, sql) in Self.dateColumns {
            for value in ["2018", "2018-01", "2018-11-28", "2020-02-29", "1999-12-31"] {
                XCTAssertNoThrow(try insertAndUndo(sql, value), "\(column) = \(value)")
            }
        }
    }

    func testEveryDateColumnRejectsImpossibleAndMalformedDates() throws {
        let bad = ["2019-02-29", "2019-02-30", "2019-04-31", "2018-13-01", "2018-00-10", "2018-01-00", "2018-01-32",
                   "0000", "0000-01-01", "18", "2018-1-5", "2018/01/05", "2018-11-28T10:00", "2018-11-28 ", " 2018",
                   "28-11-2018", "abcd", "", "2018-W01", "201811"]
        for (column, sql) in Self.dateColumns {
            for value in bad {
                XCTAssertThrowsError(try connection.execute(sql, [value]), "\(column) = \(value.debugDescription)") { error in
                    XCTAssertEqual((error as? DatabaseError)?.extendedCode, 275, "CHECK constraint: \(error)")
                }
            }
        }
    }

    func testPublishedOnIsRequired() {
        XCTAssertThrowsError(try connection.execute("UPDATE news_items SET published_on = NULL WHERE id = 1"))
    }

    func testForeignKeysAreEnforced() throws {
        let violations = [
            "INSERT INTO agreement_parties (agreement_id, institution_id) VALUES (1, 99)",
            "INSERT INTO agreement_parties (agreement_id, institution_id) VALUES (99, 1)",
            "INSERT INTO memberships (network_id, institution_id) VALUES (99, 1)",
            "INSERT INTO institution_aliases (institution_id, alias) VALUES (99, 'x')",
            "INSERT INTO news_agreements (news_item_id, agreement_id) VALUES (1, 99)",
            "INSERT INTO news_institutions (news_item_id, institution_id) VALUES (1, 99)",
            "INSERT INTO news_networks (news_item_id, network_id) VALUES (1, 99)",
            "INSERT INTO appointments (person, institution_id, title) VALUES ('P', 99, 'rector')",
            "UPDATE institutions SET parent_id = 99 WHERE id = 1",
        ]
        for sql in violations {
            XCTAssertThrowsError(try connection.execute(sql), sql) { error in
                XCTAssertEqual((error as? DatabaseError)?.extendedCode, 787, "FOREIGN KEY: \(sql)")
            }
        }
    }

    func testDeletingAnAgreementRemovesItsPartiesButAPartyCannotVanish() throws {
        try connection.execute("INSERT INTO agreement_parties (agreement_id, institution_id) VALUES (1, 1), (1, 2)")
        XCTAssertThrowsError(try connection.execute("DELETE FROM institutions WHERE id = 2"), "RESTRICT keeps agreements whole")
        try connection.execute("DELETE FROM agreements WHERE id = 1")
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM agreement_parties")?.int64, 0)
    }

    func testEnumeratedColumnsRejectUnknownValues() {
        let bad = [
            "UPDATE institutions SET kind = 'castle' WHERE id = 1",
            "UPDATE institutions SET country_code = 'nl' WHERE id = 1",
            "UPDATE institutions SET country_code = 'NLD' WHERE id = 1",
            "UPDATE institutions SET ror_id = 'https://ror.org/02jz4aj89' WHERE id = 1",
            "UPDATE networks SET kind = 'club' WHERE id = 1",
            "UPDATE networks SET scope = 'galactic' WHERE id = 1",
            "UPDATE agreements SET kind = 'handshake' WHERE id = 1",
            "UPDATE agreements SET status = 'maybe' WHERE id = 1",
            "UPDATE news_items SET language = 'eng' WHERE id = 1",
            "INSERT INTO memberships (network_id, institution_id, role) VALUES (1, 1, 'boss')",
            "INSERT INTO appointments (person, institution_id, network_id, title) VALUES ('P', 1, 1, 'both')",
            "INSERT INTO appointments (person, title) VALUES ('P', 'neither')",
            "UPDATE institutions SET key = ' um' WHERE id = 1",
            "UPDATE institutions SET parent_id = 1 WHERE id = 1",
        ]
        for sql in bad {
            XCTAssertThrowsError(try connection.execute(sql), sql)
        }
        XCTAssertNoThrow(try connection.execute("UPDATE institutions SET ror_id = '02jz4aj89' WHERE id = 1"))
    }

    func testTablesAreStrict() {
        XCTAssertThrowsError(try connection.execute("UPDATE institutions SET name = x'00ff' WHERE id = 1"),
                             "STRICT: a blob is not TEXT") { error in
            XCTAssertEqual((error as? DatabaseError)?.extendedCode, 3091, "SQLITE_CONSTRAINT_DATATYPE")
        }
    }
}

private struct Undo: Error {}

extension SchemaTests {
    /// Runs the statement in a savepoint that is then rolled back, so each
    /// value is tried against the same starting rows.
    func insertAndUndo(_ sql: String, _ value: String) throws {
        do {
            try connection.savepoint {
                try connection.execute(sql, [value])
                throw Undo()
            }
        } catch is Undo {}
    }
}
