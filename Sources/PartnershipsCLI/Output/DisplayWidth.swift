/// How many terminal cells a string takes, for aligning table columns.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        var text = text
        if let width = text.withUTF8(simpleWidth) { return width }
        return graphemeWidth(text)
    }

    /// The width of text whose every scalar is below U+0300 (ASCII, Latin-1,
    /// Latin Extended-A and -B, IPA) or general punctuation from U+2010 to
    /// U+2027 and U+2030 to U+205E (dashes, quotes, bullets), read from its
    /// bytes; nil for any other text. There each scalar is a grapheme cluster
    /// of its own (but CR LF, both zero-width), so the sum per scalar is what
    /// `graphemeWidth` gives: one cell per printable scalar, none for C0 and
    /// C1 controls and the soft hyphen (the only format character there). A
    /// long table goes through here instead of Unicode grapheme breaking for
    /// nearly every cell.
    static func simpleWidth(_ utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        var width = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x80 {
                if byte >= 0x20 && byte != 0x7F { width += 1 }
                index += 1
            } else if (0xC2...0xCB).contains(byte) && index + 1 < utf8.count {
                // Two bytes: U+0080 ... U+02FF.
                let scalar = UInt32(byte & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F)
                if scalar >= 0xA0 && scalar != 0xAD { width += 1 }
                index += 2
            } else if byte == 0xE2 && index + 2 < utf8.count
                        && ((utf8[index + 1] == 0x80 && ((0x90...0xA7).contains(utf8[index + 2]) || utf8[index + 2] >= 0xB0))
                            || (utf8[index + 1] == 0x81 && utf8[index + 2] <= 0x9E)) {
                // Three bytes: U+2010 ... U+2027, U+2030 ... U+205E.
                width += 1
                index += 3
            } else {
                return nil
            }
        }
        return width
    }

    /// Cells per grapheme cluster, each as wide as its first scalar.
    static func graphemeWidth(_ text: String) -> Int {
        var width = 0
        for character in text {
            guard let first = character.unicodeScalars.first else { continue }
            width += of(first)
        }
        return width
    }

    /// Cells taken by a grapheme cluster that starts with `scalar`.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, the common blocks).
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
