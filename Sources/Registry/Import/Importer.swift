import Database
import Foundation

/// `partnerships import KIND FILE`: one file, one transaction.
///
/// All or nothing by default: every row is checked and valid rows are written
/// as they come, and if any row failed the transaction is rolled back, so the
/// database is exactly as before. With `skipInvalid` the valid rows are
/// committed and the invalid ones reported (and written to a rejects file).
/// A dry run always rolls back.
public enum Importer {
    /// Statistics refresh after a large import. `analysis_limit` keeps ANALYZE
    /// to a sample, so it costs milliseconds even on millions of rows.
    static let optimizeSQL = "PRAGMA analysis_limit = 1000; PRAGMA optimize;"

    /// Imports `path` ("-" for standard input). Problems with the data are in
    /// the report (`hasErrors`); thrown errors are about the command (a
    /// missing file, an unknown format) or the database (busy, disk full).
    public static func importFile(_ kind: ImportKind, path: String, options: ImportOptions,
                                  connection: Connection) throws -> ImportReport {
        // A path typed wrong is the first thing to say, before its format.
        let source = try ByteSource.open(path: path, encoding: options.encoding)
        let format = try format(of: path, given: options.format)
        if options.rejectsPath != nil && !options.skipInvalid { throw ImportSetupError.rejectsWithoutSkip }
        if let rejects = options.rejectsPath { try RejectsWriter.checkCanCreate(path: rejects, inputPath: path) }
        return try importSource(kind, source: source, format: format, options: options, connection: connection)
    }

    /// Imports bytes already read (tests, embedded files).
    public static func importData(_ kind: ImportKind, data: Data, name: String, format: ImportFormat,
                                  options: ImportOptions, connection: Connection) throws -> ImportReport {
        try importSource(kind, source: ByteSource(name: name, data: data, encoding: options.encoding), format: format,
                         options: options, connection: connection)
    }

    static func importSource(_ kind: ImportKind, source: ByteSource, format: ImportFormat, options: ImportOptions,
                             connection: Connection) throws -> ImportReport {
        var report: ImportReport?
        func keeps(_ report: ImportReport) -> Bool {
            !options.dryRun && report.fatal == nil && (report.errorCount == 0 || options.skipInvalid)
        }
        // The settings take effect for the transaction only when made before it.
        let session = ImportSession(connection: connection)
        try session.beginBulkWork(enforceCheckConstraints: options.enforceCheckConstraints)
        defer { session.endBulkWork() }
        try connection.inTransaction(.immediate) { () -> Connection.Completion in
            let run = ImportRun(session: session, options: options)
            let result = try run.run(kind: kind, source: source, format: format, file: source.name,
                                     rejectsPath: options.rejectsPath)
            report = result
            // The commit (or rollback) is timed from here.
            session.startNextPhase()
            return keeps(result) ? .commit : .rollback
        }
        guard var report else { throw ImportInvariantError(message: "the import produced no report") }
        report.committed = keeps(report)
        session.endPhase(report.committed ? ImportPhase.commit : ImportPhase.rollback)
        if report.fatal != nil, let rejects = report.rejectsFile {
            try? FileManager.default.removeItem(atPath: rejects)
            report.rejectsFile = nil
        }
        if report.committed && report.inserted + report.updated >= options.optimizeAfterRows {
            try connection.execute(optimizeSQL)
            session.endPhase(ImportPhase.statistics)
        }
        report.phases = session.phases
        return report
    }

    /// The format `--format` gives, else the one the extension says; CSV for standard input.
    public static func format(of path: String, given: ImportFormat?) throws -> ImportFormat {
        if let given { return given }
        if let byName = ImportFormat.fromExtension(of: path) { return byName }
        if path == "-" { return .csv }
        throw ImportSetupError.unknownFormat(path: path)
    }
}
