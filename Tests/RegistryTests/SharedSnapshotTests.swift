import Database
import Foundation
@testable import Registry
import TestSupport
import XCTest

/// Connections read one snapshot when no commit comes while they begin, and
/// are told otherwise when one does.
final class SharedSnapshotTests: XCTestCase {
    private var folder: TemporaryDirectory!
    private var writer: Connection!
    private var lead: Connection!
    private var other: Connection!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        let path = folder.path("registry.sqlite")
        writer = try RegistryDatabase.open(path: path, access: .create)
        try RegistryDatabase.migrator().migrateUp(writer)
        lead = try RegistryDatabase.open(path: path, access: .read)
        other = try RegistryDatabase.open(path: path, access: .read)
    }

    override func tearDown() {
        other = nil
        lead = nil
        writer = nil
        folder = nil
    }

    private func addNetwork(_ key: String) throws {
        try writer.execute("INSERT INTO networks (key, name) VALUES (?, ?)", [key, "Network \(key)"])
    }

    private func networks(_ connection: Connection) throws -> Int64 {
        try connection.scalar("SELECT count(*) FROM networks")?.int64 ?? -1
    }

    /// `commit` runs where a commit may come: after the lead began, before
    /// or after the other connection begins.
    private func begin(commitBeforeOther: Bool = false, commitAfterOther: Bool = false) throws -> Bool {
        try SharedSnapshot.begin(lead: lead.beginRead, end: lead.endRead, others: {
            if commitBeforeOther { try addNetwork("before") }
            try other.beginRead()
            if commitAfterOther { try addNetwork("after") }
            return true
        })
    }

    func testWithoutACommitBothReadOneSnapshot() throws {
        let base = try networks(writer)
        XCTAssertTrue(try begin())
        try addNetwork("later")
        XCTAssertEqual(try networks(lead), base)
        XCTAssertEqual(try networks(other), base)
    }

    /// The case that matters: the other connection would see a commit the lead does not.
    func testACommitBeforeTheOtherBeginsIsNoticed() throws {
        XCTAssertFalse(try begin(commitBeforeOther: true))
    }

    func testACommitAfterTheOtherBeganIsNoticedToo() throws {
        XCTAssertFalse(try begin(commitAfterOther: true))
        // The lead reads on, in the newest snapshot.
        XCTAssertTrue(lead.isInTransaction)
        XCTAssertEqual(try networks(lead), try networks(writer))
    }

    func testAnOtherThatCannotBeginIsNoticed() throws {
        XCTAssertFalse(try SharedSnapshot.begin(lead: lead.beginRead, end: lead.endRead, others: { false }))
        lead.endRead()
        XCTAssertThrowsError(try SharedSnapshot.begin(lead: lead.beginRead, end: lead.endRead, others: {
            throw DatabaseError(extendedCode: 14, message: "unable to open database file", sql: nil)
        }))
        XCTAssertFalse(lead.isInTransaction, "the lead's read ends with the error")
    }
}
