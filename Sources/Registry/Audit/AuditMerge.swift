/// The merge behind `Auditor.run`: each source yields findings in date
/// order; a heap picks the next one across sources.

/// Where a finding goes among those of its severity: by date (`key`, see
/// `CalendarDate.sortKey`), then rule (`order`: the query's place in the
/// audit), then, between the parts of a query read in parts, as the query's
/// ORDER BY goes on (a date, NULL first, then the id).
struct Place {
    var key: Int64
    var order: Int
    var date: Int64 = 0
    var id: Int64 = 0

    static func < (a: Place, b: Place) -> Bool {
        if a.key != b.key { return a.key < b.key }
        if a.order != b.order { return a.order < b.order }
        if a.date != b.date { return a.date < b.date }
        return a.id < b.id
    }
}

/// A finding, or what the caller turned it into (`Payload`: the finding
/// itself, or its encoded output row), with its place in the order.
struct OrderedItem<Payload> {
    let place: Place
    let severity: Severity
    let payload: Payload
}

/// One input of the merge at one severity: a rule query read at its rule's
/// severity (its possible findings of a lower severity are held back for
/// later), or the findings held back from a higher severity, already in order.
struct MergeSource<Payload> {
    private let cursor: ItemCursor<Payload>?
    /// The cursor's index in the audit: findings held back are kept by it.
    private let number: Int
    private let level: Severity
    private let held: [OrderedItem<Payload>]
    private var index = 0

    init(cursor: ItemCursor<Payload>, number: Int, level: Severity) {
        self.cursor = cursor
        self.number = number
        self.level = level
        held = []
    }

    init(held: [OrderedItem<Payload>], level: Severity) {
        cursor = nil
        number = -1
        self.level = level
        self.held = held
    }

    /// The next item of this source's severity, in order; nil when there are no more.
    mutating func next(holdingBack: inout [Severity: [Int: [OrderedItem<Payload>]]]) throws -> OrderedItem<Payload>? {
        guard let cursor else {
            guard index < held.count else { return nil }
            defer { index += 1 }
            return held[index]
        }
        while let next = try cursor.next() {
            if next.severity == level { return next }
            holdingBack[next.severity, default: [:]][number, default: []].append(next)
        }
        return nil
    }
}

/// A binary min-heap of source heads, by place. It holds only the places
/// and the source's index; the items wait in `heads`, so reordering the heap
/// never copies an item.
struct SourceHeap<Payload> {
    private struct Entry {
        let place: Place
        let source: Int
    }

    private var items: [Entry] = []
    private var heads: [OrderedItem<Payload>?]

    init(sources: Int) {
        heads = Array(repeating: nil, count: sources)
        items.reserveCapacity(sources)
    }

    private static func less(_ a: Entry, _ b: Entry) -> Bool { a.place < b.place }

    mutating func push(_ item: OrderedItem<Payload>, source: Int) {
        heads[source] = item
        items.append(Entry(place: item.place, source: source))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    /// The first item and the index of the source it came from.
    mutating func pop() -> (OrderedItem<Payload>, Int)? {
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
        guard let item = heads[top.source] else { return nil }
        heads[top.source] = nil
        return (item, top.source)
    }
}
