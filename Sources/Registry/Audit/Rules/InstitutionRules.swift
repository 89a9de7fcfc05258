/// Rules about the institutions that are parties or members.
extension AuditRules {
    static let beforeEstablished = AuditRule(
        id: "before-established",
        severity: .error,
        checks: """
            An agreement signed, or a membership begun (since), before a party institution was established \
            (institutions.established, usually a year; institutions without it are not checked). Possible when the \
            partial dates overlap, such as an agreement signed in the year the institution was established.
            """,
        defaultSettings: "",
        queries: [
            // Institutions drive: the subquery skips those established before the
            // earliest signing date in the registry (with real data, nearly all):
            // an agreement is reported only when its signed_first is before
            // established_last. The earliest signing date as written, which
            // agreements_signed_on (0011) gives at once, has the earliest first
            // day too (a date's first day never decreases as the written date
            // grows). The index holds only agreements with a signing date, and
            // SQLite reads it for a query that excludes the others: the range
            // `> ''` does (every date is text after '').
            RuleQuery(recordType: .agreement, sql: """
                SELECT
                    coalesce(a.signed_last < i.established_first, 0) AS certain,
                    a.signed_on AS sort_date, a.key, a.title,
                    i.key, i.name, a.signed_on, i.established,                              -- 4, 5, 6, 7
                    a.signed_last, i.established_first                                      -- 8, 9
                FROM institution_dates AS i
                CROSS JOIN agreement_parties AS ap ON ap.institution_id = i.id
                CROSS JOIN agreement_dates AS a ON a.id = ap.agreement_id
                WHERE i.established IS NOT NULL
                  AND i.established_last > (
                        SELECT CASE length(earliest) WHEN 4 THEN earliest || '-01-01' WHEN 7 THEN earliest || '-01'
                                   ELSE earliest END
                        FROM (SELECT min(signed_on) AS earliest FROM agreements WHERE signed_on > ''))
                  AND a.signed_on < i.established_last
                  AND a.signed_first < i.established_last
                ORDER BY a.signed_on, a.id, i.id
                """,
                describe: { row, _ in
                    beforeEstablished(row, verb: "signed", dates: [FindingDate("signed_on", row.string(6)),
                                                                   FindingDate("established", row.string(7))])
                }),
            RuleQuery(recordType: .membership, sql: """
                SELECT
                    coalesce(m.since_last < i.established_first, 0) AS certain,
                    m.since AS sort_date, \(Wording.membershipKeySQL), \(Wording.membershipTitleSQL),
                    i.key, i.name, m.since, i.established,                                  -- 4, 5, 6, 7
                    m.since_last, i.established_first                                       -- 8, 9
                FROM membership_dates AS m
                JOIN institution_dates AS i ON i.id = m.institution_id
                JOIN networks AS n ON n.id = m.network_id
                WHERE i.established IS NOT NULL AND m.since IS NOT NULL
                  AND m.since_first < i.established_last
                ORDER BY m.since, m.id
                """,
                describe: { row, _ in
                    beforeEstablished(row, verb: "began", dates: [FindingDate("since", row.string(6)),
                                                                  FindingDate("established", row.string(7))])
                }),
        ])

    /// "signed on 1989-05-01, at least 245 days before party x (X) was established in 1990: ...".
    private static func beforeEstablished(_ row: RuleRow, verb: String, dates: [FindingDate]) -> FindingDetails {
        let institution = row.string(4), date = row.string(6), established = row.string(7)
        let party = "\(institution) (\(row.string(5)))"
        let related = RelatedRecord(type: "institution", key: institution, title: row.string(5))
        guard row.certain, let last = row.text(8), let first = row.text(9),
              let gap = CalendarDate.days(from: last, to: first) else {
            return FindingDetails(dates: dates, related: related, message: """
                \(verb) \(CalendarDate.phrase(date)), possibly before \(party) was established \
                \(CalendarDate.phrase(established)): record the exact dates, or correct the institution
                """)
        }
        let exact = Wording.isFull(date) && Wording.isFull(established)
        return FindingDetails(dates: dates, related: related, days: gap, message: """
            \(verb) \(CalendarDate.phrase(date)), \(Wording.atLeast(exact))\(Wording.days(gap)) before \(party) was \
            established \(CalendarDate.phrase(established)): correct the date, or the institution
            """)
    }

