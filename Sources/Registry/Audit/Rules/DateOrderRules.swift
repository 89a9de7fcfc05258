/// Rules about the order of a record's own dates.
extension AuditRules {
    static let endBeforeStart = AuditRule(
        id: "end-before-start",
        severity: .error,
        checks: """
            An agreement expires before it was signed or took effect; a membership's until is before its since; \
            an appointment ends before it starts. Possible when the partial dates overlap.
            """,
        defaultSettings: "",
        queries: [
            RuleQuery(recordType: .agreement, sql: """
                SELECT
                    coalesce(a.expires_last < a.signed_first, 0) OR coalesce(a.expires_last < a.effective_first, 0) AS certain,
                    a.expires_on AS sort_date, a.key, a.title,
                    a.signed_on, a.effective_from, a.expires_on,                              -- 4, 5, 6
                    CASE                                                                      -- 7: the date it is before
                        WHEN a.expires_last < a.signed_first THEN 'signed_on'
                        WHEN a.expires_last < a.effective_first THEN 'effective_from'
                        WHEN a.expires_first < a.signed_last THEN 'signed_on'
                        ELSE 'effective_from'
                    END,
                    a.expires_last, a.signed_first, a.effective_first                         -- 8, 9, 10
                FROM agreements AS r NOT INDEXED
                JOIN agreement_dates AS a ON a.id = r.id
                WHERE r.expires_on IS NOT NULL
                  -- Cheap test first: a date can only be before another if its year is not
                  -- later (the cast of '2024-05-01' to an integer is 2024). One pass over the
                  -- table, and a sort of the few per cent that pass (migration 0012): walking
                  -- agreements_expires_on instead would look up most agreements one by one.
                  AND (CAST(r.expires_on AS INTEGER) <= CAST(r.signed_on AS INTEGER)
                       OR CAST(r.expires_on AS INTEGER) <= CAST(r.effective_from AS INTEGER))
                  AND (a.expires_first < a.signed_last OR a.expires_first < a.effective_last)
                ORDER BY r.expires_on, r.id
                """,
                describe: { row, _ in
                    let signed = row.string(7) == "signed_on"
                    let start = signed ? row.string(4) : row.string(5)
                    let startFirst = signed ? row.text(9) : row.text(10)
                    return endBeforeStart(row, words: signed ? .agreementSigned : .agreementEffective,
                                          end: row.string(6), endLast: row.text(8), start: start, startFirst: startFirst,
                                          dates: [FindingDate("signed_on", row.string(4)), FindingDate("effective_from", row.string(5)),
                                                  FindingDate("expires_on", row.string(6))].filter { !$0.value.isEmpty })
                }),
            RuleQuery(recordType: .membership, sql: """
                SELECT
                    coalesce(m.until_last < m.since_first, 0) AS certain,
                    m.until AS sort_date, \(Wording.membershipKeySQL), \(Wording.membershipTitleSQL),
                    m.since, m.until, m.until_last, m.since_first                             -- 4, 5, 6, 7
                FROM membership_dates AS m
                JOIN networks AS n ON n.id = m.network_id
                JOIN institutions AS i ON i.id = m.institution_id
                WHERE m.until IS NOT NULL AND m.since IS NOT NULL
                  AND substr(m.until, 1, 4) <= substr(m.since, 1, 4)
                  AND m.until_first < m.since_last
                ORDER BY m.until, m.id
                """,
                describe: { row, _ in
                    endBeforeStart(row, words: .membership, end: row.string(5), endLast: row.text(6),
                                   start: row.string(4), startFirst: row.text(7),
                                   dates: [FindingDate("since", row.string(4)), FindingDate("until", row.string(5))])
                }),
            RuleQuery(recordType: .appointment, sql: """
                SELECT
                    coalesce(p.ends_last < p.starts_first, 0) AS certain,
                    p.ends_on AS sort_date, \(Wording.appointmentKeySQL), \(Wording.appointmentTitleSQL),
                    p.starts_on, p.ends_on, p.ends_last, p.starts_first                       -- 4, 5, 6, 7
                FROM appointment_dates AS p
                LEFT JOIN networks AS n ON n.id = p.network_id
                LEFT JOIN institutions AS i ON i.id = p.institution_id
                WHERE p.ends_on IS NOT NULL AND p.starts_on IS NOT NULL
                  AND substr(p.ends_on, 1, 4) <= substr(p.starts_on, 1, 4)
                  AND p.ends_first < p.starts_last
                ORDER BY p.ends_on, p.id
                """,
                describe: { row, _ in
                    endBeforeStart(row, words: .appointment, end: row.string(5), endLast: row.text(6),
                                   start: row.string(4), startFirst: row.text(7),
                                   dates: [FindingDate("starts_on", row.string(4)), FindingDate("ends_on", row.string(5))])
                }),
        ])

