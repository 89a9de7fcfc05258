/// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
/// above U+10FFFF), checked on bytes: the CSV reader names the first bad byte
/// of a field, and the output writers copy text from the database as it is
/// only when it is well formed.
public enum UTF8Validation {
    /// The offset of the first byte that starts an invalid sequence, or
    /// `bytes.count` when there is none.
    public static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            guard bytes[i + 1] >= lower && bytes[i + 1] <= upper else { return i }
            for k in 2..<max(2, length) where !(bytes[i + k] >= 0x80 && bytes[i + k] <= 0xBF) { return i }
            i += length
        }
        return n
    }

    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstInvalidOffset(bytes) == bytes.count
    }
}
