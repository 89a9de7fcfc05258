import Database
import Foundation
import Registry
import TestSupport
import XCTest

final class RegistryBackupTests: XCTestCase {
    var folder: TemporaryDirectory!
    var registry: String!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        registry = folder.path("r.sqlite")
        let connection = try RegistryDatabase.open(path: registry, access: .create)
        try RegistryDatabase.migrator().migrateUp(connection)
        try insertInstitutions(connection, from: 0, count: 50)
    }

    override func tearDown() { folder = nil }

    private func insertInstitutions(_ connection: Connection, from start: Int, count: Int) throws {
        let insert = try connection.prepare("INSERT INTO institutions (key, name, country_code) VALUES (?, ?, 'NL')")
        for number in start..<(start + count) {
            try insert.run(["i\(number)", "Institution \(number)"])
        }
    }

    private func institutionCount(in path: String) throws -> Int64? {
        let copy = try RegistryDatabase.open(path: path, access: .read)
        return try copy.scalar("SELECT count(*) FROM institutions")?.int64
    }

    private func integrity(of path: String) throws -> String? {
        try Connection(path: path, configuration: .init(mode: .readOnly, walMode: false))
            .scalar("PRAGMA integrity_check")?.string
    }

    func testCopyWhileAnotherConnectionHoldsAnOpenWriteTransactionHasOnlyCommittedRows() throws {
        let writer = try RegistryDatabase.open(path: registry, access: .write)
        try writer.execute("BEGIN IMMEDIATE")
        try insertInstitutions(writer, from: 1000, count: 500)

        let source = try RegistryDatabase.open(path: registry, access: .read, busyTimeout: 1)
        let target = folder.path("copy.sqlite")
        let outcome = try RegistryBackup.backup(source, to: target, force: false, busyTimeout: 1)
        XCTAssertFalse(outcome.replaced)
        XCTAssertGreaterThan(outcome.bytes, 0)
        XCTAssertEqual(try integrity(of: target), "ok")
        XCTAssertEqual(try institutionCount(in: target), 50, "the open transaction is not in the copy")

        try writer.execute("COMMIT")
        XCTAssertEqual(try RegistryBackup.backup(source, to: target, force: true).replaced, true)
        XCTAssertEqual(try institutionCount(in: target), 550)
    }

    func testCopyWhileAnotherThreadKeepsCommittingHoldsWholeTransactionsOnly() throws {
        let stop = LockedFlag()
        let writerDone = expectation(description: "writer stopped")
        let path = registry!
        Thread.detachNewThread {
            defer { writerDone.fulfill() }
            guard let writer = try? RegistryDatabase.open(path: path, access: .write) else { return }
            var batch = 0
            while !stop.isSet {
                try? writer.transaction {
                    let insert = try writer.prepare("INSERT INTO institutions (key, name, country_code) VALUES (?, 'W', 'NL')")
                    for row in 0..<100 { try insert.run(["w\(batch)-\(row)"]) }
                }
                batch += 1
            }
        }
        let source = try RegistryDatabase.open(path: registry, access: .read)
        for attempt in 0..<5 {
            let target = folder.path("copy\(attempt).sqlite")
            _ = try RegistryBackup.backup(source, to: target, force: false)
            XCTAssertEqual(try integrity(of: target), "ok")
            let count = try XCTUnwrap(institutionCount(in: target))
            XCTAssertEqual((count - 50) % 100, 0, "a copy holds whole transactions only, found \(count) rows")
        }
        stop.set()
        wait(for: [writerDone], timeout: 10)
    }

    func testRefusesAnExistingFileWithoutForceAndLeavesItUnchanged() throws {
        let target = folder.path("existing.sqlite")
        let text = Data("my precious notes\n".utf8)
        try text.write(to: URL(fileURLWithPath: target))
        let source = try RegistryDatabase.open(path: registry, access: .read)
        XCTAssertThrowsError(try RegistryBackup.backup(source, to: target, force: false)) { error in
            XCTAssertEqual(error as? BackupError, .targetExists(path: target))
            XCTAssertEqual((error as? CategorizedError)?.category, .outputUnavailable)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: target)), text)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasSuffix(".partial") }, [])

        let outcome = try RegistryBackup.backup(source, to: target, force: true)
        XCTAssertTrue(outcome.replaced)
        XCTAssertEqual(try institutionCount(in: target), 50)
    }

    func testCopyIsOneSelfContainedFile() throws {
        let source = try RegistryDatabase.open(path: registry, access: .read)
        let target = folder.path("copy.sqlite")
        _ = try RegistryBackup.backup(source, to: target, force: false)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
            .filter { $0.hasPrefix("copy.sqlite") || $0.hasSuffix(".partial") }
        XCTAssertEqual(siblings, ["copy.sqlite"])
        let copy = try Connection(path: target, configuration: .init(mode: .readOnly, walMode: false))
        XCTAssertEqual(try copy.scalar("PRAGMA journal_mode")?.string, "delete")
        XCTAssertEqual(try copy.scalar("PRAGMA application_id")?.int64, Int64(RegistryDatabase.applicationID))
    }

    func testRefusesTheRegistryItselfAFolderAMissingFolderAndALeftoverJournal() throws {
        let source = try RegistryDatabase.open(path: registry, access: .read)
        XCTAssertThrowsError(try RegistryBackup.backup(source, to: registry, force: true)) { error in
            XCTAssertEqual(error as? BackupError, .targetIsSource(path: registry))
        }
        XCTAssertThrowsError(try RegistryBackup.backup(source, to: folder.url.path, force: true)) { error in
            XCTAssertEqual(error as? BackupError, .targetIsFolder(path: folder.url.path))
        }
        let inMissing = folder.path("nope/copy.sqlite")
        XCTAssertThrowsError(try RegistryBackup.backup(source, to: inMissing, force: false)) { error in
            XCTAssertEqual(error as? BackupError, .missingFolder(path: inMissing, folder: folder.path("nope")))
        }
        let target = folder.path("old.sqlite")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try Data("stale wal".utf8).write(to: URL(fileURLWithPath: target + "-wal"))
        XCTAssertThrowsError(try RegistryBackup.backup(source, to: target, force: true)) { error in
            XCTAssertEqual(error as? BackupError, .targetInUse(path: target, journal: target + "-wal"))
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: target)), Data("old".utf8))
    }
}

/// A flag one thread sets and another reads.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
