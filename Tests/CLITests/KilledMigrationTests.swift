import Database
import Foundation
import TestSupport
import XCTest

/// A migration killed with SIGKILL half-way, through the real binary: the
/// file passes integrity_check and its schema is wholly the old version or
/// wholly the new one.
final class KilledMigrationTests: XCTestCase {
    var folder: TemporaryDirectory!

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder = nil }

    static let rows = 1_500_000

    /// 0001 is small; 0002 inserts many rows in one statement, so there is
    /// time to kill the process while it writes.
    private func writeMigrations() throws -> URL {
        let migrations = folder.url.appendingPathComponent("migrations")
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
        try "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);\nINSERT INTO notes (text) VALUES ('before');\n"
            .write(to: migrations.appendingPathComponent("0001_notes.sql"), atomically: true, encoding: .utf8)
        try """
            CREATE TABLE big (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);
            INSERT INTO big (payload)
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(Self.rows))
                SELECT printf('%040d', i) FROM n;
            UPDATE notes SET text = 'after';
            """.write(to: migrations.appendingPathComponent("0002_big.sql"), atomically: true, encoding: .utf8)
        return migrations
    }

    func testAMigrationKilledWhileWritingLeavesTheOldOrTheNewSchemaWhole() throws {
        let migrations = try writeMigrations()
        let path = folder.path("r.sqlite")
        let first = try CLIRunner.run(["migrate", "up", "--to", "1", "--db", path, "--migrations", migrations.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        let walBefore = ChildProcess.fileSize(path + "-wal")

        let child = try ChildProcess(["migrate", "up", "--db", path, "--migrations", migrations.path])
        // Pages spill into the -wal file long before the commit: kill once it has grown by 1 MB.
        let writing = ChildProcess.poll(timeout: 30) { ChildProcess.fileSize(path + "-wal") > walBefore + 1_000_000 }
        child.kill(SIGKILL)
        let outcome = child.wait()
        XCTAssertTrue(writing, "the migration never started writing")
        XCTAssertEqual(outcome.reason, .uncaughtSignal, "killed before it finished: \(outcome.stderr)")

        // Opening for writing replays or discards the -wal file, as the next command would.
        let connection = try Connection(path: path, configuration: .init(mode: .readWrite))
        XCTAssertEqual(try connection.scalar("PRAGMA integrity_check")?.string, "ok")
        let version = try connection.scalar("PRAGMA user_version")?.int64
        let recorded = try connection.rows("SELECT version FROM schema_migrations ORDER BY version").compactMap { $0[0].int64 }
        let hasBig = try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'big'")?.int64 == 1
        let note = try connection.scalar("SELECT text FROM notes")?.string
        if version == 1 {
            XCTAssertEqual(recorded, [1])
            XCTAssertFalse(hasBig)
            XCTAssertEqual(note, "before")
        } else {
            XCTAssertEqual(version, 2)
            XCTAssertEqual(recorded, [1, 2])
            XCTAssertEqual(try connection.scalar("SELECT count(*) FROM big")?.int64, Int64(Self.rows))
            XCTAssertEqual(note, "after")
        }
        let status = try CLIRunner.run(["migrate", "status", "--db", path, "--migrations", migrations.path])
        XCTAssertEqual(status.status, 0, status.stderr)
    }
}
