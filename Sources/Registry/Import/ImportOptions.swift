import Database

/// How to run an import.
public struct ImportOptions {
    /// The file layout; nil means: from the file name's extension.
    public var format: ImportFormat?
    /// The file's text encoding (the readers see UTF-8 either way).
    public var encoding = TextEncoding.utf8
    /// Check everything, write nothing.
    public var dryRun = false
    /// Write the valid rows and skip the invalid ones (instead of all or nothing).
    public var skipInvalid = false
    /// With `skipInvalid`: write the rejected rows here, as CSV with an `error` column.
    public var rejectsPath: String?
    /// How many errors and warnings a report keeps (the rest are counted).
    public var maxIssues = 100
    /// Called now and then while rows are read.
    public var progress: ((ImportProgress) -> Void)?
    /// Refresh the planner statistics after an import that changed at least this many rows.
    public var optimizeAfterRows = 10_000
    /// Let SQLite evaluate the schema's CHECK constraints too, on top of the
    /// importers' own checks (slower; the tests use it to prove that the
    /// importers reject everything the constraints would).
    public var enforceCheckConstraints = false
    /// After this many rows, a large import decides whether to build the
    /// party index at the end instead of row by row (lowered by tests).
    var deferIndexesAfterRows = 1024
    /// ... which it does when at least this many more rows are expected.
    var minimumRowsForDeferredIndexes = 5_000
    /// Read, parse and check the file on a second thread while this one
    /// writes (`ReadAheadRecordSource`). Off, each row is read and checked
    /// as it is written: the tests compare the two.
    var readsAhead = true

    public init(format: ImportFormat? = nil, dryRun: Bool = false, skipInvalid: Bool = false, rejectsPath: String? = nil) {
        self.format = format
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
        self.rejectsPath = rejectsPath
    }
}

/// An import that cannot start: the command was called wrongly.
public enum ImportSetupError: CategorizedError, Equatable {
    case unknownFormat(path: String)
    case rejectsWithoutSkip
    case rejectsFileExists(path: String)
    case rejectsIsInput(path: String)
    case rejectsUnwritable(path: String, reason: String)

    public var category: ErrorCategory {
        switch self {
        case .unknownFormat, .rejectsWithoutSkip, .rejectsIsInput: return .usage
        case .rejectsFileExists, .rejectsUnwritable: return .outputUnavailable
        }
    }

    public var description: String {
        switch self {
        case .unknownFormat(let path):
            return "cannot tell the format of '\(path)' from its name; add --format csv, --format json or --format ndjson"
        case .rejectsWithoutSkip:
            return "--rejects needs --skip-invalid: without it, an import with an invalid row writes nothing"
        case .rejectsFileExists(let path):
            return "the rejects file '\(path)' already exists; remove it or choose another name"
        case .rejectsIsInput(let path):
            return "the rejects file '\(path)' is the input file; choose another name"
        case .rejectsUnwritable(let path, let reason):
            return "cannot create the rejects file '\(path)': \(reason)"
        }
    }
}

/// Something that cannot happen did: a bug, reported as an internal error.
struct ImportInvariantError: CategorizedError {
    let message: String
    var category: ErrorCategory { .internal }
    var description: String { "internal error during the import: \(message); please report it" }
}
