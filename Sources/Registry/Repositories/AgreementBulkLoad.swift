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

    /// Reads of the pages that the load changes both before its rows and
    /// again at its end: the schema (the indexes and triggers set aside, then
    /// created again), the tallies and the search index (which the first
    /// rows went through, and which the end fills: FTS5 keeps its averages
    /// and structure records at ids 1 and 10, and writes a new segment at
    /// the end of `_data`). See `keepEarlyPagesCached()`.
    static let earlyPagesSQL: [String] = {
        let fts = DeferredSearchFill.agreements.fts
        return ["SELECT count(*) FROM sqlite_schema",
                "SELECT count(*) FROM agreement_tallies",
                "SELECT count(*) FROM \(fts)_data WHERE id <= 10",
                "SELECT max(id) FROM \(fts)_data",
                "SELECT count(*) FROM \(fts)_idx"]
    }()
    /// 8,192 rows between reads: some 200 pages written (the cache holds 3,000).
    static let batchesBetweenReads = 32

    private let connection: Connection
    private var indexes: [DeferredIndexes]
    /// The database's size when the load began: every page above it is the
    /// import's own (`FileGrowthPrefill`).
    private let startPages: Int64
    private let earlyPages: [Statement]
    private var batchesWritten = 0

    /// `remainingInputBytes`: how much of the input is still to come, from
    /// which the WAL the load will write is estimated (`growWAL(for:)`).
    init(connection: Connection, remainingInputBytes: Int64 = 0) throws {
        self.connection = connection
        startPages = try connection.pragma(.pageCount) ?? 0
        indexes = try Self.tables.map { try DeferredIndexes(connection: connection, table: $0) }
        earlyPages = try Self.earlyPagesSQL.map { try connection.prepare($0) }
        try growWAL(for: remainingInputBytes)
    }

    /// Bytes of WAL per byte of agreements CSV still to come: the load
    /// writes each page of the rows, the parties, the rebuilt indexes and
    /// the search index to the WAL about once (the benchmark's 1M file: 149
    /// MB of CSV, 330 MB of WAL). A little under, as an overestimate would
    /// hold disk space until the WAL is cut or deleted.
    static let walBytesPerInputByte: Int64 = 2

    /// WAL bytes written with `WALPrefill` when the load began.
    private(set) var walPrefilled: Int64 = 0

    /// Grows the WAL file ahead of the frames the load will write
    /// (`WALPrefill`: they then overwrite pages the system holds instead of
    /// growing the file one frame at a time). Only a speed-up: without WAL
    /// mode, nothing is written.
    private func growWAL(for remainingInputBytes: Int64) throws {
        do {
            walPrefilled = try WALPrefill.extend(connection, by: remainingInputBytes * Self.walBytesPerInputByte)
        } catch is WALPrefill.Unavailable {
            walPrefilled = 0
        }
    }

    /// Reads the pages that the load changed before its rows and changes
    /// again at its end, so that SQLite's page cache, which writes out the
    /// dirty pages least recently used first when it is full, keeps them
    /// until the end. Left to age, such a page is written to the WAL early
    /// and again at the end, and a page written twice in one transaction
    /// makes the commit read back and checksum again every WAL frame after
    /// the page's first copy: at a million rows, all 40,000 frames instead of
    /// the last 15,000 (those after the rows, whose cache is small).
    func keepEarlyPagesCached() throws {
        for statement in earlyPages {
            _ = try statement.query { _ in }
            statement.reset()
        }
    }

    /// A batch of rows is written: every `batchesBetweenReads` batches, the
    /// early pages are read again (`keepEarlyPagesCached()`), often enough
    /// that a few hundred pages at most are dirtied in between.
    func batchWritten() throws {
        batchesWritten += 1
        if batchesWritten % Self.batchesBetweenReads == 0 { try keepEarlyPagesCached() }
    }

    /// Runs `work` (what else the import does at its end: the search fill,
    /// the tallies), then creates the indexes again, once only. Meanwhile
    /// another thread grows the file ahead of the checkpoint, as far as the
    /// database has grown (the rows, then each index as it is built); it is
    /// stopped before this returns or throws, so that after it, whether the
    /// transaction commits or rolls back, nothing but SQLite writes the file.
    func restore(after work: () throws -> Void = {}) throws {
        let prefill = try startFilePrefill()
        defer { prefill?.finish() }
        func extendPrefill() throws {
            if let prefill, let pages = try connection.pragma(.pageCount) { prefill.extend(toPages: pages) }
        }
        try work()
        try extendPrefill()
        let pending = indexes
        indexes = []
        for set in pending { try set.restore(afterEach: extendPrefill) }
    }

    /// Only a speed-up: where it cannot run, the checkpoint does the work as before.
    private func startFilePrefill() throws -> FileGrowthPrefill? {
        guard let pages = try connection.pragma(.pageCount), pages > startPages,
              let prefill = try? FileGrowthPrefill(connection: connection, fromPages: startPages)
        else { return nil }
        prefill.extend(toPages: pages)
        return prefill
    }
}
