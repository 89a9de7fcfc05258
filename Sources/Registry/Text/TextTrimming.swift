/// Trimming white space around values, on UTF-8 bytes (the import hot path
/// must not walk grapheme clusters for every field).
enum TextTrimming {
    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    /// The text without leading and trailing white space (ASCII, and Unicode
    /// spaces such as U+00A0 when the ends are not ASCII).
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0, end = bytes.count
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        if start < end, bytes[start] >= 0x80 || bytes[end - 1] >= 0x80 { return unicodeTrimmed(text) }
        return text
    }

    private static func unicodeTrimmed(_ text: String) -> String {
        var start = text.startIndex, end = text.endIndex
        while start < end, text[start].isWhitespace { start = text.index(after: start) }
        while end > start, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        return start == text.startIndex && end == text.endIndex ? text : String(text[start..<end])
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        var copy = self
        return copy.withUTF8 { TextTrimming.trimmed($0) }
    }

    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
