import Foundation

/// What one import did, and what it found.
public struct ImportReport: Sendable, IssueCollecting {
    public let kind: ImportKind
    /// The file as the user named it ("<stdin>" for standard input).
    public let file: String
    public internal(set) var rowsRead = 0
    public internal(set) var inserted = 0
    public internal(set) var updated = 0
    public internal(set) var unchanged = 0
    public internal(set) var rejected = 0
    /// Every error, counted; only the first `ImportOptions.maxIssues` are kept in `errors`.
    public internal(set) var errorCount = 0
    public internal(set) var warningCount = 0
    public internal(set) var errors: [ImportIssue] = []
    public internal(set) var warnings: [ImportIssue] = []
    /// Set when the file could not be read to its end (an unterminated
    /// quote, broken JSON, a bad header): nothing of it is written.
    public internal(set) var fatal: ImportIssue?
    /// True when the rows were written and committed. When false (a dry
    /// run, or a file with rejected rows and no --skip-invalid) the counts
    /// say what the import would have done.
    public internal(set) var committed = false
    public internal(set) var dryRun = false
    /// Where the rejected rows were written, when they were.
    public internal(set) var rejectsFile: String?
    public internal(set) var seconds: Double = 0
    /// True when the file was large enough for its indexes (and the full-text
    /// index) to be built once at the end rather than kept up row by row.
    public internal(set) var indexesDeferred = false
    /// Where the time went, phase by phase, in order: the rows (read,
    /// checked and written), then for some imports the search index and the
    /// indexes built at the end, then the commit (or the rollback) and the
    /// statistics refresh after a large import.
    public internal(set) var phases: [ImportPhase] = []

    init(kind: ImportKind, file: String) {
        self.kind = kind
        self.file = file
    }

    /// True when the file passed: no fatal problem, and no rejected row unless skipping was asked for.
    public var hasErrors: Bool { fatal != nil || errorCount > 0 }

    /// True when the database was not changed by this file's rows.
    public var changedNothing: Bool { inserted == 0 && updated == 0 }

    /// "12 rows: 10 inserted, 1 updated, 1 unchanged, 0 rejected, 2 warnings; 0.03 s";
    /// after a rollback "12 rows: 10 to insert, 1 to update, ...; nothing written; 0.03 s".
    public var summaryLine: String {
        let (insertWord, updateWord) = committed ? ("inserted", "updated") : ("to insert", "to update")
        return "\(rowsRead) \(rowsRead == 1 ? "row" : "rows"): \(inserted) \(insertWord), \(updated) \(updateWord), "
            + "\(unchanged) unchanged, "
            + "\(rejected) rejected, \(warningCount) \(warningCount == 1 ? "warning" : "warnings"); "
            + (committed ? "" : "nothing written; ")
            + String(format: "%.2f s", seconds)
    }

}

/// One phase of an import and how long it took.
public struct ImportPhase: Sendable, Equatable {
    public let name: String
    public let seconds: Double

    /// The phases' names.
    public static let rows = "rows", searchIndex = "search index", indexes = "indexes", commit = "commit",
                      rollback = "rollback", statistics = "statistics"
}

extension ImportReport {
    /// "rows 3.12 s, search index 0.47 s, indexes 1.93 s, commit 0.55 s".
    public var phasesLine: String {
        phases.map { "\($0.name) " + String(format: "%.2f s", $0.seconds) }.joined(separator: ", ")
    }
}

/// How far an import has come, for a progress line.
public struct ImportProgress: Sendable {
    public let file: String
    public let rowsRead: Int
    public let bytesRead: Int64
    /// The file size, when known (not for standard input).
    public let totalBytes: Int64?
    public let seconds: Double
}
