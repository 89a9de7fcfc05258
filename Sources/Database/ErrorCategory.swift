/// What kind of failure an error is, so that the command line can choose an
/// exit code without knowing each error type. Every error type that reaches a
/// user adopts `CategorizedError`.
public enum ErrorCategory: Sendable, Equatable {
    /// The command was called wrongly (bad option value, unknown name).
    case usage
    /// An input file or value was read but rejected.
    case dataRejected
    /// An input file is missing or cannot be read.
    case inputUnavailable
    /// An output file already exists or cannot be created.
    case outputUnavailable
    /// The database file cannot be opened or written (permissions, missing folder, disk).
    case databaseUnavailable
    /// Another connection holds the lock for longer than the busy timeout.
    case busy
    /// The file is not a partnerships database, is damaged, or is newer than this program.
    case incompatibleDatabase
    /// A bug or an unexpected failure.
    case `internal`
}

public protocol CategorizedError: Error, CustomStringConvertible {
    var category: ErrorCategory { get }
}
