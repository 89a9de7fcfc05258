import Database
@testable import Registry
import XCTest

/// The secondary indexes of a table set aside for a bulk load (`DeferredIndexes`,
/// as a large import does) come back after the load, and after a failure
/// through the transaction's rollback; outside a transaction it refuses.
final class DeferredIndexesTests: XCTestCase {
    func testIndexesComeBackAfterTheLoadAndAfterAFailure() throws {
        let fixture = try ReportRegistryFixture()
        let connection = try fixture.writer()
        let indexSQL = "SELECT group_concat(name || ':' || sql, '|') FROM (SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'agreements' ORDER BY name)"
        let before = try connection.scalar(indexSQL)
        XCTAssertThrowsError(try DeferredIndexes(connection: connection, table: "agreements"))
        try connection.transaction {
            let indexes = try DeferredIndexes(connection: connection, table: "agreements")
            XCTAssertEqual(try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'agreements_expires_on'"), .integer(0))
            try connection.execute("INSERT INTO agreements (key, title, kind, expires_on) VALUES ('bulk', 'Bulk loaded', 'mou', '2026-04')")
            try indexes.restore()
        }
        XCTAssertEqual(try connection.scalar(indexSQL), before)
        struct Failure: Error {}
        XCTAssertThrowsError(try connection.transaction {
            _ = try DeferredIndexes(connection: connection, table: "agreements")
            throw Failure()
        })
        XCTAssertEqual(try connection.scalar(indexSQL), before)
        // The loaded row is in the indexes and in the search index.
        XCTAssertEqual(try fixture.run("expiring", ["within_days": "60"]).rows.map { $0[2] }, ["bulk"])
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM agreement_search WHERE agreement_search MATCH 'bulk'"), .integer(1))
    }
}
