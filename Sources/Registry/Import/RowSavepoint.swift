import Database

/// A savepoint around each row (or a batch of rows) of a `--skip-invalid`
/// import, with its statements prepared once.
///
/// A row refused before it wrote anything (a bad value: nearly every refused
/// row) is released, not rolled back: there is nothing to undo, and once the
/// transaction has changed the schema (an import sets aside a trigger and,
/// when large, the indexes) every ROLLBACK TO makes SQLite read the whole
/// schema again and recompile each statement before its next use. With 1% of
/// a 100,000-row file refused, that was a third of the writing thread's work.
struct RowSavepoint {
    private let connection: Connection
    private let begin_: Statement
    private let release_: Statement
    private let rollback_: Statement
    private var changesAtBegin = 0

    /// `name` is a constant of the caller's, never input.
    init(_ connection: Connection, name: String = "import_row") throws {
        self.connection = connection
        begin_ = try connection.prepare("SAVEPOINT \(name)")
        release_ = try connection.prepare("RELEASE SAVEPOINT \(name)")
        rollback_ = try connection.prepare("ROLLBACK TO SAVEPOINT \(name)")
    }

    mutating func begin() throws {
        try begin_.execute { _ in }
        changesAtBegin = connection.totalChanges
    }

    func release() throws { try release_.execute { _ in } }

    /// Undoes what the row wrote, if anything. A row's statements write only
    /// rows, which SQLite counts when a statement ends (trigger writes
    /// included): a statement that failed either undid its own writes (its
    /// statement journal) and counts none, or, stopped by OR FAIL (the
    /// agreement batches), kept and counts the rows before the one refused.
    /// So an unchanged count means nothing to undo.
    func rollback() throws {
        if connection.totalChanges != changesAtBegin { try rollback_.execute { _ in } }
        try release_.execute { _ in }
    }
}
