import CSQLite
import Database
import Foundation

/// Reads one file and feeds its rows to the row importer of its kind, inside
/// a transaction that the caller opened and will commit or roll back.
///
/// Every row is checked, whatever happened before it. Valid rows are written
/// as they come (so a row may refer to an earlier one); with `skipInvalid`
/// each row runs in a savepoint (rows written in a batch, in the batch's
/// own), so that a row the database refuses halfway leaves nothing behind.
/// Without it, the caller rolls the whole transaction back when any row failed.
final class ImportRun {
    let session: ImportSession
    let options: ImportOptions

    init(session: ImportSession, options: ImportOptions) {
        self.session = session
        self.options = options
    }

    /// Imports one file. Problems with rows are in the report; thrown errors
    /// are failures of the database itself (busy, disk full) or of the rejects file.
    func run(kind: ImportKind, source: ByteSource, format: ImportFormat, file: String,
             rejectsPath: String? = nil) throws -> ImportReport {
        var report = ImportReport(kind: kind, file: file)
        report.dryRun = options.dryRun
        session.rowSavepoints = options.skipInvalid
        session.deferIndexesAfterRows = options.deferIndexesAfterRows
        session.minimumRowsForDeferredIndexes = options.minimumRowsForDeferredIndexes
        let started = ProcessInfo.processInfo.systemUptime
        session.startPhases()
        do {
            switch kind {
            case .institutions: try read(InstitutionImporter(session: session), source, format, &report, rejectsPath)
            case .networks: try read(NetworkImporter(session: session), source, format, &report, rejectsPath)
            case .memberships: try read(MembershipImporter(session: session), source, format, &report, rejectsPath)
            case .agreements: try read(AgreementImporter(session: session), source, format, &report, rejectsPath)
            case .news: try read(NewsImporter(session: session), source, format, &report, rejectsPath)
            case .appointments: try read(AppointmentImporter(session: session), source, format, &report, rejectsPath)
            }
        } catch let fatal as ImportFatal {
            report.fatal = ImportIssue(file: file, line: fatal.line, column: fatal.column, message: fatal.message)
        }
        report.seconds = ProcessInfo.processInfo.systemUptime - started
        report.phases = session.phases
        return report
    }

    private func read<I: RowImporter>(_ importer: I, _ source: ByteSource, _ format: ImportFormat,
                                      _ report: inout ImportReport, _ rejectsPath: String?) throws {
        switch format {
        case .csv:
            try drive(importer, CSVRecordSource<I.Column>(source: source), &report, rejectsPath)
        case .json:
            try drive(importer, JSONRecordSource<I.Column>(source: source, layout: .array), &report, rejectsPath)
        case .ndjson:
            try drive(importer, JSONRecordSource<I.Column>(source: source, layout: .lines), &report, rejectsPath)
        }
    }

    /// The file is read, parsed and checked as far as it can be without the
    /// database on a second thread while this one writes. With
    /// `skipInvalid` too: each row still gets its savepoint here, on the
    /// writing thread, and for a rejects file the reading thread keeps each
    /// record's original fields.
    private func drive<I: RowImporter, S: RecordSource>(_ importer: I, _ records: S, _ report: inout ImportReport,
                                                        _ rejectsPath: String?) throws where S.Column == I.Column {
        guard options.readsAhead else { return try importRows(importer, records, &report, rejectsPath) }
        let readAhead = ReadAheadRecordSource(records, prepare: importer.preparation,
                                              keepsOriginalFields: rejectsPath != nil)
        defer { readAhead.stop() }
        try importRows(importer, readAhead, &report, rejectsPath)
    }

