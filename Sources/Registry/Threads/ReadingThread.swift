import Foundation

/// A thread that reads on a connection of its own and hands what it reads
/// over in chunks, at most `capacity` of them waiting (`ChunkHandoff`). Its
/// body calls `began()` once its read transaction has begun, so that the
/// thread that started it can check that every reader shares one snapshot
/// (`SharedSnapshot`); an error before that means it never began. The
/// body's error reaches the consumer after the chunks queued before it.
/// Serves the audit's rules (`Prefetcher`) and a report's parts (`ReportPart`).
final class ReadingThread<Chunk>: @unchecked Sendable {
    let handoff: ChunkHandoff<Chunk>
    private let reading = ReadingSignal()

    init(name: String, capacity: Int, _ body: @escaping (ReadingThread<Chunk>) throws -> Void) {
        handoff = ChunkHandoff(capacity: capacity)
        let thread = Thread { [self] in
            defer { handoff.producerExits() }
            do {
                try body(self)
                handoff.finish(nil)
            } catch {
                reading.set(began: false)
                handoff.finish(error)
            }
        }
        thread.name = name
        thread.start()
    }

    /// Called by the body once its connection has begun its read transaction.
    func began() { reading.set(began: true) }

    /// Waits until the body began reading; false when it failed before.
    func waitUntilReading() -> Bool { reading.wait() }

    /// Stops the body at its next `put`; idempotent.
    func cancel() { handoff.stop(waitingForProducer: false) }
}
