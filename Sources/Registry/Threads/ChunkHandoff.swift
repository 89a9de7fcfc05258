import Foundation

/// Chunks of work from one producing thread to one consuming thread, with at
/// most `capacity` waiting: the producer pauses while the queue is full, so
/// memory stays bounded however far ahead it could run. Chunks the consumer
/// is done with may go back to the producer to be filled again. The
/// producer's error reaches the consumer only after every chunk queued
/// before it. Serves the import's reading thread (`ReadAheadRecordSource`),
/// and the audit's rules and a report's parts (`ReadingThread`).
final class ChunkHandoff<Chunk>: @unchecked Sendable {
    private let capacity: Int
    // All guarded by `condition`.
    private let condition = NSCondition()
    private var ready: [Chunk] = []
    private var spare: [Chunk] = []
    private var producerDone = false
    private var producerExited = false
    private var failure: Error?
    private var stopped = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    // MARK: The producing thread

    /// Queues `chunk`, waiting while `capacity` chunks wait already; false
    /// when the consumer has stopped (the producer should return).
    func put(_ chunk: Chunk) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return enqueue(chunk)
    }

    /// Queues `chunk` as `put(_:)` does, and puts in its place a chunk the
    /// consumer has given back (else `fresh`), under the same lock. Handing
    /// chunks back and forth this way, neither thread holds a reference to a
    /// chunk the other owns: a shared array would be copied by the first
    /// change, and the last of its owners would free it, maybe the consumer
    /// (the import's writing thread freed whole batches of rows so).
    func put(_ chunk: inout Chunk, replacingWith fresh: @autoclosure () -> Chunk) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard enqueue(chunk) else { return false }
        chunk = spare.popLast() ?? fresh()
        return true
    }

    /// With `condition` locked.
    private func enqueue(_ chunk: Chunk) -> Bool {
        while ready.count >= capacity && !stopped { condition.wait() }
        guard !stopped else { return false }
        ready.append(chunk)
        condition.broadcast()
        return true
    }

    /// No more chunks will come; `error`, if any, is what stopped them.
    func finish(_ error: Error?) {
        condition.lock()
        producerDone = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The producing thread is about to return (see `stop(waitingForProducer:)`).
    func producerExits() {
        condition.lock()
        producerExited = true
        condition.broadcast()
        condition.unlock()
    }

    // MARK: The consuming thread

    /// The next chunk, waiting for it; nil at the end, or the producer's
    /// error once the chunks before it are taken.
    func take() throws -> Chunk? {
        var nothing: Chunk?
        return try take(givingBack: &nothing)
    }

    /// `take()`, after giving `used`, a chunk the consumer is done with, back
    /// to the producer (and setting it to nil, under the lock: see `put(_:replacingWith:)`).
    func take(givingBack used: inout Chunk?) throws -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        if let chunk = used.take() { spare.append(chunk) }
        while ready.isEmpty && !producerDone { condition.wait() }
        guard !ready.isEmpty else {
            if let failure { throw failure }
            return nil
        }
        condition.broadcast()
        return ready.removeFirst()
    }

    /// Stops the producer at its next `put`. With `waitingForProducer`,
    /// returns only once it has called `producerExits()`, so that nothing it
    /// reads is used after the caller goes on.
    func stop(waitingForProducer: Bool) {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
        while waitingForProducer && !producerExited { condition.wait() }
    }
}
