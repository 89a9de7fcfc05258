import Database

/// What a large agreement import sets aside while it writes, and builds once
/// at the end (inside the same transaction): the secondary indexes of
/// `agreements` (the report and audit indexes) and `agreement_parties`. Kept
/// up row by row, each new row lands somewhere random in each of them, and
/// at a million rows they no longer fit in the page cache: building them once
/// is a sort and a sequential write. (The full-text index is filled at the
/// end of every agreement import: `DeferredSearchFill`.)
final class AgreementBulkLoad {
    static let tables = ["agreements", "agreement_parties"]

    private var indexes: [DeferredIndexes]

    init(connection: Connection) throws {
        indexes = try Self.tables.map { try DeferredIndexes(connection: connection, table: $0) }
    }

    /// Creates the indexes again. Once only.
    func restore() throws {
        let pending = indexes
        indexes = []
        for set in pending { try set.restore() }
    }
}
