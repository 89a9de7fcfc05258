import Database

/// One row of `appointments`, without its id.
struct AppointmentRecord: Equatable {
    var person: String
    var institutionID: Int64?
    var networkID: Int64?
    var title: String
    var startsOn: String?
    var endsOn: String?
    var termMonths: Int64?
    var endsOnDerived: Bool
    var source: String?
}

/// Appointments are identified by person, title, organisation and start (the
/// table's unique index `appointments_identity`, which this lookup uses).
final class AppointmentRepository {
    static let selectSQL = """
        SELECT id, ends_on, term_months, ends_on_derived, source FROM appointments
        WHERE person = ?1 AND title = ?2 AND coalesce(institution_id, 0) = coalesce(?3, 0)
          AND coalesce(network_id, 0) = coalesce(?4, 0) AND coalesce(starts_on, '') = coalesce(?5, '')
        """
    static let insertSQL = """
        INSERT INTO appointments (person, title, institution_id, network_id, starts_on, ends_on, term_months,
                                  ends_on_derived, source)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        """
    static let updateSQL = """
        UPDATE appointments SET ends_on = ?6, term_months = ?7, ends_on_derived = ?8, source = ?9 WHERE id = ?10
        """

    private let connection: Connection
    private let select: Statement
    private let insert: Statement
    private let update: Statement

    init(_ connection: Connection) throws {
        self.connection = connection
        select = try connection.prepare(Self.selectSQL)
        insert = try connection.prepare(Self.insertSQL)
        update = try connection.prepare(Self.updateSQL)
    }

    private func bindIdentity(_ record: AppointmentRecord, to statement: Statement) throws {
        try statement.bind(text: record.person, at: 1)
        try statement.bind(text: record.title, at: 2)
        try statement.bind(int64: record.institutionID, at: 3)
        try statement.bind(int64: record.networkID, at: 4)
        try statement.bind(text: record.startsOn, at: 5)
    }

    private func bind(_ record: AppointmentRecord, to statement: Statement) throws {
        try bindIdentity(record, to: statement)
        try statement.bind(text: record.endsOn, at: 6)
        try statement.bind(int64: record.termMonths, at: 7)
        try statement.bind(int64: record.endsOnDerived ? 1 : 0, at: 8)
        try statement.bind(text: record.source, at: 9)
    }

    /// The stored appointment with the same identity as `record`.
    func find(_ record: AppointmentRecord) throws -> (id: Int64, record: AppointmentRecord)? {
        defer { select.reset() }
        guard try select.query({ try bindIdentity(record, to: $0) }) else { return nil }
        var stored = record
        stored.endsOn = select.string(at: 1)
        stored.termMonths = select.isNull(at: 2) ? nil : select.int64(at: 2)
        stored.endsOnDerived = select.int64(at: 3) != 0
        stored.source = select.string(at: 4)
        return (select.int64(at: 0), stored)
    }

    func insert(_ record: AppointmentRecord) throws {
        try insert.execute { try bind(record, to: $0) }
    }

    func update(id: Int64, to record: AppointmentRecord) throws {
        try update.execute {
            try bind(record, to: $0)
            try $0.bind(int64: id, at: 10)
        }
    }
}
