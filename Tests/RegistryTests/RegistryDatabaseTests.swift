import Database
import Foundation
import Registry
import TestSupport
import XCTest

final class RegistryDatabaseTests: XCTestCase {
    var folder: TemporaryDirectory!

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder = nil }

    func testNewRegistryIsMarkedAsOurs() throws {
        let connection = try RegistryDatabase.open(path: folder.path("r.sqlite"), access: .create)
        try RegistryDatabase.migrator().migrateUp(connection)
        XCTAssertEqual(try connection.scalar("PRAGMA application_id")?.int64, Int64(RegistryDatabase.applicationID))
        XCTAssertEqual(try connection.scalar("PRAGMA user_version")?.int64,
                       Int64(try RegistryDatabase.embeddedMigrations().last?.version ?? -1))
    }

    /// New registries get 8 KiB pages (faster large imports); a registry
    /// made with SQLite's 4 KiB keeps them, and opens, migrates and imports as before.
    func testNewRegistriesUse8KiBPagesAndOldOnesKeepTheirs() throws {
        let fresh = try RegistryDatabase.open(path: folder.path("new.sqlite"), access: .create)
        try RegistryDatabase.migrator().migrateUp(fresh)
        XCTAssertEqual(try fresh.scalar("PRAGMA page_size")?.int64, 8192)
        XCTAssertEqual(try fresh.scalar("PRAGMA journal_mode")?.string, "wal")

        let oldPath = folder.path("old.sqlite")
        do {
            let old = try Connection(path: oldPath, configuration: .init(walMode: true))
            try old.execute("PRAGMA application_id = \(RegistryDatabase.applicationID)")
            XCTAssertEqual(try old.scalar("PRAGMA page_size")?.int64, 4096)
        }
        let reopened = try RegistryDatabase.open(path: oldPath, access: .create)
        try RegistryDatabase.migrator().migrateUp(reopened)
        XCTAssertEqual(try reopened.scalar("PRAGMA page_size")?.int64, 4096)
        XCTAssertEqual(try reopened.scalar("PRAGMA integrity_check")?.string, "ok")
        let report = try Importer.importData(.institutions, data: Data("key,name,country\num,Maastricht University,NL\n".utf8),
                                             name: "i.csv", format: .csv, options: ImportOptions(), connection: reopened)
        XCTAssertEqual(report.inserted, 1)
    }

    func testAnotherApplicationsDatabaseIsRefusedUntouched() throws {
        let path = folder.path("other.sqlite")
        do {
            let other = try Connection(path: path, configuration: .init(walMode: false))
            try other.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY); PRAGMA application_id = 42;")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try RegistryDatabase.open(path: path, access: .create)) { error in
            XCTAssertEqual(error as? RegistryError, .foreignDatabase(path: path, applicationID: 42))
            XCTAssertEqual((error as? CategorizedError)?.category, .incompatibleDatabase)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, "not even switched to WAL")
    }

    func testAFileThatIsNotADatabaseIsRefusedUntouched() throws {
        let path = folder.path("notes.sqlite")
        let text = Data(String(repeating: "these are my notes, not a database\n", count: 200).utf8)
        try text.write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try RegistryDatabase.open(path: path, access: .create)) { error in
            XCTAssertEqual(error as? RegistryError, .notADatabase(path: path))
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), text)
    }

    func testMissingFolderAndMissingFileAreNamed() {
        let inMissingFolder = folder.path("nope/r.sqlite")
        XCTAssertThrowsError(try RegistryDatabase.open(path: inMissingFolder, access: .create)) { error in
            XCTAssertEqual(error as? RegistryError, .missingFolder(path: inMissingFolder, folder: folder.path("nope")))
        }
        let missing = folder.path("missing.sqlite")
        XCTAssertThrowsError(try RegistryDatabase.open(path: missing, access: .read)) { error in
            XCTAssertEqual(error as? RegistryError, .missingDatabase(path: missing))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
    }
}
