import Database
import Foundation

/// Which part of a query in parts a cursor reads (see `RuleQuery.parts`).
struct QuerySplit: Sendable {
    var part: Int
    var parts: Int
    /// The largest agreement id when the audit began, read once, so that
    /// every part divides the same range of ids whatever each connection sees.
    var lastID: Int64

    var parameters: [String: DatabaseValueConvertible] { [":part": part, ":parts": parts, ":last_id": lastID] }
}

/// The rows of one rule query, worded as findings, read on the calling thread.
final class QueryCursor {
    let rule: AuditRule
    let query: RuleQuery
    let order: Int
    private let statement: Statement
    private let settings: AuditSettings
    private var finished = false

    /// `split`: which part of a query in parts (see `RuleQuery.parts`).
    init(rule: AuditRule, query: RuleQuery, order: Int, split: QuerySplit, connection: Connection,
         settings: AuditSettings) throws {
        self.rule = rule
        self.query = query
        self.order = order
        self.settings = settings
        ruleID = rule.id
        severity = rule.severity
        describe = query.describe
        recordType = query.recordType
        statement = try connection.prepare(query.sql)
        // Each query binds only the settings it reads.
        let names = Set(statement.parameterNames.compactMap { $0 })
        var parameters = settings.parameters
        parameters.merge(split.parameters) { _, split in split }
        try statement.bind(named: parameters.filter { names.contains($0.key) })
        tiebreak = query.parts > 1 ? statement.columnCount - 2 : nil
    }

    /// The columns that order the rows of one sort_date, for a query in parts.
    private let tiebreak: Int?
    // What each row needs, kept apart: reading them through `rule` and
    // `query` would copy those structs for every finding.
    private let ruleID: String
    private let severity: Severity
    private let recordType: RecordType
    private let describe: @Sendable (RuleRow, AuditSettings) -> FindingDetails

    /// The next finding with its place in the order, or nil at the end.
    func next() throws -> (place: Place, finding: Finding)? {
        guard !finished else { return nil }
        guard try statement.step() else {
            finished = true
            return nil
        }
        let row = RuleRow(statement: statement)
        let certain = row.certain
        let details = describe(row, settings)
        let date = row.sortDate
        let finding = Finding(
            rule: ruleID, severity: certain ? severity : severity.lowered,
            certainty: certain ? .certain : .possible, recordType: recordType, recordKey: row.key,
            recordTitle: row.title, date: date, dates: details.dates, related: details.related, days: details.days,
            message: details.message)
        var place = Place(key: CalendarDate.sortKey(date), order: order)
        if let tiebreak {
            place.date = statement.isNull(at: tiebreak) ? Int64.min : CalendarDate.sortKey(statement.string(at: tiebreak))
            place.id = statement.int64(at: tiebreak + 1)
        }
        return (place, finding)
    }

    func cancel() { finished = true }
}

/// The items of one rule query in the query's order: its findings, each
/// turned into the caller's payload (the finding itself, or its output row).
final class ItemCursor<Payload> {
    let rule: AuditRule
    private let pull: () throws -> OrderedItem<Payload>?
    private let stop: () -> Void
    private let reading: () -> Bool

    private init(rule: AuditRule, pull: @escaping () throws -> OrderedItem<Payload>?, stop: @escaping () -> Void,
                 reading: @escaping () -> Bool = { true }) {
        self.rule = rule
        self.pull = pull
        self.stop = stop
        self.reading = reading
    }

    func next() throws -> OrderedItem<Payload>? { try pull() }

    /// Waits until the cursor's connection has begun its read transaction
    /// (see `SharedSnapshot`); false when it could not. A serial cursor reads
    /// on the caller's connection, which is reading already.
    func waitUntilReading() -> Bool { reading() }

    /// Stops reading early (the audit ended with an error); idempotent.
    func cancel() { stop() }

    /// Reads on the calling thread, with the caller's connection.
    static func serial(rule: AuditRule, query: RuleQuery, order: Int, split: QuerySplit, connection: Connection,
                       settings: AuditSettings, transform: @escaping (Finding) -> Payload) throws -> ItemCursor {
        let cursor = try QueryCursor(rule: rule, query: query, order: order, split: split, connection: connection,
                                     settings: settings)
        return ItemCursor(rule: rule, pull: {
            guard let (place, finding) = try cursor.next() else { return nil }
            return OrderedItem(place: place, severity: finding.severity, payload: transform(finding))
        }, stop: cursor.cancel)
    }

    /// Reads ahead on a thread of its own (see `Prefetcher`): part `part` of `parts` of the query.
    static func prefetching(rule: AuditRule, query: RuleQuery, order: Int, split: QuerySplit, path: String,
                            busyTimeout: TimeInterval, settings: AuditSettings,
                            transform: @escaping @Sendable (Finding) -> Payload) -> ItemCursor {
        let prefetcher = Prefetcher<Payload>(rule: rule, query: query, order: order, split: split, path: path, busyTimeout: busyTimeout, settings: settings,
                                             transform: transform)
        return ItemCursor(rule: rule, pull: prefetcher.next, stop: prefetcher.cancel, reading: prefetcher.waitUntilReading)
    }
}

/// A rule query read ahead on its own thread and read-only connection, so
/// that the rules run side by side on several cores while the caller merges
/// and writes. The thread also words each finding and turns it into the
/// caller's payload (such as its encoded output row), which is most of the
/// work per finding. At most `maxChunks` chunks wait in memory: then the
/// reader pauses until the merge catches up, so memory stays bounded however
/// many findings there are.
final class Prefetcher<Payload>: @unchecked Sendable {
    static var chunkSize: Int { 1024 }
    /// Enough for a rule whose turn in the merge comes later (its findings
    /// are of a lower severity) to do most of its work before its turn.
    static var maxChunks: Int { 16 }

    private let thread: ReadingThread<[OrderedItem<Payload>]>

    // Used only by the consuming thread.
    private var current: [OrderedItem<Payload>] = []
    private var index = 0

    init(rule: AuditRule, query: RuleQuery, order: Int, split: QuerySplit, path: String,
         busyTimeout: TimeInterval, settings: AuditSettings, transform: @escaping @Sendable (Finding) -> Payload) {
        thread = ReadingThread(name: "audit \(rule.id)", capacity: Self.maxChunks) { thread in
            let connection = try RegistryDatabase.open(path: path, access: .read, busyTimeout: busyTimeout)
            try connection.beginRead()
            defer { connection.endRead() }
            thread.began()
            let cursor = try QueryCursor(rule: rule, query: query, order: order, split: split,
                                         connection: connection, settings: settings)
            var chunk: [OrderedItem<Payload>] = []
            chunk.reserveCapacity(Self.chunkSize)
            while let (place, finding) = try cursor.next() {
                chunk.append(OrderedItem(place: place, severity: finding.severity, payload: transform(finding)))
                if chunk.count == Self.chunkSize {
                    guard thread.handoff.put(chunk) else { return }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty { _ = thread.handoff.put(chunk) }
        }
    }

    deinit { cancel() }

    /// Waits until the thread's connection has begun its read; false when it could not.
    func waitUntilReading() -> Bool { thread.waitUntilReading() }

    func next() throws -> OrderedItem<Payload>? {
        if index < current.count {
            index += 1
            return current[index - 1]
        }
        guard let chunk = try thread.handoff.take() else { return nil }
        current = chunk
        index = 1
        return current[0]
    }

    func cancel() { thread.cancel() }
}
