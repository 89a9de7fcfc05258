import CSQLite
import Database
import TestSupport
import XCTest

final class ConnectionTests: XCTestCase {
    var folder: TemporaryDirectory!

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder = nil }

    func testOpensWithForeignKeysOnAndWAL() throws {
        let connection = try Connection(path: folder.path("a.sqlite"))
        XCTAssertEqual(try connection.scalar("PRAGMA foreign_keys")?.int64, 1)
        XCTAssertEqual(try connection.scalar("PRAGMA journal_mode")?.string, "wal")
        XCTAssertEqual(try connection.scalar("PRAGMA synchronous")?.int64, 1, "NORMAL is 1")
    }

    func testForeignKeysAreEnforced() throws {
        let connection = try Connection(path: folder.path("a.sqlite"))
        try connection.execute("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));
            """)
        XCTAssertThrowsError(try connection.execute("INSERT INTO child VALUES (?)", [42])) { error in
            XCTAssertEqual((error as? DatabaseError)?.extendedCode, 787, "SQLITE_CONSTRAINT_FOREIGNKEY")
        }
    }

    func testDoubleQuotedStringsAreIdentifiersNotLiterals() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (status TEXT)")
        XCTAssertThrowsError(try connection.execute("INSERT INTO t VALUES (\"active\")")) { error in
            XCTAssertTrue((error as? DatabaseError)?.message.contains("no such column") ?? false, "\(error)")
        }
    }

    func testReadOnlyConnectionRefusesWrites() throws {
        let path = folder.path("a.sqlite")
        try Connection(path: path).execute("CREATE TABLE t (x INTEGER)")
        let reader = try Connection(path: path, configuration: .init(mode: .readOnly))
        XCTAssertTrue(reader.isReadOnly)
        XCTAssertThrowsError(try reader.execute("INSERT INTO t VALUES (1)")) { error in
            XCTAssertEqual((error as? DatabaseError)?.primaryCode, SQLITE_READONLY)
            XCTAssertEqual((error as? DatabaseError)?.category, .databaseUnavailable)
        }
    }

    func testOpeningAMissingFileWithoutCreateFails() {
        XCTAssertThrowsError(try Connection(path: folder.path("missing.sqlite"), configuration: .init(mode: .readWrite))) { error in
            XCTAssertEqual((error as? DatabaseError)?.primaryCode, SQLITE_CANTOPEN)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("missing.sqlite")))
    }

    func testPrepareDatabaseRunsBeforeTheSwitchToWAL() throws {
        let path = folder.path("a.sqlite")
        struct Refused: Error {}
        XCTAssertThrowsError(try Connection(path: path, configuration: .init(prepareDatabase: { _ in throw Refused() })))
        // Refused before WAL: nothing was written, so the file is still empty.
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
        XCTAssertEqual(size, 0)
    }

    func testBusyTimeoutThenBusyError() throws {
        let path = folder.path("a.sqlite")
        let writer = try Connection(path: path)
        try writer.execute("CREATE TABLE t (x INTEGER)")
        let other = try Connection(path: path, configuration: .init(busyTimeout: 0.2))
        try writer.execute("BEGIN IMMEDIATE")
        let started = Date()
        XCTAssertThrowsError(try other.transaction { try other.execute("INSERT INTO t VALUES (1)") }) { error in
            XCTAssertTrue((error as? DatabaseError)?.isBusy ?? false, "\(error)")
            XCTAssertEqual((error as? DatabaseError)?.category, .busy)
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.15, "waited for the busy timeout")
        try writer.execute("ROLLBACK")
    }

    func testExecuteRunsEveryStatementOfAScript() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("""
            -- a comment
            CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);
            INSERT INTO t VALUES (2); /* trailing comment */
            """)
        XCTAssertEqual(try connection.scalar("SELECT sum(x) FROM t")?.int64, 3)
    }

    /// SQLite's memory statistics are off (a process-wide mutex taken on every
    /// allocation, which connections on several threads queue on): with them
    /// on, an open connection that has run a query has memory in use.
    func testSQLiteKeepsNoMemoryStatistics() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a' || 'b')")
        XCTAssertEqual(sqlite3_memory_used(), 0)
        _ = connection
    }
}
