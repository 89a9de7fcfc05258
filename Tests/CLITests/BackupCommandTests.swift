import Database
import Foundation
import TestSupport
import XCTest

final class BackupCommandTests: XCTestCase {
    var folder: TemporaryDirectory!
    var registry: String!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        registry = folder.path("r.sqlite")
        XCTAssertEqual(try CLIRunner.run(["init", "--db", registry]).status, 0)
    }

    override func tearDown() { folder = nil }

    func testBackupWritesAVerifiedCopyAndRefusesToOverwriteWithoutForce() throws {
        let target = folder.path("copy.sqlite")
        let first = try CLIRunner.run(["backup", target, "--db", registry])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("integrity_check ok"), first.stdout)
        let copy = try Data(contentsOf: URL(fileURLWithPath: target))

        let again = try CLIRunner.run(["backup", target, "--db", registry])
        XCTAssertEqual(again.status, 73, again.stderr)
        XCTAssertEqual(again.stderr.split(separator: "\n").count, 1, again.stderr)
        XCTAssertTrue(again.stderr.contains("already exists") && again.stderr.contains("--force"), again.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: target)), copy)

        do {
            let writer = try Connection(path: registry)
            try writer.execute("INSERT INTO institutions (key, name, country_code) VALUES ('um', 'Maastricht University', 'NL')")
        }
        let forced = try CLIRunner.run(["backup", target, "--force", "--db", registry])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(forced.stdout.hasPrefix("replaced"), forced.stdout)
        let reopened = try Connection(path: target, configuration: .init(mode: .readOnly, walMode: false))
        XCTAssertEqual(try reopened.scalar("SELECT name FROM institutions WHERE key = 'um'")?.string, "Maastricht University")
    }

    func testTheCopyIsARegistryThatTheProgramOpens() throws {
        let target = folder.path("copy.sqlite")
        XCTAssertEqual(try CLIRunner.run(["backup", target, "--db", registry]).status, 0)
        let status = try CLIRunner.run(["migrate", "status", "--exit-code", "--db", target])
        XCTAssertEqual(status.status, 0, status.stdout + status.stderr)
    }

    func testMissingRegistryAndHelp() throws {
        let missing = try CLIRunner.run(["backup", folder.path("copy.sqlite"), "--db", folder.path("nothing.sqlite")])
        XCTAssertEqual(missing.status, 74, missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path("copy.sqlite")))
        let help = try CLIRunner.run(["backup", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("partnerships backup backups/registry-2024-06-01.sqlite"), help.stdout)
        XCTAssertTrue(help.stdout.contains("--force"), help.stdout)
    }
}
