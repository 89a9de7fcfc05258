import Database

/// What the index migration tests count.
extension Connection {
    /// Entries in an index, counted on its pages (in an index b-tree,
    /// interior cells are entries too); 0 when there is no such index.
    func indexEntries(_ index: String) throws -> Int64 {
        try scalar("SELECT coalesce(sum(ncell), 0) FROM dbstat WHERE name = ?", [index])?.int64 ?? -1
    }

    /// The agreements for which the SQL `condition` holds.
    func agreementCount(where condition: String) throws -> Int64 {
        try scalar("SELECT count(*) FROM agreements WHERE " + condition)?.int64 ?? -1
    }
}
