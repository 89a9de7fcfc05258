import Database
import Foundation
import Registry

/// Writes result rows in one output format. Rows arrive one at a time, so
/// CSV, JSON and Markdown stream; a table needs every row to align columns.
public protocol ResultWriter {
    mutating func begin(columns: [String])
    mutating func write(row: [DatabaseValue])
    /// The current row of a running statement, read in place.
    mutating func write(rowInPlace row: any ResultRow)
    mutating func end()
}

extension ResultWriter {
    /// Writers that keep or measure values (table, Markdown) take them as values.
    public mutating func write(rowInPlace row: any ResultRow) {
        write(row: (0..<row.count).map(row.value(at:)))
    }
}

public enum ResultWriters {
    /// `byteOrderMark` is for CSV and TSV only (the CLI refuses `--bom` with
    /// the others): JSON must never start with one (RFC 8259), and a table or
    /// Markdown is read by people, not by Excel.
    public static func make(_ format: OutputFormat, output: TextOutputStream & AnyObject,
                            byteOrderMark: Bool = false) -> any ResultWriter {
        switch format {
        case .table: return TableWriter(output: output)
        case .csv, .tsv:
            return CSVWriter(output: output, delimiter: format.csvDelimiter ?? .comma, byteOrderMark: byteOrderMark)
        case .json: return JSONWriter(output: output)
        case .markdown: return MarkdownWriter(output: output)
        }
    }

    /// Writes a whole result at once.
    public static func write(columns: [String], rows: [[DatabaseValue]], format: OutputFormat,
                             byteOrderMark: Bool = false, to output: TextOutputStream & AnyObject) {
        var writer = make(format, output: output, byteOrderMark: byteOrderMark)
        writer.begin(columns: columns)
        for row in rows { writer.write(row: row) }
        writer.end()
    }
}

/// Text shown for a value in a table or Markdown cell.
func displayText(_ value: DatabaseValue) -> String {
    switch value {
    case .null: return ""
    case .integer(let v): return String(v)
    case .real(let v): return formatDouble(v)
    case .text(let v): return v
    case .blob(let v): return "<\(v.count) bytes>"
    }
}

func formatDouble(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(format: "%.1f", value) }
    return "\(value)"
}

// MARK: - table

/// Aligned columns, measured by display width (a CJK character takes two
/// cells, a combining accent none), NULL shown empty, numbers right-aligned.
public struct TableWriter: ResultWriter {
    let output: TextOutputStream & AnyObject
    private var columns: [String] = []
    private var rows: [[DatabaseValue]] = []

    public init(output: TextOutputStream & AnyObject) { self.output = output }

    public mutating func begin(columns: [String]) { self.columns = columns }
    public mutating func write(row: [DatabaseValue]) { rows.append(row) }

    public mutating func end() {
        guard !columns.isEmpty else { return }
        let cells = rows.map { $0.map { Self.oneLine(displayText($0)) } }
        // Each cell is measured once, for its column's width and for its own padding.
        let cellWidths = cells.map { $0.map(DisplayWidth.of) }
        let headerWidths = columns.map(DisplayWidth.of)
        var widths = headerWidths
        for row in cellWidths {
            for (index, width) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], width)
            }
        }
        let numeric = columns.indices.map { index in
            !rows.isEmpty && rows.allSatisfy { row in
                switch row[index] { case .integer, .real, .null: return true; default: return false }
            } && rows.contains { !$0[index].isNull }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        appendLine(columns, cellWidths: headerWidths, widths: widths, rightAligned: numeric, to: &bytes)
        appendLine(widths.map { String(repeating: "-", count: $0) }, cellWidths: widths, widths: widths,
                   rightAligned: numeric, to: &bytes)
        for (row, rowWidths) in zip(cells, cellWidths) {
            appendLine(row, cellWidths: rowWidths, widths: widths, rightAligned: numeric, to: &bytes)
            if bytes.count >= 1 << 16 { emit(&bytes) }
        }
        if rows.isEmpty { bytes.append(contentsOf: "(no rows)\n".utf8) }
        emit(&bytes)
    }

    /// One line: cells two spaces apart, each padded to its column's width
    /// (numbers on the left, text on the right but for the last column).
    private func appendLine(_ cells: [String], cellWidths: [Int], widths: [Int], rightAligned: [Bool],
                            to bytes: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 {
                bytes.append(UInt8(ascii: " "))
                bytes.append(UInt8(ascii: " "))
            }
            let padding = repeatElement(UInt8(ascii: " "), count: max(0, widths[index] - cellWidths[index]))
            if rightAligned[index] {
                bytes.append(contentsOf: padding)
                bytes.append(contentsOf: cell.utf8)
            } else {
                bytes.append(contentsOf: cell.utf8)
                if index < cells.count - 1 { bytes.append(contentsOf: padding) }
            }
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Hands the lines so far to the output: as bytes when it takes them.
    private func emit(_ bytes: inout [UInt8]) {
        ByteSink(output).write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// A table cell is one line: line breaks and tabs are shown as spaces.
    static func oneLine(_ text: String) -> String {
        guard mayHaveLineBreakOrTab(text) else { return text }
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// False when the bytes hold none of tab, LF, VT, FF, CR, NEL (U+0085)
    /// and the line and paragraph separators (U+2028, U+2029): every
    /// character for which `isNewline` is true, and tab. Spares most cells
    /// the walk through grapheme clusters.
    static func mayHaveLineBreakOrTab(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                switch utf8[index] {
                case 0x09...0x0D: return true
                case 0xC2 where index + 1 < utf8.count && utf8[index + 1] == 0x85: return true
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80
                                && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9): return true
                default: index += 1
                }
            }
            return false
        }
    }
}

