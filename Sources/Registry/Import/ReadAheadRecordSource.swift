import Foundation

/// Reads the records of another source on a thread of its own, a few batches
/// ahead, so that the parsing of the file (finding fields, checking UTF-8,
/// building the text of each value) and the importer's checks that need no
/// database (its `RowPreparation`) overlap SQLite's writing on the caller's
/// thread.
///
/// The caller sees exactly what the wrapped source would give it, in the
/// same order: each row with its line and the problems found in reading it,
/// then the error that stopped the reading (a broken quote, invalid JSON),
/// only after every row before it. At most `maxBatches` batches wait, so
/// memory stays flat: the reader pauses until the caller catches up. Rows
/// are handed over by swapping storage, and emptied batches go back to the
/// reader, so after the first batches nothing is allocated per row but the
/// values' text.
///
/// The original fields of a record (for a rejects file) are gone once the
/// reader has moved on: with `keepsOriginalFields` the reader copies them
/// out of each record it reads, for `originalFields()` to give back.
final class ReadAheadRecordSource<Source: RecordSource>: RecordSource, @unchecked Sendable {
    typealias Column = Source.Column

    /// One record as read: the row, the problems of its reading, how far into
    /// the file its reading had come (for progress and the index decision).
    private struct Slot {
        var row = ImportRow<Column>()
        var check = RowCheck()
        var bytesRead: Int64 = 0
        var fields: [String] = []
    }

    private struct Batch {
        var slots: [Slot] = []
        var count = 0
    }

    /// Small batches cost nothing measurable at 1M rows and keep the rows in
    /// flight (and the peak memory) small: 512-row batches added 1.3 MiB.
    static var batchSize: Int { 128 }
    /// Enough to ride out the caller's pauses (a multi-row INSERT, a party
    /// batch) without the reader waiting.
    static var maxBatches: Int { 4 }

    private let source: Source
    private let prepare: RowPreparation<Column>?
    private let keepsOriginalFields: Bool
    let rejectsHeader: [String]
    let rejectsLayout: CSVLayout
    let totalBytes: Int64?

    private let handoff = ChunkHandoff<Batch>(capacity: maxBatches)

    // Used only by the caller's thread.
    private var current = Batch()
    private var index = 0
    private(set) var bytesRead: Int64 = 0
    private var fields: [String] = []

    /// Starts reading. The wrapped source must have read its header already
    /// (so that a bad header fails before any thread starts). `prepare`, if
    /// given, runs on the reading thread on each row read without a problem.
    /// `keepsOriginalFields`: for a rejects file (a copy of every record's text).
    init(_ source: Source, prepare: RowPreparation<Column>? = nil, keepsOriginalFields: Bool = false) {
        self.source = source
        self.prepare = prepare
        self.keepsOriginalFields = keepsOriginalFields
        rejectsHeader = source.rejectsHeader
        rejectsLayout = source.rejectsLayout
        totalBytes = source.totalBytes
        let thread = Thread { [self] in readAll() }
        thread.name = "import reader"
        thread.start()
    }

    // MARK: The reading thread

    private func readAll() {
        defer { handoff.producerExits() }
        var batch = Batch()
        do {
            while true {
                let position = batch.count
                if batch.slots.count == position { batch.slots.append(Slot()) }
                guard try read(into: &batch.slots[position]) else { break }
                batch.count += 1
                if batch.count == Self.batchSize {
                    guard handoff.put(&batch, replacingWith: Batch()) else { return }
                    batch.count = 0
                }
            }
            if batch.count > 0 { _ = handoff.put(batch) }
            handoff.finish(nil)
        } catch {
            if batch.count > 0 { _ = handoff.put(batch) }
            handoff.finish(error)
        }
    }

    private func read(into slot: inout Slot) throws -> Bool {
        slot.check.reset()
        guard try source.next(into: &slot.row, check: &slot.check) else { return false }
        if keepsOriginalFields { slot.fields = source.originalFields() }
        if let prepare, !slot.check.failed { prepare(&slot.row, &slot.check) }
        slot.bytesRead = source.bytesRead
        return true
    }

    // MARK: The caller's thread

    func next(into row: inout ImportRow<Column>, check: inout RowCheck) throws -> Bool {
        if index == current.count {
            guard try takeBatch() else { return false }
        }
        // Swapping hands the caller's old storage back to the reader, to be filled again.
        swap(&row, &current.slots[index].row)
        swap(&check, &current.slots[index].check)
        swap(&fields, &current.slots[index].fields)
        bytesRead = current.slots[index].bytesRead
        index += 1
        return true
    }

    /// The next batch, after giving the finished one back; false at the end,
    /// the reader's error once the rows before it are taken.
    private func takeBatch() throws -> Bool {
        var used: Batch? = current.count > 0 ? current : nil
        current = Batch()
        index = 0
        guard let next = try handoff.take(givingBack: &used) else { return false }
        current = next
        return true
    }

    /// The current record's fields when kept (`keepsOriginalFields`), else none.
    func originalFields() -> [String] { fields }

    /// Stops the reader and waits for its thread to end, so that nothing
    /// reads the input after the import has returned.
    func stop() {
        handoff.stop(waitingForProducer: true)
    }
}
