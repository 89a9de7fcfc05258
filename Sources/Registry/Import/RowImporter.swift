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
    /// The row's writes stay: caches may now learn about it.
    func rowKept()
    /// The row's writes were undone (its savepoint rolled back).
    func rowUndone()
}

extension RowImporter {
    func rowKept() {}
    func rowUndone() {}
}
