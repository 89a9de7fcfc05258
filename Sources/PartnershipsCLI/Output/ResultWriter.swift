import Database
import Foundation

/// Writes result rows in one output format. Rows arrive one at a time, so
/// CSV, JSON and Markdown stream; a table needs every row to align columns.
public protocol ResultWriter {
    mutating func begin(columns: [String])
    mutating func write(row: [DatabaseValue])
    mutating func end()
}

public enum ResultWriters {
    public static func make(_ format: OutputFormat, output: TextOutputStream & AnyObject) -> any ResultWriter {
        switch format {
        case .table: return TableWriter(output: output)
        case .csv: return CSVWriter(output: output)
        case .json: return JSONWriter(output: output)
        case .markdown: return MarkdownWriter(output: output)
        }
    }

    /// Writes a whole result at once.
    public static func write(columns: [String], rows: [[DatabaseValue]], format: OutputFormat,
                             to output: TextOutputStream & AnyObject) {
        var writer = make(format, output: output)
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
        var widths = columns.map(DisplayWidth.of)
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        let numeric = columns.indices.map { index in
            !rows.isEmpty && rows.allSatisfy { row in
                switch row[index] { case .integer, .real, .null: return true; default: return false }
            } && rows.contains { !$0[index].isNull }
        }
        var out = output
        out.write(line(columns, widths: widths, rightAligned: numeric))
        out.write(line(widths.map { String(repeating: "-", count: $0) }, widths: widths, rightAligned: numeric))
        for row in cells { out.write(line(row, widths: widths, rightAligned: numeric)) }
        if rows.isEmpty { out.write("(no rows)\n") }
    }

    private func line(_ cells: [String], widths: [Int], rightAligned: [Bool]) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let padding = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(cell)))
            let isLast = index == cells.count - 1
            if rightAligned[index] {
                parts.append(padding + cell)
            } else {
                parts.append(isLast ? cell : cell + padding)
            }
        }
        return parts.joined(separator: "  ") + "\n"
    }

    /// A table cell is one line: line breaks and tabs are shown as spaces.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}

// MARK: - csv

/// RFC 4180: CRLF line ends; a field with a comma, quote, CR or LF is quoted
/// and its quotes doubled. NULL is an empty field.
public struct CSVWriter: ResultWriter {
    let output: TextOutputStream & AnyObject

    public init(output: TextOutputStream & AnyObject) { self.output = output }

    public mutating func begin(columns: [String]) { emit(columns) }

    public mutating func write(row: [DatabaseValue]) {
        // One string per line, built in place: the writer runs once per
        // value of a report that may have hundreds of thousands of rows.
        var line = ""
        for (index, value) in row.enumerated() {
            if index > 0 { line += "," }
            switch value {
            case .null: break
            case .integer(let v): line += String(v)
            case .text(let v): line += Self.field(v)
            default: line += Self.field(Self.text(value))
            }
        }
        line += "\r\n"
        var out = output
        out.write(line)
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

    public static func field(_ text: String) -> String {
        // Scanning the UTF-8 bytes is many times faster than Characters, and
        // exact: the four bytes that force quoting are ASCII, never part of
        // another character's encoding.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return text }
        // Doubled byte by byte: a quote followed by a combining mark is one
        // Character, which a Character-level replace would miss.
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if byte == 0x22 { bytes.append(0x22) }
            bytes.append(byte)
        }
        bytes.append(0x22)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func emit(_ fields: [String]) {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line += "," }
            line += Self.field(field)
        }
        line += "\r\n"
        var out = output
        out.write(line)
    }
}

// MARK: - json

/// An array of objects, keys in column order; numbers as numbers, NULL as
/// null, blobs as base64 strings. One object per line.
public struct JSONWriter: ResultWriter {
    let output: TextOutputStream & AnyObject
    private var keys: [String] = []
    private var count = 0

    public init(output: TextOutputStream & AnyObject) { self.output = output }

    public mutating func begin(columns: [String]) {
        keys = columns.map(Self.quote)
        var out = output
        out.write("[")
    }

    public mutating func write(row: [DatabaseValue]) {
        var text = count == 0 ? "\n  {" : ",\n  {"
        for (index, value) in row.enumerated() {
            if index > 0 { text += ", " }
            text += keys[index] + ": " + Self.json(value)
        }
        text += "}"
        count += 1
        var out = output
        out.write(text)
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
        // Most text needs no escape at all: check the bytes first.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
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
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
    }
}