// MARK: - csv and tsv

/// RFC 4180: CRLF line ends; a field with the delimiter, a quote, CR or LF
/// is quoted and its quotes doubled. NULL is an empty field. The delimiter
/// is a comma (`--format csv`) or a tab (`--format tsv`); nothing else
/// differs (TSV too has CRLF), so that a TSV imports again as a CSV does and
/// pipes into the same tools. Neither starts with a UTF-8 byte-order mark
/// unless asked (`--bom`): Excel on Windows needs one to read UTF-8, but
/// `cut` or Python's csv module would take it for part of the first name.
public struct CSVWriter: ResultWriter {
    /// The byte between fields.
    public enum Delimiter: UInt8, Sendable {
        case comma = 0x2C
        case tab = 0x09

        var encoder: CSVFieldEncoder { CSVFieldEncoder(delimiter: rawValue) }
    }

    let output: TextOutputStream & AnyObject
    let delimiter: Delimiter
    /// The output, taking bytes where it can, which spares a String per row.
    private let sink: ByteSink
    /// The row being encoded; reused so that a million rows allocate once.
    private var line: [UInt8] = []
    /// True until the byte-order mark asked for is written: it goes before
    /// the header, and only once.
    private var owesByteOrderMark: Bool

    public init(output: TextOutputStream & AnyObject, delimiter: Delimiter = .comma, byteOrderMark: Bool = false) {
        self.output = output
        self.delimiter = delimiter
        owesByteOrderMark = byteOrderMark
        sink = ByteSink(output)
        line.reserveCapacity(512)
    }

    /// Writes the header, after the byte-order mark if one is asked for: so
    /// a result without rows has both, and one that never came (a query
    /// stopped by --timeout) has neither.
    public mutating func begin(columns: [String]) {
        line.removeAll(keepingCapacity: true)
        if owesByteOrderMark {
            line.append(contentsOf: CSVLayout.utf8ByteOrderMark)
            owesByteOrderMark = false
        }
        for (index, column) in columns.enumerated() {
            if index > 0 { line.append(delimiter.rawValue) }
            delimiter.encoder.append(column, to: &line)
        }
        emitLine()
    }

    public mutating func write(row: [DatabaseValue]) {
        line.removeAll(keepingCapacity: true)
        Self.appendFields(row, delimiter: delimiter, to: &line)
        emitLine()
    }

