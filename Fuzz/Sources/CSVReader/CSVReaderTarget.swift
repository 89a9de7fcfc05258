import Foundation
import FuzzSupport
import Registry

/// The CSV reader over arbitrary bytes. The first byte picks a small buffer
/// size, so records straddle buffer refills at every possible offset; the
/// result must be the same as with one large buffer (a reader that depends
/// on where a refill falls is wrong), and it must equal a simple in-memory
/// RFC 4180 reader written here as the oracle. The large buffer holds the
/// whole input, so its reader sees the whole first line when it decides the
/// delimiter (comma, semicolon or tab), as the oracle does; the small one is
/// given that delimiter (with a first line longer than its buffer, it would
/// judge by the part it holds). The input is also read as Windows-1252, with
/// both buffers, which must agree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    let chunk = 16 + Int(input.takeByte() % 48)
    let bytes = input.data
    let large = CSVParse.records(bytes, chunkSize: 1 << 16)
    let small = CSVParse.records(bytes, chunkSize: chunk, delimiter: large.delimiter)
    if small != large {
        fuzzFailure("chunk size \(chunk) reads differently from 64 KiB:\n\(small)\n---\n\(large)")
    }
    // The same bytes as Windows-1252 (every byte is a character there): the
    // conversion to UTF-8 must not depend on where a refill falls either.
    let smallLatin = CSVParse.records(bytes, chunkSize: chunk, delimiter: large.delimiter, encoding: .windows1252)
    let largeLatin = CSVParse.records(bytes, chunkSize: 1 << 16, delimiter: large.delimiter, encoding: .windows1252)
    if smallLatin != largeLatin {
        fuzzFailure("as Windows-1252, chunk size \(chunk) reads differently from 64 KiB:\n\(smallLatin)\n---\n\(largeLatin)")
    }
    if let expected = CSVParse.reference(bytes),
       expected.records != large.records || expected.failure != (large.failure != nil) {
        fuzzFailure("read differently from the reference reader:\nexpected \(expected)\nread \(large)")
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
        var delimiter: UInt8?
        var description: String { records.map(\.description).joined(separator: "\n") + (failure.map { "\nfailure \($0)" } ?? "") }
    }

    static func records(_ data: Data, chunkSize: Int, delimiter: UInt8? = nil, encoding: TextEncoding = .utf8) -> Outcome {
        let source = ByteSource(name: "fuzz", data: data, encoding: encoding, chunkSize: chunkSize)
        let reader = CSVReader(source: source, delimiter: delimiter, maxRecordBytes: 1 << 20)
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
        outcome.delimiter = reader.delimiter
        return outcome
    }

    /// A second, deliberately simple RFC 4180 reader over the whole input in
    /// memory: the oracle. Nil for input it does not model (NUL bytes,
    /// invalid UTF-8, UTF-16, text after a closing quote); `failure` true for
    /// an unterminated quote. CRLF, LF and CR end lines; line breaks inside
    /// quotes become LF; blank lines between records are skipped.
    static func reference(_ data: Data) -> (records: [Record], failure: Bool)? {
        var d = [UInt8](data)
        guard !d.contains(0), String(validating: d, as: UTF8.self) != nil else { return nil }
        if d.starts(with: [0xEF, 0xBB, 0xBF]) { d.removeFirst(3) }
        let (quote, lf, cr): (UInt8, UInt8, UInt8) = (0x22, 0x0A, 0x0D)
        // The delimiter: a comma if the first line (up to a line break
        // outside quotes) has one outside quotes, else the more frequent of
        // semicolon and tab (semicolon on a tie), else a comma.
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        for byte in d {
            if byte == quote { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == lf || byte == cr { break }
            counts[byte, default: 0] += 1
        }
        let (semicolons, tabs) = (counts[0x3B] ?? 0, counts[0x09] ?? 0)
        let delimiter: UInt8 = counts[0x2C] != nil || semicolons + tabs == 0 ? 0x2C : (tabs > semicolons ? 0x09 : 0x3B)
        let n = d.count
        var i = 0, line = 1
        var records: [Record] = []
        func lineBreak() {  // at d[i] == CR or LF
            i += (d[i] == cr && i + 1 < n && d[i + 1] == lf) ? 2 : 1
            line += 1
        }
        while true {
            while i < n && (d[i] == lf || d[i] == cr) { lineBreak() }
            if i >= n { return (records, false) }
            let start = line
            var fields: [String] = []
            var endOfRecord = false
            while !endOfRecord {
                var field: [UInt8] = []
                if i < n && d[i] == quote {
                    i += 1
                    while true {
                        guard i < n else { return (records, true) }
                        if d[i] == quote {
                            if i + 1 < n && d[i + 1] == quote { field.append(quote); i += 2; continue }
                            i += 1
                            break
                        }
                        if d[i] == cr || d[i] == lf { field.append(lf); lineBreak(); continue }
                        field.append(d[i]); i += 1
                    }
                    guard i >= n || d[i] == delimiter || d[i] == lf || d[i] == cr else { return nil }
                } else {
                    while i < n && d[i] != delimiter && d[i] != lf && d[i] != cr { field.append(d[i]); i += 1 }
                }
                fields.append(String(decoding: field, as: UTF8.self))
                if i >= n {
                    endOfRecord = true
                } else if d[i] == delimiter {
                    i += 1
                } else {
                    lineBreak()
                    endOfRecord = true
                }
            }
            records.append(Record(line: start, fields: fields, problem: nil))
        }
    }
}
