import Foundation
import TestSupport
import XCTest

/// `partnerships import` and `init` as a user runs them: the built binary in
/// a child process, its output and its exit code.
final class ImportCommandTests: XCTestCase {
    var folder: TemporaryDirectory!
    var db: String { folder.path("r.sqlite") }

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        let seeds = folder.url.appendingPathComponent("seeds")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        try "key,name,short_name,country,aliases\num,Maastricht University,UM,NL,nl:Universiteit Maastricht\nyork,University of York,,GB,\n"
            .write(to: seeds.appendingPathComponent("institutions.csv"), atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["init", "--db", db, "--seeds", seeds.path])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    override func tearDown() { folder = nil }

    @discardableResult
    private func write(_ name: String, _ text: String) throws -> String {
        let path = folder.path(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testASuccessfulImportPrintsItsSummaryAndASecondChangesNothing() throws {
        let file = try write("agreements.csv", "key,title,kind,parties\na1,First,mou,UM;york\na2,Second,exchange,Universiteit Maastricht;york\n")
        let first = try CLIRunner.run(["import", "agreements", file, "--db", db])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("2 rows: 2 inserted, 0 updated, 0 unchanged, 0 rejected, 0 warnings"), first.stdout)
        let second = try CLIRunner.run(["import", "agreements", file, "--db", db])
        XCTAssertTrue(second.stdout.contains("2 rows: 0 inserted, 0 updated, 2 unchanged, 0 rejected"), second.stdout)
    }

    func testTimingsPrintEachPhaseOfTheImport() throws {
        let file = try write("agreements.csv", "key,title,kind,parties\na1,First,mou,UM;york\n")
        let result = try CLIRunner.run(["import", "agreements", file, "--db", db, "--timings"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("timings: ") }.map(String.init)
        XCTAssertNotNil(line, result.stdout)
        XCTAssertTrue(line?.range(of: #"^timings: rows \d+\.\d\d s, search index \d+\.\d\d s, commit \d+\.\d\d s$"#,
                                  options: .regularExpression) != nil, line ?? "")
        let ror = try CLIRunner.run(["import", "ror", file, "--db", db, "--timings"])
        XCTAssertEqual(ror.status, 64, ror.stdout)
        XCTAssertTrue(ror.stderr.contains("--timings applies to the other kinds"), ror.stderr)
    }

    func testInvalidRowsExitWith65AndNameFileLineAndColumn() throws {
        let file = try write("bad.csv", "key,title,kind,parties,signed_on\na1,Fine,mou,UM;york,2018\na2,\"Two\nlines\",mou,UM;Yrok,2018-02-30\n")
        let result = try CLIRunner.run(["import", "agreements", file, "--db", db])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.contains("\(file):3: column 'signed_on': '2018-02-30' is not a real calendar date"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(file):3: column 'parties': unknown institution 'Yrok'; did you mean 'University of York'?"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("partnerships: error: \(file): 1 of 2 rows rejected; nothing was written"), result.stderr)
        // The summary must not claim the valid row as inserted: it was rolled back with the rest.
        XCTAssertTrue(result.stdout.contains("2 rows: 1 to insert, 0 to update, 0 unchanged, 1 rejected, 0 warnings; nothing written;"),
                      result.stdout)
        let check = try CLIRunner.run(["import", "agreements", try write("ok.csv", "key,title,kind,parties\na1,Fine,mou,UM;york\n"),
                                       "--db", db])
        XCTAssertTrue(check.stdout.contains("1 inserted"), "the valid row of the failed file was not kept: \(check.stdout)")
    }

    /// A header with a column typed wrong stops the file at line 1, names the
    /// column probably meant, and writes nothing.
    func testAHeaderTypoStopsTheFileAndNamesTheColumnMeant() throws {
        let file = try write("typo.csv", "key,title,kind,parties,signed\na1,Fine,mou,UM;york,2018\n")
        let result = try CLIRunner.run(["import", "agreements", file, "--db", db])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.hasPrefix("\(file):1: unknown column 'signed' (did you mean 'signed_on'?); the known columns are: "),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("partnerships: error: \(file): stopped at line 1 (above); nothing was written"),
                      result.stderr)
    }

    func testAMissingFileExitsWith66() throws {
        let result = try CLIRunner.run(["import", "agreements", folder.path("nowhere.csv"), "--db", db])
        XCTAssertEqual(result.status, 66)
        XCTAssertTrue(result.stderr.contains("there is no such file"), result.stderr)
        // A wrong path is said first, not that its name gives no format.
        let noName = try CLIRunner.run(["import", "agreements", folder.path("nowhere.txt"), "--db", db])
        XCTAssertEqual(noName.status, 66)
        XCTAssertTrue(noName.stderr.contains("there is no such file"), noName.stderr)
    }

    /// The kind in any letter case, and singular too.
    func testTheKindMayBeSingularOrCapitalised() throws {
        let file = try write("one.csv", "key,title,kind,parties\na1,First,mou,UM;york\n")
        let singular = try CLIRunner.run(["import", "agreement", file, "--db", db, "--dry-run"])
        XCTAssertEqual(singular.status, 0, singular.stderr)
        XCTAssertTrue(singular.stdout.contains("1 row: 1 to insert"), singular.stdout)
        let capitalised = try CLIRunner.run(["import", "Agreements", file, "--db", db, "--dry-run"])
        XCTAssertEqual(capitalised.status, 0, capitalised.stderr)
        let unknown = try CLIRunner.run(["import", "partners", file, "--db", db])
        XCTAssertEqual(unknown.status, 64, unknown.stderr)
    }

    func testDryRunSkipInvalidAndRejects() throws {
        let file = try write("a.csv", "key,title,kind,parties\na1,Fine,mou,UM;york\na2,Bad,nonsense,UM;york\n")
        let dry = try CLIRunner.run(["import", "agreements", file, "--db", db, "--dry-run", "--skip-invalid"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("dry run: nothing was written"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("2 rows: 1 to insert, 0 to update, 0 unchanged, 1 rejected"), dry.stdout)
        let rejects = folder.path("rejects.csv")
        let skip = try CLIRunner.run(["import", "agreements", file, "--db", db, "--skip-invalid", "--rejects", rejects])
        XCTAssertEqual(skip.status, 0, skip.stderr)
        XCTAssertTrue(skip.stdout.contains("1 inserted, 0 updated, 0 unchanged, 1 rejected"), skip.stdout)
        XCTAssertTrue(skip.stderr.contains("1 rejected row written to \(rejects)"), skip.stderr)
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("key,title,kind,parties,error\na2,Bad,nonsense,UM;york,"), text)
        let usage = try CLIRunner.run(["import", "agreements", file, "--db", db, "--rejects", folder.path("other.csv")])
        XCTAssertEqual(usage.status, 64, "--rejects without --skip-invalid")
        let exists = try CLIRunner.run(["import", "agreements", file, "--db", db, "--skip-invalid", "--rejects", rejects])
        XCTAssertEqual(exists.status, 73, "the rejects file is never overwritten")
    }

    func testStandardInputWithAFormat() throws {
        let json = Data("[{\"network\": \"wun\", \"institution\": \"UM\"}]".utf8)
        try CLIRunner.run(["import", "networks", try write("n.ndjson", "{\"key\": \"wun\", \"name\": \"Worldwide Universities Network\"}\n"), "--db", db])
        let result = try CLIRunner.run(["import", "memberships", "-", "--format", "json", "--db", db], stdin: json)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("<stdin>: 1 row: 1 inserted"), result.stdout)
    }

    /// A spreadsheet's plain CSV from Windows: refused as UTF-8 with the way
    /// out in the message, imported with --encoding.
    func testAWindows1252FileNeedsItsEncodingNamed() throws {
        let path = folder.path("ansi.csv")
        let bytes = Array("key,name,country\nuliege,Universit".utf8) + [0xE9] + Array(" de Li".utf8) + [0xE8] + Array("ge,BE\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let refused = try CLIRunner.run(["import", "institutions", path, "--db", db])
        XCTAssertEqual(refused.status, 65)
        XCTAssertTrue(refused.stderr.contains("--encoding windows-1252"), refused.stderr)
        let imported = try CLIRunner.run(["import", "institutions", path, "--encoding", "latin1", "--db", db])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let name = try CLIRunner.run(["query", "SELECT name FROM institutions WHERE key = 'uliege'", "--format", "csv", "--db", db])
        XCTAssertEqual(name.stdout, "name\r\nUniversité de Liège\r\n")
        XCTAssertEqual(try CLIRunner.run(["import", "institutions", path, "--encoding", "ebcdic", "--db", db]).status, 64)
        let ror = try CLIRunner.run(["import", "ror", path, "--encoding", "utf-8", "--db", db])
        XCTAssertEqual(ror.status, 64)
        XCTAssertTrue(ror.stderr.contains("--encoding does not apply"), ror.stderr)
    }

    func testUnterminatedQuoteAndUnknownKind() throws {
        let file = try write("q.csv", "key,title,kind,parties\na1,\"open,mou,UM;york\n")
        let result = try CLIRunner.run(["import", "agreements", file, "--db", db])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.contains("\(file):2: unterminated quoted field"), result.stderr)
        XCTAssertEqual(try CLIRunner.run(["import", "partners", file, "--db", db]).status, 64)
    }

    func testInitWithSeedsPrintsAnOverviewAndThenNothingChanged() throws {
        let seeds = folder.url.appendingPathComponent("seeds2")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        try "key,name,country\num,Maastricht University,NL\nuci,UC Irvine,US\n"
            .write(to: seeds.appendingPathComponent("institutions.csv"), atomically: true, encoding: .utf8)
        try "key,title,kind,parties,signed_on\nm1,MoU,mou,um;uci,2018-11-28\n"
            .write(to: seeds.appendingPathComponent("agreements.csv"), atomically: true, encoding: .utf8)
        let path = folder.path("fresh.sqlite")
        let first = try CLIRunner.run(["init", "--db", path, "--seeds", seeds.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("institutions         2"), first.stdout)
        XCTAssertTrue(first.stdout.contains("signed 2018-11-28  MoU (mou): Maastricht University; UC Irvine"), first.stdout)
        let second = try CLIRunner.run(["init", "--db", path, "--seeds", seeds.path])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("nothing changed"), second.stdout)
        try "key,title,kind,parties\nm2,Broken,mou,um;atlantis\n"
            .write(to: seeds.appendingPathComponent("agreements.csv"), atomically: true, encoding: .utf8)
        let broken = try CLIRunner.run(["init", "--db", path, "--seeds", seeds.path])
        XCTAssertEqual(broken.status, 65)
        XCTAssertTrue(broken.stderr.contains("agreements.csv:2: column 'parties': unknown institution 'atlantis'"), broken.stderr)
    }
}