    /// The row as `write(row:)` writes it, line end included: rows can be
    /// encoded on other threads and written in order with `write(encodedRow:)`.
    public static func encode(_ row: [DatabaseValue], delimiter: Delimiter = .comma) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(384)
        appendFields(row, delimiter: delimiter, to: &bytes)
        bytes.append(0x0D)
        bytes.append(0x0A)
        return bytes
    }

    /// Writes a row that `encode` made.
    public mutating func write(encodedRow: [UInt8]) {
        sink.write(encodedRow)
    }

    private static func appendFields(_ row: [DatabaseValue], delimiter: Delimiter, to line: inout [UInt8]) {
        for (index, value) in row.enumerated() {
            if index > 0 { line.append(delimiter.rawValue) }
            switch value {
            case .null: break
            case .integer(let v): line.append(contentsOf: String(v).utf8)
            case .text(let v): delimiter.encoder.append(v, to: &line)
            default: delimiter.encoder.append(text(value), to: &line)
            }
        }
    }

    /// As `write(row:)`, but text goes from SQLite's bytes to the line
    /// without becoming a String: most of the cost of a long report's output.
    public mutating func write(rowInPlace row: any ResultRow) {
        line.removeAll(keepingCapacity: true)
        let delimiter = delimiter
        for index in 0..<row.count {
            if index > 0 { line.append(delimiter.rawValue) }
            if let number = row.integer(at: index) {
                line.append(contentsOf: String(number).utf8)
            } else if row.withText(at: index, { Self.append(validating: $0, delimiter: delimiter, to: &line) }) == nil {
                let value = row.value(at: index)
                if !value.isNull { delimiter.encoder.append(Self.text(value), to: &line) }
            }
        }
        emitLine()
    }

    public mutating func end() {}

    static func text(_ value: DatabaseValue) -> String {
        switch value {
        case .null: return ""
        case .integer(let v): return String(v)
        case .real(let v): return "\(v)"
        case .text(let v): return v
        case .blob(let v): return v.base64EncodedString()
        }
    }

    public static func field(_ text: String, delimiter: Delimiter = .comma) -> String {
        delimiter.encoder.field(text)
    }

    /// Bytes from the database as they are when well-formed UTF-8; anything
    /// else through a String, which repairs it as the value path always has.
    static func append(validating utf8: UnsafeBufferPointer<UInt8>, delimiter: Delimiter, to bytes: inout [UInt8]) {
        if UTF8Validation.isValid(utf8) {
            delimiter.encoder.append(utf8: utf8, to: &bytes)
        } else {
            delimiter.encoder.append(String(decoding: utf8, as: UTF8.self), to: &bytes)
        }
    }

    private mutating func emitLine() {
        line.append(0x0D)
        line.append(0x0A)
        sink.write(line)
    }
}

// MARK: - json

/// An array of objects, keys in column order; numbers as numbers, NULL as
/// null, blobs as base64 strings. One object per line.
public struct JSONWriter: ResultWriter {
    let output: TextOutputStream & AnyObject
    /// The output, taking bytes where it can, which spares a String per row.
    private let sink: ByteSink
    private var keys: [[UInt8]] = []
    private var count = 0
    /// The object being encoded; reused from row to row.
    private var line: [UInt8] = []

    public init(output: TextOutputStream & AnyObject) {
        self.output = output
        sink = ByteSink(output)
        line.reserveCapacity(512)
    }

    public mutating func begin(columns: [String]) {
        keys = Self.keys(columns)
        var out = output
        out.write("[")
    }

