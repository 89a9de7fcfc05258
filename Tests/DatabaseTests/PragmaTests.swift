import Database
import TestSupport
import XCTest

final class PragmaTests: XCTestCase {
    var folder: TemporaryDirectory!

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder = nil }

    func testSetAndReadBack() throws {
        let connection = try Connection(path: folder.path("p.sqlite"))
        try connection.setPragma(.cacheSize, to: -4096)
        XCTAssertEqual(try connection.pragma(.cacheSize), -4096)
        try connection.setPragma(.userVersion, to: 7)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version")?.int64, 7)
    }

    func testWithPragmaRestoresTheValueEvenWhenTheBodyThrows() throws {
        struct Failure: Error {}
        let connection = try Connection(path: folder.path("p.sqlite"))
        try connection.setPragma(.cacheSize, to: -2000)
        let seen = try connection.withPragma(.cacheSize, setTo: -8192) { try connection.pragma(.cacheSize) }
        XCTAssertEqual(seen, -8192)
        XCTAssertEqual(try connection.pragma(.cacheSize), -2000)
        XCTAssertThrowsError(try connection.withPragma(.cacheSize, setTo: -1024) { throw Failure() })
        XCTAssertEqual(try connection.pragma(.cacheSize), -2000)
    }
}
