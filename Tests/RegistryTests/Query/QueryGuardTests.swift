import Database
import Foundation
@testable import Registry
import XCTest

/// `query` can never change the registry: every class of writing statement
/// is refused with its own message, and the file is byte-for-byte the same
/// afterwards.
final class QueryGuardTests: XCTestCase {
    var fixture: ReportRegistryFixture!

    override func setUpWithError() throws { fixture = try ReportRegistryFixture() }
    override func tearDown() { fixture = nil }

    /// The bytes of the database and its WAL, and what a reader sees.
    private func snapshot() throws -> [String] {
        var parts: [String] = []
        for suffix in ["", "-wal"] {
            let data = FileManager.default.contents(atPath: fixture.path + suffix) ?? Data()
            parts.append(SHA256.hexDigest(Array(data)))
        }
        let connection = try RegistryDatabase.open(path: fixture.path, access: .read)
        for row in try connection.rows("""
            SELECT (SELECT count(*) FROM agreements), (SELECT count(*) FROM institutions),
                   (SELECT group_concat(name) FROM sqlite_schema), (SELECT user_version FROM pragma_user_version)
            """) {
            parts.append(row.description)
        }
        return parts
    }

    private func rows(_ sql: String, timeout: TimeInterval? = nil) throws -> [[DatabaseValue]] {
        let reader = try fixture.reader()
        let statement = try reader.prepare(sql)
        var rows: [[DatabaseValue]] = []
        try reader.run(statement, timeout: timeout, columns: { _ in }, row: { rows.append($0) })
        return rows
    }

