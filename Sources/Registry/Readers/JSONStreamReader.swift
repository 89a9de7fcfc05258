/// Reads JSON one element at a time: the elements of a top-level array (a
/// `.json` import file, or a ROR data dump of 150 MB), or the values of a
/// newline-delimited file (`.ndjson`). Only the current element is held in
/// memory, so memory depends on the largest element, not on the file.
public final class JSONStreamReader {
    public enum Layout: Sendable {
        /// One top-level array; `next()` returns its elements.
        case array
        /// One value per line (NDJSON / JSON Lines); blank lines are skipped.
        case lines
    }

    /// The reading stopped: the file is not valid JSON from this point on.
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { message }
    }

    public let source: ByteSource
    public let layout: Layout
    /// Deeper nesting is refused (hostile input must not exhaust the stack).
    public let maxDepth: Int
    public let maxStringBytes: Int

    /// The line on which the value last returned by `next()` starts.
    public private(set) var line = 1
    private var currentLine = 1
    private var started = false
    private var finished = false
    private var scratch: [UInt8] = []
    /// NDJSON: the line on which the previous value ended.
    private var previousEndLine: Int?

    public init(source: ByteSource, layout: Layout, maxDepth: Int = 100, maxStringBytes: Int = 64 << 20) {
        self.source = source
        self.layout = layout
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
    }

    /// The next element, or nil at the end.
    public func next() throws -> JSONValue? {
        if finished { return nil }
        if !started {
            started = true
            try skipByteOrderMark()
            if layout == .array {
                try skipWhitespace()
                guard let first = try peek() else { throw error("the file is empty; expected a JSON array '[ ... ]'") }
                guard first == UInt8(ascii: "[") else {
                    throw error("expected a JSON array '[ ... ]' of records, found \(describe(first)); for one record per line use --format ndjson")
                }
                advance()
                try skipWhitespace()
                if try peek() == UInt8(ascii: "]") {
                    advance()
                    try finish()
                    return nil
                }
                return try element()
            }
        }
        switch layout {
        case .array:
            try skipWhitespace()
            guard let byte = try peek() else { throw error("the array is not closed: ']' is missing at the end of the file") }
            if byte == UInt8(ascii: "]") {
                advance()
                try finish()
                return nil
            }
            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or ']' after an element, found \(describe(byte))") }
            advance()
            try skipWhitespace()
            return try element()
        case .lines:
            try skipWhitespace()
            guard let byte = try peek() else {
                finished = true
                return nil
            }
            if let previousEndLine, previousEndLine == currentLine {
                throw error("expected a line break after the value on line \(line), found \(describe(byte)); NDJSON has one value per line")
            }
            let result = try element()
            previousEndLine = currentLine
            return result
        }
    }

    /// Where the file would be in memory if it were read whole: for progress.
    public var bytesRead: Int64 { source.bytesRead }

    private func element() throws -> JSONValue {
        line = currentLine
        return try value(depth: 1)
    }

    private func finish() throws {
        try skipWhitespace()
        if let byte = try peek() { throw error("unexpected \(describe(byte)) after the end of the array") }
        finished = true
    }

    // MARK: Values

    private func value(depth: Int) throws -> JSONValue {
        guard depth <= maxDepth else { throw error("the JSON is nested more than \(maxDepth) levels deep") }
        guard let byte = try peek() else { throw error("the file ends where a value was expected") }
        switch byte {
        case UInt8(ascii: "{"):
            advance()
            var members: [(key: String, value: JSONValue)] = []
            try skipWhitespace()
            if try peek() == UInt8(ascii: "}") {
                advance()
                return .object(JSONObject(members: members))
            }
            while true {
                try skipWhitespace()
                guard try peek() == UInt8(ascii: "\"") else {
                    throw error("expected a member name in double quotes, found \(describe(try peek()))")
                }
                let key = try string()
                try skipWhitespace()
                guard try peek() == UInt8(ascii: ":") else { throw error("expected ':' after \"\(key)\", found \(describe(try peek()))") }
                advance()
                try skipWhitespace()
                let member = try value(depth: depth + 1)
                members.append((key, member))
                try skipWhitespace()
                let next = try peek()
                if next == UInt8(ascii: ",") {
                    advance()
                    continue
                }
                if next == UInt8(ascii: "}") {
                    advance()
                    return .object(JSONObject(members: members))
                }
                throw error("expected ',' or '}' in an object, found \(describe(next))")
            }
        case UInt8(ascii: "["):
            advance()
            var items: [JSONValue] = []
            try skipWhitespace()
            if try peek() == UInt8(ascii: "]") {
                advance()
                return .array(items)
            }
            while true {
                try skipWhitespace()
                items.append(try value(depth: depth + 1))
                try skipWhitespace()
                let next = try peek()
                if next == UInt8(ascii: ",") {
                    advance()
                    continue
                }
                if next == UInt8(ascii: "]") {
                    advance()
                    return .array(items)
                }
                throw error("expected ',' or ']' in an array, found \(describe(next))")
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try number())
        default:
            throw error("expected a value, found \(describe(byte))")
        }
    }

    private func literal(_ word: String) throws {
        for expected in word.utf8 {
            guard try peek() == expected else { throw error("invalid literal; expected '\(word)'") }
            advance()
        }
    }

    private func number() throws -> String {
        scratch.removeAll(keepingCapacity: true)
        func digits() throws -> Int {
            var count = 0
            while let byte = try peek(), byte >= 0x30 && byte <= 0x39 {
                scratch.append(byte)
                advance()
                count += 1
                if count > 400 { throw error("a number with more than 400 digits") }
            }
            return count
        }
        if try peek() == UInt8(ascii: "-") {
            scratch.append(UInt8(ascii: "-"))
            advance()
        }
        if try peek() == UInt8(ascii: "0") {
            scratch.append(UInt8(ascii: "0"))
            advance()
        } else if try digits() == 0 {
            throw error("invalid number")
        }
        if try peek() == UInt8(ascii: ".") {
            scratch.append(UInt8(ascii: "."))
            advance()
            guard try digits() > 0 else { throw error("invalid number: digits must follow '.'") }
        }
        if let byte = try peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            scratch.append(byte)
            advance()
            if let sign = try peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                scratch.append(sign)
                advance()
            }
            guard try digits() > 0 else { throw error("invalid number: digits must follow the exponent") }
        }
        if let byte = try peek(), byte >= 0x30 && byte <= 0x39 { throw error("invalid number: a leading zero") }
        return String(decoding: scratch, as: UTF8.self)
    }

    private func string() throws -> String {
        advance() // the opening quote
        scratch.removeAll(keepingCapacity: true)
        while true {
            if source.start == source.end {
                guard try source.refill() else { throw error("unterminated string") }
            }
            let buffer = source.buffer
            var i = source.start
            let end = source.end
            while i < end {
                let byte = buffer[i]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                i += 1
            }
            if i > source.start {
                guard scratch.count + (i - source.start) <= maxStringBytes else {
                    throw error("a string longer than \(maxStringBytes / (1 << 20)) MiB")
                }
                scratch.append(contentsOf: UnsafeBufferPointer(start: buffer + source.start, count: i - source.start))
                source.start = i
            }
            guard i < end else { continue }
            let byte = buffer[i]
            if byte == UInt8(ascii: "\"") {
                source.start = i + 1
                break
            }
            if byte < 0x20 {
                throw error(byte == 0x0A ? "unterminated string (a line break inside a string must be written \\n)"
                                         : "a control character (0x\(String(byte, radix: 16))) inside a string; escape it")
            }
            source.start = i + 1
            try escape()
        }
        if let text = String(validating: scratch, as: UTF8.self) {
            if scratch.contains(0) { throw error("a string contains a NUL character") }
            return text
        }
        throw error("a string is not valid UTF-8; save the file as UTF-8")
    }

    private func escape() throws {
        guard let byte = try peek() else { throw error("unterminated string") }
        advance()
        switch byte {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard try peek() == UInt8(ascii: "\\") else { throw error("a lone surrogate \\u\(String(scalar, radix: 16)) in a string") }
                advance()
                guard try peek() == UInt8(ascii: "u") else { throw error("a lone surrogate \\u\(String(scalar, radix: 16)) in a string") }
                advance()
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("a lone surrogate \\u\(String(scalar, radix: 16)) in a string") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("a lone surrogate \\u\(String(scalar, radix: 16)) in a string")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("an invalid \\u escape") }
            scratch.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw error("an invalid escape '\\\(Character(Unicode.Scalar(byte)))' in a string")
        }
    }

    private func hex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try peek() else { throw error("unterminated string") }
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw error("an invalid \\u escape: four hex digits expected")
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    // MARK: Bytes

    private func peek() throws -> UInt8? {
        if source.start == source.end {
            guard try source.refill() else { return nil }
        }
        return source.buffer[source.start]
    }

    private func advance() { source.start += 1 }

    private func skipWhitespace() throws {
        while true {
            if source.start == source.end {
                guard try source.refill() else { return }
            }
            let byte = source.buffer[source.start]
            switch byte {
            case 0x0A:
                currentLine += 1
            case 0x20, 0x09, 0x0D:
                break
            default:
                return
            }
            source.start += 1
        }
    }

    private func skipByteOrderMark() throws {
        while source.end - source.start < 3 {
            guard try source.refill() else { break }
        }
        let available = source.end - source.start
        let b = source.buffer + source.start
        if available >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) {
            throw error("the file is UTF-16; save it as UTF-8")
        }
        if available >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { source.start += 3 }
    }

    private func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "the end of the file" }
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private func error(_ message: String) -> SyntaxError {
        SyntaxError(line: currentLine, message: message)
    }
}
