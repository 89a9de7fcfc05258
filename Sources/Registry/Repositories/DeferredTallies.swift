import Database

/// `agreement_tallies` (migration 0010) for the agreements an import inserts:
/// counted here and added once before the import commits, instead of by the
/// insert trigger row by row (a statement per row: 1.2 s at a million).
///
/// The trigger is set aside as the search index's is (`SetAsideTrigger`):
/// rows inserted before it is dropped were counted by the trigger, rows
/// after by this object. Updates and deletes keep their triggers, so a row
/// this import changes is counted by them.
final class DeferredTallies {
    static let addSQL = """
        INSERT INTO agreement_tallies (kind, status, count) VALUES (?1, ?2, ?3)
        ON CONFLICT (kind, status) DO UPDATE SET count = count + excluded.count
        """

    private let connection: Connection
    private var trigger = SetAsideTrigger("agreements_tally_insert")
    /// Per kind and status: `kind index * statuses + status index`.
    private var counts = [Int](repeating: 0, count: DeferredTallies.kinds.count * DeferredTallies.statuses.count)
    /// A row inserted inside its savepoint, counted once it is kept.
    private var pending: Int?

    init(connection: Connection) {
        self.connection = connection
    }

    private static let kinds = AgreementKind.allCases
    private static let statuses = AgreementStatus.allCases

    private static func slot(_ kind: AgreementKind, _ status: AgreementStatus) -> Int {
        (kinds.firstIndex(of: kind) ?? 0) * statuses.count + (statuses.firstIndex(of: status) ?? 0)
    }

    /// A row written outside any row savepoint (a batch): it stays unless
    /// the whole import is rolled back.
    func inserted(_ kind: AgreementKind, _ status: AgreementStatus) {
        trigger.rowsInserted()
        if trigger.isSetAside { counts[Self.slot(kind, status)] += 1 }
    }

    /// A row written inside its savepoint: counted by `rowKept()`.
    func rowInserted(_ kind: AgreementKind, _ status: AgreementStatus) {
        trigger.rowsInserted()
        pending = trigger.isSetAside ? Self.slot(kind, status) : nil
    }

    /// The row's savepoint is released (or there is none).
    func rowKept() {
        if let pending { counts[pending] += 1 }
        pending = nil
    }

    /// The row's writes were rolled back to its savepoint.
    func rowUndone() {
        pending = nil
        trigger.rowsUndone()
    }

    /// Where no row savepoint is open: drops the insert trigger once the
    /// import has inserted rows.
    func setAsideOnceRowsAreInserted() throws {
        _ = try trigger.setAsideOnceRowsAreInserted(on: connection)
    }

    /// Adds the counts and creates the trigger again. Not needed before a
    /// rollback, which brings the trigger back.
    func restore() throws {
        let (connection, counts) = (self.connection, self.counts)
        try trigger.restore(on: connection) {
            let add = try connection.prepare(Self.addSQL)
            for (kindIndex, kind) in Self.kinds.enumerated() {
                for (statusIndex, status) in Self.statuses.enumerated() {
                    let count = counts[kindIndex * Self.statuses.count + statusIndex]
                    guard count > 0 else { continue }
                    try add.execute {
                        try $0.bind(text: kind.rawValue, at: 1)
                        try $0.bind(text: status.rawValue, at: 2)
                        try $0.bind(int64: Int64(count), at: 3)
                    }
                }
            }
        }
    }
}
