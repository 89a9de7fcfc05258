import Database
import Foundation
import Registry
import TestSupport
import XCTest

/// Every kind of file a user may point --db at by mistake, through the real
/// binary: one line on stderr, the README's exit code, and the file's bytes
/// exactly as they were.
final class BadDatabaseFileTests: XCTestCase {
    var folder: TemporaryDirectory!
    var readOnly: [ReadOnlyFile] = []

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        try "key,name\nnew-network,A New Network\n".write(toFile: folder.path("networks.csv"), atomically: true, encoding: .utf8)
    }
    override func tearDown() {
        readOnly.reversed().forEach { $0.restore() }
        readOnly = []
        folder = nil
    }

    /// A registry at the current schema, in WAL mode as partnerships leaves it.
    private func makeRegistry(_ name: String) throws -> String {
        let path = folder.path(name)
        XCTAssertEqual(try CLIRunner.run(["init", "--db", path]).status, 0)
        return path
    }

    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Runs each command against `path` and checks the code, the one-line
    /// message and that the file is unchanged.
    private func assertRefused(_ path: String, commands: [[String]], status: Int32, mentions: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try? bytes(path)
        for command in commands {
            let result = try CLIRunner.run(command + ["--db", path], in: folder.url)
            let label = command.joined(separator: " ")
            XCTAssertEqual(result.status, status, "\(label): \(result.stderr)", file: file, line: line)
            XCTAssertTrue(result.stderr.hasPrefix("partnerships: error: "), "\(label): \(result.stderr)", file: file, line: line)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "\(label): one line, got \(result.stderr)",
                           file: file, line: line)
            XCTAssertTrue(result.stderr.contains(mentions), "\(label): \(result.stderr)", file: file, line: line)
            XCTAssertFalse(result.stderr.contains("SQLite error"), "\(label): a user's message, not SQLite's: \(result.stderr)",
                           file: file, line: line)
            XCTAssertEqual(try? bytes(path), before, "\(label) changed the file", file: file, line: line)
        }
    }

    /// Commands run in the test's folder, which holds `networks.csv`.
    static let writers: [[String]] = [["init"], ["migrate", "up"], ["migrate", "down", "--to", "0"],
                                      ["import", "networks", "networks.csv"]]
    static let readers: [[String]] = [["migrate", "status"], ["backup", "copy.sqlite"]]
    static let reports: [[String]] = [["query", "SELECT count(*) FROM agreements"], ["report", "overview"], ["audit"]]

    func testAFileThatIsNotADatabase() throws {
        let path = folder.path("notes.txt")
        try Data(String(repeating: "these are my notes\n", count: 300).utf8).write(to: URL(fileURLWithPath: path))
        try assertRefused(path, commands: Self.writers + Self.readers + Self.reports, status: 78,
                          mentions: "is not an SQLite database")
    }

    func testAnotherApplicationsDatabase() throws {
        let path = folder.path("photos.db")
        do {
            let other = try Connection(path: path, configuration: .init(walMode: false))
            try other.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES ('cat.jpg');")
        }
        try assertRefused(path, commands: Self.writers + Self.readers + Self.reports, status: 78, mentions: "another application")
    }

    func testAMissingFolder() throws {
        try assertRefused(folder.path("no/such/folder/r.sqlite"), commands: Self.writers + Self.readers + Self.reports, status: 74,
                          mentions: "no/such/folder")
    }

    func testAFolderInsteadOfAFile() throws {
        try assertRefused(folder.url.path, commands: Self.writers + Self.readers + Self.reports, status: 74, mentions: "is a folder")
    }

    func testAReadOnlyFileRefusesWritersAndServesReaders() throws {
        let path = try makeRegistry("r.sqlite")
        readOnly.append(try ReadOnlyFile(path))
        try assertRefused(path, commands: Self.writers, status: 74, mentions: "is read-only")
        let before = try bytes(path)
        for command in Self.readers + Self.reports {
            let result = try CLIRunner.run(command + ["--db", path], in: folder.url)
            XCTAssertTrue([0, 1].contains(result.status), "\(command): \(result.stderr)")
        }
        XCTAssertEqual(try bytes(path), before)
    }

    func testAReadOnlyFolderSaysSo() throws {
        let sub = folder.url.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let path = sub.appendingPathComponent("r.sqlite").path
        XCTAssertEqual(try CLIRunner.run(["init", "--db", path]).status, 0)
        readOnly.append(try ReadOnlyFile(sub.path))
        // In WAL mode even a reader must create the -shm file beside the registry.
        try assertRefused(path, commands: Self.writers + [["migrate", "status"]] + Self.reports, status: 74,
                          mentions: "is read-only")
        try assertRefused(sub.appendingPathComponent("new.sqlite").path, commands: [["init"]], status: 74,
                          mentions: "folder '\(sub.path)' is read-only")
    }

    func testADatabaseLeftByANewerVersion() throws {
        // A backup is in rollback-journal mode: switching it to WAL would
        // write to the file, so the version must be checked before that.
        let registry = try makeRegistry("r.sqlite")
        let path = folder.path("newer.sqlite")
        XCTAssertEqual(try CLIRunner.run(["backup", path, "--db", registry]).status, 0)
        do {
            let future = try Connection(path: path, configuration: .init(walMode: false))
            try future.execute("""
                PRAGMA user_version = 99;
                INSERT INTO schema_migrations (version, name, checksum, applied_at, execution_ms)
                VALUES (99, 'from_the_future', 'x', '2031-01-01T00:00:00Z', 1);
                """)
        }
        try assertRefused(path, commands: Self.writers + Self.reports, status: 78, mentions: "newer than this program")
        let status = try CLIRunner.run(["migrate", "status", "--db", path])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("unknown   version 99"), status.stdout)
    }

    func testReadersOfAWALRegistryWithUncheckpointedCommitsLeaveItAlone() throws {
        let path = try makeRegistry("r.sqlite")
        // A writer keeps its commits in the -wal file (no checkpoint) while the readers run.
        let writer = try RegistryDatabase.open(path: path, access: .write)
        try writer.execute("PRAGMA wal_autocheckpoint = 0")
        try writer.execute("INSERT INTO institutions (key, name, country_code) VALUES ('um', 'Maastricht University', 'NL')")
        let mainBefore = try bytes(path)
        let walBefore = try bytes(path + "-wal")
        XCTAssertFalse(walBefore.isEmpty)
        for command in Self.readers {
            let result = try CLIRunner.run(command + ["--db", path], in: folder.url)
            XCTAssertEqual(result.status, 0, "\(command): \(result.stderr)")
        }
        XCTAssertEqual(try bytes(path), mainBefore)
        XCTAssertEqual(try bytes(path + "-wal"), walBefore)
        let copy = try Connection(path: folder.path("copy.sqlite"), configuration: .init(mode: .readOnly, walMode: false))
        XCTAssertEqual(try copy.scalar("SELECT name FROM institutions WHERE key = 'um'")?.string, "Maastricht University",
                       "the backup holds the commit still in the -wal file")
    }
}
