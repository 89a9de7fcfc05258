/// A problem that stops the reading of a file (a bad header, an unterminated
/// quote, broken JSON): nothing of the file is written.
struct ImportFatal: Error {
    let line: Int
    let column: String?
    let message: String
}

/// Turns the records of a file, in any of the import formats, into rows of
/// one kind's columns.
protocol RecordSource<Column>: AnyObject {
    associatedtype Column: ImportColumn
    /// Fills `row` with the next record; false at the end. Problems with the
    /// record itself (a ragged row, invalid UTF-8, an unknown JSON key) go to `check`.
    func next(into row: inout ImportRow<Column>, check: inout RowCheck) throws -> Bool
    /// The columns of a rejects file: the input's own, then `error`.
    var rejectsHeader: [String] { get }
    /// How to write a rejects file: as the input CSV was (semicolons, a
    /// byte-order mark), else plain.
    var rejectsLayout: CSVLayout { get }
    /// The current record's values in the order of `rejectsHeader` (without `error`).
    func originalFields() -> [String]
    var bytesRead: Int64 { get }
    var totalBytes: Int64? { get }
}

/// The name of the column a rejects file adds; an input column of that name
/// is ignored, so a rejects file can be fixed and imported again.
let rejectsErrorColumn = "error"

final class CSVRecordSource<Column: ImportColumn>: RecordSource {
    private let reader: CSVReader
    /// For each column of the file: the contract column it holds (nil: the ignored `error` column).
    private let mapping: [Column?]
    private let presentTemplate: [Bool]
    private let header: [String]

    init(source: ByteSource) throws {
        reader = CSVReader(source: source)
        do {
            guard try reader.next() else {
                throw ImportFatal(line: 1, column: nil,
                                  message: "the file is empty; its first line must name the columns (\(Column.knownNames))")
            }
        } catch let failure as CSVReader.Failure {
            throw ImportFatal(line: failure.line, column: nil, message: failure.description)
        }
        if let problem = reader.recordProblem {
            throw ImportFatal(line: reader.line, column: nil, message: "the header: \(problem)")
        }
        var mapping: [Column?] = []
        var header: [String] = []
        var unknown: [String] = []
        var seen: [Column: Int] = [:]
        var present = Array(repeating: false, count: Column.names.count)
        for index in 0..<reader.fieldCount {
            let name: String
            switch reader.text(index, trimming: true) {
            case .success(let text): name = text
            case .failure(let problem):
                throw ImportFatal(line: reader.line, column: nil, message: "header field \(index + 1) \(problem)")
            }
            if name.isEmpty {
                throw ImportFatal(line: reader.line, column: nil,
                                  message: "header field \(index + 1) is empty; every column needs a name (\(Column.knownNames))")
            }
            if name.lowercased() == rejectsErrorColumn {
                mapping.append(nil)
                continue
            }
            guard let column = Column.named(name) else {
                unknown.append(name)
                mapping.append(nil)
                continue
            }
            if let earlier = seen[column] {
                throw ImportFatal(line: reader.line, column: column.name,
                                  message: "appears twice in the header (fields \(earlier + 1) and \(index + 1))")
            }
            seen[column] = index
            present[column.rawValue] = true
            mapping.append(column)
            header.append(name)
        }
        if !unknown.isEmpty {
            throw ImportFatal(line: reader.line, column: nil,
                              message: "unknown \(unknown.count == 1 ? "column" : "columns") \(Column.describeUnknown(unknown)); the known columns are: \(Column.knownNames)")
        }
        let missing = Column.allCases.filter { Column.required.contains($0) && !present[$0.rawValue] }
        if !missing.isEmpty {
            throw ImportFatal(line: reader.line, column: nil,
                              message: "the required \(missing.count == 1 ? "column" : "columns") \(missing.map { "'\($0.name)'" }.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") missing from the header")
        }
        self.mapping = mapping
        self.presentTemplate = present
        self.header = header
    }

    var rejectsHeader: [String] { header + [rejectsErrorColumn] }
    var rejectsLayout: CSVLayout { reader.layout }
    var bytesRead: Int64 { reader.source.bytesRead }
    var totalBytes: Int64? { reader.source.expectedSize }

    func next(into row: inout ImportRow<Column>, check: inout RowCheck) throws -> Bool {
        do {
            guard try reader.next() else { return false }
        } catch let failure as CSVReader.Failure {
            throw ImportFatal(line: failure.line, column: nil, message: failure.description)
        }
        row.clear(presence: presentTemplate)
        row.line = reader.line
        if let problem = reader.recordProblem { check.fail(columnNamed: nil, problem) }
        if reader.fieldCount != mapping.count {
            check.fail(columnNamed: nil,
                       "the row has \(reader.fieldCount) \(reader.fieldCount == 1 ? "field" : "fields"), the header has \(mapping.count)")
            return true
        }
        let mapping = self.mapping
        reader.withRecord { record in
            for index in 0..<mapping.count {
                guard let column = mapping[index] else { continue }
                let field = record.field(index, trimming: true)
                if field.isEmpty { continue }
                switch CSVReader.decode(field) {
                case .success(let text): row.values[column.rawValue] = text
                case .failure(let problem): check.fail(column, problem.description)
                }
            }
        }
        return true
    }

