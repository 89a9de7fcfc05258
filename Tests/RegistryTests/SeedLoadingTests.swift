import Database
import Foundation
@testable import Registry
import TestSupport
import XCTest

/// `RegistrySetup.initialize` with a seeds folder of our own.
final class SeedLoadingTests: XCTestCase {
    var folder: TemporaryDirectory!

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder = nil }

    private func seeds(_ files: [String: String]) throws -> SeedSource {
        let directory = folder.url.appendingPathComponent("Seeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return .directory(directory)
    }

    private static let small: [String: String] = [
        // Named out of order on purpose: the loading order is by kind.
        "news.csv": "key,published_on,language,title,agreements\nn1,\"Wednesday, November 28, 2018\",en,Signed,a1\n",
        "agreements.csv": "key,title,kind,parties\na1,Agreement,mou,UM;york\n",
        "institutions.csv": "key,name,short_name,country\num,Maastricht University,UM,NL\nyork,University of York,,GB\n",
        "networks.json": "[{\"key\": \"wun\", \"name\": \"Worldwide Universities Network\"}]",
        "memberships.ndjson": "{\"network\": \"wun\", \"institution\": \"UM\"}\n",
        "README.md": "not a seed file",
    ]

    func testLoadsAFolderInKindOrderOnceAndThenChangesNothing() throws {
        let connection = try RegistryDatabase.open(path: folder.path("r.sqlite"), access: .create)
        let source = try seeds(Self.small)
        let first = try RegistrySetup.initialize(connection, migrator: RegistryDatabase.migrator(), seeds: source)
        XCTAssertEqual(first.seedReports.map(\.kind), [.institutions, .networks, .memberships, .agreements, .news])
        XCTAssertFalse(first.changedNothing)
        XCTAssertEqual(first.overview.counts.first { $0.table == "news_agreements" }?.rows, 1)
        XCTAssertEqual(first.overview.latestNews.map(\.title), ["Signed"])
        XCTAssertEqual(first.overview.agreements.map(\.parties), ["Maastricht University; University of York"])
        let second = try RegistrySetup.initialize(connection, migrator: RegistryDatabase.migrator(), seeds: source)
        XCTAssertTrue(second.changedNothing)
        XCTAssertEqual(second.seedReports.map(\.unchanged), [2, 1, 1, 1, 1])
    }

    func testAnInvalidSeedRowWritesNoSeedDataAtAll() throws {
        let connection = try RegistryDatabase.open(path: folder.path("r.sqlite"), access: .create)
        var files = Self.small
        files["agreements.csv"] = "key,title,kind,parties\na1,Agreement,mou,UM;york\na2,Broken,mou,UM;Atlantis\n"
        XCTAssertThrowsError(try RegistrySetup.initialize(connection, migrator: RegistryDatabase.migrator(),
                                                          seeds: try seeds(files))) { error in
            guard case SeedError.rejected(let reports)? = error as? SeedError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual((error as? CategorizedError)?.category, .dataRejected)
            let failed = reports.filter(\.hasErrors)
            XCTAssertEqual(failed.map(\.kind), [.agreements], "every file is checked; the news item's agreement is valid")
            XCTAssertEqual(reports.map(\.kind), [.institutions, .networks, .memberships, .agreements, .news])
            XCTAssertEqual(failed.first?.errors.first?.line, 3)
        }
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM institutions")?.int64, 0, "one transaction for all seeds")
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM schema_migrations")?.int64,
                       Int64(try RegistryDatabase.migrator().migrations.count), "the schema stays")
    }

    func testSeedFilesMustBeNamedForAKind() throws {
        let connection = try RegistryDatabase.open(path: folder.path("r.sqlite"), access: .create)
        XCTAssertThrowsError(try RegistrySetup.initialize(connection, migrator: RegistryDatabase.migrator(),
                                                          seeds: try seeds(["partners.csv": "key\n"]))) { error in
            XCTAssertTrue("\(error)".contains("partners.csv"), "\(error)")
        }
        XCTAssertThrowsError(try RegistrySetup.initialize(connection, migrator: RegistryDatabase.migrator(),
                                                          seeds: .directory(folder.url.appendingPathComponent("missing")))) { error in
            XCTAssertEqual((error as? CategorizedError)?.category, .inputUnavailable)
        }
    }
}
