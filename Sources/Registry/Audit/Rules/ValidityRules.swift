/// Rules about whether an active agreement is in force at the as-of date.
///
/// Each query first narrows with a test on the raw text that an index can
/// answer (a partial date's text sorts no later than its first day, and has
/// the year of its last day), then applies the exact test on the day ranges.
extension AuditRules {
    static let expiredButActive = AuditRule(
        id: "expired-but-active",
        severity: .warning,
        checks: """
            An agreement with status active whose expiry date has passed at the as-of date (it expired before the \
            as-of day; the day of expiry itself is still in force). Possible when the as-of date falls within a \
            partial expiry date.
            """,
        defaultSettings: "",
        queries: [
            // Most active agreements of a large registry may have expired: this
            // reads them all, in expiry order, in two parts on two threads.
            RuleQuery(recordType: .agreement, parts: 2, sql: """
                SELECT
                    coalesce(a.expires_last < :as_of, 0) AS certain,
                    a.expires_on AS sort_date, a.key, a.title,
                    a.expires_on, a.expires_first, a.expires_last,                          -- 4, 5, 6
                    a.signed_on, a.id                                                       -- the order within a day
                FROM agreement_dates AS a
                WHERE a.status = 'active'
                  AND a.expires_on < :as_of
                  AND a.expires_first < :as_of
                  AND (a.id - 1) * :parts / :last_id = :part
                ORDER BY a.expires_on, a.signed_on, a.id
                """,
                describe: { row, settings in
                    let expires = row.string(4)
                    let dates = [FindingDate("expires_on", expires)]
                    guard row.certain, let last = row.text(6), let ago = CalendarDate.days(from: last, to: settings.asOf) else {
                        return FindingDetails(dates: dates, message: """
                            may have expired: expires \(Wording.withRange(expires, first: row.text(5), last: row.text(6))), \
                            which includes days before \(settings.asOf), and is still marked active; record the exact date, \
                            renew it or mark it terminated
                            """)
                    }
                    if Wording.isFull(expires) {
                        return FindingDetails(dates: dates, days: ago, message: """
                            expired on \(expires), \(Wording.days(ago)) before \(settings.asOf), still marked active: \
                            renew it or mark it terminated
                            """)
                    }
                    return FindingDetails(dates: dates, days: ago, message: """
                        expired in \(expires) (on \(last) at the latest), at least \(Wording.days(ago)) before \
                        \(settings.asOf), still marked active: renew it or mark it terminated
                        """)
                }),
        ])

    static let expiringSoon = AuditRule(
        id: "expiring-soon",
        severity: .warning,
        checks: """
            An agreement with status active, in force at the as-of date (it took effect, or was signed, on or before \
            it) and expiring within N days: on the as-of day itself up to the as-of date + N days, both included. \
            Possible when a partial expiry or start date reaches outside those days.
            """,
        defaultSettings: "within = \(AuditSettings.defaultWithinDays) days (--within)",
        queries: [
            RuleQuery(recordType: .agreement, sql: """
                SELECT
                    coalesce(a.expires_first >= :as_of
                             AND a.expires_last <= date(:as_of, printf('+%d days', :within_days))
                             AND coalesce(coalesce(a.effective_last, a.signed_last) <= :as_of, 1), 0) AS certain,
                    a.expires_on AS sort_date, a.key, a.title,
                    a.expires_on, a.expires_first, a.expires_last,                          -- 4, 5, 6
                    coalesce(a.effective_from, a.signed_on),                                -- 7: the start
                    coalesce(a.effective_last, a.signed_last)                               -- 8
                FROM agreement_dates AS a
                WHERE a.status = 'active'
                  AND a.expires_on >= substr(:as_of, 1, 4)
                  AND a.expires_on <= date(:as_of, printf('+%d days', :within_days))
                  AND a.expires_last >= :as_of
                  AND a.expires_first <= date(:as_of, printf('+%d days', :within_days))
                  AND coalesce(coalesce(a.effective_first, a.signed_first) <= :as_of, 1)
                ORDER BY a.expires_on, a.signed_on, a.id
                """,
                describe: { row, settings in
                    let expires = row.string(4)
                    var dates = [FindingDate("expires_on", expires)]
                    if let start = row.text(7) { dates.insert(FindingDate("starts", start), at: 0) }
                    let window = "within \(Wording.days(settings.withinDays)) of \(settings.asOf)"
                    let expiryInside = (row.text(5) ?? "") >= settings.asOf
                        && CalendarDate.days(from: settings.asOf, to: row.string(6)).map { $0 <= settings.withinDays } == true
                    guard let last = row.text(6), let left = CalendarDate.days(from: settings.asOf, to: last) else {
                        return FindingDetails(dates: dates, message: "expires \(CalendarDate.phrase(expires)) (\(window))")
                    }
                    if !row.certain && expiryInside, let start = row.text(7) {
                        return FindingDetails(dates: dates, message: """
                            expires \(CalendarDate.phrase(expires)), \(window), if it has taken effect by then: it starts \
                            \(CalendarDate.phrase(start)); record the exact start, and renew it or let it end
                            """)
                    }
                    if !row.certain {
                        return FindingDetails(dates: dates, message: """
                            may expire \(window): expires \(Wording.withRange(expires, first: row.text(5), last: last)); \
                            record the exact date, and renew it or let it end
                            """)
                    }
                    if Wording.isFull(expires) {
                        let when = left == 0 ? "today" : "in \(Wording.days(left))"
                        return FindingDetails(dates: dates, days: left, message: """
                            expires on \(expires), \(when) (\(window)): renew it or let it end
                            """)
                    }
                    return FindingDetails(dates: dates, days: left, message: """
                        expires in \(expires), in \(Wording.days(left)) at the latest (\(window)): renew it or let it end
                        """)
                }),
        ])

