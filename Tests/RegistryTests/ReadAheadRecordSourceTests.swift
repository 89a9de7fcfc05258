import Database
import Foundation
@testable import Registry
import XCTest

/// Reading ahead on a second thread changes nothing a user can see: the same
/// rows in the same order with the same lines and problems, the error that
/// stops a file after the rows before it, and an import that stops early
/// leaves no thread reading.
final class ReadAheadRecordSourceTests: XCTestCase {
    /// Many batches' worth of rows (so the reader waits for the caller and
    /// batches are reused), with multi-line fields, ragged rows and invalid
    /// UTF-8 spread through them, and an unterminated quote at the end.
    private func awkwardFile(rows: Int) -> Data {
        var data = Data("key,title,kind,parties,signed_on\n".utf8)
        for index in 1...rows {
            switch index % 997 {
            case 5: data.append(Data("k\(index),\"two\nlines, \"\"quoted\"\"\",mou,a;b,2018\n".utf8))
            case 17: data.append(Data("k\(index),ragged,mou\n".utf8))
            case 29:
                data.append(Data("k\(index),".utf8))
                data.append(Data([0xC3, 0x28]))
                data.append(Data(",mou,a;b,\n".utf8))
            default: data.append(Data("k\(index),Title \(index),mou,a;b,2018-11-\(10 + index % 19)\n".utf8))
            }
        }
        data.append(Data("last,\"never closed,mou,a;b,2018\n".utf8))
        return data
    }

    /// Everything a source gives: each row as text, then how it ended.
    private func readAll<S: RecordSource>(_ source: S) -> [String] where S.Column == AgreementColumn {
        var seen: [String] = []
        var row = ImportRow<AgreementColumn>()
        var check = RowCheck()
        do {
            while true {
                check.reset()
                guard try source.next(into: &row, check: &check) else { break }
                let values = row.values.map { $0 ?? "-" }.joined(separator: "|")
                let problems = check.errors.map { "\($0.column ?? ""): \($0.message)" }.joined(separator: "; ")
                seen.append("\(row.line) \(values) [\(problems)] \(row.present)")
            }
            seen.append("end")
        } catch let fatal as ImportFatal {
            seen.append("fatal \(fatal.line): \(fatal.message)")
        } catch {
            seen.append("error \(error)")
        }
        return seen
    }

    /// Which columns a row has decides what an update keeps (an absent
    /// column leaves the stored value): a CSV row has its header's columns,
    /// whatever the rows before it held; a JSON record has its own keys.
    func testEachRowHasTheColumnsOfItsHeaderOrItsOwnKeys() throws {
        func presentColumns<S: RecordSource>(_ source: S) throws -> [[String]] where S.Column == AgreementColumn {
            var row = ImportRow<AgreementColumn>()
            var check = RowCheck()
            var seen: [[String]] = []
            while try source.next(into: &row, check: &check) {
                seen.append(AgreementColumn.allCases.filter { row.has($0) }.map(\.name))
            }
            return seen
        }
        let csv = Data("key,title,kind,parties,notes\na1,One,mou,a;b,\na2,Two,mou,a;b,A note\na3,Three,mou,a;b,\n".utf8)
        let header = ["key", "title", "kind", "parties", "notes"]
        XCTAssertEqual(try presentColumns(CSVRecordSource<AgreementColumn>(source: ByteSource(name: "a.csv", data: csv))),
                       [header, header, header])
        let ahead = ReadAheadRecordSource(try CSVRecordSource<AgreementColumn>(source: ByteSource(name: "a.csv", data: csv)))
        defer { ahead.stop() }
        XCTAssertEqual(try presentColumns(ahead), [header, header, header])
        let json = Data("""
            {"key": "a1", "title": "One", "kind": "mou", "parties": "a;b", "notes": "A note"}
            {"key": "a2", "title": "Two", "kind": "mou", "parties": "a;b"}

            """.utf8)
        XCTAssertEqual(try presentColumns(JSONRecordSource<AgreementColumn>(source: ByteSource(name: "a.ndjson", data: json),
                                                                            layout: .lines)),
                       [header, ["key", "title", "kind", "parties"]])
    }

