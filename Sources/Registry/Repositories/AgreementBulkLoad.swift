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

    private let connection: Connection
    private var indexes: [DeferredIndexes]
    /// The database's size when the load began: every page above it is the
    /// import's own (`FileGrowthPrefill`).
    private let startPages: Int64
    private var prefill: FileGrowthPrefill?

    init(connection: Connection) throws {
        self.connection = connection
        startPages = try connection.pragma(.pageCount) ?? 0
        indexes = try Self.tables.map { try DeferredIndexes(connection: connection, table: $0) }
    }

    deinit { stopFilePrefill() }

    /// From here to the commit, the file is grown ahead of the checkpoint on
    /// another thread, as far as the database has grown (the rows so far,
    /// then each index as it is built). Call once the rows are written.
    func startFilePrefill() throws {
        guard prefill == nil, let pages = try connection.pragma(.pageCount), pages > startPages else { return }
        // Only a speed-up: where it cannot run, the checkpoint does the work as before.
        prefill = try? FileGrowthPrefill(connection: connection, fromPages: startPages)
        prefill?.extend(toPages: pages)
    }

    /// Stops the prefill (and waits for its thread). Before the transaction
    /// ends, whichever way: after it, another connection's pages may go where
    /// the zeros would.
    func stopFilePrefill() {
        prefill?.finish()
        prefill = nil
    }

    /// Creates the indexes again. Once only. The prefill stops before this
    /// returns, so that nothing but the checkpoint writes the file after it.
    func restore() throws {
        defer { stopFilePrefill() }
        try extendPrefill()
        let pending = indexes
        indexes = []
        for set in pending { try set.restore(afterEach: extendPrefill) }
    }

    private func extendPrefill() throws {
        guard let prefill, let pages = try connection.pragma(.pageCount) else { return }
        prefill.extend(toPages: pages)
    }
}
