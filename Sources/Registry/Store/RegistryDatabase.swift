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
    /// that is not an SQLite database or that belongs to another application.
    public static func open(path: String, access: Access, busyTimeout: TimeInterval = 5) throws -> Connection {
        let fileExists = FileManager.default.fileExists(atPath: path)
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
                                                     prepareDatabase: { try checkIdentity($0, path: path) })
        do {
            return try Connection(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.primaryCode == SQLITE_NOTADB {
            throw RegistryError.notADatabase(path: path)
        }
    }

    /// A file is ours when it carries our application_id, or is still empty.
    static func checkIdentity(_ connection: Connection, path: String) throws {
        let applicationID = Int32(truncatingIfNeeded: try connection.scalar("PRAGMA application_id")?.int64 ?? 0)
        if applicationID == Self.applicationID { return }
        let objects = try connection.scalar("SELECT count(*) FROM sqlite_schema")?.int64 ?? 0
        if objects > 0 || applicationID != 0 {
            throw RegistryError.foreignDatabase(path: path, applicationID: applicationID)
        }
    }

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
