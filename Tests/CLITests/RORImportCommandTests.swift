import Foundation
import TestSupport
import XCTest

/// `partnerships import ror` through the binary.
final class RORImportCommandTests: XCTestCase {
    var folder: TemporaryDirectory!
    var db: String!

    static let sample = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ror/ror-sample.json").path

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        db = folder.path("registry.sqlite")
        let initialised = try CLIRunner.run(["init", "--db", db])
        XCTAssertEqual(initialised.status, 0, initialised.stderr)
    }

    override func tearDown() { folder = nil }

    func testImportThenImportAgain() throws {
        let first = try CLIRunner.run(["import", "ror", Self.sample, "--db", db])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("211 records: 177 inserted, 0 linked, 25 updated, 0 unchanged, 0 conflicts, "
                                            + "0 skipped by type, 9 withdrawn skipped"), first.stdout)
        let second = try CLIRunner.run(["import", "ror", Self.sample, "--db", db])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("0 inserted, 0 linked, 0 updated, 202 unchanged"), second.stdout)
    }

    func testDryRunAndTypes() throws {
        let dry = try CLIRunner.run(["import", "ror", Self.sample, "--types", "healthcare", "--dry-run", "--db", db])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("206 skipped by type (education 199"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("dry run: nothing was written"), dry.stdout)
        let again = try CLIRunner.run(["import", "ror", Self.sample, "--types", "healthcare", "--db", db])
        XCTAssertTrue(again.stdout.contains("0 inserted, 0 linked, 2 updated"), again.stdout + again.stderr)
    }

    func testConflictIsPrintedAndOverwriteTakesROR() throws {
        let csv = folder.path("york.csv")
        try "key,name,country,ror_id,established\nuniversity-of-york,University of York,GB,04m01e293,1965\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLIRunner.run(["import", "institutions", csv, "--db", db]).status, 0)
        let kept = try CLIRunner.run(["import", "ror", Self.sample, "--db", db])
        XCTAssertEqual(kept.status, 0, kept.stderr)
        XCTAssertTrue(kept.stderr.contains("conflict: university-of-york (04m01e293) established: registry '1965', ROR '1963'; kept"),
                      kept.stderr)
        XCTAssertTrue(kept.stdout.contains("1 conflict,"), kept.stdout)
        let overwritten = try CLIRunner.run(["import", "ror", Self.sample, "--overwrite", "--db", db])
        XCTAssertEqual(overwritten.status, 0, overwritten.stderr)
        XCTAssertTrue(overwritten.stdout.contains("1 updated"), overwritten.stdout)
        XCTAssertTrue(overwritten.stdout.contains("0 conflicts"), overwritten.stdout)
    }

    func testBadFilesAndBadOptions() throws {
        let bad = folder.path("bad.json")
        try "[\n{\"id\": \"https://ror.org/04m01e293\", \"names\": [], \"types\": [], \"status\": \"active\", \"locations\": []}\n]\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let rejected = try CLIRunner.run(["import", "ror", bad, "--db", db])
        XCTAssertEqual(rejected.status, 65)
        XCTAssertTrue(rejected.stderr.contains("bad.json:2: column 'names': record https://ror.org/04m01e293: the record has no name"), rejected.stderr)

        let broken = folder.path("broken.json")
        try "[\n{\"id\": ".write(toFile: broken, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLIRunner.run(["import", "ror", broken, "--db", db]).status, 65)

        XCTAssertEqual(try CLIRunner.run(["import", "ror", folder.path("missing.json"), "--db", db]).status, 66)
        let types = try CLIRunner.run(["import", "ror", Self.sample, "--types", "universities", "--db", db])
        XCTAssertEqual(types.status, 64)
        XCTAssertTrue(types.stderr.contains("'universities' is not a ROR type"), types.stderr)
        XCTAssertEqual(try CLIRunner.run(["import", "ror", Self.sample, "--skip-invalid", "--db", db]).status, 64)
        XCTAssertEqual(try CLIRunner.run(["import", "institutions", bad, "--overwrite", "--db", db]).status, 64)
    }
}
