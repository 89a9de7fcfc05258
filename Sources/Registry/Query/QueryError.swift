import Database
import Foundation

/// What can go wrong with a read-only query or a report's SQL.
public enum QueryError: CategorizedError, Equatable {
    /// The guard refused the statement; nothing ran.
    case refused(QueryRefusal)
    /// The SQL does not compile, or fails while it runs (a syntax error, an
    /// unknown table or column, a bad function argument).
    case invalidSQL(message: String)
    /// The text holds no statement at all.
    case empty
    /// The statement ran past --timeout and was stopped.
    case timedOut(seconds: Double)

    public var category: ErrorCategory {
        switch self {
        case .refused, .invalidSQL, .empty: return .usage
        // EX_TEMPFAIL: the same query may well finish with a longer timeout.
        case .timedOut: return .busy
        }
    }

    public var description: String {
        switch self {
        case .refused(let refusal):
            return "\(refusal.message). The database was not changed."
        case .invalidSQL(let message):
            return "the SQL failed: \(message)"
        case .empty:
            return "no SQL statement was given; pass one SELECT, e.g. partnerships query \"SELECT count(*) FROM agreements\""
        case .timedOut(let seconds):
            return "the query was stopped after \(Self.format(seconds)) s (--timeout); narrow it with a WHERE or LIMIT, or allow more time with --timeout SECONDS"
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
