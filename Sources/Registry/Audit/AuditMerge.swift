/// The merge behind `Auditor.run`: each source yields findings in date
/// order; a heap picks the next one across sources.

/// A finding with its place in the order.
struct OrderedFinding: Sendable {
    let key: Int64
    let order: Int
    let finding: Finding
}

protocol FindingSource {
    /// The next finding of this source's severity, in order; nil when there are no more.
    mutating func next(holdingBack: inout [Severity: [Int: [Finding]]]) throws -> OrderedFinding?
}

/// A query read at its rule's severity: its possible findings of a lower
/// severity are held back for later.
struct LiveSource: FindingSource {
    let cursor: FindingCursor
    let level: Severity

    mutating func next(holdingBack: inout [Severity: [Int: [Finding]]]) throws -> OrderedFinding? {
        while let next = try cursor.next() {
            if next.finding.severity == level { return next }
            holdingBack[next.finding.severity, default: [:]][cursor.order, default: []].append(next.finding)
        }
        return nil
    }
}

/// Findings held back from a higher severity, already in order.
struct HeldSource: FindingSource {
    let order: Int
    let findings: [Finding]
    private var index = 0

    init(order: Int, findings: [Finding]) {
        self.order = order
        self.findings = findings
    }

    mutating func next(holdingBack: inout [Severity: [Int: [Finding]]]) throws -> OrderedFinding? {
        guard index < findings.count else { return nil }
        defer { index += 1 }
        let finding = findings[index]
        return OrderedFinding(key: CalendarDate.sortKey(finding.date), order: order, finding: finding)
    }
}

/// A binary min-heap of source heads, by (date key, rule order). It holds
/// only the keys and the source's index; the findings wait in `heads`, so
/// reordering the heap never copies a finding.
struct SourceHeap {
    private struct Entry {
        let key: Int64
        let order: Int
        let source: Int
    }

    private var items: [Entry] = []
    private var heads: [Finding?]

    init(sources: Int) {
        heads = Array(repeating: nil, count: sources)
        items.reserveCapacity(sources)
    }

    private static func less(_ a: Entry, _ b: Entry) -> Bool {
        a.key != b.key ? a.key < b.key : a.order < b.order
    }

    mutating func push(_ finding: OrderedFinding, source: Int) {
        heads[source] = finding.finding
        items.append(Entry(key: finding.key, order: finding.order, source: source))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    /// The first finding and the index of the source it came from.
    mutating func pop() -> (Finding, Int)? {
        guard !items.isEmpty else { return nil }
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count && Self.less(items[left], items[smallest]) { smallest = left }
                if right < items.count && Self.less(items[right], items[smallest]) { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        guard let finding = heads[top.source] else { return nil }
        heads[top.source] = nil
        return (finding, top.source)
    }
}
