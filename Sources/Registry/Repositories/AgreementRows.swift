/// Agreements waiting for one multi-row INSERT, held as the bytes SQLite is
/// given: for each row, its eleven insert values (the columns of
/// `AgreementRepository.insertSQL`, in order), each a span of one shared
/// buffer that the statement binds without further copies.
///
/// A row comes in as an `AgreementRecord`, or already encoded
/// (`AgreementRecord.encode(into:)`): a large import encodes its rows on its
/// reading thread, so that the writing thread copies one buffer per row
/// instead of handling eleven strings.
struct AgreementRows {
    static let valuesPerRow = 11

    private(set) var bytes: [UInt8] = []
    /// For each value: its start and end in `bytes`; start -1 for NULL.
    private(set) var spans: [(start: Int, end: Int)] = []

    var count: Int { spans.count / Self.valuesPerRow }
    var isEmpty: Bool { spans.isEmpty }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
    }

    mutating func append(_ record: AgreementRecord) {
        record.forEachValue { value in
            guard let value else { return spans.append((-1, -1)) }
            let start = bytes.count
            bytes.append(contentsOf: value.utf8)
            spans.append((start, bytes.count))
        }
    }

    /// Adds a row encoded by `AgreementRecord.encode(into:)`: copied whole,
    /// with its length prefixes (one copy instead of one per value), which
    /// the spans then step over.
    mutating func append(encoded: [UInt8]) {
        encoded.withUnsafeBufferPointer { append(encoded: $0) }
    }

    mutating func append(encoded source: UnsafeBufferPointer<UInt8>) {
        let base = bytes.count
        bytes.append(contentsOf: source)
        var offset = 0
        for _ in 0..<Self.valuesPerRow {
            let length = AgreementRecord.readLength(source, at: offset)
            offset += AgreementRecord.lengthSize
            guard length >= 0 else {
                spans.append((-1, -1))
                continue
            }
            spans.append((base + offset, base + offset + length))
            offset += length
        }
    }

    /// Value `column` (0-based, in insert order) of row `row`.
    func value(_ column: Int, of row: Int) -> String? {
        let span = spans[row * Self.valuesPerRow + column]
        guard span.start >= 0 else { return nil }
        return String(decoding: bytes[span.start..<span.end], as: UTF8.self)
    }

    func key(of row: Int) -> String { value(0, of: row) ?? "" }
    func title(of row: Int) -> String { value(1, of: row) ?? "" }

    func record(_ row: Int) -> AgreementRecord {
        AgreementRecord(key: key(of: row), title: title(of: row), kind: value(2, of: row) ?? "",
                        status: value(3, of: row) ?? "", signedOn: value(4, of: row), effectiveFrom: value(5, of: row),
                        expiresOn: value(6, of: row), topics: value(7, of: row), source: value(8, of: row),
                        notes: value(9, of: row), partySet: value(10, of: row))
    }
}

extension AgreementRecord {
    /// The insert values in the order of `AgreementRepository.insertSQL`.
    func forEachValue(_ body: (String?) -> Void) {
        body(key)
        body(title)
        body(kind)
        body(status)
        body(signedOn)
        body(effectiveFrom)
        body(expiresOn)
        body(topics)
        body(source)
        body(notes)
        body(partySet)
    }

    static let lengthSize = 4

    /// How many bytes `encode(into:)` appends.
    var encodedLength: Int {
        var total = 0
        forEachValue { total += Self.lengthSize + ($0?.utf8.count ?? 0) }
        return total
    }

    /// Appends the insert values to `buffer`, each as its length in bytes
    /// (4 bytes, little-endian; -1 for NULL) and then its UTF-8 bytes.
    func encode(into buffer: inout [UInt8]) {
        // Measured first, then written in one pass into storage of that
        // size: appended value by value, the reading thread of a large
        // import spent more on the appends' checks than on the copies.
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: encodedLength))
        buffer.withUnsafeMutableBufferPointer { bytes in
            var offset = start
            func put(length: UInt32) {
                bytes[offset] = UInt8(truncatingIfNeeded: length)
                bytes[offset + 1] = UInt8(truncatingIfNeeded: length >> 8)
                bytes[offset + 2] = UInt8(truncatingIfNeeded: length >> 16)
                bytes[offset + 3] = UInt8(truncatingIfNeeded: length >> 24)
                offset += Self.lengthSize
            }
            forEachValue { value in
                guard var value else { return put(length: UInt32.max) }
                value.withUTF8 { utf8 in
                    put(length: UInt32(utf8.count))
                    _ = UnsafeMutableBufferPointer(rebasing: bytes[offset..<offset + utf8.count]).update(fromContentsOf: utf8)
                    offset += utf8.count
                }
            }
        }
    }

    static func readLength(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        let raw = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
        return raw == UInt32.max ? -1 : Int(raw)
    }
}
