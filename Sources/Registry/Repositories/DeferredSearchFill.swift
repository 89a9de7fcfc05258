import Database

/// A full-text index (agreements' or news items') filled once at the end of
/// an import instead of row by row, from the import's first inserted rows on.
/// The insert trigger (migration 0003) feeds FTS5 one statement per row, and
/// inside a transaction each such statement opens a statement savepoint, at
/// which FTS5 writes out what it has collected as a new segment: a segment
/// per row, merged again and again (41% of a news import's time, 31% of a
/// row-by-row agreement import's). One `INSERT ... SELECT` over the new rows
/// at the end feeds the same index in a fraction of the time. The trigger is
/// dropped and created again inside the import's transaction, so a rollback
/// (or a killed process) brings it back as it was, and readers never see it
/// missing.
///
/// Only rows inserted during the import are left out of the index meanwhile,
/// and an import never updates or deletes a row it inserted itself (a second
/// row with the same key is an error, see `TouchedRows`), so the update and
/// delete triggers, which stay, never meet an unindexed row.
final class DeferredSearchFill {
    /// A table and its full-text index (migration 0003): the index's rows
    /// are the table's rows by id, its columns some of the table's, and the
    /// trigger `<table>_search_insert` feeds it row by row.
    struct SearchIndex {
        let table: String
        let fts: String
        let columns: [String]

        var trigger: String { "\(table)_search_insert" }
        var lastIDSQL: String { "SELECT coalesce(max(id), 0) FROM \(table)" }
        /// What the trigger would have done for each row above `?1`, in one statement.
        var fillSQL: String {
            let list = columns.joined(separator: ", ")
            return "INSERT INTO \(fts) (rowid, \(list)) SELECT id, \(list) FROM \(table) WHERE id > ?1 ORDER BY id"
        }
        var automergeSQL: String { "SELECT v FROM \(fts)_config WHERE k = 'automerge'" }
        var setAutomergeSQL: String { "INSERT INTO \(fts) (\(fts), rank) VALUES ('automerge', ?1)" }
    }

    static let agreements = SearchIndex(table: "agreements", fts: "agreement_search", columns: ["title", "notes"])
    static let news = SearchIndex(table: "news_items", fts: "news_search", columns: ["title", "summary"])

    /// FTS5 merges the segments it writes once `automerge` of them (4 by
    /// default) are on one level. A fill of a million rows writes hundreds of
    /// segments: merging only when 16 (FTS5's most) have gathered merges each
    /// term's list fewer times (at a million agreements the fill takes 0.6 s
    /// instead of 0.8 s; a search takes the same 20-30 ms, as a term is looked
    /// up in a few more segments). The setting is put back for the row-by-row
    /// writes that follow, which then merge what is left a little at a time.
    static let bulkAutomerge: Int64 = 16
    static let defaultAutomerge: Int64 = 4

    private let index: SearchIndex
    private let connection: Connection
    private var trigger: SetAsideTrigger
    /// The last id before the trigger was set aside: rows above it are filled at the end.
    private var baseline: Int64 = 0

    init(_ index: SearchIndex, connection: Connection) {
        self.index = index
        self.connection = connection
        trigger = SetAsideTrigger(index.trigger)
    }

    /// The import inserted rows, which the trigger indexed (called inside
    /// the row's savepoint, if any).
    func rowsInserted() { trigger.rowsInserted() }

    /// The row's writes were rolled back to its savepoint.
    func rowsUndone() { trigger.rowsUndone() }

    /// Where no row savepoint is open (after a row is kept): once the import
    /// has inserted rows, drops the trigger (`SetAsideTrigger`), and later
    /// rows wait for `restore()`.
    func setAsideOnceRowsAreInserted() throws {
        guard try trigger.setAsideOnceRowsAreInserted(on: connection) else { return }
        baseline = try connection.scalar(index.lastIDSQL)?.int64 ?? 0
    }

    /// Indexes the rows written since the trigger was dropped and creates it
    /// again. Not needed before a rollback, which brings the trigger back.
    func restore() throws {
        let (connection, index, baseline) = (self.connection, self.index, self.baseline)
        try trigger.restore(on: connection) {
            let automerge = try connection.scalar(index.automergeSQL)?.int64 ?? Self.defaultAutomerge
            try connection.execute(index.setAutomergeSQL, [Self.bulkAutomerge])
            // The same small cache as for the index sorts (the import's peak
            // memory stays flat): the index's pages are written once, in order.
            try connection.withSmallCache(kibibytes: DeferredIndexes.sortCacheKiB) {
                try connection.prepare(index.fillSQL).execute { try $0.bind(int64: baseline, at: 1) }
            }
            try connection.execute(index.setAutomergeSQL, [automerge])
        }
    }
}
