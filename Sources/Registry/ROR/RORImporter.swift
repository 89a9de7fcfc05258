import Database
import Foundation

/// `partnerships import ror FILE`: a ROR data dump (schema v2), streamed, in
/// one transaction. All or nothing, as the other imports: a record that
/// cannot be imported is reported with its line and nothing is written; a dry
/// run always rolls back.
public enum RORImporter {
    /// Imports `path` ("-" for standard input). Problems with the data are in
    /// the report (`hasErrors`); thrown errors are about the command or the database.
    public static func importFile(path: String, options: RORImportOptions, connection: Connection) throws -> RORImportReport {
        try importSource(try ByteSource.open(path: path), options: options, connection: connection)
    }

    /// Imports bytes already read (tests).
    public static func importData(_ data: Data, name: String, options: RORImportOptions,
                                  connection: Connection) throws -> RORImportReport {
        try importSource(ByteSource(name: name, data: data), options: options, connection: connection)
    }

    /// For the length of the import: a page cache that holds the indexes
    /// being filled (the default 2 MiB makes SQLite spill and re-read pages
    /// all the time on a full dump), and no second evaluation of the CHECK
    /// constraints: `RORRecord` and `RORInstitution` check every value they
    /// state (ROR ids, country codes, years, kinds, languages, non-empty
    /// names and keys) before a row is written. NOT NULL, UNIQUE and foreign
    /// keys stay enforced.
    static let bulkSettingsSQL = "PRAGMA cache_size = -16384; PRAGMA ignore_check_constraints = ON"

    static func importSource(_ source: ByteSource, options: RORImportOptions, connection: Connection) throws -> RORImportReport {
        var report: RORImportReport?
        let savedCacheSize = try connection.scalar("PRAGMA cache_size")?.int64
        try connection.execute(bulkSettingsSQL)
        defer {
            try? connection.execute("PRAGMA ignore_check_constraints = OFF")
            if let savedCacheSize { try? connection.execute("PRAGMA cache_size = \(savedCacheSize)") }
        }
        try connection.inTransaction(.immediate) { () -> Connection.Completion in
            let run = try RORImportRun(connection: connection, options: options, file: source.name)
            let result = try run.run(source)
            report = result
            return !options.dryRun && !result.hasErrors ? .commit : .rollback
        }
        guard var report else { throw ImportInvariantError(message: "the ROR import produced no report") }
        report.committed = !options.dryRun && !report.hasErrors
        if report.committed && report.inserted + report.linked + report.updated >= options.optimizeAfterRows {
            try connection.execute(Importer.optimizeSQL)
        }
        return report
    }
}
