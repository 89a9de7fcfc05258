import Database
import Foundation
@testable import Registry
import TestSupport

/// A migrated registry in a temp folder holding Tests/Fixtures/report-registry.sql,
/// the data every report, search and query test reads (as of 2026-03-01).
final class ReportRegistryFixture {
    static let asOf = "2026-03-01"
    static let sqlFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/report-registry.sql")

    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("registry.sqlite")
        let connection = try RegistryDatabase.open(path: path, access: .create)
        try RegistryDatabase.migrator().migrateUp(connection)
        try connection.execute(String(contentsOf: Self.sqlFile, encoding: .utf8))
    }

    /// A writable connection, for tests that change data.
    func writer() throws -> Connection {
        try RegistryDatabase.open(path: path, access: .write)
    }

    /// The guarded read-only connection that reports, search and query use.
    func reader() throws -> QueryGuard {
        try ReadOnlyRegistry.open(path: path)
    }

    /// Runs a report and returns its column names and rows, each value as
    /// the text a CSV cell would hold (NULL as "∅", to tell it from "").
    func run(_ name: String, _ arguments: [String: String] = [:], asOf: String = ReportRegistryFixture.asOf,
             catalogue: ReportCatalogue? = nil) throws -> (columns: [String], rows: [[String]]) {
        let report = try (catalogue ?? ReportCatalogue.load(userDirectory: nil)).report(named: name)
        var columns: [String] = []
        var rows: [[String]] = []
        try ReportRunner.run(report, arguments: arguments, asOf: asOf, guard: reader(),
                             columns: { columns = $0 }, row: { rows.append($0.map(Self.text)) })
        return (columns, rows)
    }

    static func text(_ value: DatabaseValue) -> String {
        switch value {
        case .null: return "∅"
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let v): return v
        case .blob(let v): return "<\(v.count) bytes>"
        }
    }
}
