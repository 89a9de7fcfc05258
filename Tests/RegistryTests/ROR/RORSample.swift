import Foundation
@testable import Registry

/// The real ROR sample of Tests/Fixtures/ror, read through the streaming reader.
enum RORSample {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ror/ror-sample.json").path

    /// Read once: the tests ask for many records.
    private static var cache: [(line: Int, value: JSONValue)]?

    /// Every element of the sample, with the line on which it starts.
    static func elements() throws -> [(line: Int, value: JSONValue)] {
        if let cache { return cache }
        let reader = JSONStreamReader(source: try ByteSource.open(path: path), layout: .array)
        var elements: [(Int, JSONValue)] = []
        while let value = try reader.next() { elements.append((reader.line, value)) }
        cache = elements
        return elements
    }

    /// The sample element of one ROR id ("02jx3x895").
    static func element(_ id: String) throws -> JSONValue {
        guard let found = try elements().first(where: { $0.value["id"]?.stringValue == "https://ror.org/" + id }) else {
            throw NSError(domain: "RORSample", code: 1, userInfo: [NSLocalizedDescriptionKey: "no record \(id) in the sample"])
        }
        return found.value
    }

    static func record(_ id: String) throws -> RORRecord { try RORRecord(json: try element(id)) }

    /// A dump of the given elements, as a file would hold them.
    static func dump(_ elements: [JSONValue]) -> Data {
        Data(("[\n" + elements.map(render).joined(separator: ",\n") + "\n]\n").utf8)
    }

    /// JSON text of a value (enough for test dumps: strings escaped, numbers as read).
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text):
            let data = try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
            let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
            return String(array.dropFirst().dropLast())
        case .array(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.members.map { render(.string($0.key)) + ": " + render($0.value) }.joined(separator: ", ") + "}"
        }
    }
}

extension JSONValue {
    /// A copy with one member of an object replaced (or added).
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var object) = self else { return self }
        if let index = object.members.firstIndex(where: { $0.key == key }) {
            object.members[index].value = value
        } else {
            object.members.append((key, value))
        }
        return .object(object)
    }

    /// A copy without one member.
    func removing(_ key: String) -> JSONValue {
        guard case .object(var object) = self else { return self }
        object.members.removeAll { $0.key == key }
        return .object(object)
    }
}
