import Database

/// The full-text index of agreements, filled once at the end of a bulk load
/// instead of row by row. The insert trigger (migration 0003) costs a
/// statement per agreement; one `INSERT ... SELECT` over the new rows feeds
/// the same FTS5 index in a fraction of the time. The trigger is dropped and
/// created again inside the import's transaction, so a rollback (or a killed
/// process) brings it back as it was, and readers never see it missing.
///
/// Only rows inserted during the load are left out of the index meanwhile,
/// and an import never updates or deletes a row it inserted itself (a second
/// row with the same key is an error), so the update and delete triggers,
/// which stay, never meet an unindexed row.
final class DeferredAgreementSearch {
    static let trigger = "agreements_search_insert"
    static let triggerSQL = "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1"
    static let dropTriggerSQL = "DROP TRIGGER agreements_search_insert"
    static let lastIDSQL = "SELECT coalesce(max(id), 0) FROM agreements"
    /// What the trigger would have done for each row above `?1`, in one statement.
    static let fillSQL = """
        INSERT INTO agreement_search (rowid, title, notes)
        SELECT id, title, notes FROM agreements WHERE id > ?1 ORDER BY id
        """

    private let connection: Connection
    private let baseline: Int64
    private var createTrigger: String?

    /// Drops the insert trigger; rows above the largest id of now are indexed by `restore()`.
    init(connection: Connection) throws {
        self.connection = connection
        baseline = try connection.scalar(Self.lastIDSQL)?.int64 ?? 0
        createTrigger = try connection.scalar(Self.triggerSQL, [Self.trigger])?.string
        if createTrigger != nil { try connection.execute(Self.dropTriggerSQL) }
    }

    /// Indexes the rows written since `init` and creates the trigger again.
    func restore() throws {
        guard let createTrigger else { return }
        self.createTrigger = nil
        try connection.prepare(Self.fillSQL).execute { try $0.bind(int64: baseline, at: 1) }
        try connection.execute(createTrigger)
    }
}
