import Database

/// Errors about the registry file itself, before any data is read.
public enum RegistryError: CategorizedError, Equatable {
    /// The file exists but holds another application's data.
    case foreignDatabase(path: String, applicationID: Int32)
    /// The file exists but is not an SQLite database at all.
    case notADatabase(path: String)
    /// The folder the database should be in does not exist.
    case missingFolder(path: String, folder: String)
    /// A command that only reads was pointed at a file that does not exist.
    case missingDatabase(path: String)
    /// The database has migrations that have not been applied yet.
    case needsMigration(path: String, pending: Int)
    /// The path names a folder, not a file.
    case isAFolder(path: String)
    /// A command that writes was pointed at a file it cannot write.
    case readOnly(path: String)
    /// SQLite could not open the file; `reason` says why in a user's terms.
    case cannotOpen(path: String, reason: String)

    public var category: ErrorCategory {
        switch self {
        case .foreignDatabase, .notADatabase: return .incompatibleDatabase
        case .missingFolder, .missingDatabase, .isAFolder, .readOnly, .cannotOpen: return .databaseUnavailable
        case .needsMigration: return .incompatibleDatabase
        }
    }

    public var description: String {
        switch self {
        case .foreignDatabase(let path, let id):
            return "'\(path)' is an SQLite database of another application (application_id \(id)), not a partnerships registry; it was not changed. Point --db at a partnerships registry, or at a new file name to create one."
        case .notADatabase(let path):
            return "'\(path)' is not an SQLite database; it was not changed. Point --db at a partnerships registry, or at a new file name to create one."
        case .missingFolder(let path, let folder):
            return "cannot create '\(path)': the folder '\(folder)' does not exist. Create it first, or choose another --db path."
        case .missingDatabase(let path):
            return "there is no registry at '\(path)'. Create one with `partnerships init --db \(path)`, or point --db (or PARTNERSHIPS_DB) at an existing one."
        case .isAFolder(let path):
            return "'\(path)' is a folder; point --db at a registry file inside it, such as '\(path)/registry.sqlite'."
        case .readOnly(let path):
            return "'\(path)' is read-only, so this command cannot write to it; nothing was changed. Make the file writable (chmod u+w), or use a command that only reads."
        case .cannotOpen(let path, let reason):
            return "cannot open '\(path)': \(reason)."
        case .needsMigration(let path, let pending):
            return "the registry '\(path)' needs \(pending == 1 ? "1 pending migration" : "\(pending) pending migrations"): run `partnerships migrate up --db \(path)` first."
        }
    }
}
