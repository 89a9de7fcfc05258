import CSQLite
import Database
import Foundation
@testable import Registry
import TestSupport
import XCTest

/// Two `init`s of a new registry at once: the second one checks whose file
/// it is while the first one writes its first migration. The check must
/// read the file as it was at one moment, never the application id from
/// before that migration and the tables from after it.
final class RegistryIdentityTests: XCTestCase {
    var folder: TemporaryDirectory!

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder = nil }

    func testAFirstMigrationCommittedWhileTheIdentityIsReadIsNotAnotherApplication() throws {
        let path = folder.path("race.sqlite")
        let first = try Connection(path: path, configuration: .init(walMode: true))
        let second = try Connection(path: path, configuration: .init(walMode: true))
        var committed = false
        var failure: Error?
        // The authorizer runs while a statement is prepared, before it reads
        // anything: the first SELECT the check prepares is where the other
        // `init` commits (had the check read the application id with an
        // earlier statement, that read came before this commit).
        second.setAuthorizer { request in
            if request.action == SQLITE_SELECT && !committed {
                committed = true
                do { try RegistryDatabase.migrator().migrateUp(first, to: 1) } catch { failure = error }
            }
            return .allow
        }
        XCTAssertNoThrow(try RegistryDatabase.checkIdentity(second, path: path))
        second.setAuthorizer(nil)
        XCTAssertTrue(committed, "the other init committed while the identity was read")
        XCTAssertNil(failure)
        XCTAssertEqual(try second.scalar("PRAGMA application_id")?.int64, Int64(RegistryDatabase.applicationID))
    }
}
