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

    static func importSource(_ source: ByteSource, options: RORImportOptions, connection: Connection) throws -> RORImportReport {
        var report: RORImportReport?
        // The other imports' settings, made before the transaction as SQLite
        // requires for temp_store: a larger page cache, statement journals in
        // memory, and no second evaluation of the CHECK constraints, since
        // `RORRecord` and `RORInstitution` check every value they state (ROR
        // ids, country codes, years, kinds, languages, non-empty names and keys).
        let session = ImportSession(connection: connection)
        try session.beginBulkWork(enforceCheckConstraints: false, cacheSize: RORImportRun.cacheSize)
        defer { session.endBulkWork() }
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
