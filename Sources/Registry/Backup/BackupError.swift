import Database

/// Why `partnerships backup` wrote nothing. Every case leaves the target
/// exactly as it was: the copy is written to a temporary file first.
public enum BackupError: CategorizedError, Equatable {
    /// The target exists and `--force` was not given.
    case targetExists(path: String)
    /// The target is the registry itself.
    case targetIsSource(path: String)
    /// The target is a folder.
    case targetIsFolder(path: String)
    /// The folder of the target does not exist.
    case missingFolder(path: String, folder: String)
    /// A journal beside the target: a program may have it open, and SQLite
    /// would replay that journal into the new copy.
    case targetInUse(path: String, journal: String)
    /// The copy could not be written (permissions, disk full).
    case cannotWrite(path: String, reason: String)
    /// The finished copy failed `PRAGMA integrity_check`.
    case integrityCheckFailed(source: String, problem: String)

    public var category: ErrorCategory {
        switch self {
        case .targetExists, .targetIsFolder, .missingFolder, .targetInUse, .cannotWrite: return .outputUnavailable
        case .targetIsSource: return .usage
        case .integrityCheckFailed: return .incompatibleDatabase
        }
    }

    public var description: String {
        switch self {
        case .targetExists(let path):
            return "'\(path)' already exists; nothing was written. Add --force to replace it, or choose another file name."
        case .targetIsSource(let path):
            return "'\(path)' is the registry itself; choose another file for the backup."
        case .targetIsFolder(let path):
            return "'\(path)' is a folder; give the backup a file name, such as '\(path)/registry-backup.sqlite'."
        case .missingFolder(let path, let folder):
            return "cannot write '\(path)': the folder '\(folder)' does not exist. Create it first, or choose another path."
        case .targetInUse(let path, let journal):
            return "'\(path)' has '\(journal)' beside it: a program may still have it open, and SQLite would replay that journal into the new copy. Close that program (or delete '\(journal)' if it is a leftover), or choose another file name; nothing was written."
        case .cannotWrite(let path, let reason):
            return "cannot write the backup '\(path)': \(reason). Nothing was written; check the folder's permissions and free space."
        case .integrityCheckFailed(let source, let problem):
            return "the copy of '\(source)' failed PRAGMA integrity_check (\(problem)) and was deleted; the registry itself may be damaged: check it with `sqlite3 \(source) 'PRAGMA integrity_check'` and restore an earlier backup."
        }
    }
}
