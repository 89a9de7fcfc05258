import CSQLite
import Database
import Foundation

/// Opens registry files: checks that a file is ours before writing to it,
/// and knows the registry's migrations.
public enum RegistryDatabase {
    /// `PRAGMA application_id` of every registry: "PtNr".
    public static let applicationID: Int32 = 0x5074_4E72

    public enum Access: Sendable {
        /// Create the file when missing; read and write.
        case create
        /// The file must exist; read and write.
        case write
        /// The file must exist; reads only.
        case read
    }

    /// Opens the registry at `path`. Refuses, without writing a byte, a file
    /// that is not an SQLite database, that belongs to another application,
    /// that a newer program has migrated past `newestSchemaVersion` (nil: do
    /// not check, for `migrate status` and `backup`), or — for a command that
    /// writes — that cannot be written.
    public static func open(path: String, access: Access, busyTimeout: TimeInterval = 5,
                            newestSchemaVersion: Int? = builtInSchemaVersion) throws -> Connection {
        var isFolder: ObjCBool = false
        let fileExists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if fileExists && isFolder.boolValue { throw RegistryError.isAFolder(path: path) }
        if !fileExists {
            if access != .create { throw RegistryError.missingDatabase(path: path) }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
                throw RegistryError.missingFolder(path: path, folder: folder)
            }
        }
        let mode: Connection.Mode = switch access {
        case .create: .readWriteCreate
        case .write: .readWrite
        case .read: .readOnly
        }
        let configuration = Connection.Configuration(mode: mode, busyTimeout: busyTimeout, walMode: true,
                                                     prepareDatabase: { connection in
            try checkIdentity(connection, path: path)
            if let newestSchemaVersion { try checkNotNewer(connection, than: newestSchemaVersion) }
            // SQLite quietly opens a write-protected file read-only; a command
            // that writes must stop here, before it has done half its work.
            if access != .read && connection.isReadOnly { throw RegistryError.readOnly(path: path) }
            if access == .create { try choosePageSize(connection) }
        })
        do {
            return try Connection(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.primaryCode == SQLITE_NOTADB {
            throw RegistryError.notADatabase(path: path)
        } catch let error as DatabaseError where error.primaryCode == SQLITE_CANTOPEN || error.primaryCode == SQLITE_READONLY
                                                    || error.primaryCode == SQLITE_PERM {
            throw RegistryError.cannotOpen(path: path, reason: explainCannotOpen(path: path, access: access, error: error))
        }
    }

    /// The page size of a new registry, in bytes. Only a file with no page
    /// yet takes it (before the switch to WAL, after which SQLite keeps the
    /// size it has); an existing registry keeps its own.
    ///
    /// 8 KiB rather than SQLite's 4: a large import reads the agreements
    /// table once per index it builds and copies every page through the WAL
    /// twice, a system call per page each time. At a million agreements,
    /// alternating with 4 KiB on one machine, imports took 5% less time, the
    /// reports as long or less, the audit about as long (README,
    /// Performance); 16 KiB made the audit 10% slower.
    public static let newPageSize: Int64 = 8192

    static func choosePageSize(_ connection: Connection) throws {
        guard try connection.pragma(.pageCount) == 0 else { return }
        try connection.setPragma(.pageSize, to: newPageSize)
    }

    /// Both read by one statement, so from one snapshot of the file: read
    /// one after the other, a second `init` of a new registry could see
    /// application_id 0 before the first one's first migration committed,
    /// and that migration's tables after it, and refuse the file as another
    /// application's.
    static let identitySQL =
        "SELECT application_id, (SELECT count(*) FROM sqlite_schema) FROM pragma_application_id"

    /// A file is ours when it carries our application_id, or is still empty.
    static func checkIdentity(_ connection: Connection, path: String) throws {
        let row = try connection.rows(Self.identitySQL).first
        let applicationID = Int32(truncatingIfNeeded: row?[0].int64 ?? 0)
        if applicationID == Self.applicationID { return }
        let objects = row?[1].int64 ?? 0
        if objects > 0 || applicationID != 0 {
            throw RegistryError.foreignDatabase(path: path, applicationID: applicationID)
        }
    }

    /// Refuses a database a newer program has migrated: this one does not
    /// know its schema, and must not even switch its journal mode.
    static func checkNotNewer(_ connection: Connection, than newest: Int) throws {
        let userVersion = Int(try connection.scalar("PRAGMA user_version")?.int64 ?? 0)
        let hasMigrations = try connection.scalar(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")?.int64 == 1
        let applied = hasMigrations ? Int(try connection.scalar("SELECT max(version) FROM schema_migrations")?.int64 ?? 0) : 0
        guard max(userVersion, applied) > newest else { return }
        let unknown = hasMigrations
            ? try connection.rows("SELECT version FROM schema_migrations WHERE version > ? ORDER BY version", [newest])
                .compactMap { $0[0].int64.map(Int.init) }
            : []
        throw MigrationError.databaseNewer(databaseVersion: max(userVersion, applied), knownVersion: newest,
                                           unknownVersions: unknown)
    }

    /// Says why SQLite could not open a file, in terms a user can act on.
    static func explainCannotOpen(path: String, access: Access, error: DatabaseError) -> String {
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        if FileManager.default.fileExists(atPath: path) && Glibc.access(path, R_OK) != 0 {
            return "the file cannot be read (\(String(cString: strerror(errno)))); check its permissions"
        }
        if Glibc.access(folder, W_OK) != 0 {
            return "its folder '\(folder)' is read-only, and SQLite must create '\(name)-wal' and '\(name)-shm' (or '\(name)-journal') beside the registry, even to read a registry in WAL mode. Make the folder writable, or copy the registry to a writable folder"
        }
        if access != .read && Glibc.access(path, W_OK) != 0 {
            return "the file is read-only (\(String(cString: strerror(errno)))); make it writable, or use a command that only reads"
        }
        return error.message
    }

    /// The newest migration built into this binary: a registry above it was
    /// written by a newer program.
    public static let builtInSchemaVersion: Int = EmbeddedResources.migrations
        .compactMap { Int($0.name.prefix { $0.isNumber }) }
        .max() ?? 0

    /// The migrations built into this binary.
    public static func embeddedMigrations() throws -> [Migration] {
        try MigrationLoader.load(files: EmbeddedResources.migrations.map { MigrationFile(name: $0.name, text: $0.text) },
                                 origin: "the migrations built into partnerships")
    }

    /// The registry's migrator, over the built-in migrations or over a folder (`--migrations DIR`).
    public static func migrator(directory: URL? = nil) throws -> Migrator {
        let migrations = try directory.map(MigrationLoader.load(directory:)) ?? embeddedMigrations()
        return Migrator(migrations: migrations, applicationID: applicationID)
    }
}
