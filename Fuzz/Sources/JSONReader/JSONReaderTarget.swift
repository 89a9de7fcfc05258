import Foundation
import FuzzSupport
import Registry

/// The streaming JSON reader over arbitrary bytes, as an array file or as
/// NDJSON (first byte). Oracles: a small buffer reads exactly what a large
/// one reads; and every value read, written back out as JSON, reads back
/// equal (strings, escapes, numbers and nesting survive the round trip).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    let control = input.takeByte()
    let layout: JSONStreamReader.Layout = control & 1 == 0 ? .array : .lines
    let chunk = 16 + Int((control >> 1) % 64)
    let bytes = input.data
    let small = JSONParse.values(bytes, layout: layout, chunkSize: chunk)
    let large = JSONParse.values(bytes, layout: layout, chunkSize: 1 << 16)
    if small != large {
        fuzzFailure("chunk size \(chunk) reads differently from 64 KiB:\n\(small)\n---\n\(large)")
    }
    for value in large.values {
        let text = JSONParse.write(value)
        let again = JSONParse.values(Data(("[" + text + "]").utf8), layout: .array, chunkSize: 1 << 16)
        guard again.failure == nil, again.values == [value] else {
            fuzzFailure("round trip changed \(value) → \(text) → \(again)")
        }
    }
    return 0
}

enum JSONParse {
    struct Outcome: Equatable, CustomStringConvertible {
        var values: [JSONValue] = []
        var lines: [Int] = []
        var failure: String?
        var description: String { "\(values) at \(lines)" + (failure.map { " then \($0)" } ?? "") }
    }

    static func values(_ data: Data, layout: JSONStreamReader.Layout, chunkSize: Int) -> Outcome {
        let reader = JSONStreamReader(source: ByteSource(name: "fuzz", data: data, chunkSize: chunkSize), layout: layout,
                                      maxDepth: 100, maxStringBytes: 1 << 20)
        var outcome = Outcome()
        do {
            while let value = try reader.next() {
                outcome.values.append(value)
                outcome.lines.append(reader.line)
                if outcome.values.count > 100_000 { fuzzFailure("more values than bytes") }
            }
        } catch let error as JSONStreamReader.SyntaxError {
            outcome.failure = "line \(error.line): \(error.message)"
        } catch {
            outcome.failure = "\(error)"
        }
        return outcome
    }

    /// Writes a value as JSON text, escaping every control character.
    static func write(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return quote(text)
        case .array(let items): return "[" + items.map(write).joined(separator: ",") + "]"
        case .object(let object):
            return "{" + object.members.map { quote($0.key) + ":" + write($0.value) }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
