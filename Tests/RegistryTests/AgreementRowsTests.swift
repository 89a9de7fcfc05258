@testable import Registry
import XCTest

/// A large import encodes its rows on the reading thread; the batch must
/// give SQLite exactly the values the record holds, NULLs and all.
final class AgreementRowsTests: XCTestCase {
    private let records = [
        AgreementRecord(key: "agr-1", title: "Échange d’étudiants, \"quoted\"\nover two lines", kind: "mou", status: "active",
                        signedOn: "2018", effectiveFrom: nil, expiresOn: "2023-06-30", topics: "health;ai", source: nil,
                        notes: "", partySet: "3,12"),
        AgreementRecord(key: "agr-2", title: "北京大学 – 合作", kind: "exchange", status: "draft", signedOn: nil,
                        effectiveFrom: nil, expiresOn: nil, topics: nil, source: "bench", notes: nil, partySet: nil),
    ]

    func testEncodedRowsHoldTheSameValuesAsRecords() {
        var direct = AgreementRows()
        var encoded = AgreementRows()
        for record in records {
            direct.append(record)
            var bytes: [UInt8] = []
            record.encode(into: &bytes)
            encoded.append(encoded: bytes)
        }
        XCTAssertEqual(direct.count, 2)
        XCTAssertEqual(encoded.count, 2)
        for row in 0..<2 {
            for column in 0..<AgreementRows.valuesPerRow {
                XCTAssertEqual(encoded.value(column, of: row), direct.value(column, of: row), "row \(row), value \(column)")
            }
        }
        for (index, record) in records.enumerated() {
            XCTAssertEqual(encoded.record(index), record)
        }
        XCTAssertEqual(encoded.value(9, of: 0), "", "an empty text is not NULL")
        XCTAssertNil(encoded.value(9, of: 1))
        encoded.removeAll()
        XCTAssertTrue(encoded.isEmpty)
    }

    /// Encoding appends to what the buffer holds, byte for byte what each
    /// record encodes to alone.
    func testEncodingAppendsAfterWhatTheBufferHolds() {
        var alone: [[UInt8]] = []
        for record in records {
            var bytes: [UInt8] = []
            record.encode(into: &bytes)
            alone.append(bytes)
        }
        var both: [UInt8] = [7]
        for record in records { record.encode(into: &both) }
        XCTAssertEqual(both, [7] + alone[0] + alone[1])
        // Key, title, kind, status and the rest: a length (4 bytes) before each value, -1 for NULL.
        XCTAssertEqual(Array(alone[1].prefix(9)), [5, 0, 0, 0] + Array("agr-2".utf8))
        XCTAssertEqual(alone[1].count, records[1].encodedLength)
    }

    /// The parties' ids sorted and joined by ',', as the overlap rule compares them.
    func testPartySetIsTheSortedIdsJoinedByCommas() {
        XCTAssertEqual(AgreementRecord.partySet([17424, 3324]), "3324,17424")
        XCTAssertEqual(AgreementRecord.partySet([10, 9, 100, 1]), "1,9,10,100")
        XCTAssertEqual(AgreementRecord.partySet([0, -5, Int64.max, Int64.min]),
                       "\(Int64.min),-5,0,\(Int64.max)")
        XCTAssertEqual(AgreementRecord.partySet([]), "")
    }
}
