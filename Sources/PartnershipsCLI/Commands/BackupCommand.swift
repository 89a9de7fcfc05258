import ArgumentParser
import Foundation
import Registry

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent, verified copy of the registry to a file.",
        discussion: """
            Safe while other processes use the registry: the copy is the last committed
            state, taken with SQLite's online backup API. It is written to a temporary file
            beside FILE, checked with PRAGMA integrity_check, then renamed to FILE, so a
            failed backup never leaves a partial file. An existing FILE is kept unless
            --force is given (exit code 73).

            Examples:
              partnerships backup backups/registry-2024-06-01.sqlite
              partnerships backup /mnt/usb/registry.sqlite --force \\
                --db ~/office/registry.sqlite
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The file to write the copy to.", valueName: "file"))
    var file: String

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    func run() throws {
        // A copy is harmless whatever the schema version, so a registry from a
        // newer program can be backed up too.
        let connection = try database.open(.read, newestSchemaVersion: nil)
        let outcome = try RegistryBackup.backup(connection, to: file, force: force, busyTimeout: database.busyTimeout)
        let size = ByteCountFormatter.string(fromByteCount: outcome.bytes, countStyle: .file)
        let verb = outcome.replaced ? "replaced" : "wrote"
        print("\(verb) \(outcome.path) (\(size), \(outcome.pages) pages); integrity_check ok")
    }
}
