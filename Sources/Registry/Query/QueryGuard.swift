import CSQLite
import Database
import Foundation

/// Runs SQL that must never change anything: installs an authorizer on a
/// connection (refusing every write, schema change, ATTACH, writing PRAGMA
/// and load_extension as SQLite compiles a statement), accepts exactly one
/// statement, checks that SQLite agrees it only reads, and can stop a
/// statement that runs past a deadline.
///
/// Open the connection read-only as well (`ReadOnlyRegistry.open`): the
/// guard explains refusals, the connection makes a write impossible.
public final class QueryGuard {
    public let connection: Connection
    /// The first refusal of the statement being compiled.
    private var refusal: QueryRefusal?
    /// True while the guard itself begins or ends a read transaction, which
    /// the statements it runs for others may not.
    private var controlsTransaction = false

    public init(connection: Connection) {
        self.connection = connection
        connection.setAuthorizer { [weak self] request in
            if self?.controlsTransaction == true && request.action == SQLITE_TRANSACTION { return .allow }
            guard let found = QueryPolicy.decide(request) else { return .allow }
            if self?.refusal == nil { self?.refusal = found }
            return .deny
        }
    }

    deinit { connection.setAuthorizer(nil) }

    /// Compiles one reading statement, or throws `QueryError` saying why not.
    public func prepare(_ sql: String) throws -> Statement {
        let statements = SQLScript.statements(in: sql)
        if statements.count > 1 { throw QueryError.refused(.multipleStatements(count: statements.count)) }
        refusal = nil
        let statement: Statement
        do {
            statement = try connection.prepare(sql)
        } catch let error as DatabaseError {
            if let refusal { throw QueryError.refused(refusal) }
            // Writes to the schema table fail in SQLite itself (defensive mode).
            if let keyword = SQLScript.leadingKeyword(of: sql), ["INSERT", "REPLACE", "UPDATE", "DELETE"].contains(keyword),
               error.message.contains("may not be modified") {
                throw QueryError.refused(.write(verb: keyword == "REPLACE" ? "INSERT" : keyword, table: "sqlite_schema"))
            }
            if error.extendedCode == SQLITE_MISUSE && error.message.hasPrefix("no SQL statement") { throw QueryError.empty }
            throw QueryError.invalidSQL(message: error.message + QuerySuggestions.hint(for: error.message, connection: connection))
        }
        // VACUUM (which can write a copy elsewhere with INTO) asks the
        // authorizer nothing; SQLite still knows it is not a read.
        let keyword = SQLScript.leadingKeyword(of: sql) ?? ""
        guard statement.isReadOnly else {
            if ["INSERT", "REPLACE", "UPDATE", "DELETE"].contains(keyword) {
                throw QueryError.refused(.write(verb: keyword == "REPLACE" ? "INSERT" : keyword, table: "sqlite_schema"))
            }
            throw QueryError.refused(.notARead)
        }
        if ["BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"].contains(keyword) {
            throw QueryError.refused(.transaction)
        }
        return statement
    }

    /// `Connection.beginRead()` through the guard, which refuses BEGIN to the
    /// statements it runs for others.
    @discardableResult
    public func beginRead() throws -> Int64 {
        var version: Int64 = 0
        try controllingTransaction { version = try connection.beginRead() }
        return version
    }

    /// `Connection.endRead()` through the guard.
    public func endRead() {
        try? controllingTransaction { connection.endRead() }
    }

    private func controllingTransaction(_ body: () throws -> Void) throws {
        controlsTransaction = true
        defer { controlsTransaction = false }
        try body()
    }

    /// Steps a prepared statement to the end, handing over the column names
    /// once and then each row as it comes. With `timeout` (seconds), a
    /// statement still running after it is stopped with `QueryError.timedOut`.
    public func run(_ statement: Statement, timeout: TimeInterval? = nil,
                    columns: ([String]) throws -> Void, row: ([DatabaseValue]) throws -> Void) throws {
        var values: [DatabaseValue] = []
        values.reserveCapacity(statement.columnCount)
        try run(statement, timeout: timeout, columns: columns, rowInPlace: { current in
            current.values(into: &values)
            try row(values)
        })
    }

    /// As `run(_:timeout:columns:row:)`, handing over each row in place: read
    /// it inside the callback (a writer that encodes bytes itself need not
    /// make a String of every value).
    public func run(_ statement: Statement, timeout: TimeInterval? = nil,
                    columns: ([String]) throws -> Void, rowInPlace: (any ResultRow) throws -> Void) throws {
        if let timeout {
            let deadline = DispatchTime.now().uptimeNanoseconds &+ UInt64(max(0, timeout) * 1_000_000_000)
            connection.setProgressHandler(every: 1000) { DispatchTime.now().uptimeNanoseconds >= deadline }
        }
        defer { if timeout != nil { connection.setProgressHandler(nil) } }
        do {
            // The header waits for the first step, which does most of the
            // work of an aggregate or a sort: a query that fails or times out
            // there leaves no header behind that looks like an empty answer.
            var hasRow = try statement.step()
            try columns(statement.columnNames)
            while hasRow {
                try rowInPlace(statement)
                hasRow = try statement.step()
            }
        } catch let error as DatabaseError {
            if error.isInterrupted, let timeout { throw QueryError.timedOut(seconds: timeout) }
            if let refusal { throw QueryError.refused(refusal) }
            throw QueryError.invalidSQL(message: error.message)
        }
    }
}