    static let noExpiry = AuditRule(
        id: "no-expiry",
        severity: .warning,
        checks: """
            An agreement with status active, no expiry date, and signed more than N years before the as-of date \
            (signed exactly N years before does not count): it needs a review. Agreements without a signing date \
            are not checked. Possible when a partial signing date straddles the limit.
            """,
        defaultSettings: "years = \(AuditSettings.defaultNoExpiryYears) (--no-expiry-years)",
        queries: [
            // One pass over the table and a sort of what passes: since
            // migration 0013 no index holds the active agreements without an
            // expiry (their NULLs made agreements_active_expiry slow to build).
            RuleQuery(recordType: .agreement, sql: """
                SELECT
                    coalesce(a.signed_last < date(:as_of, printf('-%d years', :no_expiry_years)), 0) AS certain,
                    a.signed_on AS sort_date, a.key, a.title,
                    a.signed_on, a.signed_first, a.signed_last                              -- 4, 5, 6
                FROM agreements AS r NOT INDEXED
                JOIN agreement_dates AS a ON a.id = r.id
                WHERE r.status = 'active' AND r.expires_on IS NULL
                  AND r.signed_on < date(:as_of, printf('-%d years', :no_expiry_years))
                  AND a.signed_first < date(:as_of, printf('-%d years', :no_expiry_years))
                ORDER BY r.signed_on, r.id
                """,
                describe: { row, settings in
                    let signed = row.string(4)
                    let dates = [FindingDate("signed_on", signed)]
                    let years = settings.noExpiryYears == 1 ? "1 year" : "\(settings.noExpiryYears) years"
                    guard row.certain, let ago = CalendarDate.days(from: row.string(6), to: settings.asOf) else {
                        return FindingDetails(dates: dates, message: """
                            no expiry date, and signed \(CalendarDate.phrase(signed)), possibly more than \(years) before \
                            \(settings.asOf): review whether it is still in force and record an expiry date
                            """)
                    }
                    return FindingDetails(dates: dates, days: ago, message: """
                        no expiry date, and signed \(CalendarDate.phrase(signed)), \
                        \(Wording.atLeast(Wording.isFull(signed)))\(Wording.days(ago)) (more than \(years)) before \
                        \(settings.asOf): review whether it is still in force and record an expiry date
                        """)
                }),
        ])

    static let signedInFuture = AuditRule(
        id: "signed-in-future",
        severity: .warning,
        checks: """
            An agreement with status active whose signing date is after the as-of date. Possible when a partial \
            signing date includes the as-of date.
            """,
        defaultSettings: "",
        queries: [
            // Walks agreements_signed_on (0011) from the as-of year on: a
            // signing date with a day after the as-of date is not written in
            // an earlier year, and the index holds the dates in the order of
            // signed_on itself. `+a.status`: the status test is left to the
            // table row, so the planner keeps to that index.
            RuleQuery(recordType: .agreement, sql: """
                SELECT
                    coalesce(a.signed_first > :as_of, 0) AS certain,
                    a.signed_on AS sort_date, a.key, a.title,
                    a.signed_on, a.signed_first, a.signed_last                              -- 4, 5, 6
                FROM agreement_dates AS a
                WHERE +a.status = 'active'
                  AND a.signed_on >= substr(:as_of, 1, 4)
                  AND a.signed_last > :as_of
                ORDER BY a.signed_on, a.id
                """,
                describe: { row, settings in
                    let signed = row.string(4)
                    let dates = [FindingDate("signed_on", signed)]
                    guard row.certain, let first = row.text(5), let ahead = CalendarDate.days(from: settings.asOf, to: first) else {
                        return FindingDetails(dates: dates, message: """
                            signed \(Wording.withRange(signed, first: row.text(5), last: row.text(6))), possibly after \
                            \(settings.asOf), yet marked active: record the exact date, or mark it draft
                            """)
                    }
                    return FindingDetails(dates: dates, days: ahead, message: """
                        signed \(CalendarDate.phrase(signed)), \(Wording.atLeast(Wording.isFull(signed)))\
                        \(Wording.days(ahead)) after \(settings.asOf), yet marked active: correct the date, or mark it draft
                        """)
                }),
        ])
}
