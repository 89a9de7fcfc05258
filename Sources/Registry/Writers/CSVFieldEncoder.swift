#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One CSV field as RFC 4180 has it: as it is, or in double quotes with its
/// own quotes doubled when it holds the delimiter, a quote, CR or LF. The
/// one encoder for every CSV and TSV this project writes (`report`, `query`,
/// `search` and `audit` output, and the rejects file of an import), so that
/// what one writes, the importer reads back the same.
///
/// Works on UTF-8 bytes with the C library's vectorised searches: the bytes
/// that decide are ASCII, and a million rows must not go through grapheme
/// breaking. A text in another encoding (a Windows-1252 rejects file) is
/// encoded after quoting, which touches ASCII only.
public struct CSVFieldEncoder: Sendable, Equatable {
    /// The byte between fields: comma, semicolon or tab.
    public let delimiter: UInt8
    /// Also quotes a field that begins or ends with a space, and one with a
    /// comma whatever the delimiter. The importer trims the spaces around an
    /// unquoted field; a rejects file must give back the row exactly as read.
    public let quotesForReimport: Bool

    public init(delimiter: UInt8, quotesForReimport: Bool = false) {
        self.delimiter = delimiter
        self.quotesForReimport = quotesForReimport
    }

    public static let comma = UInt8(ascii: ",")
    public static let tab: UInt8 = 0x09
    static let quote = UInt8(ascii: "\"")
    static let space = UInt8(ascii: " ")

    /// Appends `text` as one field.
    public func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { append(utf8: $0, to: &bytes) }
    }

    /// The field as text (for tests and one-off messages).
    public func field(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends UTF-8 bytes as one field.
    public func append(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        guard let base = utf8.baseAddress, !utf8.isEmpty else { return }
        let raw = UnsafeRawPointer(base)
        guard needsQuotes(raw, count: utf8.count) else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(Self.quote)
        var start = 0
        // Copy up to and including each quote, then double it.
        while start < utf8.count, let quote = memchr(raw + start, Int32(Self.quote), utf8.count - start) {
            let end = raw.distance(to: UnsafeRawPointer(quote)) + 1
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<end]))
            bytes.append(Self.quote)
            start = end
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        bytes.append(Self.quote)
    }

    /// True when the field must be quoted.
    public func needsQuotes(_ bytes: UnsafeRawPointer, count: Int) -> Bool {
        guard count > 0 else { return false }
        let delimiter = delimiter
        if quotesForReimport {
            let view = bytes.assumingMemoryBound(to: UInt8.self)
            if view[0] == Self.space || view[count - 1] == Self.space || memchr(bytes, Int32(Self.comma), count) != nil {
                return true
            }
        }
        // Most fields are short: one pass over them beats four calls. Every
        // byte that decides is at most 0x2C, which rules out most bytes with
        // one comparison (the delimiter is a comma, semicolon (0x3B) or tab).
        if count <= 64 && delimiter <= Self.comma {
            let view = bytes.assumingMemoryBound(to: UInt8.self)
            for index in 0..<count {
                let byte = view[index]
                if byte <= Self.comma && (byte == delimiter || byte == Self.quote || byte == 0x0A || byte == 0x0D) {
                    return true
                }
            }
            return false
        }
        return memchr(bytes, Int32(delimiter), count) != nil || memchr(bytes, Int32(Self.quote), count) != nil
            || memchr(bytes, 0x0A, count) != nil || memchr(bytes, 0x0D, count) != nil
    }
}
