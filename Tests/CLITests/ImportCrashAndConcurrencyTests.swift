import Database
import Foundation
import TestSupport
import XCTest

/// Imports that are killed half-way or that run two at once, through the
/// real binary: all of an import or none of it, never a damaged file, never
/// a lost row.
final class ImportCrashAndConcurrencyTests: XCTestCase {
    var folder: TemporaryDirectory!
    var registry: String!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        registry = folder.path("r.sqlite")
        let initialized = try CLIRunner.run(["init", "--db", registry])
        XCTAssertEqual(initialized.status, 0, initialized.stderr)
        let institutions = try CLIRunner.run(["import", "institutions", try writeInstitutions(), "--db", registry])
        XCTAssertEqual(institutions.status, 0, institutions.stderr)
    }

    override func tearDown() { folder = nil }

    static let institutionCount = 200

    /// Institutions inst-0 ... inst-199, for the generated agreements to name.
    private func writeInstitutions() throws -> String {
        var text = "key,name,country\n"
        for number in 0..<Self.institutionCount { text += "inst-\(number),Generated University \(number),NL\n" }
        let path = folder.path("institutions.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `count` agreements with keys `prefix-N`, each between two generated institutions.
    private func writeAgreements(_ name: String, prefix: String, count: Int) throws -> String {
        var text = "key,title,kind,parties,signed_on,topics,notes\n"
        text.reserveCapacity(count * 140)
        for number in 0..<count {
            let first = number % Self.institutionCount, second = (number * 7 + 1) % Self.institutionCount
            let other = second == first ? (first + 1) % Self.institutionCount : second
            text += "\(prefix)-\(number),\"Agreement \(number), on \"\"\(prefix)\"\"\",mou,inst-\(first);inst-\(other),"
                + "20\(10 + number % 15)-0\(1 + number % 9)-1\(number % 9),health;ai,generated row \(number) of \(count)\n"
        }
        let path = folder.path(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every index and trigger, with its SQL.
    private func schema() throws -> [String] {
        try Connection(path: registry, configuration: .init(mode: .readWrite))
            .rows("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema "
                  + "WHERE type IN ('index', 'trigger') ORDER BY name")
            .compactMap { $0[0].string }
    }

    private func count(_ sql: String) throws -> Int64 {
        try Connection(path: registry, configuration: .init(mode: .readWrite)).scalar(sql)?.int64 ?? -1
    }

    // MARK: Crash safety

    func testAnImportKilledWhileWritingLeavesAllOrNothingOfIt() throws {
        let walBefore = ChildProcess.fileSize(registry + "-wal")
        try killImport(rows: 60_000, when: "it has written 1 MB to the WAL") {
            ChildProcess.fileSize(self.registry + "-wal") > walBefore + 1_000_000
        }
    }

    /// A large import first writes zeros past the end of the WAL, where its
    /// frames then go (`WALPrefill`). Killed once its frames have reached 2
    /// MB into them (here when it writes its page cache out before building
    /// the indexes, frames then zeros until that burst ends): all or nothing.
    /// (`WALPrefillTests` copy the files with frames over part of the zeros,
    /// at a moment they choose.)
    func testAnImportKilledWithFramesOverItsPrefilledWALLeavesAllOrNothingOfIt() throws {
        let framesAt = ChildProcess.fileSize(registry + "-wal") + 2_000_000
        try killImport(rows: 60_000, when: "its frames reached 2 MB into the zeros it wrote to the WAL") {
            let wal = self.registry + "-wal"
            return Self.hasNonZeroBytes(wal, at: framesAt, count: 65_536)
                && ChildProcess.fileSize(wal) > framesAt + 4_000_000
        }
    }

    /// True when the file holds a byte other than zero in `count` bytes from `offset`.
    private static func hasNonZeroBytes(_ path: String, at offset: Int64, count: Int) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(offset))) != nil,
              let bytes = try? handle.read(upToCount: count) else { return false }
        return bytes.contains { $0 != 0 }
    }

    /// While it builds its indexes, a large import writes zeros past the end
    /// of the database file, where the checkpoint will put its pages
    /// (`FileGrowthPrefill`); nothing else grows that file before the commit.
    func testAnImportKilledWhileItGrowsTheFileLeavesAllOrNothingOfIt() throws {
        let fileBefore = ChildProcess.fileSize(registry)
        try killImport(rows: 60_000, when: "the database file has grown") {
            ChildProcess.fileSize(self.registry) > fileBefore + 65_536
        }
    }

    /// Starts an import of `rows` generated agreements, kills it with
    /// SIGKILL once `started` holds, and checks that the registry is whole
    /// and holds all of that import or none of it.
    private func killImport(rows: Int, when moment: String, started: () -> Bool,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let input = try writeAgreements("big.csv", prefix: "big", count: rows)
        let before = try count("SELECT count(*) FROM agreements")
        let beforeParties = try count("SELECT count(*) FROM agreement_parties")
        let schemaBefore = try schema()

        let child = try ChildProcess(["import", "agreements", input, "--db", registry])
        let reached = ChildProcess.poll(timeout: 60, started)
        child.kill(SIGKILL)
        let outcome = child.wait()
        XCTAssertTrue(reached, "the import never got as far as \(moment)", file: file, line: line)
        XCTAssertEqual(outcome.reason, .uncaughtSignal, "killed before it finished: \(outcome.stderr.suffix(500))",
                       file: file, line: line)

        XCTAssertEqual(try Connection(path: registry).scalar("PRAGMA integrity_check")?.string, "ok", file: file, line: line)
        // A large import sets the indexes and the search trigger aside inside
        // its transaction: killed, it leaves them as they were.
        XCTAssertEqual(try schema(), schemaBefore, file: file, line: line)
        let after = try count("SELECT count(*) FROM agreements")
        let imported = try count("SELECT count(*) FROM agreements WHERE key LIKE 'big-%'")
        XCTAssertTrue(imported == 0 || imported == Int64(rows), "all or none, found \(imported) of \(rows)", file: file, line: line)
        XCTAssertEqual(after, before + imported, file: file, line: line)
        if imported == 0 {
            XCTAssertEqual(try count("SELECT count(*) FROM agreement_parties"), beforeParties, "no party rows left behind",
                           file: file, line: line)
        }
        XCTAssertEqual(try count("SELECT count(*) FROM pragma_foreign_key_check"), 0, file: file, line: line)
        // The tallies (migration 0010), which the import counts itself with
        // their insert trigger set aside, say what the table holds.
        let talliesWrong = """
            SELECT count(*) FROM (SELECT kind, status, count FROM agreement_tallies WHERE count > 0
                                  EXCEPT SELECT kind, status, count(*) FROM agreements GROUP BY kind, status)
            """
        XCTAssertEqual(try count(talliesWrong), 0, file: file, line: line)
        XCTAssertEqual(try count("SELECT coalesce(sum(count), 0) FROM agreement_tallies"), after, file: file, line: line)

        // The registry works normally afterwards: the same file imports whole.
        let again = try CLIRunner.run(["import", "agreements", try writeAgreements("small.csv", prefix: "small", count: 100),
                                       "--db", registry])
        XCTAssertEqual(again.status, 0, again.stderr, file: file, line: line)
        XCTAssertEqual(try count("SELECT count(*) FROM agreements WHERE key LIKE 'small-%'"), 100, file: file, line: line)
        XCTAssertEqual(try count(talliesWrong), 0, file: file, line: line)
    }

    // MARK: Two writers

    func testTwoImportsAtOnceBothSucceedAndNoRowIsLost() throws {
        let first = try writeAgreements("a.csv", prefix: "a", count: 3_000)
        let second = try writeAgreements("b.csv", prefix: "b", count: 3_000)
        let before = try count("SELECT count(*) FROM agreements")
        let one = try ChildProcess(["import", "agreements", first, "--db", registry, "--busy-timeout", "120"])
        let two = try ChildProcess(["import", "agreements", second, "--db", registry, "--busy-timeout", "120"])
        let (a, b) = (one.wait(), two.wait())
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertEqual(try count("SELECT count(*) FROM agreements"), before + 6_000)
        XCTAssertEqual(try count("SELECT count(*) FROM agreement_parties WHERE agreement_id IN (SELECT id FROM agreements WHERE key LIKE 'a-%' OR key LIKE 'b-%')"),
                       12_000)
        XCTAssertEqual(try Connection(path: registry).scalar("PRAGMA integrity_check")?.string, "ok")
    }

    func testTheSameFileImportedTwiceAtOnceIsStoredOnce() throws {
        let file = try writeAgreements("a.csv", prefix: "same", count: 2_000)
        let one = try ChildProcess(["import", "agreements", file, "--db", registry, "--busy-timeout", "120"])
        let two = try ChildProcess(["import", "agreements", file, "--db", registry, "--busy-timeout", "120"])
        let (a, b) = (one.wait(), two.wait())
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertEqual(try count("SELECT count(*) FROM agreements WHERE key LIKE 'same-%'"), 2_000)
        XCTAssertEqual(try count("SELECT count(*) FROM agreement_parties WHERE agreement_id IN (SELECT id FROM agreements WHERE key LIKE 'same-%')"),
                       4_000)
    }

    func testAnImportThatWaitsTooLongExits75AndWritesNothing() throws {
        let holder = try Connection(path: registry)
        try holder.execute("BEGIN IMMEDIATE")
        let dumpBefore = try RegistryDump.of(registry)
        let file = try writeAgreements("a.csv", prefix: "late", count: 10)
        let result = try CLIRunner.run(["import", "agreements", file, "--db", registry, "--busy-timeout", "0.3"])
        XCTAssertEqual(result.status, 75, result.stderr)
        XCTAssertTrue(result.stderr.contains("partnerships: error: the database is busy"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--busy-timeout"), result.stderr)
        try holder.execute("ROLLBACK")
        XCTAssertEqual(try RegistryDump.of(registry), dumpBefore)
    }

    func testReadersDuringAnImportSeeTheStateBeforeIt() throws {
        // The import reads standard input, and the test holds back the end of
        // the file: the import is then certainly in the middle of its
        // transaction (it holds the write lock with rows written), however
        // fast or slow the machine and whatever its page cache keeps unwritten.
        let lines = try String(contentsOfFile: writeAgreements("big.csv", prefix: "big", count: 20_000), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let half = lines.count / 2
        let before = try count("SELECT count(*) FROM agreements")
        let input = Pipe()
        let child = try ChildProcess(["import", "agreements", "-", "--format", "csv", "--db", registry], input: input)
        defer { child.kill(SIGKILL); child.wait() }
        let writer = input.fileHandleForWriting
        writer.write(Data((lines[..<half].joined(separator: "\n") + "\n").utf8))
        let probe = try Connection(path: registry, configuration: .init(mode: .readWrite, busyTimeout: 0))
        XCTAssertTrue(ChildProcess.poll(timeout: 60) {
            do { try probe.execute("BEGIN IMMEDIATE"); try probe.execute("ROLLBACK"); return false } catch { return true }
        }, "the import never took the write lock")
        // Reports, queries, the audit and a backup neither wait nor see the
        // rows written so far.
        let started = Date()
        let query = try CLIRunner.run(["query", "SELECT count(*) AS n FROM agreements", "--format", "csv", "--db", registry])
        XCTAssertEqual(query.status, 0, query.stderr)
        XCTAssertEqual(query.stdout, "n\r\n\(before)\r\n")
        let report = try CLIRunner.run(["report", "overview", "--format", "csv", "--db", registry])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("agreements,all,,\(before)"), report.stdout)
        let audit = try CLIRunner.run(["audit", "--format", "csv", "--db", registry])
        XCTAssertTrue([0, 1].contains(audit.status), audit.stderr)
        XCTAssertFalse(audit.stdout.contains("big-"), "the audit does not see the rows being imported")
        let backup = try CLIRunner.run(["backup", folder.path("during.sqlite"), "--db", registry, "--busy-timeout", "30"])
        XCTAssertEqual(backup.status, 0, backup.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertTrue(child.isRunning, "the import was still writing while the readers ran")
        let copy = try Connection(path: folder.path("during.sqlite"), configuration: .init(mode: .readOnly, walMode: false))
        XCTAssertEqual(try copy.scalar("SELECT count(*) FROM agreements")?.int64, before)
        // The rest of the file: the import then commits all of it.
        writer.write(Data(lines[half...].joined(separator: "\n").utf8))
        try writer.close()
        let finished = child.wait()
        XCTAssertEqual(finished.status, 0, finished.stderr)
        XCTAssertEqual(try count("SELECT count(*) FROM agreements"), before + 20_000)
    }
}
