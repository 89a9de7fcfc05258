import Database

/// The process exit codes, as the README documents them (sysexits.h values).
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let findings: Int32 = 1
    public static let usage: Int32 = 64
    public static let dataRejected: Int32 = 65
    public static let inputUnavailable: Int32 = 66
    public static let software: Int32 = 70
    public static let outputUnavailable: Int32 = 73
    public static let databaseUnavailable: Int32 = 74
    public static let busy: Int32 = 75
    public static let incompatibleDatabase: Int32 = 78

    /// What a user sees for exit code 75, whichever statement met the lock.
    public static let busyMessage = "the database is busy: another process held its write lock for longer than --busy-timeout (default 5 seconds). Try again when that process has finished, or wait longer with --busy-timeout SECONDS."

    /// True when another connection held the lock past the busy timeout.
    /// Other errors with exit code 75 (a query stopped by --timeout) keep
    /// their own message.
    public static func isLockContention(_ error: Error) -> Bool {
        if let error = error as? DatabaseError { return error.isBusy }
        if case .failed(_, let underlying)? = error as? MigrationError { return underlying.isBusy }
        return false
    }

    public static func code(for category: ErrorCategory) -> Int32 {
        switch category {
        case .usage: return usage
        case .dataRejected: return dataRejected
        case .inputUnavailable: return inputUnavailable
        case .outputUnavailable: return outputUnavailable
        case .databaseUnavailable: return databaseUnavailable
        case .busy: return busy
        case .incompatibleDatabase: return incompatibleDatabase
        case .internal: return software
        }
    }
}

/// Ends a command with an exit code after it has printed what went wrong
/// (or, with an empty message, after it has printed its findings).
public struct CommandFailure: Error {
    public let message: String
    public let exitCode: Int32

    public init(_ message: String = "", exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }
}
