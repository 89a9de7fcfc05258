import Database

/// How to run a ROR import.
public struct RORImportOptions {
    /// Import only records with at least one of these types; nil: every record.
    public var types: Set<RORType>?
    /// Check everything, write nothing.
    public var dryRun = false
    /// Take ROR's value where a user's differs, instead of keeping it as a conflict.
    public var overwrite = false
    /// How many errors, conflicts and warnings the report keeps (the rest are counted).
    public var maxIssues = 100
    public var progress: ((ImportProgress) -> Void)?
    /// Refresh the planner statistics after an import that changed at least this many institutions.
    public var optimizeAfterRows = 10_000
    /// After this many records, the import estimates from the bytes read how
    /// many are left; when at least `deferIndexesFrom` (and more than half
    /// the institutions already there), it drops the secondary indexes of the
    /// institution tables and builds them again at the end of the file: a
    /// sort, instead of a random write per row and index.
    public var indexDecisionAfter = 8192
    public var deferIndexesFrom = 50_000

    public init(types: Set<RORType>? = nil, dryRun: Bool = false, overwrite: Bool = false) {
        self.types = types
        self.dryRun = dryRun
        self.overwrite = overwrite
    }

    /// Parses `--types education,healthcare`.
    public static func parseTypes(_ text: String) throws -> Set<RORType> {
        var types: Set<RORType> = []
        for part in text.split(separator: ",") {
            let name = String(part).trimmingSpaces.lowercased()
            if name.isEmpty { continue }
            guard let type = RORType(rawValue: name) else { throw RORSetupError.unknownType(name) }
            types.insert(type)
        }
        guard !types.isEmpty else { throw RORSetupError.noTypes }
        return types
    }
}

/// A field in which the registry and ROR disagree, and which the import left
/// as the user had it.
public struct RORConflict: Equatable, Sendable, CustomStringConvertible {
    public let file: String
    /// The record's line; 0 for a parent, which is settled after the whole file.
    public let line: Int
    public let key: String
    public let rorID: String
    /// name, kind, country_code, city, website, established, parent.
    public let field: String
    public let registryValue: String?
    public let rorValue: String?

    public var description: String {
        "\(file):\(line > 0 ? "\(line):" : "") conflict: \(key) (\(rorID)) \(field): registry \(Self.show(registryValue)), "
            + "ROR \(Self.show(rorValue)); kept (--overwrite takes ROR's)"
    }

    private static func show(_ value: String?) -> String { value.map { "'\($0)'" } ?? "empty" }
}

/// What one ROR import did, and what it found.
public struct RORImportReport: Sendable, IssueCollecting {
    public let file: String
    public internal(set) var recordsRead = 0
    public internal(set) var inserted = 0
    /// Institutions that had no ROR id and were matched by name.
    public internal(set) var linked = 0
    public internal(set) var updated = 0
    public internal(set) var unchanged = 0
    /// Institutions whose parent_id this import set or cleared.
    public internal(set) var parentsSet = 0
    public internal(set) var conflictCount = 0
    public internal(set) var conflicts: [RORConflict] = []
    /// Records left out by --types, by their leading type.
    public internal(set) var skippedByType: [String: Int] = [:]
    /// Withdrawn records (ROR's duplicates and mistakes) that are not in the registry: not added.
    public internal(set) var skippedWithdrawn = 0
    /// Records that match more than one institution, or share one with another record: not imported.
    public internal(set) var ambiguousCount = 0
    public internal(set) var errorCount = 0
    public internal(set) var errors: [ImportIssue] = []
    public internal(set) var warningCount = 0
    public internal(set) var warnings: [ImportIssue] = []
    /// The file could not be read to its end: nothing of it is written.
    public internal(set) var fatal: ImportIssue?
    /// The secondary indexes of the institution tables were dropped and built again at the end (a large file).
    public internal(set) var indexesDeferred = false
    public internal(set) var committed = false
    public internal(set) var dryRun = false
    public internal(set) var seconds: Double = 0

    init(file: String) {
        self.file = file
    }

    public var hasErrors: Bool { fatal != nil || errorCount > 0 }

    public var skippedByTypeTotal: Int { skippedByType.values.reduce(0, +) }

    /// "211 records: 185 inserted, 1 linked, 16 updated, 0 unchanged, 2 conflicts, 0 skipped by type; 0.21 s",
    /// with the rarer counts added when they are not zero.
    public var summaryLine: String {
        var parts = ["\(inserted) inserted", "\(linked) linked", "\(updated) updated", "\(unchanged) unchanged",
                     "\(conflictCount) \(conflictCount == 1 ? "conflict" : "conflicts")",
                     "\(skippedByTypeTotal) skipped by type"]
        if !skippedByType.isEmpty {
            parts[parts.count - 1] += " (" + skippedByType.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
        }
        if skippedWithdrawn > 0 { parts.append("\(skippedWithdrawn) withdrawn skipped") }
        if ambiguousCount > 0 { parts.append("\(ambiguousCount) ambiguous") }
        if parentsSet > 0 { parts.append("\(parentsSet) \(parentsSet == 1 ? "parent" : "parents") set") }
        if errorCount > 0 { parts.append("\(errorCount) rejected") }
        return "\(recordsRead) \(recordsRead == 1 ? "record" : "records"): " + parts.joined(separator: ", ")
            + String(format: "; %.2f s", seconds)
    }

    mutating func add(_ conflict: RORConflict, limit: Int) {
        conflictCount += 1
        if conflicts.count < limit { conflicts.append(conflict) }
    }
}

/// A ROR import that cannot start: the command was called wrongly.
public enum RORSetupError: CategorizedError, Equatable {
    case unknownType(String)
    case noTypes

    public var category: ErrorCategory { .usage }

    public var description: String {
        let known = RORType.allCases.map(\.rawValue).joined(separator: ", ")
        switch self {
        case .unknownType(let name):
            return "'\(name)' is not a ROR type; --types takes a comma-separated list of: \(known)"
        case .noTypes:
            return "--types needs at least one ROR type: \(known)"
        }
    }
}