    static let partyInactive = AuditRule(
        id: "party-inactive",
        severity: .warning,
        checks: """
            An active agreement that has not certainly expired at the as-of date, or a membership that has not \
            certainly ended, with a party whose ROR status is inactive or withdrawn (institutions.ror_status) or \
            that has a successor in ROR (institution_successors): the partner was closed, merged or renamed. \
            Possible when a partial expiry (or until) date includes the as-of date.
            """,
        defaultSettings: "",
        queries: [
            RuleQuery(recordType: .agreement, sql: """
                SELECT
                    coalesce(a.expires_on IS NULL OR a.expires_first >= :as_of, 0) AS certain,
                    a.signed_on AS sort_date, a.key, a.title,
                    i.key, i.name, i.ror_status, i.ror_id,                                  -- 4, 5, 6, 7
                    (SELECT group_concat(successor, '; ') FROM (                            -- 8
                        SELECT coalesce(s.successor_name || ' (ror ' || s.successor_ror_id || ')', s.successor_ror_id)
                            AS successor
                        FROM institution_successors AS s WHERE s.institution_id = i.id ORDER BY s.successor_ror_id)),
                    a.expires_on                                                            -- 9
                FROM institutions AS i
                CROSS JOIN agreement_parties AS ap ON ap.institution_id = i.id
                CROSS JOIN agreement_dates AS a ON a.id = ap.agreement_id
                WHERE (i.ror_status IN ('inactive', 'withdrawn')
                       OR EXISTS (SELECT 1 FROM institution_successors AS s WHERE s.institution_id = i.id))
                  AND a.status = 'active'
                  AND (a.expires_on IS NULL OR a.expires_last >= :as_of)
                ORDER BY a.signed_on NULLS LAST, a.id, i.id
                """,
                describe: { row, settings in
                    partyInactive(row, settings: settings, what: "the agreement", endName: "expires_on", endVerb: "expires")
                }),
            RuleQuery(recordType: .membership, sql: """
                SELECT
                    coalesce(m.until IS NULL OR m.until_first >= :as_of, 0) AS certain,
                    m.since AS sort_date, \(Wording.membershipKeySQL), \(Wording.membershipTitleSQL),
                    i.key, i.name, i.ror_status, i.ror_id,                                  -- 4, 5, 6, 7
                    (SELECT group_concat(successor, '; ') FROM (                            -- 8
                        SELECT coalesce(s.successor_name || ' (ror ' || s.successor_ror_id || ')', s.successor_ror_id)
                            AS successor
                        FROM institution_successors AS s WHERE s.institution_id = i.id ORDER BY s.successor_ror_id)),
                    m.until                                                                 -- 9
                FROM institutions AS i
                JOIN membership_dates AS m ON m.institution_id = i.id
                JOIN networks AS n ON n.id = m.network_id
                WHERE (i.ror_status IN ('inactive', 'withdrawn')
                       OR EXISTS (SELECT 1 FROM institution_successors AS s WHERE s.institution_id = i.id))
                  AND (m.until IS NULL OR m.until_last >= :as_of)
                ORDER BY m.since NULLS LAST, m.id
                """,
                describe: { row, settings in
                    partyInactive(row, settings: settings, what: "the membership", endName: "until", endVerb: "ends")
                }),
        ])

    /// "party x (X) is withdrawn in ROR; successor: Y (ror 0abc12345): update the parties, or end the agreement".
    private static func partyInactive(_ row: RuleRow, settings: AuditSettings, what: String, endName: String,
                                      endVerb: String) -> FindingDetails {
        let institution = row.string(4)
        let party = "party \(institution) (\(row.string(5)))"
        var state: String
        switch row.text(6) {
        case "inactive": state = "is inactive in ROR"
        case "withdrawn": state = "is withdrawn from ROR"
        default: state = "has a successor in ROR"
        }
        if let successors = row.text(8) { state += "; successor: \(successors)" }
        var dates: [FindingDate] = []
        if let date = row.sortDate { dates.append(FindingDate(what == "the agreement" ? "signed_on" : "since", date)) }
        if let end = row.text(9) { dates.append(FindingDate(endName, end)) }
        let related = RelatedRecord(type: "institution", key: institution, title: row.string(5))
        guard row.certain else {
            return FindingDetails(dates: dates, related: related, message: """
                \(party) \(state); \(what) may still be in force (it \(endVerb) \(CalendarDate.phrase(row.string(9)))): \
                check the partner, and update \(what) or end it
                """)
        }
        return FindingDetails(dates: dates, related: related, message: """
            \(party) \(state): check the partner, and update \(what) or end it
            """)
    }
}
