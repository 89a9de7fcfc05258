/// Why the migration runner refused to go on. Each message names the file
/// and says what to do next.
public enum MigrationError: CategorizedError, Equatable {
    case folderUnreadable(path: String, reason: String)
    case misnamedFile(file: String, origin: String)
    case duplicateVersion(version: Int, files: [String], origin: String)
    case orphanDownFile(file: String, origin: String)
    case notUTF8(file: String)
    case transactionControl(file: String, statement: String)
    case modified(version: Int, file: String, appliedChecksum: String, fileChecksum: String)
    case databaseNewer(databaseVersion: Int, knownVersion: Int, unknownVersions: [Int])
    case foreignKeyViolation(file: String, table: String, rowid: Int64?, parent: String)
    case failed(file: String, error: DatabaseError)
    case noDownMigration(version: Int, file: String)
    case unknownTarget(version: Int, known: [Int])

    public var category: ErrorCategory {
        switch self {
        case .databaseNewer, .modified: return .incompatibleDatabase
        case .noDownMigration, .unknownTarget: return .usage
        case .failed(_, let error): return error.category == .internal ? .internal : error.category
        default: return .internal
        }
    }

    public var description: String {
        switch self {
        case .folderUnreadable(let path, let reason):
            return "cannot read the migrations folder '\(path)': \(reason). Check --migrations, or leave it out to use the migrations built into this program."
        case .misnamedFile(let file, let origin):
            return "migration file '\(file)' in \(origin) is misnamed: name it NNNN_snake_case_name.sql (four digits, then lower-case words joined by '_'), or NNNN_snake_case_name.down.sql for its undo."
        case .duplicateVersion(let version, let files, let origin):
            return "migration version \(version) appears twice in \(origin): \(files.joined(separator: " and ")). Give one of them the next free number."
        case .orphanDownFile(let file, let origin):
            return "'\(file)' in \(origin) has no matching migration: a .down.sql file must have the same number and name as the migration it undoes."
        case .notUTF8(let file):
            return "migration file '\(file)' is not valid UTF-8: save it as UTF-8."
        case .transactionControl(let file, let statement):
            return "migration file '\(file)' contains a \(statement) statement: the runner wraps each migration in its own transaction, so remove BEGIN/COMMIT/ROLLBACK/SAVEPOINT/RELEASE from the file."
        case .modified(let version, let file, let applied, let current):
            return "migration \(version) ('\(file)') was changed after it was applied to this database (applied checksum \(applied), file checksum \(current)). A shipped migration is never edited: restore the file and put the change in a new migration."
        case .databaseNewer(let databaseVersion, let known, let unknown):
            let list = unknown.isEmpty ? "" : " (unknown migration(s) \(unknown.map(String.init).joined(separator: ", ")))"
            return "the database is at schema version \(databaseVersion)\(list), newer than this program knows (up to \(known)): use a newer partnerships program with this database."
        case .foreignKeyViolation(let file, let table, let rowid, let parent):
            let row = rowid.map { " row \($0)" } ?? ""
            return "migration '\(file)' leaves a broken foreign key: \(table)\(row) refers to a missing \(parent) row. Fix the migration's data so every reference resolves; nothing was applied."
        case .failed(let file, let error):
            return "migration '\(file)' failed and was rolled back: \(error)"
        case .noDownMigration(let version, let file):
            return "cannot migrate down past migration \(version) ('\(file)'): it has no .down.sql file. Restore a backup instead, or write the down migration."
        case .unknownTarget(let version, let known):
            return "there is no migration \(version); known versions: \(known.isEmpty ? "none" : known.map(String.init).joined(separator: ", "))."
        }
    }
}
