import ArgumentParser
import Database
import Foundation
import Registry

/// Options every command that touches the registry takes.
public struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The registry file. Defaults to $PARTNERSHIPS_DB, else ./registry.sqlite.", valueName: "path"))
    public var db: String?

    @Option(name: .customLong("busy-timeout"), help: ArgumentHelp(
        "Seconds to wait for another process that is writing before giving up with exit code 75.", valueName: "seconds"))
    public var busyTimeout: Double = 5

    public init() {}

    public var path: String {
        if let db { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["PARTNERSHIPS_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "registry.sqlite"
    }

    public func validate() throws {
        guard busyTimeout >= 0, busyTimeout.isFinite else {
            throw ValidationError("--busy-timeout must be a number of seconds, 0 or more")
        }
    }

    /// Opens the registry. A registry migrated past `newestSchemaVersion` (by
    /// default the newest migration built in) is refused untouched; nil skips
    /// that check, for commands that only look (`migrate status`, `backup`).
    public func open(_ access: RegistryDatabase.Access,
                     newestSchemaVersion: Int? = RegistryDatabase.builtInSchemaVersion) throws -> Connection {
        try RegistryDatabase.open(path: path, access: access, busyTimeout: busyTimeout,
                                  newestSchemaVersion: newestSchemaVersion)
    }
}

/// `--migrations DIR`, for developing migrations without rebuilding.
public struct MigrationsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Read migrations from this folder instead of the ones built into the program (for development).",
        valueName: "dir"))
    public var migrations: String?

    public init() {}

    public func migrator() throws -> Migrator {
        try RegistryDatabase.migrator(directory: migrations.map { URL(fileURLWithPath: $0, isDirectory: true) })
    }
}
