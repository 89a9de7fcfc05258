import Database
import Foundation
import Registry
import TestSupport
import XCTest

/// Two writers at once, through the real binary: the second waits for the
/// lock up to --busy-timeout, then succeeds or exits 75 with one clear line.
final class WriterConcurrencyTests: XCTestCase {
    var folder: TemporaryDirectory!

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder = nil }

    /// A registry file whose only migration is still pending, so `migrate up` must write.
    private func pendingRegistry() throws -> String {
        let path = folder.path("r.sqlite")
        XCTAssertEqual(try CLIRunner.run(["migrate", "up", "--to", "0", "--db", path]).status, 0)
        return path
    }

    func testTwoInitsOfANewRegistryAtOnceBothSucceed() throws {
        for round in 0..<4 {
            let path = folder.path("race\(round).sqlite")
            let first = try ChildProcess(["init", "--db", path])
            let second = try ChildProcess(["init", "--db", path])
            let (a, b) = (first.wait(), second.wait())
            XCTAssertEqual(a.status, 0, a.stderr)
            XCTAssertEqual(b.status, 0, b.stderr)
            let connection = try Connection(path: path, configuration: .init(mode: .readOnly))
            XCTAssertEqual(try connection.scalar("PRAGMA integrity_check")?.string, "ok")
            // Counted against the migrations, not the newest version: numbers may have gaps.
            XCTAssertEqual(try connection.scalar("SELECT count(*) FROM schema_migrations")?.int64,
                           Int64(try RegistryDatabase.embeddedMigrations().count), "each migration applied once")
        }
    }

    func testASecondWriterWaitsForTheLockAndThenSucceeds() throws {
        let path = try pendingRegistry()
        let holder = try Connection(path: path)
        try holder.execute("BEGIN IMMEDIATE")
        let released = expectation(description: "lock released")
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
            try? holder.execute("COMMIT")
            released.fulfill()
        }
        let started = Date()
        let result = try CLIRunner.run(["migrate", "up", "--busy-timeout", "20", "--db", path])
        let waited = Date().timeIntervalSince(started)
        wait(for: [released], timeout: 5)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("applied 0001_initial_schema.sql"), result.stdout)
        XCTAssertGreaterThan(waited, 0.8, "it waited for the lock")
    }

    func testAWriterThatWaitsTooLongExits75WithOneClearLine() throws {
        let path = try pendingRegistry()
        let holder = try Connection(path: path)
        try holder.execute("BEGIN IMMEDIATE")
        let started = Date()
        let result = try CLIRunner.run(["migrate", "up", "--busy-timeout", "0.3", "--db", path])
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(result.status, 75, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("partnerships: error: the database is busy"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--busy-timeout"), "says what to do: \(result.stderr)")
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        try holder.execute("ROLLBACK")
        let status = try CLIRunner.run(["migrate", "status", "--exit-code", "--db", path])
        XCTAssertEqual(status.status, 1, "still pending: \(status.stdout)")
    }

    func testReadersSeeTheStateBeforeAnOpenWrite() throws {
        let path = folder.path("r.sqlite")
        // An empty schema (no seeds), so the counts below are the writer's rows alone.
        XCTAssertEqual(try CLIRunner.run(["migrate", "up", "--db", path]).status, 0)
        let writer = try RegistryDatabase.open(path: path, access: .write)
        try writer.execute("BEGIN IMMEDIATE")
        try writer.execute("INSERT INTO institutions (key, name, country_code) VALUES ('um', 'Maastricht University', 'NL')")
        // Readers neither wait nor see the uncommitted row.
        let started = Date()
        let status = try CLIRunner.run(["migrate", "status", "--busy-timeout", "10", "--db", path])
        XCTAssertEqual(status.status, 0, status.stderr)
        let backup = try CLIRunner.run(["backup", folder.path("during.sqlite"), "--busy-timeout", "10", "--db", path])
        XCTAssertEqual(backup.status, 0, backup.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "readers did not wait for the writer")
        try writer.execute("COMMIT")
        XCTAssertEqual(try CLIRunner.run(["backup", folder.path("after.sqlite"), "--db", path]).status, 0)
        func count(_ name: String) throws -> Int64? {
            try Connection(path: folder.path(name), configuration: .init(mode: .readOnly, walMode: false))
                .scalar("SELECT count(*) FROM institutions")?.int64
        }
        XCTAssertEqual(try count("during.sqlite"), 0)
        XCTAssertEqual(try count("after.sqlite"), 1)
    }

    func testAQueryStoppedByItsTimeoutKeepsItsOwnMessage() throws {
        let path = folder.path("r.sqlite")
        XCTAssertEqual(try CLIRunner.run(["init", "--db", path]).status, 0)
        let result = try CLIRunner.run(["query", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n",
                                        "--timeout", "0.3", "--db", path])
        XCTAssertEqual(result.status, 75, result.stderr)
        XCTAssertTrue(result.stderr.contains("--timeout"), result.stderr)
        XCTAssertFalse(result.stderr.contains("the database is busy"), "no lock was involved: \(result.stderr)")
    }
}