    func originalFields() -> [String] {
        var fields: [String] = []
        for (index, column) in mapping.enumerated() where column != nil {
            fields.append(index < reader.fieldCount ? reader.lossyText(index) : "")
        }
        return fields
    }
}

final class JSONRecordSource<Column: ImportColumn>: RecordSource {
    private let reader: JSONStreamReader
    private var current: JSONValue?

    init(source: ByteSource, layout: JSONStreamReader.Layout) {
        reader = JSONStreamReader(source: source, layout: layout)
    }

    var rejectsHeader: [String] { Column.names + [rejectsErrorColumn] }
    var rejectsLayout: CSVLayout { .plain }
    var bytesRead: Int64 { reader.bytesRead }
    var totalBytes: Int64? { reader.source.expectedSize }

    func next(into row: inout ImportRow<Column>, check: inout RowCheck) throws -> Bool {
        do {
            current = try reader.next()
        } catch let error as JSONStreamReader.SyntaxError {
            throw ImportFatal(line: error.line, column: nil, message: "invalid JSON: \(error.message)")
        }
        guard let current else { return false }
        row.clear()
        row.line = reader.line
        row.json = current
        guard case .object(let object) = current else {
            check.fail(columnNamed: nil, "expected an object with the columns as keys (\(Column.knownNames)), found \(current.typeDescription)")
            return true
        }
        var unknown: [String] = []
        for (key, value) in object.members {
            if key.lowercased() == rejectsErrorColumn { continue }
            guard let column = Column.named(key) else {
                unknown.append(key)
                continue
            }
            if row.present[column.rawValue] {
                check.fail(column, "the key appears twice in the object")
                continue
            }
            row.present[column.rawValue] = true
            switch Self.text(of: value, isList: Column.lists.contains(column)) {
            case .success(let text): row.values[column.rawValue] = text
            case .failure(let problem): check.fail(column, problem.message)
            }
        }
        if !unknown.isEmpty && !Column.acceptsOtherKeys {
            check.fail(columnNamed: nil,
                       "unknown \(unknown.count == 1 ? "key" : "keys") \(Column.describeUnknown(unknown)); the known keys are: \(Column.knownNames)")
        }
        return true
    }

    struct TypeProblem: Error { let message: String }

    /// A value as column text: strings trimmed, numbers as written, arrays of
    /// strings joined with ';' for list columns, null and "" as nil.
    static func text(of value: JSONValue, isList: Bool) -> Result<String?, TypeProblem> {
        switch value {
        case .null:
            return .success(nil)
        case .string(let text):
            let trimmed = text.trimmingSpaces
            return .success(trimmed.isEmpty ? nil : trimmed)
        case .number(let text):
            return .success(text)
        case .bool:
            return .failure(TypeProblem(message: "is a boolean; expected a string"))
        case .object:
            return .failure(TypeProblem(message: "is an object; expected a string"))
        case .array(let items):
            guard isList else {
                return .failure(TypeProblem(message: "is an array; expected a string"))
            }
            var parts: [String] = []
            for item in items {
                switch item {
                case .string(let text):
                    if text.contains(";") {
                        return .failure(TypeProblem(message: "an element contains ';', which separates the elements"))
                    }
                    let trimmed = text.trimmingSpaces
                    if !trimmed.isEmpty { parts.append(trimmed) }
                case .number(let text):
                    parts.append(text)
                default:
                    return .failure(TypeProblem(message: "is an array with \(item.typeDescription) in it; expected strings"))
                }
            }
            return .success(parts.isEmpty ? nil : parts.joined(separator: ";"))
        }
    }

    func originalFields() -> [String] {
        guard case .object(let object)? = current else { return Column.names.map { _ in "" } }
        return Column.allCases.map { column in
            guard let value = object.members.first(where: { $0.key.lowercased() == column.name })?.value else { return "" }
            switch value {
            case .string(let text): return text
            case .number(let text): return text
            case .bool(let flag): return flag ? "true" : "false"
            case .array(let items):
                return items.compactMap { item -> String? in
                    switch item {
                    case .string(let text), .number(let text): return text
                    default: return nil
                    }
                }.joined(separator: ";")
            case .null, .object: return ""
            }
        }
    }
}
