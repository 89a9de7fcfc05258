import Database

/// A streaming RFC 4180 reader: quoted fields with commas, doubled quotes and
/// line breaks; UTF-8 with or without a byte-order mark; LF, CRLF or CR line
/// ends. It scans bytes in the source's buffer and keeps only the current
/// record, so memory does not grow with the file.
///
/// Fields are separated by commas, or by semicolons or tabs when the first
/// line says so (see `delimiter(ofHeader:)`): a spreadsheet in a Dutch,
/// German or French locale saves "CSV" with semicolons, and an office's
/// files are whatever its spreadsheet wrote.
///
/// `line` is the physical line on which the current record starts, counting
/// the line breaks inside quoted fields. Line breaks inside quoted fields are
/// returned as LF.
public final class CSVReader {
    /// A problem that makes the rest of the file unreadable.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case utf16(line: Int)
        case unterminatedQuote(line: Int, field: Int, quoteLine: Int)
        case recordTooLong(line: Int, limit: Int)

        public var line: Int {
            switch self {
            case .utf16(let line), .unterminatedQuote(let line, _, _), .recordTooLong(let line, _): return line
            }
        }

        public var description: String {
            switch self {
            case .utf16:
                return "the file is UTF-16; save it as UTF-8 (in a spreadsheet: CSV UTF-8)"
            case .unterminatedQuote(_, _, let quoteLine):
                return "unterminated quoted field: the quote opened on line \(quoteLine) is never closed"
            case .recordTooLong(_, let limit):
                return "the record is longer than \(limit / (1 << 20)) MiB; is a quote missing?"
            }
        }
    }

    /// Why one field cannot be used as text.
    public enum FieldProblem: Error, Equatable, CustomStringConvertible {
        case invalidUTF8(offset: Int)
        case nulByte

        public var description: String {
            switch self {
            case .invalidUTF8(let offset):
                return "is not valid UTF-8 (byte \(offset + 1) of the field); save the file as UTF-8, "
                    + "or name its encoding (a spreadsheet's plain CSV from Windows: --encoding windows-1252)"
            case .nulByte:
                return "contains a NUL byte"
            }
        }
    }

    public let source: ByteSource
    /// The physical line on which the current record starts (1-based).
    public private(set) var line = 0
    /// A problem of the current record that did not stop the reading, such as
    /// text after a closing quote.
    public private(set) var recordProblem: String?
    /// The byte between fields: given, or read off the first line when the
    /// first record is read.
    public private(set) var delimiter: UInt8
    /// The file began with a UTF-8 byte-order mark (known once the first
    /// record is read).
    public private(set) var hadByteOrderMark = false
    public var layout: CSVLayout { CSVLayout(delimiter: delimiter, byteOrderMark: hadByteOrderMark) }

    private let detectsDelimiter: Bool
    private let maxRecordBytes: Int
    private var bytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var physicalLine = 1
    private var crPending = false
    private var started = false

    /// `delimiter` nil: a comma, unless the first line has no comma outside
    /// quotes and has semicolons or tabs.
    public init(source: ByteSource, delimiter: UInt8? = nil, maxRecordBytes: Int = 64 << 20) {
        self.source = source
        self.delimiter = delimiter ?? CSVReader.comma
        detectsDelimiter = delimiter == nil
        self.maxRecordBytes = maxRecordBytes
        bytes.reserveCapacity(4096)
        fieldEnds.reserveCapacity(32)
    }

    public var fieldCount: Int { fieldEnds.count }

    private enum State { case fieldStart, unquoted, quoted, afterQuote }

    private static let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    public static let comma: UInt8 = 0x2C, semicolon: UInt8 = 0x3B, tab: UInt8 = 0x09

    /// Moves to the next record. False at the end of the input. Blank lines
    /// between records are skipped.
    public func next() throws -> Bool {
        if !started { try start() }
        // One copy of the scan per delimiter, with the delimiter a constant
        // in each: compared with a stored byte, the scan took 17% more
        // instructions per record.
        switch delimiter {
        case CSVReader.semicolon: return try next(SemicolonDelimited.self)
        case CSVReader.tab: return try next(TabDelimited.self)
        default: return try next(CommaDelimited.self)
        }
    }

    private func next<Delimiter: CSVDelimiter>(_: Delimiter.Type) throws -> Bool {
        // The scan works on local copies (moved, not copied): each access to
        // a class property costs a run-time exclusivity check.
        var bytes: [UInt8] = []
        var fieldEnds: [Int] = []
        swap(&bytes, &self.bytes)
        swap(&fieldEnds, &self.fieldEnds)
        var physicalLine = self.physicalLine
        var crPending = self.crPending
        var line = self.line
        defer {
            swap(&bytes, &self.bytes)
            swap(&fieldEnds, &self.fieldEnds)
            self.physicalLine = physicalLine
            self.crPending = crPending
            self.line = line
        }
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        recordProblem = nil
        let delimiter = Delimiter.byte
        let limit = maxRecordBytes
        func append(_ pointer: UnsafeMutablePointer<UInt8>, count: Int) throws {
            guard count > 0 else { return }
            if bytes.count + count > limit { throw Failure.recordTooLong(line: line, limit: limit) }
            bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: count))
        }
        let source = self.source
        let buffer = source.buffer
        var state = State.fieldStart
        var recordStarted = false
        var quoteLine = 0
        while true {
            if source.start == source.end {
                guard try source.refill() else {
                    switch state {
                    case .quoted:
                        throw Failure.unterminatedQuote(line: line, field: fieldEnds.count, quoteLine: quoteLine)
                    default:
                        guard recordStarted else { return false }
                        fieldEnds.append(bytes.count)
                        return true
                    }
                }
            }
            var i = source.start
            let end = source.end
            switch state {
            case .fieldStart:
                let byte = buffer[i]
                if crPending {
                    crPending = false
                    if byte == CSVReader.lf {
                        source.start = i + 1
                        continue
                    }
                }
                if !recordStarted {
                    if byte == CSVReader.lf || byte == CSVReader.cr {
                        physicalLine += 1
                        crPending = byte == CSVReader.cr
                        source.start = i + 1
                        continue
                    }
                    recordStarted = true
                    line = physicalLine
                }
                switch byte {
                case CSVReader.quote:
                    state = .quoted
                    quoteLine = physicalLine
                    i += 1
                case delimiter:
                    fieldEnds.append(bytes.count)
                    i += 1
                case CSVReader.lf, CSVReader.cr:
                    fieldEnds.append(bytes.count)
                    physicalLine += 1
                    crPending = byte == CSVReader.cr
                    source.start = i + 1
                    return true
                default:
                    state = .unquoted
                }
            case .unquoted:
                var j = i
                while j < end {
                    let byte = buffer[j]
                    if byte == delimiter || byte == CSVReader.lf || byte == CSVReader.cr { break }
                    j += 1
                }
                try append(buffer + i, count: j - i)
                i = j
                if j < end {
                    let byte = buffer[j]
                    fieldEnds.append(bytes.count)
                    if byte == delimiter {
                        state = .fieldStart
                        i += 1
                    } else {
                        physicalLine += 1
                        crPending = byte == CSVReader.cr
                        source.start = j + 1
                        return true
                    }
                }
            case .quoted:
                var j = i
                var runStart = i
                while j < end {
                    let byte = buffer[j]
                    if byte == CSVReader.quote { break }
                    if byte == CSVReader.cr {
                        // Line breaks inside a field become LF.
                        try append(buffer + runStart, count: j - runStart)
                        bytes.append(CSVReader.lf)
                        physicalLine += 1
                        crPending = true
                        runStart = j + 1
                    } else if byte == CSVReader.lf {
                        if crPending {
                            try append(buffer + runStart, count: j - runStart)
                            runStart = j + 1
                        } else {
                            physicalLine += 1
                        }
                        crPending = false
                    } else {
                        crPending = false
                    }
                    j += 1
                }
                try append(buffer + runStart, count: j - runStart)
                i = j
                if j < end {
                    crPending = false
                    state = .afterQuote
                    i += 1
                }
            case .afterQuote:
                let byte = buffer[i]
                switch byte {
                case CSVReader.quote:
                    bytes.append(CSVReader.quote)
                    state = .quoted
                    i += 1
                case delimiter:
                    fieldEnds.append(bytes.count)
                    state = .fieldStart
                    i += 1
                case CSVReader.lf, CSVReader.cr:
                    fieldEnds.append(bytes.count)
                    physicalLine += 1
                    crPending = byte == CSVReader.cr
                    source.start = i + 1
                    return true
                default:
                    if recordProblem == nil {
                        recordProblem = "field \(fieldEnds.count + 1) has text after its closing quote; a quote inside a quoted field is written twice (\"\")"
                    }
                    state = .unquoted
                }
            }
            source.start = i
        }
    }

    /// Skips a UTF-8 byte-order mark; refuses UTF-16.
    private func start() throws {
        started = true
        while source.end - source.start < 3 {
            guard try source.refill() else { break }
        }
        let available = source.end - source.start
        let b = source.buffer + source.start
        if available >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) {
            throw Failure.utf16(line: 1)
        }
        if available >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
            source.start += 3
            hadByteOrderMark = true
        }
        if detectsDelimiter { delimiter = try Self.delimiter(ofHeader: firstLine()) }
    }

    /// The bytes of the first line, or as many of them as the buffer holds.
    private func firstLine() throws -> UnsafeBufferPointer<UInt8> {
        var pending: UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: source.buffer + source.start, count: source.end - source.start)
        }
        while !pending.contains(where: { $0 == CSVReader.lf || $0 == CSVReader.cr }) {
            let before = pending.count
            // Stop when the buffer is full (nothing more was read).
            guard try source.refill(), pending.count > before else { break }
        }
        return pending
    }

    /// The delimiter of a file that starts with `header`: a comma if the
    /// line has one outside quotes; otherwise a semicolon or a tab, whichever
    /// it has more of; a comma when it has none of them (a single column).
    /// Column names never hold these characters, so the header row, which
    /// every import file has, tells reliably.
    public static func delimiter(ofHeader header: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var quoted = false, semicolons = 0, tabs = 0
        scan: for byte in header {
            if byte == quote {
                quoted.toggle()
                continue
            }
            if quoted { continue }
            switch byte {
            case comma: return comma
            case semicolon: semicolons += 1
            case tab: tabs += 1
            case lf, cr: break scan
            default: break
            }
        }
        if semicolons == 0 && tabs == 0 { return comma }
        return tabs > semicolons ? tab : semicolon
    }

    // MARK: Fields

    /// The current record's fields, without a copy, for the length of `body`.
    public struct RecordView {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>

        public var count: Int { ends.count }

        /// The bytes of a field, without surrounding ASCII white space when `trimming`.
        public func field(_ index: Int, trimming: Bool) -> UnsafeBufferPointer<UInt8> {
            var start = index == 0 ? 0 : ends[index - 1]
            var end = ends[index]
            if trimming {
                while start < end, TextTrimming.isASCIISpace(bytes[start]) { start += 1 }
                while end > start, TextTrimming.isASCIISpace(bytes[end - 1]) { end -= 1 }
            }
            return UnsafeBufferPointer(rebasing: bytes[start..<end])
        }

        /// The field as text (see `CSVReader.text`).
        public func text(_ index: Int, trimming: Bool) -> Result<String, FieldProblem> {
            CSVReader.decode(field(index, trimming: trimming))
        }
    }

    public func withRecord<R>(_ body: (RecordView) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { bytes in
            try fieldEnds.withUnsafeBufferPointer { ends in
                try body(RecordView(bytes: bytes, ends: ends))
            }
        }
    }

    private func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]
    }

    /// True when the field is empty (no bytes at all).
    public func isEmpty(_ index: Int) -> Bool { range(index).isEmpty }

    /// The field as text; with `trimming`, without the spaces, tabs and line
    /// breaks around it.
    public func text(_ index: Int, trimming: Bool = false) -> Result<String, FieldProblem> {
        var range = range(index)
        return bytes.withUnsafeBufferPointer { all in
            if trimming {
                while let first = range.first, CSVReader.isSpace(all[first]) { range = range.dropFirst() }
                while let last = range.last, CSVReader.isSpace(all[last]) { range = range.dropLast() }
            }
            return CSVReader.decode(UnsafeBufferPointer(rebasing: all[range]))
        }
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The field as text, invalid bytes replaced (for rejects files and messages).
    public func lossyText(_ index: Int) -> String {
        let range = range(index)
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    static func decode(_ field: UnsafeBufferPointer<UInt8>) -> Result<String, FieldProblem> {
        var plain = true
        for byte in field where byte >= 0x80 || byte == 0 {
            if byte == 0 { return .failure(.nulByte) }
            plain = false
        }
        if plain { return .success(String(decoding: field, as: UTF8.self)) }
        if let text = String(validating: field, as: UTF8.self) { return .success(text) }
        return .failure(.invalidUTF8(offset: UTF8Validation.firstInvalidOffset(field)))
    }
}

/// The byte between fields, as a type, so that the reader's scan is compiled
/// once for each with the byte a constant.
private protocol CSVDelimiter { static var byte: UInt8 { get } }
private enum CommaDelimited: CSVDelimiter { static var byte: UInt8 { CSVReader.comma } }
private enum SemicolonDelimited: CSVDelimiter { static var byte: UInt8 { CSVReader.semicolon } }
private enum TabDelimited: CSVDelimiter { static var byte: UInt8 { CSVReader.tab } }
