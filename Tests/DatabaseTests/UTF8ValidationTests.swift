import Database
import XCTest

final class UTF8ValidationTests: XCTestCase {
    private func offset(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
    }

    func testWellFormedTextIncludingFourByteCharacters() {
        let text = Array("Liège, Ωmega, 東京, 🎓".utf8)
        XCTAssertEqual(offset(text), text.count)
        XCTAssertTrue(text.withUnsafeBufferPointer { UTF8Validation.isValid($0) })
    }

    func testNamesTheFirstByteOfEachKindOfBadSequence() {
        let cases: [(bytes: [UInt8], offset: Int, what: String)] = [
            ([0x61, 0xC0, 0xAF], 1, "overlong"),
            ([0x61, 0x62, 0xED, 0xA0, 0x80], 2, "surrogate"),
            ([0xF4, 0x90, 0x80, 0x80], 0, "above U+10FFFF"),
            ([0x61, 0xE2, 0x82], 1, "truncated at the end"),
            ([0x80], 0, "lone continuation byte"),
            ([0x61, 0xC3, 0x28], 1, "continuation byte missing"),
        ]
        for (bytes, expected, what) in cases {
            XCTAssertEqual(offset(bytes), expected, what)
            XCTAssertNil(String(validating: bytes, as: UTF8.self), "the standard library agrees: \(what)")
        }
    }
}
