import Database
import Foundation
import TestSupport
import XCTest

final class MigratorTests: XCTestCase {
    static let appID: Int32 = 0x1234_5678
    var folder: TemporaryDirectory!
    var migrationsDir: URL!
    var dbPath: String!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        migrationsDir = folder.url.appendingPathComponent("Migrations")
        try FileManager.default.createDirectory(at: migrationsDir, withIntermediateDirectories: true)
        dbPath = folder.path("m.sqlite")
        try write("0001_create_people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;\n")
        try write("0001_create_people.down.sql", "DROP TABLE people;\n")
        try write("0002_create_pets.sql", """
            CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES people (id)) STRICT;
            CREATE INDEX pets_owner ON pets (owner_id);
            CREATE TRIGGER pets_touch AFTER INSERT ON pets BEGIN SELECT 1; END;

            """)
        try write("0002_create_pets.down.sql", "DROP TABLE pets;\n")
        try write("README.md", "not a migration")
    }

    override func tearDown() { folder = nil }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: migrationsDir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func migrator() throws -> Migrator {
        Migrator(migrations: try MigrationLoader.load(directory: migrationsDir), applicationID: Self.appID)
    }

    private func open() throws -> Connection { try Connection(path: dbPath) }

    private func tables(_ connection: Connection) throws -> [String] {
        try connection.rows("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").compactMap { $0[0].string }
    }

    func testFreshDatabaseGetsEveryMigrationRecorded() throws {
        let connection = try open()
        let applied = try migrator().migrateUp(connection)
        XCTAssertEqual(applied.map(\.version), [1, 2])
        XCTAssertEqual(try tables(connection), ["people", "pets", "schema_migrations"])
        XCTAssertEqual(try connection.scalar("PRAGMA user_version")?.int64, 2)
        XCTAssertEqual(try connection.scalar("PRAGMA application_id")?.int64, Int64(Self.appID))
        let rows = try connection.rows("SELECT version, name, checksum, applied_at, execution_ms FROM schema_migrations ORDER BY version")
        XCTAssertEqual(rows.map { $0["name"] }, [.text("create_people"), .text("create_pets")])
        XCTAssertEqual(rows[0]["checksum"].string?.count, 64)
        XCTAssertNotNil(rows[0]["applied_at"].string)
        XCTAssertEqual(try connection.scalar("PRAGMA foreign_keys")?.int64, 1, "foreign keys back on afterwards")
    }

    func testSecondRunIsANoOp() throws {
        let connection = try open()
        try migrator().migrateUp(connection)
        let before = try connection.rows("SELECT * FROM schema_migrations")
        XCTAssertEqual(try migrator().migrateUp(connection).count, 0)
        XCTAssertEqual(try connection.rows("SELECT * FROM schema_migrations"), before)
    }

    func testUpToAVersionThenTheRest() throws {
        let connection = try open()
        XCTAssertEqual(try migrator().migrateUp(connection, to: 1).map(\.version), [1])
        let status = try migrator().status(of: connection)
        XCTAssertEqual(status.migrations.map(\.state), [.applied, .pending])
        XCTAssertEqual(try migrator().migrateUp(connection).map(\.version), [2])
    }

    func testEditedMigrationIsRefusedWithBothChecksums() throws {
        let connection = try open()
        try migrator().migrateUp(connection, to: 1)
        let original = try migrator().migrations[0].checksum
        try write("0001_create_people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY) STRICT;\n")
        let edited = try migrator().migrations[0].checksum
        XCTAssertEqual(try migrator().status(of: connection).migrations.first?.state, .modified)
        XCTAssertThrowsError(try migrator().migrateUp(connection)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("0001_create_people.sql"), text)
            XCTAssertTrue(text.contains(original) && text.contains(edited), text)
            XCTAssertTrue(text.contains("new migration"), "says what to do: \(text)")
        }
        XCTAssertEqual(try tables(connection), ["people", "schema_migrations"], "nothing else applied")
    }

    func testLineEndingsAndBOMDoNotChangeTheChecksum() throws {
        let lf = Array("CREATE TABLE a (x INTEGER);\nCREATE TABLE b (y INTEGER);\n".utf8)
        let crlfBOM = [0xEF, 0xBB, 0xBF] + Array("CREATE TABLE a (x INTEGER);\r\nCREATE TABLE b (y INTEGER);\r\n".utf8)
        let a = try MigrationLoader.load(files: [MigrationFile(name: "0001_x.sql", contents: lf)], origin: "test")
        let b = try MigrationLoader.load(files: [MigrationFile(name: "0001_x.sql", contents: crlfBOM)], origin: "test")
        XCTAssertEqual(a[0].checksum, b[0].checksum)
        XCTAssertEqual(a[0].checksum, SHA256.hexDigest(lf))
    }

    func testNewerDatabaseIsRefused() throws {
        let connection = try open()
        try migrator().migrateUp(connection)
        try FileManager.default.removeItem(at: migrationsDir.appendingPathComponent("0002_create_pets.sql"))
        try FileManager.default.removeItem(at: migrationsDir.appendingPathComponent("0002_create_pets.down.sql"))
        XCTAssertThrowsError(try migrator().migrateUp(connection)) { error in
            XCTAssertEqual(error as? MigrationError,
                           .databaseNewer(databaseVersion: 2, knownVersion: 1, unknownVersions: [2]))
            XCTAssertTrue("\(error)".contains("newer partnerships program"))
            XCTAssertEqual((error as? CategorizedError)?.category, .incompatibleDatabase)
        }
    }

    func testDryRunProvesTheSQLAndLeavesTheFileUnchanged() throws {
        do {
            let connection = try open()
            try migrator().migrateUp(connection, to: 1)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: dbPath))
        do {
            let connection = try open()
            XCTAssertEqual(try migrator().migrateUp(connection, dryRun: true).map(\.version), [2])
            XCTAssertEqual(try tables(connection), ["people", "schema_migrations"])
            XCTAssertEqual(try connection.scalar("PRAGMA user_version")?.int64, 1)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dbPath)), before, "byte for byte")
    }

    func testDryRunReportsBrokenSQL() throws {
        try write("0003_broken.sql", "CREATE TABLE oops (x INTEGER;\n")
        let connection = try open()
        XCTAssertThrowsError(try migrator().migrateUp(connection, dryRun: true)) { error in
            XCTAssertTrue("\(error)".contains("0003_broken.sql"), "\(error)")
        }
        XCTAssertEqual(try tables(connection), [])
    }

    func testFailingMigrationIsRolledBackWhole() throws {
        try write("0003_half.sql", "CREATE TABLE half (x INTEGER);\nINSERT INTO nowhere VALUES (1);\n")
        let connection = try open()
        XCTAssertThrowsError(try migrator().migrateUp(connection)) { error in
            guard case .failed(let file, _)? = error as? MigrationError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "0003_half.sql")
        }
        XCTAssertEqual(try tables(connection), ["people", "pets", "schema_migrations"], "0001 and 0002 stay, 0003 left nothing")
        XCTAssertEqual(try connection.scalar("PRAGMA user_version")?.int64, 2)
    }

    func testForeignKeyViolationLeftByAMigrationIsRefused() throws {
        try write("0003_bad_data.sql", "INSERT INTO pets (id, owner_id) VALUES (1, 99);\n")
        let connection = try open()
        XCTAssertThrowsError(try migrator().migrateUp(connection)) { error in
            guard case .foreignKeyViolation(let file, let table, _, let parent)? = error as? MigrationError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(file, "0003_bad_data.sql")
            XCTAssertEqual(table, "pets")
            XCTAssertEqual(parent, "people")
        }
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM pets")?.int64, 0)
    }

    func testDownUndoesNewestFirst() throws {
        let connection = try open()
        try migrator().migrateUp(connection)
        XCTAssertEqual(try migrator().migrateDown(connection, to: 1).map(\.version), [2])
        XCTAssertEqual(try tables(connection), ["people", "schema_migrations"])
        XCTAssertEqual(try connection.scalar("PRAGMA user_version")?.int64, 1)
        XCTAssertEqual(try migrator().migrateDown(connection, to: 0).map(\.version), [1])
        XCTAssertEqual(try connection.scalar("PRAGMA user_version")?.int64, 0)
        XCTAssertEqual(try migrator().migrateUp(connection).map(\.version), [1, 2], "and up again")
    }

    func testDownRefusesWithoutADownFileBeforeChangingAnything() throws {
        try FileManager.default.removeItem(at: migrationsDir.appendingPathComponent("0001_create_people.down.sql"))
        let connection = try open()
        try migrator().migrateUp(connection)
        XCTAssertThrowsError(try migrator().migrateDown(connection, to: 0)) { error in
            XCTAssertEqual(error as? MigrationError, .noDownMigration(version: 1, file: "0001_create_people.sql"))
        }
        XCTAssertEqual(try tables(connection), ["people", "pets", "schema_migrations"], "0002 was not undone either")
    }

    func testMisnamedDuplicateAndOrphanFilesAreRefused() throws {
        for bad in ["1_people.sql", "0003-people.sql", "0003_People.sql", "0003_.sql", "0000_zero.sql", "0003_a__b.sql"] {
            XCTAssertThrowsError(try MigrationLoader.load(files: [MigrationFile(name: bad, text: "SELECT 1;")], origin: "dir"),
                                 bad) { error in
                XCTAssertEqual(error as? MigrationError, .misnamedFile(file: bad, origin: "dir"))
                XCTAssertTrue("\(error)".contains("NNNN_snake_case_name.sql"))
            }
        }
        XCTAssertThrowsError(try MigrationLoader.load(files: [MigrationFile(name: "0001_a.sql", text: "SELECT 1;"),
                                                              MigrationFile(name: "0001_b.sql", text: "SELECT 1;")], origin: "dir")) { error in
            XCTAssertEqual(error as? MigrationError, .duplicateVersion(version: 1, files: ["0001_a.sql", "0001_b.sql"], origin: "dir"))
        }
        XCTAssertThrowsError(try MigrationLoader.load(files: [MigrationFile(name: "0001_a.down.sql", text: "SELECT 1;")], origin: "dir")) { error in
            XCTAssertEqual(error as? MigrationError, .orphanDownFile(file: "0001_a.down.sql", origin: "dir"))
        }
    }

    func testFileThatControlsItsOwnTransactionIsRefused() throws {
        for sql in ["BEGIN;\nCREATE TABLE x (a INTEGER);\nCOMMIT;\n", "CREATE TABLE x (a INTEGER);\n-- done\ncommit;", "/* c */ ROLLBACK;",
                    "SAVEPOINT s; RELEASE s;", "END TRANSACTION;"] {
            XCTAssertThrowsError(try MigrationLoader.load(files: [MigrationFile(name: "0001_x.sql", text: sql)], origin: "dir"),
                                 sql) { error in
                guard case .transactionControl(let file, _)? = error as? MigrationError else { return XCTFail("\(error)") }
                XCTAssertEqual(file, "0001_x.sql")
            }
        }
        // A trigger's BEGIN ... END is not transaction control.
        XCTAssertNoThrow(try MigrationLoader.load(files: [MigrationFile(name: "0001_x.sql", text: """
            CREATE TABLE x (a INTEGER);
            CREATE TRIGGER x_t AFTER INSERT ON x BEGIN UPDATE x SET a = 1; END;
            """)], origin: "dir"))
    }

    func testScriptSplittingFollowsSQLite() {
        let statements = SQLScript.statements(in: "CREATE TABLE a (s TEXT DEFAULT ';');\nCREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT ';'; SELECT 2; END;\n-- end\n")
        XCTAssertEqual(statements.count, 2)
        XCTAssertEqual(SQLScript.leadingKeyword(of: " -- c\n /* d */ commit"), "COMMIT")
    }

    /// Two processes running `init` on a new file: the second read "pending"
    /// before it got the write lock, and must then skip what the first applied
    /// instead of failing with "table already exists".
    func testAMigratorThatWaitedForTheLockSkipsWhatAnotherAppliedMeanwhile() throws {
        let holder = try open()
        try holder.execute("BEGIN IMMEDIATE")
        let migrator = try migrator()
        let path = dbPath!
        let waiterDone = expectation(description: "waiting migrator finished")
        let outcome = ResultBox()
        Thread.detachNewThread {
            do {
                let waiter = try Connection(path: path, configuration: .init(busyTimeout: 20))
                outcome.set(.success(try migrator.migrateUp(waiter).map(\.version)))
            } catch {
                outcome.set(.failure(error))
            }
            waiterDone.fulfill()
        }
        Thread.sleep(forTimeInterval: 0.3)  // the waiter has read its status and waits for the lock
        try holder.execute("ROLLBACK")
        let appliedHere = try migrator.migrateUp(holder).map(\.version)
        wait(for: [waiterDone], timeout: 30)
        let appliedThere = try XCTUnwrap(outcome.value).get()
        XCTAssertEqual((appliedHere + appliedThere).sorted(), [1, 2], "each migration applied exactly once")
        XCTAssertEqual(try holder.scalar("SELECT count(*) FROM schema_migrations")?.int64, 2)
    }
}

/// A result handed from a background thread to the test.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<[Int], Error>?
    var value: Result<[Int], Error>? { lock.lock(); defer { lock.unlock() }; return stored }
    func set(_ result: Result<[Int], Error>) { lock.lock(); stored = result; lock.unlock() }
}
