import CSQLite

/// One question SQLite asks while it compiles a statement: may this action
/// happen? (See sqlite3_set_authorizer; the action codes are SQLITE_INSERT,
/// SQLITE_READ, SQLITE_PRAGMA, ...)
public struct AuthorizerRequest: Sendable, Equatable {
    public let action: Int32
    /// The action's first and second details: a table and column for
    /// SQLITE_READ, a pragma's name and argument, a function's name (second).
    public let first: String?
    public let second: String?
    /// The schema ("main", "temp"), when there is one.
    public let database: String?
    /// The innermost trigger or view that caused the access, when there is one.
    public let cause: String?

    public init(action: Int32, first: String?, second: String?, database: String?, cause: String?) {
        self.action = action
        self.first = first
        self.second = second
        self.database = database
        self.cause = cause
    }
}

public enum AuthorizerDecision: Sendable {
    /// Let the action happen.
    case allow
    /// Fail the whole statement with SQLITE_AUTH.
    case deny
    /// Read NULL instead of the column (SQLITE_READ), or skip the action.
    case ignore
}

final class AuthorizerContext {
    let decide: (AuthorizerRequest) -> AuthorizerDecision
    init(_ decide: @escaping (AuthorizerRequest) -> AuthorizerDecision) { self.decide = decide }
}

final class ProgressContext {
    let shouldInterrupt: () -> Bool
    init(_ shouldInterrupt: @escaping () -> Bool) { self.shouldInterrupt = shouldInterrupt }
}

extension Connection {
    /// Asks `decide` about every action of every statement compiled from now
    /// on (including statements SQLite compiles for itself, such as FTS5's
    /// reads of its shadow tables). Pass nil to remove it. Statements already
    /// compiled are not affected: install it before preparing.
    public func setAuthorizer(_ decide: ((AuthorizerRequest) -> AuthorizerDecision)?) {
        guard let decide else {
            sqlite3_set_authorizer(handle, nil, nil)
            authorizerContext = nil
            return
        }
        let context = AuthorizerContext(decide)
        // Installed before the previous context is released, so SQLite never
        // holds a pointer to a freed one.
        defer { authorizerContext = context }
        sqlite3_set_authorizer(handle, { pointer, action, first, second, database, cause -> Int32 in
            guard let pointer else { return SQLITE_DENY }
            let context = Unmanaged<AuthorizerContext>.fromOpaque(pointer).takeUnretainedValue()
            let request = AuthorizerRequest(action: action,
                                            first: first.map { String(cString: $0) },
                                            second: second.map { String(cString: $0) },
                                            database: database.map { String(cString: $0) },
                                            cause: cause.map { String(cString: $0) })
            switch context.decide(request) {
            case .allow: return SQLITE_OK
            case .deny: return SQLITE_DENY
            case .ignore: return SQLITE_IGNORE
            }
        }, Unmanaged.passUnretained(context).toOpaque())
    }

    /// Calls `shouldInterrupt` about every `instructions` virtual-machine
    /// steps while a statement runs; when it returns true the statement stops
    /// with SQLITE_INTERRUPT. Pass nil to remove it.
    public func setProgressHandler(every instructions: Int32 = 1000, _ shouldInterrupt: (() -> Bool)?) {
        guard let shouldInterrupt else {
            sqlite3_progress_handler(handle, 0, nil, nil)
            progressContext = nil
            return
        }
        let context = ProgressContext(shouldInterrupt)
        defer { progressContext = context }
        sqlite3_progress_handler(handle, max(1, instructions), { pointer -> Int32 in
            guard let pointer else { return 1 }
            let context = Unmanaged<ProgressContext>.fromOpaque(pointer).takeUnretainedValue()
            return context.shouldInterrupt() ? 1 : 0
        }, Unmanaged.passUnretained(context).toOpaque())
    }
}
