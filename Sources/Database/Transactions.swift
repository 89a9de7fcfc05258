import CSQLite

extension Connection {
    public enum TransactionKind: String, Sendable {
        /// Takes the write lock at once: the right choice for a writer, which
        /// then cannot fail half-way with SQLITE_BUSY when it first writes.
        case immediate = "IMMEDIATE"
        case deferred = "DEFERRED"
        case exclusive = "EXCLUSIVE"
    }

    /// What a transaction body asks for when it returns normally.
    public enum Completion: Sendable {
        case commit
        case rollback
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back
    /// when it throws (and the error rethrown).
    @discardableResult
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        var result: T?
        try inTransaction(kind) { () -> Completion in
            result = try body()
            return .commit
        }
        // The body ran and returned, so result is set.
        guard let result else { preconditionFailure("transaction body returned no value") }
        return result
    }

    /// Runs `body` in a transaction and commits or rolls back as it says;
    /// rolls back when it throws. A dry run returns `.rollback`.
    public func inTransaction(_ kind: TransactionKind = .immediate, _ body: () throws -> Completion) throws {
        try execute("BEGIN \(kind.rawValue) TRANSACTION")
        let completion: Completion
        do {
            completion = try body()
        } catch {
            rollbackQuietly()
            throw error
        }
        switch completion {
        case .commit:
            do {
                try execute("COMMIT TRANSACTION")
            } catch {
                rollbackQuietly()
                throw error
            }
        case .rollback:
            try execute("ROLLBACK TRANSACTION")
        }
    }

    /// Begins a read transaction: what the connection reads until `endRead()`
    /// is one snapshot of the file. Returns `PRAGMA data_version` as of that
    /// snapshot; it differs from the one of the connection's previous read
    /// transaction when another connection committed in between.
    @discardableResult
    public func beginRead() throws -> Int64 {
        try execute("BEGIN DEFERRED TRANSACTION")
        do {
            // The pragma reads the file's header, which starts the snapshot.
            return try scalar("PRAGMA data_version")?.int64 ?? 0
        } catch {
            endRead()
            throw error
        }
    }

    /// Ends the read transaction of `beginRead()`, if one is open.
    public func endRead() {
        guard isInTransaction else { return }
        try? execute("COMMIT TRANSACTION")
    }

    /// Runs `body` inside a savepoint, which can nest within a transaction or
    /// another savepoint: released when it returns, rolled back to when it throws.
    @discardableResult
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        // The name is generated here, never taken from input.
        let name = "partnerships_sp\(savepointDepth)"
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            // A savepoint that SQLite already rolled back with the whole
            // transaction (e.g. after SQLITE_FULL) is gone: nothing to undo.
            if isInTransaction {
                try? execute("ROLLBACK TO SAVEPOINT \(name)")
                try? execute("RELEASE SAVEPOINT \(name)")
            }
            throw error
        }
    }

    private func rollbackQuietly() {
        // Some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY on commit) make
        // SQLite roll back by itself; a second ROLLBACK would only fail.
        if isInTransaction {
            try? execute("ROLLBACK TRANSACTION")
        }
    }
}