    /// How end-before-start names the two dates of each kind of record.
    private struct SpanWords {
        let ends: String, end: String, beforeWhat: String, started: String
        static let agreementSigned = SpanWords(ends: "expires", end: "expire", beforeWhat: "it was signed", started: "signed")
        static let agreementEffective = SpanWords(ends: "expires", end: "expire", beforeWhat: "it took effect",
                                                  started: "effective")
        static let membership = SpanWords(ends: "ends", end: "end", beforeWhat: "it began", started: "began")
        static let appointment = SpanWords(ends: "ends", end: "end", beforeWhat: "it starts", started: "starts")
    }

    /// "expires on 2019-05-31, 12 days before it was signed on 2019-06-12: correct one of the dates", or
    /// "may expire before it was signed: expires in 2019, signed on 2019-06-12; record the exact dates".
    private static func endBeforeStart(_ row: RuleRow, words: SpanWords, end: String, endLast: String?,
                                       start: String, startFirst: String?, dates: [FindingDate]) -> FindingDetails {
        guard row.certain, let endLast, let startFirst, let gap = CalendarDate.days(from: endLast, to: startFirst) else {
            return FindingDetails(dates: dates, message: """
                may \(words.end) before \(words.beforeWhat): \(words.ends) \(CalendarDate.phrase(end)), \
                \(words.started) \(CalendarDate.phrase(start)); record the exact dates
                """)
        }
        let exact = Wording.isFull(end) && Wording.isFull(start)
        return FindingDetails(dates: dates, days: gap, message: """
            \(words.ends) \(CalendarDate.phrase(end)), \(Wording.atLeast(exact))\(Wording.days(gap)) before \
            \(words.beforeWhat) \(CalendarDate.phrase(start)): correct one of the dates
            """)
    }

    /// agreement_dates' effective_last and signed_first, over `r` (agreements).
    private static let effectiveLast = """
        CASE length(r.effective_from) WHEN 4 THEN r.effective_from || '-12-31' \
        WHEN 7 THEN date(r.effective_from || '-01', '+1 month', '-1 day') ELSE r.effective_from END
        """
    private static let signedFirst = """
        CASE length(r.signed_on) WHEN 4 THEN r.signed_on || '-01-01' WHEN 7 THEN r.signed_on || '-01' \
        ELSE r.signed_on END
        """

    static let retroactive = AuditRule(
        id: "retroactive",
        severity: .info,
        checks: """
            An agreement took effect (effective_from) before it was signed (signed_on): check that this was intended. \
            Possible when the partial dates overlap.
            """,
        defaultSettings: "",
        queries: [
            // One pass over the table and a sort of the few per cent that pass
            // (migration 0012 dropped the partial index agreements_retroactive);
            // walking agreements_effective_from instead would look up 40% of the
            // agreements one by one.
            RuleQuery(recordType: .agreement, sql: """
                SELECT
                    coalesce(\(effectiveLast) < \(signedFirst), 0) AS certain,
                    r.effective_from AS sort_date, r.key, r.title,
                    r.signed_on, r.effective_from, \(effectiveLast), \(signedFirst)      -- 4, 5, 6, 7
                FROM agreements AS r NOT INDEXED
                WHERE r.effective_from IS NOT NULL AND r.signed_on IS NOT NULL
                  AND CASE length(r.effective_from) WHEN 4 THEN r.effective_from || '-01-01'
                          WHEN 7 THEN r.effective_from || '-01' ELSE r.effective_from END
                    < CASE length(r.signed_on) WHEN 4 THEN r.signed_on || '-12-31'
                          WHEN 7 THEN date(r.signed_on || '-01', '+1 month', '-1 day') ELSE r.signed_on END
                ORDER BY r.effective_from, r.id
                """,
                describe: { row, _ in
                    let signed = row.string(4), effective = row.string(5)
                    let dates = [FindingDate("signed_on", signed), FindingDate("effective_from", effective)]
                    guard row.certain, let last = row.text(6), let first = row.text(7),
                          let gap = CalendarDate.days(from: last, to: first) else {
                        return FindingDetails(dates: dates, message: """
                            possibly took effect before it was signed: effective \(CalendarDate.phrase(effective)), \
                            signed \(CalendarDate.phrase(signed)); record the exact dates if it matters
                            """)
                    }
                    let exact = Wording.isFull(signed) && Wording.isFull(effective)
                    return FindingDetails(dates: dates, days: gap, message: """
                        took effect \(CalendarDate.phrase(effective)), \(Wording.atLeast(exact))\(Wording.days(gap)) \
                        before it was signed \(CalendarDate.phrase(signed)): check that it was meant to apply retroactively
                        """)
                }),
        ])
}
