import Foundation
@testable import Registry
import XCTest

/// The binary carries copies of Migrations/, Reports/ and Seeds/; this
/// fails when someone changed a file and forgot `scripts/embed-resources`.
final class EmbeddedResourcesTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func check(_ embedded: [EmbeddedFile], folder: String, suffixes: [String]) throws {
        let directory = Self.root.appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { name in suffixes.contains { name.hasSuffix($0) } }
            .sorted()
        XCTAssertEqual(embedded.map(\.name), names, "\(folder)/: run scripts/embed-resources")
        for file in embedded {
            let onDisk = try String(contentsOf: directory.appendingPathComponent(file.name), encoding: .utf8)
            XCTAssertEqual(file.text, onDisk, "\(folder)/\(file.name) changed: run scripts/embed-resources")
        }
    }

    func testEmbeddedCopiesMatchTheFiles() throws {
        try check(EmbeddedResources.migrations, folder: "Migrations", suffixes: [".sql"])
        try check(EmbeddedResources.reports, folder: "Reports", suffixes: [".sql"])
        try check(EmbeddedResources.seeds, folder: "Seeds", suffixes: [".csv", ".json", ".ndjson"])
    }
}
