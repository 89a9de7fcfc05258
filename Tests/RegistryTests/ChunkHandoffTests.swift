import Foundation
@testable import Registry
import XCTest

/// Chunks handed back and forth between two threads are freed by the
/// producer, which refills them, never by the consumer: the import's writing
/// thread, which is the slower one, once spent 6% of its time freeing rows.
final class ChunkHandoffTests: XCTestCase {
    /// Counts the items freed on the consuming thread.
    private final class Item {
        static let consumerFrees = Counter()
        let consumer: pthread_t
        init(consumer: pthread_t) { self.consumer = consumer }
        deinit { if pthread_equal(pthread_self(), consumer) != 0 { Self.consumerFrees.add() } }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    func testGivenBackChunksAreFreedAndRefilledByTheProducerOnly() throws {
        let handoff = ChunkHandoff<[Item]>(capacity: 2)
        let consumer = pthread_self()
        let chunks = 3_000, size = 16
        let before = Item.consumerFrees.value
        let producer = Thread {
            var chunk: [Item] = []
            for _ in 0..<chunks {
                // Filling a chunk given back replaces (and frees) its old items.
                chunk.removeAll(keepingCapacity: true)
                for _ in 0..<size { chunk.append(Item(consumer: consumer)) }
                guard handoff.put(&chunk, replacingWith: []) else { break }
            }
            handoff.finish(nil)
            handoff.producerExits()
        }
        producer.start()
        var used: [Item]?
        var received = 0
        while let chunk = try handoff.take(givingBack: &used) {
            XCTAssertNil(used, "given back under the lock, so the consumer keeps no reference")
            received += chunk.count
            used = chunk
        }
        handoff.stop(waitingForProducer: true)
        XCTAssertEqual(received, chunks * size)
        used = nil  // The last chunk is the consumer's own to free: `size` items at most.
        XCTAssertLessThanOrEqual(Item.consumerFrees.value - before, size)
    }
}
