/// Checks and writes the rows of one kind. One instance serves one file.
///
/// `importRow` validates everything it can before writing (so that a row is
/// rejected without touching the database), then upserts: inserted when the
/// row is new, unchanged when the stored row already says the same, updated
/// otherwise. It records problems in `check` and returns nil for a row it
/// did not write.
protocol RowImporter: AnyObject {
    associatedtype Column: ImportColumn
    func importRow(_ row: ImportRow<Column>, check: inout RowCheck) throws -> RowOutcome?
    /// Called before `importRow` and before the row's savepoint opens (with
    /// `--skip-invalid`): a schema change the row needs happens here, where
    /// rolling the row back cannot undo it.
    func prepareToWrite(_ row: ImportRow<Column>) throws
    /// The checks of a row that need no database, for the reading thread of
    /// an import to run ahead of `importRow` (nil: `importRow` does all).
    var preparation: RowPreparation<Column>? { get }
    /// The row's writes stay (its savepoint, if any, is released): caches
    /// may now learn about it, and schema changes are safe again.
    func rowKept() throws
    /// The row's writes were undone (its savepoint rolled back).
    func rowUndone()
    /// Writes rows that `importRow` answered `.deferred` for.
    func flush() throws
    /// Called every few thousand rows, so a large import can change how it writes.
    func readingProgress(rows: Int, bytesRead: Int64, totalBytes: Int64?) throws
    /// True once the import has set indexes aside to build them at the end.
    var indexesDeferred: Bool { get }
    /// The file is read: write what waits and put back what was set aside.
    /// `rollingBack`: the transaction will be rolled back (a dry run, or an
    /// all-or-nothing import with a failed row), which puts back by itself
    /// whatever was set aside inside it.
    func finish(rollingBack: Bool) throws
    /// True when deferred rows have their outcome.
    var hasFinished: Bool { get }
    /// The outcomes of deferred rows, each once.
    func takeFinished() -> [DeferredRow]
}

/// Checks a row and sets `row.prepared`, recording problems in `check` as
/// `importRow` would. It runs on another thread than the writing one, while
/// earlier rows are written: it may read only what nothing changes during
/// the import (its own copies), never the connection.
typealias RowPreparation<Column: ImportColumn> = (inout ImportRow<Column>, inout RowCheck) -> Void

extension RowImporter {
    var preparation: RowPreparation<Column>? { nil }
    func prepareToWrite(_ row: ImportRow<Column>) throws {}
    func rowKept() throws {}
    func rowUndone() {}
    func flush() throws {}
    func readingProgress(rows: Int, bytesRead: Int64, totalBytes: Int64?) throws {}
    var indexesDeferred: Bool { false }
    func finish(rollingBack: Bool) throws { try flush() }
    var hasFinished: Bool { false }
    func takeFinished() -> [DeferredRow] { [] }
}

/// The outcome of a row written later than it was read (in a batch): nil
/// with errors in `check` when it was refused.
struct DeferredRow {
    let line: Int
    let outcome: RowOutcome?
    let check: RowCheck
}
