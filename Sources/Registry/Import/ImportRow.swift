/// The columns of one import kind, in their documented order. An enum with
/// `Int` raw values 0, 1, 2, ...: the raw value indexes `ImportRow.values`.
protocol ImportColumn: RawRepresentable, CaseIterable, Hashable where RawValue == Int, AllCases == [Self] {
    /// The header names (and JSON keys), indexed by raw value.
    static var names: [String] { get }
    /// Columns that must be present and not empty.
    static var required: Set<Self> { get }
    /// `;`-separated lists, which JSON may also give as arrays of strings.
    static var lists: Set<Self> { get }
    /// JSON records may carry keys that are not columns (a kind that reads
    /// nested records, such as a ROR dump, takes what it needs from `ImportRow.json`).
    static var acceptsOtherKeys: Bool { get }
    /// What the kind's importer works out from a row before it needs the
    /// database (see `RowPreparation`); `Void` for kinds that do not.
    associatedtype Prepared = Void
}

extension ImportColumn {
    static var acceptsOtherKeys: Bool { false }

    var name: String { Self.names[rawValue] }

    /// The column for a header name or JSON key, in any letter case and with
    /// spaces or hyphens for the underscores ("Signed on", "effective-from"),
    /// as a spreadsheet's headings are often written.
    static func named(_ name: String) -> Self? {
        var lowered = name.lowercased()
        if let index = names.firstIndex(of: lowered) { return Self(rawValue: index) }
        // Only then the other spellings: JSON keys come here once per record.
        guard lowered.contains(where: { $0 == " " || $0 == "-" }) else { return nil }
        lowered = String(lowered.map { $0 == " " || $0 == "-" ? "_" : $0 })
        return names.firstIndex(of: lowered).flatMap(Self.init(rawValue:))
    }

    static var knownNames: String { names.joined(separator: ", ") }

    /// Header names or JSON keys that are not columns, each with the column
    /// probably meant: "'signed' (did you mean 'signed_on'?), 'comment'".
    static func describeUnknown(_ unknown: [String]) -> String {
        let shown = unknown.prefix(5).map { name in
            let near = Suggestions.nearest(to: name, among: names, count: 1)
            return near.first.map { "'\(name)' (did you mean '\($0)'?)" } ?? "'\(name)'"
        }.joined(separator: ", ")
        return shown + (unknown.count > 5 ? " and \(unknown.count - 5) more" : "")
    }
}

/// One input record, mapped onto the columns of its kind: trimmed text, nil
/// when the field is empty or absent.
struct ImportRow<Column: ImportColumn> {
    var line = 0
    var values: [String?]
    /// Whether the column is in the file (CSV header) or the record (JSON key).
    /// A column that is absent leaves the stored value as it is on update.
    var present: [Bool]
    /// The whole record when it came from JSON (nil for CSV).
    var json: JSONValue?
    /// Set by the importer's `RowPreparation`, when it ran on the reading thread.
    var prepared: Column.Prepared?

    init() {
        values = Array(repeating: nil, count: Column.names.count)
        present = Array(repeating: false, count: Column.names.count)
    }

    subscript(column: Column) -> String? { values[column.rawValue] }

    func has(_ column: Column) -> Bool { present[column.rawValue] }

    mutating func clear() {
        clear(presence: nil)
    }

    /// Empties the row and sets which columns it has: `presence`, as a
    /// source that knows them for every record (a CSV header) passes it.
    /// Assigned, not written column by column: the array it replaces is
    /// usually the source's own (the last record's), which a write would
    /// copy first, one allocation a row.
    mutating func clear(presence: [Bool]?) {
        json = nil
        prepared = nil
        for index in values.indices { values[index] = nil }
        if let presence {
            present = presence
        } else {
            for index in present.indices { present[index] = false }
        }
    }
}

/// Which columns a row has (`ImportRow.present`) as bits: a value to keep
/// with a row waiting for its batch, without holding on to an array.
struct ImportRowPresence: Equatable {
    let bits: UInt64

    init(_ present: [Bool]) {
        var bits: UInt64 = 0
        for (index, has) in present.enumerated() where has && index < 64 { bits |= 1 << UInt64(index) }
        self.bits = bits
    }

    func columns(_ count: Int) -> [Bool] { (0..<count).map { bits & (1 << UInt64($0)) != 0 } }
}

/// The problems found in one row: errors reject it, warnings do not.
struct RowCheck {
    struct Problem {
        let column: String?
        let message: String
    }

    var errors: [Problem] = []
    var warnings: [Problem] = []

    init(errors: [Problem] = [], warnings: [Problem] = []) {
        self.errors = errors
        self.warnings = warnings
    }

    var failed: Bool { !errors.isEmpty }

    mutating func fail<C: ImportColumn>(_ column: C?, _ message: String) {
        errors.append(Problem(column: column?.name, message: message))
    }

    mutating func fail(columnNamed column: String?, _ message: String) {
        errors.append(Problem(column: column, message: message))
    }

    mutating func warn<C: ImportColumn>(_ column: C?, _ message: String) {
        warnings.append(Problem(column: column?.name, message: message))
    }

    mutating func reset() {
        errors.removeAll(keepingCapacity: true)
        warnings.removeAll(keepingCapacity: true)
    }

    /// All errors in one line, for the rejects file's `error` column.
    var summary: String {
        errors.map { problem in
            problem.column.map { "column '\($0)': \(problem.message)" } ?? problem.message
        }.joined(separator: "; ")
    }
}

/// What happened to a valid row.
enum RowOutcome {
    case inserted, updated, unchanged
    /// Kept for a batch: the outcome comes later, from `RowImporter.takeFinished()`.
    case deferred
}
