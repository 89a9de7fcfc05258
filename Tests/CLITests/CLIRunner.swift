import Foundation

/// Runs the built `partnerships` binary as a child process, as a user would.
struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String
    /// Stdout as written, for what decoding as a String would hide (a byte-order mark).
    let stdoutBytes: [UInt8]
}

enum CLIRunner {
    /// The executable sits beside the test bundle in the build folder.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("partnerships")
    }

    @discardableResult
    static func run(_ arguments: [String], executable: URL = executable, in directory: URL? = nil,
                    environment: [String: String] = [:], stdin: Data? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PARTNERSHIPS_DB")
        env.removeValue(forKey: "PARTNERSHIPS_REPORTS")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read before waiting, so a large output cannot fill the pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self),
                         stdoutBytes: Array(outData))
    }
}
