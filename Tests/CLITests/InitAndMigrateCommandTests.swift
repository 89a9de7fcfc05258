import Database
import Foundation
import TestSupport
import XCTest

final class InitAndMigrateCommandTests: XCTestCase {
    var folder: TemporaryDirectory!

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder = nil }

    func testInitCreatesTheDefaultDatabaseInTheCurrentFolderAndIsIdempotent() throws {
        let first = try CLIRunner.run(["init"], in: folder.url)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path("registry.sqlite")))
        XCTAssertTrue(first.stdout.contains("0001_initial_schema.sql"), first.stdout)
        let second = try CLIRunner.run(["init"], in: folder.url)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("nothing"), second.stdout)
    }

    func testDatabaseFromTheEnvironmentAndFromDbOption() throws {
        let fromEnv = folder.path("env.sqlite")
        XCTAssertEqual(try CLIRunner.run(["init"], in: folder.url, environment: ["PARTNERSHIPS_DB": fromEnv]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: fromEnv))
        let fromOption = folder.path("option.sqlite")
        XCTAssertEqual(try CLIRunner.run(["init", "--db", fromOption], environment: ["PARTNERSHIPS_DB": fromEnv]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: fromOption), "--db wins over the environment")
    }

    func testACopiedBinaryStillMigrates() throws {
        let copy = folder.url.appendingPathComponent("bin/partnerships")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLIRunner.executable, to: copy)
        let result = try CLIRunner.run(["migrate", "up", "--db", folder.path("r.sqlite")], executable: copy, in: folder.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("applied 0001_initial_schema.sql"), result.stdout)
    }

    func testMigrateStatusExitCodeAndDryRun() throws {
        let db = folder.path("r.sqlite")
        XCTAssertEqual(try CLIRunner.run(["migrate", "up", "--db", db, "--to", "0"]).status, 0)
        let pending = try CLIRunner.run(["migrate", "status", "--db", db, "--exit-code"])
        XCTAssertEqual(pending.status, 1)
        XCTAssertTrue(pending.stdout.contains("pending   0001_initial_schema.sql"), pending.stdout)
        let dry = try CLIRunner.run(["migrate", "up", "--dry-run", "--db", db])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("would apply"), dry.stdout)
        XCTAssertEqual(try CLIRunner.run(["migrate", "status", "--db", db, "--exit-code"]).status, 1, "dry run applied nothing")
        XCTAssertEqual(try CLIRunner.run(["migrate", "up", "--db", db]).status, 0)
        let clean = try CLIRunner.run(["migrate", "status", "--db", db, "--exit-code"])
        XCTAssertEqual(clean.status, 0, clean.stdout)
        XCTAssertTrue(clean.stdout.contains("applied   0001_initial_schema.sql"), clean.stdout)

        // A registry a newer program has migrated: nothing is pending, but it is not in step either.
        try Connection(path: db).execute("PRAGMA user_version = 99")
        let newer = try CLIRunner.run(["migrate", "status", "--db", db, "--exit-code"])
        XCTAssertEqual(newer.status, 1, newer.stdout)
        XCTAssertTrue(newer.stdout.contains("schema version 99 is past this program's"), newer.stdout)
    }

    func testEditedMigrationInAFolderIsRefusedWithExitCode78() throws {
        let db = folder.path("r.sqlite")
        let migrations = folder.url.appendingPathComponent("Migrations")
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
        let file = migrations.appendingPathComponent("0001_initial_schema.sql")
        try "CREATE TABLE institutions (id INTEGER PRIMARY KEY);\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLIRunner.run(["migrate", "up", "--db", db, "--migrations", migrations.path]).status, 0)
        try "CREATE TABLE institutions (id INTEGER PRIMARY KEY, name TEXT);\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["migrate", "up", "--db", db, "--migrations", migrations.path])
        XCTAssertEqual(result.status, 78)
        XCTAssertTrue(result.stderr.contains("0001_initial_schema.sql") && result.stderr.contains("checksum"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one line: \(result.stderr)")
    }

    func testBadDatabaseFilesGiveOneLineAndADocumentedCode() throws {
        let notes = folder.path("notes.txt")
        try String(repeating: "not a database\n", count: 100).write(toFile: notes, atomically: true, encoding: .utf8)
        let notADatabase = try CLIRunner.run(["init", "--db", notes])
        XCTAssertEqual(notADatabase.status, 78)
        XCTAssertTrue(notADatabase.stderr.hasPrefix("partnerships: error: "), notADatabase.stderr)
        XCTAssertFalse(notADatabase.stderr.contains("Fatal"), notADatabase.stderr)

        let missingFolder = try CLIRunner.run(["init", "--db", folder.path("no/such/folder/r.sqlite")])
        XCTAssertEqual(missingFolder.status, 74)
        XCTAssertTrue(missingFolder.stderr.contains("does not exist"), missingFolder.stderr)

        let missingFile = try CLIRunner.run(["migrate", "status", "--db", folder.path("missing.sqlite")])
        XCTAssertEqual(missingFile.status, 74)
        XCTAssertTrue(missingFile.stderr.contains("partnerships init"), missingFile.stderr)
    }

    func testUsageErrorsExit64AndHelpTeaches() throws {
        let unknown = try CLIRunner.run(["migrate", "up", "--to", "soon"])
        XCTAssertEqual(unknown.status, 64, unknown.stderr)
        let help = try CLIRunner.run(["migrate", "up", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("partnerships migrate up --to 2 --dry-run"), help.stdout)
        let version = try CLIRunner.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.hasPrefix("0."), version.stdout)
    }
}
