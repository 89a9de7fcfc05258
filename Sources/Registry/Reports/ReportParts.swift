import Database
import Foundation

/// A report that divides its own work: its SQL uses `:part` and `:parts`,
/// and its rows for part = 0, 1, ..., parts - 1, one after the other, are
/// the whole report (the timeline takes the part-th share of its days). Such
/// a report runs in parts at once, one per core: part 0 on the caller's
/// connection, its rows streamed as they come; each other part on a thread
/// and read-only connection of its own, its rows read ahead (at most
/// `maxChunks` chunks of `chunkRows`, so memory stays bounded) and handed
/// over when the parts before it are done. Most of a sorted report's work is
/// its first step, which every part does at the same time.
///
/// Every part reads the same snapshot (`SharedSnapshot`). If another
/// connection committed while the parts began, or a part could not open the
/// file, the report runs whole on the caller's connection.
enum ReportParts {
    static let partParameter = "part"
    static let partsParameter = "parts"
    /// More parts than this split the work finer than it gains.
    static let maxParts = 4
    static let chunkRows = 1024
    static let maxChunks = 16

    /// True when the statement's SQL divides itself (uses :part and :parts).
    static func isInParts(_ statement: Statement) -> Bool {
        statement.parameterNames.contains(":" + partsParameter)
    }

    /// One part per core, up to `maxParts`; one for a database that is not a
    /// file (no other connection can open it).
    static func count(for connection: Connection) -> Int {
        guard connection.isPlainFile else { return 1 }
        return max(1, min(ProcessInfo.processInfo.activeProcessorCount, maxParts))
    }

    /// `values` with :part and :parts.
    static func share(_ part: Int, of parts: Int, _ values: [String: DatabaseValue]) -> [String: DatabaseValue] {
        var values = values
        values[partParameter] = .integer(Int64(part))
        values[partsParameter] = .integer(Int64(parts))
        return values
    }

    /// Runs `statement` (compiled from `report`) with `values` in `parts` parts.
    static func run(_ report: ReportDefinition, statement: Statement, values: [String: DatabaseValue], parts: Int,
                    guard queryGuard: QueryGuard, timeout: TimeInterval?, afterSnapshots: () -> Void,
                    columns: ([String]) throws -> Void, rowInPlace: (any ResultRow) throws -> Void) throws {
        var partCount = max(1, parts)
        var others: [ReportPart] = []
        defer { others.forEach { $0.cancel() } }
        // One statement reads one snapshot by itself; only parts need a read transaction.
        defer { queryGuard.endRead() }
        if partCount > 1 {
            let connection = queryGuard.connection
            let together = try SharedSnapshot.begin(lead: queryGuard.beginRead, end: queryGuard.endRead, others: {
                others = (1..<partCount).map {
                    ReportPart(report: report, values: values, part: $0, parts: partCount, path: connection.path,
                               busyTimeout: connection.configuration.busyTimeout, timeout: timeout)
                }
                let allBegan = others.map { $0.waitUntilReading() }.allSatisfy { $0 }
                afterSnapshots()
                return allBegan
            })
            if !together {
                others.forEach { $0.cancel() }
                others = []
                partCount = 1
            }
        }
        try ReportRunner.bind(share(0, of: partCount, values), to: statement)
        try queryGuard.run(statement, timeout: timeout, columns: columns, rowInPlace: rowInPlace)
        for part in others {
            try part.forEachRow(rowInPlace)
        }
    }
}

/// One part after the first, run on its own thread and connection.
final class ReportPart: @unchecked Sendable {
    private let thread: ReadingThread<BufferedRows>

    /// The consumer stopped taking rows (`cancel()`).
    private struct Stopped: Error {}

    init(report: ReportDefinition, values: [String: DatabaseValue], part: Int, parts: Int, path: String,
         busyTimeout: TimeInterval, timeout: TimeInterval?) {
        thread = ReadingThread(name: "report part \(part)", capacity: ReportParts.maxChunks) { thread in
            let queryGuard = try ReadOnlyRegistry.open(path: path, busyTimeout: busyTimeout)
            let statement = try ReportRunner.prepare(report, guard: queryGuard)
            try ReportRunner.bind(ReportParts.share(part, of: parts, values), to: statement)
            try queryGuard.beginRead()
            defer { queryGuard.endRead() }
            thread.began()
            let columnCount = statement.columnCount
            var chunk = BufferedRows(columnCount: columnCount)
            try queryGuard.run(statement, timeout: timeout, columns: { _ in }, rowInPlace: { row in
                chunk.append(row)
                guard chunk.count == ReportParts.chunkRows else { return }
                guard thread.handoff.put(&chunk, replacingWith: BufferedRows(columnCount: columnCount)) else {
                    throw Stopped()
                }
                chunk.removeAll()
            })
            if !chunk.isEmpty { _ = thread.handoff.put(chunk) }
        }
    }

    /// Waits until the part reads its snapshot; false when it could not begin.
    func waitUntilReading() -> Bool { thread.waitUntilReading() }

    /// Hands over the part's rows in order; throws the part's error after the rows before it.
    func forEachRow(_ body: (any ResultRow) throws -> Void) throws {
        var used: BufferedRows?
        while let chunk = try thread.handoff.take(givingBack: &used) {
            try chunk.forEachRow(body)
            used = chunk
        }
    }

    /// Stops the part at its next chunk; idempotent.
    func cancel() { thread.cancel() }
}
