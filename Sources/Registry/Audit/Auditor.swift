import Database

/// Runs audit rules over a registry and hands over their findings sorted by
/// severity, then date (then rule, in the order of `AuditRules.all`).
///
/// Each rule query returns its rows already ordered by date, mostly straight
/// from an index, so the runner only merges them: findings stream out as they
/// are read, whatever their number, and nothing is sorted twice. A possible
/// finding of an error or warning rule belongs to the next severity down; it
/// is held back until that severity's turn.
public final class Auditor {
    public let settings: AuditSettings
    public let rules: [AuditRule]
    private let connection: Connection

    public init(connection: Connection, settings: AuditSettings, rules: [AuditRule] = AuditRules.all) throws {
        try Self.checkSchema(connection)
        self.connection = connection
        self.settings = settings
        self.rules = rules
    }

    /// Calls `emit` with every finding, in order, and returns the counts.
    ///
    /// With `parallel` (the default) and a registry file, each rule query runs
    /// on its own thread and read-only connection, ahead of the merge. All of
    /// them read one snapshot (`SharedSnapshot`); if another connection
    /// commits while they begin, the audit runs serially on this connection,
    /// as it does inside a transaction of the caller's (which only this
    /// connection sees).
    @discardableResult
    public func run(parallel: Bool = true, _ emit: (Finding) throws -> Void) throws -> AuditSummary {
        try run(parallel: parallel, transform: { $0 }, emit)
    }

    /// Calls `emit` with every finding encoded by `encode` (as an output row),
    /// in order, and returns the counts. `encode` runs on the thread that
    /// reads the finding's rule (with `parallel`, several at once), so that
    /// the encoding is shared between the cores; `emit` runs on the calling
    /// thread.
    @discardableResult
    public func run(parallel: Bool = true, encode: @escaping @Sendable (Finding) -> [UInt8],
                    _ emit: ([UInt8]) throws -> Void) throws -> AuditSummary {
        try run(parallel: parallel, transform: encode, emit)
    }

    /// The merge, for either payload. Not public, so that the compiler
    /// specializes it for both (generic code run unspecialized looks up type
    /// metadata for every finding).
    private func run<Payload>(parallel: Bool, transform: @escaping @Sendable (Finding) -> Payload,
                              _ emit: (Payload) throws -> Void) throws -> AuditSummary {
        var summary = AuditSummary(asOf: settings.asOf)
        let threaded = parallel && connection.isPlainFile
        // A full audit reads much of the file, partly in index order: mapped
        // pages spare a system call per page read. Only for this run.
        let mmapSize = try connection.pragma(.mmapSize) ?? 0
        try connection.setPragma(.mmapSize, to: Self.mmapSize)
        defer { try? connection.setPragma(.mmapSize, to: mmapSize) }

        var cursors: [ItemCursor<Payload>] = []
        defer { cursors.forEach { $0.cancel() } }
        // A caller's own transaction is already one snapshot, which no other
        // connection can share: then the rules read on this connection.
        let leads = threaded && !connection.isInTransaction
        defer { if leads { connection.endRead() } }
        if leads {
            let together = try SharedSnapshot.begin(lead: connection.beginRead, end: connection.endRead, others: {
                cursors = try makeCursors(threaded: true, transform: transform)
                let allBegan = cursors.map { $0.waitUntilReading() }.allSatisfy { $0 }
                afterSnapshots()
                return allBegan
            })
            if !together {
                cursors.forEach { $0.cancel() }
                cursors = try makeCursors(threaded: false, transform: transform)
            }
        } else {
            cursors = try makeCursors(threaded: false, transform: transform)
        }
        try merge(cursors, into: &summary, emit)
        return summary
    }

    /// Runs once every rule's connection has begun reading (for tests: a
    /// commit there must not show in some rules only).
    var afterSnapshots: () -> Void = {}

    /// A cursor per rule query (and per part of a query in parts), on threads
    /// of their own or on this connection.
    private func makeCursors<Payload>(threaded: Bool, transform: @escaping @Sendable (Finding) -> Payload) throws
        -> [ItemCursor<Payload>] {
        var cursors: [ItemCursor<Payload>] = []
        let lastID = try connection.scalar("SELECT coalesce(max(id), 1) FROM agreements")?.int64 ?? 1
        var order = 0
        for rule in rules {
            for query in rule.queries {
                if threaded {
                    for part in 0..<query.parts {
                        let split = QuerySplit(part: part, parts: query.parts, lastID: lastID)
                        cursors.append(.prefetching(rule: rule, query: query, order: order, split: split,
                                                    path: connection.path,
                                                    busyTimeout: connection.configuration.busyTimeout,
                                                    settings: settings, transform: transform))
                    }
                } else {
                    let whole = QuerySplit(part: 0, parts: 1, lastID: lastID)
                    cursors.append(try .serial(rule: rule, query: query, order: order, split: whole,
                                               connection: connection, settings: settings, transform: transform))
                }
                order += 1
            }
        }
        return cursors
    }

    /// Emits the cursors' findings in order: by severity, then date, then rule.
    private func merge<Payload>(_ cursors: [ItemCursor<Payload>], into summary: inout AuditSummary,
                                _ emit: (Payload) throws -> Void) throws {
        // Possible findings held back for a lower severity, by cursor.
        var heldBack: [Severity: [Int: [OrderedItem<Payload>]]] = [:]
        for level in Severity.allCases {
            var sources = cursors.indices.filter { cursors[$0].rule.severity == level }.map {
                MergeSource(cursor: cursors[$0], number: $0, level: level)
            }
            for (_, items) in heldBack[level] ?? [:] {
                sources.append(MergeSource(held: items, level: level))
            }
            heldBack[level] = nil
            var heap = SourceHeap<Payload>(sources: sources.count)
            for index in sources.indices {
                if let head = try sources[index].next(holdingBack: &heldBack) {
                    heap.push(head, source: index)
                }
            }
            while let (item, index) = heap.pop() {
                summary.add(item.severity)
                try emit(item.payload)
                if let next = try sources[index].next(holdingBack: &heldBack) {
                    heap.push(next, source: index)
                }
            }
        }
    }

    /// 1 GiB: more than the audit's tables and indexes at a million agreements.
    /// (SQLite caps it at its own maximum, and on builds without mmap ignores it.)
    static let mmapSize: Int64 = 1 << 30

    /// Every finding, in order (for tests and small registries).
    public func findings(parallel: Bool = true) throws -> [Finding] {
        var all: [Finding] = []
        try run(parallel: parallel) { all.append($0) }
        return all
    }

    /// The audit reads views and columns that migration 0004 adds, and the
    /// indexes of 0006 and 0007 (those 0012 dropped it does without).
    static func checkSchema(_ connection: Connection) throws {
        let present = try connection.scalar("""
            SELECT count(*) FROM sqlite_schema
            WHERE name IN ('agreement_dates', 'membership_dates', 'appointment_dates', 'news_item_dates',
                           'institution_dates', 'institution_successors', 'agreements_party_set',
                           'agreements_active_expiry')
            """)?.int64 ?? 0
        guard present < 8 else { return }
        let pending = (try? RegistryDatabase.migrator().status(of: connection).pending.count) ?? 1
        throw RegistryError.needsMigration(path: connection.path, pending: max(pending, 1))
    }
}

