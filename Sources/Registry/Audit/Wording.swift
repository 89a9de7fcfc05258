/// Phrases the rules' messages share.
enum Wording {
    /// A recorded date with the days it covers when it is partial:
    /// "2024-06-30", or "2024-06 (2024-06-01 to 2024-06-30)".
    static func withRange(_ value: String, first: String?, last: String?) -> String {
        guard value.utf8.count != 10, let first, let last else { return value }
        return "\(value) (\(first) to \(last))"
    }

    /// "1 day", "12 days".
    static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }

    /// "exactly" counts for full dates, "at least" ones for partial dates.
    static func atLeast(_ exact: Bool) -> String { exact ? "" : "at least " }

    static func isFull(_ value: String?) -> Bool { value?.utf8.count == 10 }

    /// The SQL for an appointment's record key and title, over `p` (appointment_dates),
    /// `n` (networks) and `i` (institutions) left-joined.
    static let appointmentKeySQL = "coalesce(n.key, i.key) || '/' || p.person || coalesce('/' || p.starts_on, '')"
    static let appointmentTitleSQL = "p.person || ', ' || p.title || ' of ' || coalesce(n.name, i.name)"

    /// A membership's record key and title, over `m`, `n` and `i`.
    static let membershipKeySQL = "n.key || '/' || i.key || '/' || m.role"
    static let membershipTitleSQL = "i.name || ' in ' || n.name"
}
