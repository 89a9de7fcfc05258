import Foundation

/// The form in which names are compared when a reference is resolved: case,
/// accents and width folded, letters without a decomposition mapped by hand
/// (ł → l, ø → o, æ → ae), typographic quotes and dashes made plain, and runs
/// of white space collapsed to one space. "  Université de LIÈGE " and
/// "universite de liege" have the same key.
public enum NameKey {
    public static func make(_ text: String) -> String {
        // Fast path: plain ASCII needs only lower-casing and space folding,
        // done on bytes without Foundation (references are mostly keys).
        var copy = text
        if let ascii = copy.withUTF8({ foldASCII($0) }) { return ascii }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var result = ""
        result.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            let mapped = replacements[scalar] ?? String(scalar)
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(mapped)
        }
        return result
    }

    /// Nil when the bytes are not all ASCII.
    private static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let replacements: [Unicode.Scalar: String] = [
        "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŀ": "l",
        "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'", "\u{201B}": "'", "\u{2032}": "'",
        "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{00AB}": "\"", "\u{00BB}": "\"",
        "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "-", "\u{2013}": "-", "\u{2014}": "-", "\u{2212}": "-",
    ]
}

/// Keys made from names when a row does not give one: lower-case ASCII
/// letters and digits joined by hyphens ("Université de Liège" →
/// "universite-de-liege"). Names in other scripts are transliterated first.
public enum Slug {
    public static func make(_ text: String, maxLength: Int = 80) -> String {
        var slug = asciiSlug(NameKey.make(text))
        if slug.isEmpty, let latin = text.applyingTransform(.toLatin, reverse: false) {
            slug = asciiSlug(NameKey.make(latin))
        }
        if slug.count > maxLength {
            slug = String(slug.prefix(maxLength))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug
    }

    private static func asciiSlug(_ folded: String) -> String {
        var out = [UInt8]()
        var pendingHyphen = false
        for byte in folded.utf8 {
            let isWord = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if isWord {
                if pendingHyphen && !out.isEmpty { out.append(0x2D) }
                pendingHyphen = false
                out.append(byte)
            } else if byte != 0x27 {
                // An apostrophe joins ("king's" → "kings"); anything else separates.
                pendingHyphen = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
