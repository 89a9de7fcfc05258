import Foundation
import FuzzSupport
import Registry

/// The CSV reader over arbitrary bytes. The first byte picks a small buffer
/// size, so records straddle buffer refills at every possible offset; the
/// result must be the same as with one large buffer (a reader that depends
/// on where a refill falls is wrong), and for plain input (no quotes, no CR)
/// it must equal a naive split on LF and ',' — the oracle.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    let chunk = 16 + Int(input.takeByte() % 48)
    let bytes = input.data
    let small = CSVParse.records(bytes, chunkSize: chunk)
    let large = CSVParse.records(bytes, chunkSize: 1 << 16)
    if small != large {
        fuzzFailure("chunk size \(chunk) reads differently from 64 KiB:\n\(small)\n---\n\(large)")
    }
    if let expected = CSVParse.naive(bytes), expected != large.records {
        fuzzFailure("plain input read wrongly:\nexpected \(expected)\nread \(large.records)")
    }
    return 0
}

enum CSVParse {
    struct Record: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [String]
        var problem: String?
        var description: String { "\(line): \(fields)\(problem.map { " (\($0))" } ?? "")" }
    }

    struct Outcome: Equatable, CustomStringConvertible {
        var records: [Record] = []
        var failure: String?
        var description: String { records.map(\.description).joined(separator: "\n") + (failure.map { "\nfailure \($0)" } ?? "") }
    }

    static func records(_ data: Data, chunkSize: Int) -> Outcome {
        let reader = CSVReader(source: ByteSource(name: "fuzz", data: data, chunkSize: chunkSize), maxRecordBytes: 1 << 20)
        var outcome = Outcome()
        var lastLine = 0
        do {
            while try reader.next() {
                guard reader.line > lastLine else { fuzzFailure("line \(reader.line) after line \(lastLine)") }
                guard reader.fieldCount >= 1 else { fuzzFailure("a record with no field on line \(reader.line)") }
                lastLine = reader.line
                var fields: [String] = []
                for index in 0..<reader.fieldCount {
                    let lossy = reader.lossyText(index)
                    switch reader.text(index) {
                    case .success(let text):
                        guard text == lossy else { fuzzFailure("text and lossyText differ for valid UTF-8") }
                        guard reader.isEmpty(index) == text.isEmpty else { fuzzFailure("isEmpty disagrees with the text") }
                        if case .success(let trimmed) = reader.text(index, trimming: true), trimmed.count > text.count {
                            fuzzFailure("trimming made the field longer")
                        }
                        fields.append(text)
                    case .failure(let problem):
                        fields.append("<\(problem)>")
                    }
                }
                outcome.records.append(Record(line: reader.line, fields: fields, problem: reader.recordProblem))
            }
        } catch {
            outcome.failure = "\(error)"
        }
        return outcome
    }

    /// The expected records of input without quotes, CR, NUL, BOM or non-ASCII
    /// bytes: LF ends a line, blank lines are skipped, ',' separates fields.
    static func naive(_ data: Data) -> [Record]? {
        guard !data.contains(where: { $0 == 0x22 || $0 == 0x0D || $0 == 0 || $0 >= 0x80 }) else { return nil }
        var records: [Record] = []
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let fields = line.split(separator: 0x2C, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            records.append(Record(line: index + 1, fields: fields, problem: nil))
        }
        return records
    }
}
