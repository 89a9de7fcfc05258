import Database

/// What a large agreement import sets aside while it writes, and builds once
/// at the end (inside the same transaction): the secondary indexes of
/// `agreements` (the report and audit indexes) and `agreement_parties`, and
/// the full-text index. Kept up row by row, each new row lands somewhere
/// random in each of them, and at a million rows they no longer fit in the
/// page cache: building them once is a sort and a sequential write.
final class AgreementBulkLoad {
    static let tables = ["agreements", "agreement_parties"]

    private let connection: Connection
    private var indexes: [DeferredIndexes]
    private var search: DeferredAgreementSearch?

    init(connection: Connection) throws {
        self.connection = connection
        indexes = try Self.tables.map { try DeferredIndexes(connection: connection, table: $0) }
        search = try DeferredAgreementSearch(connection: connection)
    }

    /// Fills the full-text index and creates the indexes again. Once only.
    func restore() throws {
        let pending = indexes
        indexes = []
        if let search {
            self.search = nil
            // The same small cache as for the index sorts: pages of the
            // full-text index are written once, in order.
            try connection.withPragma(.cacheSize, setTo: DeferredIndexes.sortCacheSize) { try search.restore() }
        }
        for set in pending { try set.restore() }
    }
}
