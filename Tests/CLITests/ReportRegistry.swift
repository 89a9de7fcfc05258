import Database
import Foundation
import Registry
import TestSupport

/// A migrated registry holding Tests/Fixtures/report-registry.sql (the same
/// data the Registry tests read), for running the commands against.
enum ReportRegistry {
    static let asOf = "2026-03-01"

    static func create(in folder: TemporaryDirectory) throws -> String {
        let path = folder.path("registry.sqlite")
        let sql = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/report-registry.sql")
        let connection = try RegistryDatabase.open(path: path, access: .create)
        try RegistryDatabase.migrator().migrateUp(connection)
        try connection.execute(String(contentsOf: sql, encoding: .utf8))
        return path
    }
}
