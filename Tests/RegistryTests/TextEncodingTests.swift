import Foundation
@testable import Registry
import XCTest

/// Files in Windows-1252 (a spreadsheet's plain "CSV" on Windows) are read as
/// UTF-8 text, chunk by chunk.
final class TextEncodingTests: XCTestCase {
    private func utf8(_ bytes: [UInt8], _ encoding: TextEncoding) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: bytes.count * encoding.maxExpansion)
        let count = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                encoding.transcode(input.baseAddress!, count: input.count, into: out.baseAddress!)
            }
        }
        return Array(output[..<count])
    }

    /// Every byte, against Foundation's own Windows-1252 decoder (which has
    /// no character for the five undefined bytes).
    func testEveryByteOfWindows1252() {
        let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        for byte in UInt8.min...UInt8.max {
            let ours = String(decoding: utf8([byte], .windows1252), as: UTF8.self)
            if undefined.contains(byte) {
                XCTAssertEqual(ours.unicodeScalars.map(\.value), [UInt32(byte)], "byte \(byte)")
            } else {
                XCTAssertEqual(ours, String(data: Data([byte]), encoding: .windowsCP1252), "byte \(byte)")
            }
        }
        XCTAssertEqual(String(decoding: utf8(Array("Li\u{E8}ge".unicodeScalars.map { UInt8($0.value) }), .windows1252),
                              as: UTF8.self), "Liège")
        XCTAssertEqual(String(decoding: utf8([0x80, 0x96, 0x93, 0x94], .windows1252), as: UTF8.self), "€–“”")
    }

    func testNames() {
        XCTAssertEqual(TextEncoding.named("UTF8"), .utf8)
        for name in ["windows-1252", "CP1252", "latin1", "ISO-8859-1"] {
            XCTAssertEqual(TextEncoding.named(name), .windows1252, name)
        }
        XCTAssertNil(TextEncoding.named("ebcdic"))
    }

    /// Two-byte and three-byte characters on every chunk boundary.
    func testACSVFileInWindows1252ReadsAsUTF8WhateverTheChunkSize() throws {
        var bytes = Array("key;name;notes\r\nuliege;Universit".utf8)
        bytes += [0xE9, 0x20, 0x64, 0x65, 0x20, 0x4C, 0x69, 0xE8, 0x67, 0x65] // "é de Liège"
        bytes += Array(";\"".utf8) + [0x80, 0x20, 0x93, 0x71, 0x94] + Array("\"\r\n".utf8) // "€ “q”"
        for chunk in [16, 17, 31, 1 << 16] {
            let reader = CSVReader(source: ByteSource(name: "w.csv", data: Data(bytes), encoding: .windows1252, chunkSize: chunk))
            var rows: [[String]] = []
            while try reader.next() { rows.append((0..<reader.fieldCount).map { reader.lossyText($0) }) }
            XCTAssertEqual(rows, [["key", "name", "notes"], ["uliege", "Université de Liège", "€ “q”"]], "chunk \(chunk)")
        }
    }
}