    public mutating func write(row: [DatabaseValue]) {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: (count == 0 ? "\n  " : ",\n  ").utf8)
        Self.appendObject(row, keys: keys, to: &line)
        count += 1
        emit(line)
    }

    /// The object of a row as `write(row:)` writes it (without what separates
    /// it from the one before): rows can be encoded on other threads and
    /// written in order with `write(encodedRow:)`.
    public struct RowEncoder: Sendable {
        let keys: [[UInt8]]

        public init(columns: [String]) { keys = JSONWriter.keys(columns) }

        public func encode(_ row: [DatabaseValue]) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(512)
            JSONWriter.appendObject(row, keys: keys, to: &bytes)
            return bytes
        }
    }

    /// Writes an object that a `RowEncoder` for the same columns made.
    public mutating func write(encodedRow: [UInt8]) {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: (count == 0 ? "\n  " : ",\n  ").utf8)
        line.append(contentsOf: encodedRow)
        count += 1
        emit(line)
    }

    static func keys(_ columns: [String]) -> [[UInt8]] {
        columns.map { column in
            var key: [UInt8] = []
            appendQuoted(column, to: &key)
            key.append(contentsOf: ": ".utf8)
            return key
        }
    }

    /// `{"key": value, ...}`.
    static func appendObject(_ row: [DatabaseValue], keys: [[UInt8]], to line: inout [UInt8]) {
        line.append(UInt8(ascii: "{"))
        for (index, value) in row.enumerated() {
            if index > 0 { line.append(contentsOf: ", ".utf8) }
            line.append(contentsOf: keys[index])
            append(value, to: &line)
        }
        line.append(UInt8(ascii: "}"))
    }

    /// As `write(row:)`, text going from SQLite's bytes to the line without
    /// becoming a String.
    public mutating func write(rowInPlace row: any ResultRow) {
        beginObject()
        for index in 0..<row.count {
            if index > 0 { line.append(contentsOf: ", ".utf8) }
            line.append(contentsOf: keys[index])
            if let number = row.integer(at: index) {
                line.append(contentsOf: String(number).utf8)
            } else if row.withText(at: index, { utf8 in
                if UTF8Validation.isValid(utf8) {
                    Self.appendQuoted(utf8: utf8, to: &line)
                } else {
                    Self.appendQuoted(String(decoding: utf8, as: UTF8.self), to: &line)
                }
            }) == nil {
                Self.append(row.value(at: index), to: &line)
            }
        }
        endObject()
    }

    private mutating func beginObject() {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: (count == 0 ? "\n  {" : ",\n  {").utf8)
    }

    private mutating func endObject() {
        line.append(UInt8(ascii: "}"))
        count += 1
        emit(line)
    }

    private func emit(_ line: [UInt8]) {
        sink.write(line)
    }

    private static func append(_ value: DatabaseValue, to line: inout [UInt8]) {
        switch value {
        case .null: line.append(contentsOf: "null".utf8)
        case .integer(let v): line.append(contentsOf: String(v).utf8)
        case .real(let v): line.append(contentsOf: (v.isFinite ? "\(v)" : "null").utf8)
        case .text(let v): appendQuoted(v, to: &line)
        case .blob(let v): appendQuoted(v.base64EncodedString(), to: &line)
        }
    }

    public mutating func end() {
        var out = output
        out.write(count == 0 ? "]\n" : "\n]\n")
    }

    static func json(_ value: DatabaseValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let v): return String(v)
        case .real(let v): return v.isFinite ? "\(v)" : "null"
        case .text(let v): return quote(v)
        case .blob(let v): return quote(v.base64EncodedString())
        }
    }

    public static func quote(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A JSON string, escaped byte by byte: '"', '\\', control characters, and
    /// U+2028 and U+2029 (which JavaScript does not allow in a string literal).
    static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted(utf8: $0, to: &bytes) }
    }

    static func appendQuoted(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var index = 0
        while index < utf8.count {
            // Copy the run of bytes that need no escape at once.
            var end = index
            while end < utf8.count {
                let byte = utf8[end]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2 { break }
                end += 1
            }
            if end > index {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<end]))
                index = end
                continue
            }
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
            case 0x0A: bytes.append(contentsOf: "\\n".utf8)
            case 0x0D: bytes.append(contentsOf: "\\r".utf8)
            case 0x09: bytes.append(contentsOf: "\\t".utf8)
            case 0..<0x20: appendUnicodeEscape(UInt32(byte), to: &bytes)
            case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80
                            && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                appendUnicodeEscape(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029, to: &bytes)
                index += 2
            default: bytes.append(byte)
            }
            index += 1
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func appendUnicodeEscape(_ value: UInt32, to bytes: inout [UInt8]) {
        let hex = String(value, radix: 16)
        bytes.append(contentsOf: "\\u".utf8)
        bytes.append(contentsOf: String(repeating: "0", count: 4 - hex.count).utf8)
        bytes.append(contentsOf: hex.utf8)
    }
}

// MARK: - markdown

/// A GitHub-flavoured Markdown table; `|` is escaped and line breaks become `<br>`.
public struct MarkdownWriter: ResultWriter {
    let output: TextOutputStream & AnyObject

    public init(output: TextOutputStream & AnyObject) { self.output = output }

    public mutating func begin(columns: [String]) {
        var out = output
        out.write("| " + columns.map(Self.cell).joined(separator: " | ") + " |\n")
        out.write("|" + columns.map { _ in " --- " }.joined(separator: "|") + "|\n")
    }

    public mutating func write(row: [DatabaseValue]) {
        var out = output
        out.write("| " + row.map { Self.cell(displayText($0)) }.joined(separator: " | ") + " |\n")
    }

    public mutating func end() {}

    static func cell(_ text: String) -> String {
        // Most cells hold nothing to escape; Foundation's replacing costs
        // microseconds a cell, which a long report would feel.
        var bytes = text
        let plain = bytes.withUTF8 { utf8 in
            !utf8.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "|") || $0 == 0x0A || $0 == 0x0D }
        }
        if plain { return text }
        return text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
    }
}
