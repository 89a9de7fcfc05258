import Foundation

/// Whether a reading thread began its read transaction (see
/// `SharedSnapshot`): set once by that thread, waited for by the thread that
/// started it. Later sets change nothing, so a thread can set false on any
/// error without knowing whether it began.
final class ReadingSignal: @unchecked Sendable {
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var began: Bool?

    func set(began: Bool) {
        condition.lock()
        defer { condition.unlock() }
        guard self.began == nil else { return }
        self.began = began
        condition.broadcast()
    }

    /// Waits until the thread has set it; true when it began reading.
    func wait() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let began { return began }
            condition.wait()
        }
    }
}