    func testTheSameRowsLinesAndProblemsInTheSameOrder() throws {
        let data = awkwardFile(rows: 6_000)
        let direct = readAll(try CSVRecordSource<AgreementColumn>(source: ByteSource(name: "a.csv", data: data, chunkSize: 4096)))
        let readAhead = ReadAheadRecordSource(
            try CSVRecordSource<AgreementColumn>(source: ByteSource(name: "a.csv", data: data, chunkSize: 4096)))
        defer { readAhead.stop() }
        let ahead = readAll(readAhead)
        XCTAssertEqual(ahead.count, 6_001)
        XCTAssertTrue(ahead.last?.hasSuffix("is never closed") ?? false, ahead.last ?? "")
        XCTAssertEqual(ahead, direct)
    }

    func testNDJSONThroughTheReader() throws {
        var text = ""
        for index in 1...3_000 {
            text += index % 500 == 7 ? "[\"not an object\"]\n" : "{\"key\":\"k\(index)\",\"title\":\"T\",\"parties\":[\"a\",\"b\"]}\n"
        }
        text += "{\"key\": \n"
        let data = Data(text.utf8)
        let direct = readAll(JSONRecordSource<AgreementColumn>(source: ByteSource(name: "a.ndjson", data: data), layout: .lines))
        let readAhead = ReadAheadRecordSource(
            JSONRecordSource<AgreementColumn>(source: ByteSource(name: "a.ndjson", data: data), layout: .lines))
        defer { readAhead.stop() }
        XCTAssertEqual(readAll(readAhead), direct)
        XCTAssertTrue(direct.last?.hasPrefix("fatal 300") ?? false, direct.last ?? "")
    }

    /// The caller stops after a few rows (the database failed): the reader,
    /// waiting on a full queue, ends, and `stop` returns.
    func testStoppingEarlyEndsTheReader() throws {
        let data = awkwardFile(rows: 20_000)
        let readAhead = ReadAheadRecordSource(
            try CSVRecordSource<AgreementColumn>(source: ByteSource(name: "a.csv", data: data)))
        var row = ImportRow<AgreementColumn>()
        var check = RowCheck()
        for _ in 0..<10 { XCTAssertTrue(try readAhead.next(into: &row, check: &check)) }
        Thread.sleep(forTimeInterval: 0.05)
        readAhead.stop()
        XCTAssertLessThan(readAhead.bytesRead, Int64(data.count))
    }

    /// An all-or-nothing import of a file larger than the read-ahead queue:
    /// every bad row is named with its line, in order, and nothing is written.
    func testALargeFileWithBadRowsReportsEveryLine() throws {
        let registry = try RegistryFixture()
        try registry.loadBasics()
        var rows: [String] = []
        var expected: [Int] = []
        for index in 1...5_000 {
            let line = index + 1
            if index % 700 == 0 {
                rows.append("k\(index),Bad,mou,um;york,2019-02-29")
                expected.append(line)
            } else {
                rows.append("k\(index),Agreement \(index),mou,um;york,2018")
            }
        }
        let report = try registry.importText(.agreements, "a.csv",
                                             "key,title,kind,parties,signed_on\n" + rows.joined(separator: "\n") + "\n")
        XCTAssertEqual(report.rowsRead, 5_000)
        XCTAssertEqual(report.errors.map(\.line), expected)
        XCTAssertEqual(Set(report.errors.map(\.detail)), ["column 'signed_on': '2019-02-29' is not a real calendar date"])
        XCTAssertFalse(report.committed)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreements"), 0)

        let fixed = rows.map { $0.replacingOccurrences(of: "2019-02-29", with: "2019-02-28") }
        let text = "key,title,kind,parties,signed_on\n" + fixed.joined(separator: "\n") + "\n"
        let first = try registry.importText(.agreements, "b.csv", text)
        XCTAssertEqual(first.inserted, 5_000)
        XCTAssertTrue(first.committed)
        let second = try registry.importText(.agreements, "b.csv", text)
        XCTAssertEqual(second.unchanged, 5_000)
    }
}
