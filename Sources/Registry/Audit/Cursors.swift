import Database
import Foundation

/// The findings of one rule query, in the query's order.
protocol FindingCursor: AnyObject {
    var rule: AuditRule { get }
    var order: Int { get }
    func next() throws -> OrderedFinding?
    /// Stops reading early (the audit ended with an error); idempotent.
    func cancel()
}

/// The rows of one rule query, worded as findings, read on the calling thread.
final class QueryCursor: FindingCursor {
    let rule: AuditRule
    let query: RuleQuery
    let order: Int
    private let statement: Statement
    private let settings: AuditSettings
    private var finished = false

    init(rule: AuditRule, query: RuleQuery, order: Int, connection: Connection, settings: AuditSettings) throws {
        self.rule = rule
        self.query = query
        self.order = order
        self.settings = settings
        statement = try connection.prepare(query.sql)
        // Each query binds only the settings it reads.
        let names = Set(statement.parameterNames.compactMap { $0 })
        try statement.bind(named: settings.parameters.filter { names.contains($0.key) })
    }

    func next() throws -> OrderedFinding? {
        guard !finished else { return nil }
        guard try statement.step() else {
            finished = true
            return nil
        }
        let row = RuleRow(statement: statement)
        let certain = row.certain
        let details = query.describe(row, settings)
        let date = row.sortDate
        let finding = Finding(
            rule: rule.id, severity: certain ? rule.severity : rule.severity.lowered,
            certainty: certain ? .certain : .possible, recordType: query.recordType, recordKey: row.key,
            recordTitle: row.title, date: date, dates: details.dates, related: details.related, days: details.days,
            message: details.message)
        return OrderedFinding(key: CalendarDate.sortKey(date), order: order, finding: finding)
    }

    func cancel() { finished = true }
}

/// A rule query read ahead on its own thread and read-only connection, so
/// that the rules run side by side on several cores while the caller merges
/// and writes. At most `capacity` findings wait in memory: then the reader
/// pauses until the merge catches up, so memory stays flat however many
/// findings there are.
final class PrefetchingCursor: FindingCursor, @unchecked Sendable {
    let rule: AuditRule
    let order: Int
    static let chunkSize = 1024
    static let maxChunks = 4

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var chunks: [[OrderedFinding]] = []
    private var producerDone = false
    private var failure: Error?
    private var cancelled = false

    // Used only by the consuming thread.
    private var current: [OrderedFinding] = []
    private var index = 0

    init(rule: AuditRule, query: RuleQuery, order: Int, path: String, busyTimeout: TimeInterval,
         settings: AuditSettings) {
        self.rule = rule
        self.order = order
        let thread = Thread { [self] in
            produce(query: query, path: path, busyTimeout: busyTimeout, settings: settings)
        }
        thread.name = "audit \(rule.id)"
        thread.start()
    }

    deinit { cancel() }

    private func produce(query: RuleQuery, path: String, busyTimeout: TimeInterval, settings: AuditSettings) {
        do {
            let connection = try RegistryDatabase.open(path: path, access: .read, busyTimeout: busyTimeout)
            if query.mapsFile { try connection.execute("PRAGMA mmap_size = \(Auditor.mmapSize)") }
            let cursor = try QueryCursor(rule: rule, query: query, order: order, connection: connection,
                                         settings: settings)
            var chunk: [OrderedFinding] = []
            chunk.reserveCapacity(Self.chunkSize)
            while let next = try cursor.next() {
                chunk.append(next)
                if chunk.count == Self.chunkSize {
                    guard deliver(chunk) else { return }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty { _ = deliver(chunk) }
            finish(nil)
        } catch {
            finish(error)
        }
    }

    /// Hands a chunk to the consumer, waiting while the queue is full. False when cancelled.
    private func deliver(_ chunk: [OrderedFinding]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= Self.maxChunks && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    private func finish(_ error: Error?) {
        condition.lock()
        producerDone = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    func next() throws -> OrderedFinding? {
        if index < current.count {
            index += 1
            return current[index - 1]
        }
        condition.lock()
        while chunks.isEmpty && !producerDone { condition.wait() }
        if let failure {
            condition.unlock()
            throw failure
        }
        guard !chunks.isEmpty else {
            condition.unlock()
            return nil
        }
        current = chunks.removeFirst()
        condition.broadcast()
        condition.unlock()
        index = 1
        return current[0]
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

