/// A Research Organization Registry id, stored without its `https://ror.org/`
/// prefix: `0`, six Crockford base-32 characters and a two-digit ISO 7064
/// mod 97-10 checksum (e.g. `02jz4aj89`, Maastricht University).
public enum RORIdentifier {
    /// The bare id for `https://ror.org/02jz4aj89`, `ror.org/02jz4aj89` or
    /// `02jz4aj89` (any case), or nil when the text is not a valid ROR id.
    public static func normalize(_ text: String) -> String? {
        var id = Substring(text.trimmingSpaces.lowercased())
        for prefix in ["https://ror.org/", "http://ror.org/", "ror.org/", "ror:"] where id.hasPrefix(prefix) {
            id = id.dropFirst(prefix.count)
            break
        }
        if id.hasSuffix("/") { id = id.dropLast() }
        return isValid(id) ? String(id) : nil
    }

    /// True when the text has a ROR id's shape, even with a wrong checksum: used
    /// to tell "a mistyped ROR id" from "some other reference".
    public static func looksLikeOne(_ text: String) -> Bool {
        let lowered = text.lowercased()
        if lowered.contains("ror.org/") { return true }
        let bytes = Array(lowered.utf8)
        return bytes.count == 9 && bytes[0] == 0x30 && bytes[7...].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            && bytes[1..<7].allSatisfy { alphabet.contains($0) }
    }

    static func isValid(_ id: Substring) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count == 9, bytes[0] == 0x30 else { return false }
        var value = 0
        for byte in bytes[1..<7] {
            guard let digit = alphabet.firstIndex(of: byte) else { return false }
            value = value * 32 + digit
        }
        guard bytes[7...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let checksum = Int(bytes[7] - 0x30) * 10 + Int(bytes[8] - 0x30)
        return checksum == 98 - (value * 100) % 97
    }

    /// Crockford base 32, lower case (no i, l, o, u).
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
}
