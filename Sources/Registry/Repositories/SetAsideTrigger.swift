import Database

/// An insert trigger that an import drops inside its transaction while it
/// does the trigger's work itself, in bulk, and creates again from its own
/// saved SQL before it commits (`DeferredSearchFill`, `DeferredTallies`).
///
/// Dropped once the import has inserted a row, and only where no row
/// savepoint is open (after a row is kept): a savepoint's rollback would
/// bring the trigger back unnoticed. An import that inserts nothing (a file
/// imported again) leaves the schema untouched, so other connections keep
/// their prepared statements. A rollback of the import (a failed row, a dry
/// run, a killed process) brings the trigger back with everything else.
struct SetAsideTrigger {
    static let triggerSQL = "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1"

    private enum State {
        case waiting
        case setAside(createSQL: String)
        case done
    }

    let name: String
    private var state = State.waiting
    private var inserted = false

    init(_ name: String) {
        self.name = name
    }

    /// True while the trigger is dropped: rows inserted now are the import's to handle.
    var isSetAside: Bool {
        if case .setAside = state { return true }
        return false
    }

    /// The import inserted a row (inside the row's savepoint, if any), which
    /// the trigger, if still there, handled.
    mutating func rowsInserted() { inserted = true }

    /// The row's writes were rolled back to its savepoint.
    mutating func rowsUndone() { inserted = false }

    /// Where no row savepoint is open: once rows are inserted, drops the
    /// trigger (once). True when it has just been dropped; a registry without
    /// the trigger is left as it is.
    mutating func setAsideOnceRowsAreInserted(on connection: Connection) throws -> Bool {
        guard inserted, case .waiting = state else { return false }
        state = .done
        guard let createSQL = try connection.scalar(Self.triggerSQL, [name])?.string else { return false }
        try connection.execute("DROP TRIGGER \(DeferredIndexes.quoted(name))")
        state = .setAside(createSQL: createSQL)
        return true
    }

    /// When the trigger was set aside: runs `work` (what the trigger would
    /// have done for the rows since), then creates the trigger again. Not
    /// needed before a rollback, which brings the trigger back.
    mutating func restore(on connection: Connection, after work: () throws -> Void) throws {
        guard case .setAside(let createSQL) = state else { return }
        state = .done
        try work()
        try connection.execute(createSQL)
    }
}
