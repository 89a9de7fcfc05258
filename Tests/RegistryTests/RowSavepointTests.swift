import Database
@testable import Registry
import XCTest

/// `--skip-invalid` wraps each row in a savepoint. A refused row that wrote
/// nothing is released instead of rolled back: in a transaction that changed
/// the schema, as every import's does, a rollback makes SQLite read the
/// schema again and recompile every statement.
final class RowSavepointTests: XCTestCase {
    func testARowThatWroteNothingIsReleasedWithoutRecompilingStatements() throws {
        let registry = try RegistryFixture()
        let connection = registry.connection
        try connection.execute("BEGIN")
        defer { try? connection.execute("ROLLBACK") }
        try connection.execute("CREATE TABLE scratch (x INTEGER NOT NULL)")
        let count = try connection.prepare("SELECT count(*) FROM scratch")
        func rows() throws -> Int64 {
            defer { count.reset() }
            _ = try count.step()
            return count.int64(at: 0)
        }
        XCTAssertEqual(try rows(), 0)
        var savepoint = try RowSavepoint(connection)

        try savepoint.begin()
        XCTAssertThrowsError(try connection.execute("INSERT INTO scratch (x) VALUES (NULL)"), "refused: nothing written")
        try savepoint.rollback()
        XCTAssertEqual(try rows(), 0)
        XCTAssertEqual(count.reprepareCount, 0, "nothing written, nothing rolled back")

        try savepoint.begin()
        try connection.execute("INSERT INTO scratch (x) VALUES (1)")
        try savepoint.rollback()
        XCTAssertEqual(try rows(), 0, "the row's insert is undone")
        XCTAssertEqual(count.reprepareCount, 1, "a rollback after a schema change recompiles the statement")

        try savepoint.begin()
        try connection.execute("INSERT INTO scratch (x) VALUES (2)")
        try savepoint.release()
        XCTAssertEqual(try rows(), 1, "a kept row stays")
    }
}
