import Database

/// One audit rule: a stable id, a severity, what it checks, and the SQL that
/// finds its cases. The SQL does the work (with the indexes of migration 0004);
/// Swift only words each finding.
public struct AuditRule: Sendable {
    /// Stable: scripts select rules by it (`--rule`) and read it from the output.
    public let id: String
    /// The severity of a certain finding; a possible one is one step lower.
    public let severity: Severity
    /// What the rule checks, precisely enough to predict its findings.
    public let checks: String
    /// The settings the rule uses, with their defaults ("" when none).
    public let defaultSettings: String
    let queries: [RuleQuery]
}

/// One SQL query of a rule, over one kind of record.
///
/// Every query selects, in this order: `certain` (1 when the rule holds for
/// every day the dates could mean, 0 when for some), `sort_date` (the date the
/// finding is sorted by, as recorded, or NULL), `record_key`, `record_title`,
/// then what the wording needs. Rows come ordered by `sort_date` (NULLs last),
/// so the runner can merge the rules' results without sorting them again.
struct RuleQuery: Sendable {
    let recordType: RecordType
    let sql: String
    /// How many threads share the query when the audit runs in parallel, for a
    /// query whose findings alone would keep one core busy longer than the
    /// whole audit should take. Each part reads the rows of one range of
    /// ids, `(a.id - 1) * :parts / :last_id = :part` (the SQL must have that
    /// condition; :last_id is the largest agreement id when the audit began,
    /// read once; a serial audit reads all of it as part 0 of 1), in
    /// the query's order, and the merge interleaves the parts. For that, such
    /// a query selects two more columns last: the rest of its ORDER BY after
    /// sort_date, a date (NULL first) and the id.
    let parts: Int
    let describe: @Sendable (RuleRow, AuditSettings) -> FindingDetails

    init(recordType: RecordType, parts: Int = 1, sql: String,
         describe: @escaping @Sendable (RuleRow, AuditSettings) -> FindingDetails) {
        self.recordType = recordType
        self.sql = sql
        self.parts = parts
        self.describe = describe
    }
}

/// What a rule's wording adds to a row.
struct FindingDetails {
    var dates: [FindingDate]
    var related: RelatedRecord? = nil
    var days: Int? = nil
    var message: String
}

/// The current row of a rule query, read by column index.
struct RuleRow {
    let statement: Statement

    var certain: Bool { statement.int64(at: 0) != 0 }
    var sortDate: String? { statement.string(at: 1) }
    var key: String { statement.string(at: 2) ?? "" }
    var title: String { statement.string(at: 3) ?? "" }

    func text(_ column: Int) -> String? { statement.string(at: column) }
    func string(_ column: Int) -> String { statement.string(at: column) ?? "" }
    func int(_ column: Int) -> Int? { statement.isNull(at: column) ? nil : Int(statement.int64(at: column)) }
}