    private func assertRefused(_ sql: String, _ expected: QueryRefusal, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try rows(sql), sql, file: file, line: line) { error in
            XCTAssertEqual(error as? QueryError, .refused(expected), sql, file: file, line: line)
            XCTAssertEqual((error as? QueryError)?.category, .usage, file: file, line: line)
            XCTAssertTrue("\(error)".hasSuffix("The database was not changed."), file: file, line: line)
        }
    }

    func testEveryWritingStatementClassIsRefusedAndNothingChanges() throws {
        let before = try snapshot()
        assertRefused("INSERT INTO networks (key, name) VALUES ('x', 'X')", .write(verb: "INSERT", table: "networks"))
        assertRefused("REPLACE INTO networks (id, key, name) VALUES (1, 'x', 'X')", .write(verb: "INSERT", table: "networks"))
        assertRefused("UPDATE agreements SET title = 'x'", .write(verb: "UPDATE", table: "agreements"))
        assertRefused("DELETE FROM agreements", .write(verb: "DELETE", table: "agreements"))
        assertRefused("WITH doomed AS (SELECT id FROM agreements) DELETE FROM agreements WHERE id IN doomed",
                      .write(verb: "DELETE", table: "agreements"))
        assertRefused("WITH n AS (SELECT 'k' AS key) INSERT INTO networks (key, name) SELECT key, key FROM n",
                      .write(verb: "INSERT", table: "networks"))
        assertRefused("CREATE TABLE evil (x)", .schemaChange(verb: "CREATE", object: "evil"))
        assertRefused("CREATE TEMP TABLE scratch (x)", .schemaChange(verb: "CREATE", object: "scratch"))
        assertRefused("CREATE INDEX evil ON agreements (title)", .schemaChange(verb: "CREATE", object: "evil"))
        assertRefused("CREATE VIEW evil AS SELECT 1", .schemaChange(verb: "CREATE", object: "evil"))
        assertRefused("DROP TABLE appointments", .schemaChange(verb: "DROP", object: "appointments"))
        assertRefused("DROP VIEW agreement_overview", .schemaChange(verb: "DROP", object: "agreement_overview"))
        assertRefused("ALTER TABLE agreements ADD COLUMN evil TEXT", .schemaChange(verb: "ALTER TABLE", object: "agreements"))
        assertRefused("ALTER TABLE agreements RENAME TO gone", .schemaChange(verb: "ALTER TABLE", object: "agreements"))
        assertRefused("ATTACH DATABASE '\(fixture.directory.path("other.sqlite"))' AS other", .attach(verb: "ATTACH"))
        assertRefused("DETACH DATABASE main", .attach(verb: "DETACH"))
        assertRefused("PRAGMA user_version = 5", .pragma(name: "user_version", argument: "5"))
        assertRefused("PRAGMA foreign_keys = OFF", .pragma(name: "foreign_keys", argument: "OFF"))
        assertRefused("PRAGMA query_only = 0", .pragma(name: "query_only", argument: "0"))
        assertRefused("PRAGMA writable_schema = 1", .pragma(name: "writable_schema", argument: "1"))
        assertRefused("PRAGMA optimize", .pragma(name: "optimize", argument: nil))
        assertRefused("PRAGMA wal_checkpoint", .pragma(name: "wal_checkpoint", argument: nil))
        assertRefused("SELECT load_extension('/tmp/evil.so')", .loadExtension)
        assertRefused("SELECT fts3_tokenizer('simple')", .function(name: "fts3_tokenizer"))
        assertRefused("REINDEX", .schemaChange(verb: "REINDEX", object: ""))
        assertRefused("ANALYZE", .schemaChange(verb: "ANALYZE", object: ""))
        assertRefused("BEGIN", .transaction)
        assertRefused("SAVEPOINT s", .transaction)
        assertRefused("VACUUM", .notARead)
        assertRefused("VACUUM INTO '\(fixture.directory.path("copy.sqlite"))'", .notARead)
        assertRefused("UPDATE sqlite_master SET sql = ''", .write(verb: "UPDATE", table: "sqlite_schema"))
        assertRefused("SELECT 1; DELETE FROM agreements", .multipleStatements(count: 2))
        assertRefused("SELECT 1; SELECT 2", .multipleStatements(count: 2))
        XCTAssertEqual(try snapshot(), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.directory.path("copy.sqlite")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.directory.path("other.sqlite")))
    }

    func testReadsAreAllowed() throws {
        XCTAssertEqual(try rows("SELECT count(*) FROM agreements"), [[.integer(8)]])
        XCTAssertEqual(try rows("WITH k AS (SELECT key FROM networks) SELECT count(*) FROM k"), [[.integer(3)]])
        XCTAssertEqual(try rows("PRAGMA user_version"), [[.integer(Int64(try RegistryDatabase.embeddedMigrations().last?.version ?? 0))]])
        XCTAssertEqual(try rows("PRAGMA table_info(networks)").count, 11)
        XCTAssertFalse(try rows("EXPLAIN QUERY PLAN SELECT * FROM agreements WHERE id = 1").isEmpty)
        XCTAssertEqual(try rows("SELECT key FROM agreement_overview WHERE expires_end = '2026-06-30'"), [[.text("um-kyoto-regen")]])
        // Full-text search goes through the guard too (FTS5 reads its own tables).
        XCTAssertEqual(try rows("SELECT rowid FROM news_search WHERE news_search MATCH 'luik'"), [[.integer(2)]])
        XCTAssertEqual(try rows("VALUES (1, 'a')"), [[.integer(1), .text("a")]])
        XCTAssertEqual(try rows("SELECT 1 -- a trailing comment;"), [[.integer(1)]])
    }

    func testEmptyAndBrokenSQLAreUsageErrors() throws {
        XCTAssertThrowsError(try rows("  -- nothing\n")) { XCTAssertEqual($0 as? QueryError, .empty) }
        XCTAssertThrowsError(try rows("SELEC 1")) { error in
            guard case QueryError.invalidSQL(let message)? = error as? QueryError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("syntax error"), message)
            XCTAssertEqual((error as? QueryError)?.category, .usage)
        }
        XCTAssertThrowsError(try rows("SELECT * FROM nowhere")) { error in
            XCTAssertEqual(error as? QueryError, .invalidSQL(message: "no such table: nowhere"))
        }
    }

    /// A table, view or column typed wrong names the one probably meant,
    /// from the registry's own schema.
    func testUnknownTablesAndColumnsSuggestTheNameMeant() throws {
        for (sql, expected) in [
            ("SELECT * FROM agreement", "no such table: agreement; did you mean 'agreements'?"),
            ("SELECT * FROM agreement_overveiw", "no such table: agreement_overveiw; did you mean 'agreement_overview'?"),
            ("SELECT a.titel FROM agreements AS a", "no such column: a.titel; did you mean 'title'?"),
            ("SELECT signed FROM agreements", "no such column: signed; did you mean 'signed_on' or 'signed_last'?"),
            ("SELECT zzz FROM agreements", "no such column: zzz"),
        ] {
            XCTAssertThrowsError(try rows(sql), sql) { error in
                XCTAssertEqual(error as? QueryError, .invalidSQL(message: expected))
            }
        }
    }

    func testARunawayQueryStopsAtTheTimeout() throws {
        let started = Date()
        XCTAssertThrowsError(try rows("""
            WITH RECURSIVE forever(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM forever) SELECT count(*) FROM forever
            """, timeout: 0.3)) { error in
            XCTAssertEqual(error as? QueryError, .timedOut(seconds: 0.3))
            XCTAssertTrue("\(error)".contains("stopped after 0.3 s (--timeout)"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        // A query that finishes in time is not affected, and the connection works afterwards.
        XCTAssertEqual(try rows("SELECT count(*) FROM agreements", timeout: 5), [[.integer(8)]])
    }

    func testTheGuardAlsoProtectsAWritableConnection() throws {
        // The authorizer alone refuses writes, even where the file could be written.
        let writable = try fixture.writer()
        let queryGuard = QueryGuard(connection: writable)
        XCTAssertThrowsError(try queryGuard.prepare("DELETE FROM agreements")) { error in
            XCTAssertEqual(error as? QueryError, .refused(.write(verb: "DELETE", table: "agreements")))
        }
        XCTAssertEqual(try writable.scalar("SELECT count(*) FROM agreements"), .integer(8))
    }

    func testExtensionLoadingIsOffInEveryConnection() throws {
        let connection = try fixture.writer()
        XCTAssertThrowsError(try connection.execute("SELECT load_extension('/nonexistent/evil')")) { error in
            XCTAssertTrue("\(error)".contains("not authorized"), "\(error)")
        }
    }
}
