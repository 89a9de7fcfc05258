import Foundation

/// Rows copied out of a statement, to be read in place later, maybe on
/// another thread (a report run in parts hands its later parts' rows over
/// so). Every text and blob value's bytes go into one buffer: a chunk of
/// rows costs a few allocations, not a String per value.
public struct BufferedRows: Sendable {
    /// One value: its storage class, and where its bytes are for text and blobs.
    enum Cell: Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(start: Int, count: Int)
        case blob(start: Int, count: Int)
    }

    public let columnCount: Int
    private var cells: [Cell] = []
    private var bytes: [UInt8] = []

    public init(columnCount: Int) {
        self.columnCount = max(columnCount, 1)
    }

    /// The number of rows.
    public var count: Int { cells.count / columnCount }

    public var isEmpty: Bool { cells.isEmpty }

    /// Appends a copy of `row`, which must have `columnCount` columns.
    public mutating func append(_ row: any ResultRow) {
        precondition(row.count == columnCount, "a row of \(row.count) columns appended to rows of \(columnCount)")
        for index in 0..<columnCount {
            if let number = row.integer(at: index) {
                cells.append(.integer(number))
            } else if let cell = row.withText(at: index, { text -> Cell in
                let start = bytes.count
                bytes.append(contentsOf: text)
                return .text(start: start, count: text.count)
            }) {
                cells.append(cell)
            } else {
                switch row.value(at: index) {
                case .real(let number):
                    cells.append(.real(number))
                case .blob(let data):
                    cells.append(.blob(start: bytes.count, count: data.count))
                    bytes.append(contentsOf: data)
                case .integer(let number):
                    cells.append(.integer(number))
                case .text(let text):
                    cells.append(.text(start: bytes.count, count: text.utf8.count))
                    bytes.append(contentsOf: text.utf8)
                case .null:
                    cells.append(.null)
                }
            }
        }
    }

    /// Empties the rows, keeping their storage for the next ones.
    public mutating func removeAll() {
        cells.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with each row in turn, read in place (valid only inside `body`).
    public func forEachRow(_ body: (any ResultRow) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { buffer in
            let row = Reader(cells: cells, bytes: buffer, columnCount: columnCount)
            for index in 0..<count {
                row.base = index * columnCount
                try body(row)
            }
        }
    }

    /// One row at a time: a class, so that handing it over as `any ResultRow`
    /// boxes nothing per row.
    private final class Reader: ResultRow {
        let cells: [Cell]
        let bytes: UnsafeBufferPointer<UInt8>
        let count: Int
        var base = 0

        init(cells: [Cell], bytes: UnsafeBufferPointer<UInt8>, columnCount: Int) {
            self.cells = cells
            self.bytes = bytes
            self.count = columnCount
        }

        func value(at index: Int) -> DatabaseValue {
            switch cells[base + index] {
            case .null: return .null
            case .integer(let number): return .integer(number)
            case .real(let number): return .real(number)
            case .text(let start, let count):
                return .text(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + count]), as: UTF8.self))
            case .blob(let start, let count):
                return .blob(Data(UnsafeBufferPointer(rebasing: bytes[start..<start + count])))
            }
        }

        func integer(at index: Int) -> Int64? {
            if case .integer(let number) = cells[base + index] { return number }
            return nil
        }

        func withText<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
            guard case .text(let start, let count) = cells[base + index] else { return nil }
            return try body(UnsafeBufferPointer(rebasing: bytes[start..<start + count]))
        }
    }
}
