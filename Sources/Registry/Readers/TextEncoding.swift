/// The text encoding of an import file. The readers work on UTF-8; a file in
/// another encoding is turned into UTF-8 as it is read (`ByteSource`).
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    /// What a spreadsheet on Windows in Western Europe and the Americas
    /// writes when told to save plain "CSV" (not "CSV UTF-8"): one byte a
    /// character, accents above 0x7F.
    case windows1252 = "windows-1252"

    /// The encoding a name stands for, in any letter case: the names above,
    /// and `utf8`, `cp1252`, `latin1`, `iso-8859-1`. As in the WHATWG
    /// Encoding Standard, Latin-1 is read as Windows-1252, which it is a
    /// subset of but for 0x80-0x9F (control characters in Latin-1, hardly
    /// ever meant; quotes, dashes and the euro sign in Windows-1252).
    public static func named(_ name: String) -> TextEncoding? {
        switch name.lowercased() {
        case "utf-8", "utf8": return .utf8
        case "windows-1252", "cp1252", "latin1", "latin-1", "iso-8859-1", "iso8859-1": return .windows1252
        default: return nil
        }
    }

    /// The most bytes of UTF-8 that one byte of the file becomes.
    var maxExpansion: Int {
        switch self {
        case .utf8: return 1
        case .windows1252: return 3
        }
    }

    /// Writes `count` bytes of `from`, in this encoding, into `into` as UTF-8
    /// (room for `count * maxExpansion` bytes); returns the bytes written.
    func transcode(_ from: UnsafePointer<UInt8>, count: Int, into: UnsafeMutablePointer<UInt8>) -> Int {
        switch self {
        case .utf8:
            into.update(from: from, count: count)
            return count
        case .windows1252:
            var written = 0
            for index in 0..<count {
                let byte = from[index]
                if byte < 0x80 {
                    into[written] = byte
                    written += 1
                    continue
                }
                let scalar = byte < 0xA0 ? Self.windows1252Specials[Int(byte - 0x80)] : UInt32(byte)
                if scalar < 0x800 {
                    into[written] = UInt8(0xC0 | (scalar >> 6))
                    into[written + 1] = UInt8(0x80 | (scalar & 0x3F))
                    written += 2
                } else {
                    into[written] = UInt8(0xE0 | (scalar >> 12))
                    into[written + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    into[written + 2] = UInt8(0x80 | (scalar & 0x3F))
                    written += 3
                }
            }
            return written
        }
    }

    /// Appends `text` in this encoding; a character it has no byte for
    /// becomes '?'.
    func encode(_ text: String, into output: inout [UInt8]) {
        switch self {
        case .utf8:
            output.append(contentsOf: text.utf8)
        case .windows1252:
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if value < 0x80 || (value >= 0xA0 && value <= 0xFF) {
                    output.append(UInt8(value))
                } else if let index = Self.windows1252Specials.firstIndex(of: value) {
                    output.append(0x80 + UInt8(index))
                } else {
                    output.append(0x3F)
                }
            }
        }
    }

    /// The characters of Windows-1252's bytes 0x80-0x9F. The five bytes it
    /// leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) stand for the control
    /// characters of the same number, as the WHATWG Encoding Standard has it.
    static let windows1252Specials: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