    private func importRows<I: RowImporter, S: RecordSource>(_ importer: I, _ records: S, _ report: inout ImportReport,
                                                             _ rejectsPath: String?) throws where S.Column == I.Column {
        let rejects = rejectsPath.map { RejectsWriter(path: $0, header: records.rejectsHeader, layout: records.rejectsLayout,
                                                         encoding: options.encoding) }
        var savepoints = options.skipInvalid ? try RowSavepoint(session.connection) : nil
        let file = report.file
        let limit = options.maxIssues
        let started = ProcessInfo.processInfo.systemUptime
        var lastProgress = started
        var row = ImportRow<I.Column>()
        var check = RowCheck()
        // Often enough to reach the index decision at the row it is due.
        let progressEvery = min(1024, max(1, options.deferIndexesAfterRows))
        // The original fields of rows written later (in a batch), by line,
        // for the rejects file until their outcome is known; and the rejects
        // of later lines held back meanwhile, so that the file keeps the
        // input's order (at most a batch of rows waits).
        var deferredFields: [Int: [String]] = [:]
        var heldRejects: [(line: Int, fields: [String], error: String)] = []
        func writeRejects(upTo end: Int) throws {
            guard let rejects, !heldRejects.isEmpty else { return }
            heldRejects.sort { $0.line < $1.line }
            let ready = heldRejects.prefix { $0.line < end }
            for held in ready { try rejects.write(fields: held.fields, error: held.error) }
            heldRejects.removeFirst(ready.count)
        }
        func finish(line: Int, outcome: RowOutcome?, check: RowCheck, fields: () -> [String]) throws {
            if let outcome, !check.failed {
                switch outcome {
                case .inserted: report.inserted += 1
                case .updated: report.updated += 1
                case .unchanged: report.unchanged += 1
                case .deferred: return
                }
                for problem in check.warnings {
                    report.add(ImportIssue(file: file, line: line, column: problem.column, message: problem.message,
                                           severity: .warning), limit: limit)
                }
                return
            }
            report.rejected += 1
            for problem in check.errors {
                report.add(ImportIssue(file: file, line: line, column: problem.column, message: problem.message), limit: limit)
            }
            if rejects != nil, options.skipInvalid {
                heldRejects.append((line, fields(), "line \(line): \(check.summary)"))
                try writeRejects(upTo: deferredFields.keys.min() ?? Int.max)
            }
        }
        func takeDeferred() throws {
            for row in importer.takeFinished() {
                let fields = deferredFields.removeValue(forKey: row.line) ?? []
                try finish(line: row.line, outcome: row.outcome, check: row.check, fields: { fields })
            }
            try writeRejects(upTo: deferredFields.keys.min() ?? Int.max)
        }
        do {
            while true {
                check.reset()
                guard try records.next(into: &row, check: &check) else { break }
                report.rowsRead += 1
                var outcome: RowOutcome?
                // A row that could not be read is not checked further. The
                // reading thread prepares only rows read well; what it found
                // wrong with their values, importRow reports with the rest.
                if !check.failed || row.prepared != nil {
                    try importer.prepareToWrite(row)
                    try savepoints?.begin()
                    do {
                        outcome = try importer.importRow(row, check: &check)
                    } catch let error as DatabaseError where error.isRowLevel {
                        check.fail(columnNamed: nil, "the database refused the row: \(error.message)")
                        outcome = nil
                    }
                    if outcome != nil, !check.failed {
                        try savepoints?.release()
                        try importer.rowKept()
                    } else {
                        try savepoints?.rollback()
                        importer.rowUndone()
                        if !check.failed { check.fail(columnNamed: nil, "the row was not written") }
                    }
                }
                if outcome == .deferred && rejects != nil { deferredFields[row.line] = records.originalFields() }
                try finish(line: row.line, outcome: outcome, check: check, fields: records.originalFields)
                if importer.hasFinished { try takeDeferred() }
                if report.rowsRead % progressEvery == 0 {
                    try importer.readingProgress(rows: report.rowsRead, bytesRead: records.bytesRead,
                                                 totalBytes: records.totalBytes)
                }
                if let progress = options.progress, report.rowsRead % 256 == 0 {
                    let now = ProcessInfo.processInfo.systemUptime
                    if now - lastProgress >= 0.1 {
                        lastProgress = now
                        progress(ImportProgress(file: file, rowsRead: report.rowsRead, bytesRead: records.bytesRead,
                                                totalBytes: records.totalBytes, seconds: now - started))
                    }
                }
            }
            try importer.flush()
            try takeDeferred()
            session.endPhase(ImportPhase.rows)
            // A rollback to come brings back by itself what was set aside.
            try importer.finish(rollingBack: options.dryRun || (!options.skipInvalid && report.errorCount > 0))
            try takeDeferred()
            report.indexesDeferred = importer.indexesDeferred
            report.errors.sort { $0.line < $1.line }
            report.warnings.sort { $0.line < $1.line }
            try writeRejects(upTo: Int.max)
            try rejects?.finish()
            if let rejects, rejects.rows > 0 { report.rejectsFile = rejects.path }
        } catch {
            rejects?.discard()
            throw error
        }
    }
}

extension DatabaseError {
    /// An error about one row's values (a constraint, a value too big), after
    /// which the import can go on; anything else stops it.
    var isRowLevel: Bool {
        switch primaryCode {
        case SQLITE_CONSTRAINT, SQLITE_TOOBIG, SQLITE_MISMATCH, SQLITE_RANGE: return true
        default: return false
        }
    }
}
