import Foundation
import TestSupport

/// The `partnerships` binary started in the background, for tests that run
/// two at once or kill one half-way.
final class ChildProcess {
    let process = Process()
    private let output = FileHandle.nullDevice
    private let errorFile: URL

    /// Starts the binary; stderr goes to a file so a full pipe never blocks it.
    /// With `input`, the child reads standard input from that pipe, so a test
    /// can feed it part of a file and hold it in the middle of its work.
    init(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], input: Pipe? = nil) throws {
        errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("partnerships-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = CLIRunner.executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PARTNERSHIPS_DB")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = input ?? FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(SIGKILL) ; process.waitUntilExit() }
        try? FileManager.default.removeItem(at: errorFile)
    }

    var isRunning: Bool { process.isRunning }

    func kill(_ signal: Int32) { _ = Glibc.kill(process.processIdentifier, signal) }

    /// Waits for the exit; returns the status and what it wrote on stderr.
    @discardableResult
    func wait() -> (status: Int32, reason: Process.TerminationReason, stderr: String) {
        process.waitUntilExit()
        let text = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, process.terminationReason, text)
    }

    /// Polls `condition` every 5 ms until it holds or `timeout` passes.
    static func poll(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(5_000)
        }
        return condition()
    }

    static func fileSize(_ path: String) -> Int64 { TestSupport.fileSize(atPath: path) }
}
