/// Two agreements that cover the same ground at the same time.
extension AuditRules {
    static let overlap = AuditRule(
        id: "overlap",
        severity: .warning,
        checks: """
            Two active agreements of the same kind with exactly the same set of parties whose validity periods share \
            at least one day (a renewal that did not supersede its predecessor, or a duplicate). A validity period \
            runs from effective_from (else signed_on) to expires_on, both included; without a start it is open \
            towards the past, without an expiry open towards the future. Reported once per pair, on the agreement \
            that starts later. Possible when partial dates may or may not overlap.
            """,
        defaultSettings: "",
        queries: [
            RuleQuery(recordType: .agreement, sql: overlapSQL, describe: { row, _ in
                let other = row.string(6)
                let this = period(start: row.text(4), end: row.text(5))
                let that = period(start: row.text(8), end: row.text(9))
                var dates: [FindingDate] = []
                if let start = row.text(4) { dates.append(FindingDate("starts", start)) }
                if let end = row.text(5) { dates.append(FindingDate("expires_on", end)) }
                if let start = row.text(8) { dates.append(FindingDate("other_starts", start)) }
                if let end = row.text(9) { dates.append(FindingDate("other_expires_on", end)) }
                let parties = row.int(11).map { $0 == 2 ? "both parties" : "all \($0) parties" } ?? "the same parties"
                let same = "the same kind (\(row.string(10))), \(parties) the same"
                let related = RelatedRecord(type: RecordType.agreement.rawValue, key: other, title: row.string(7))
                if row.certain {
                    return FindingDetails(dates: dates, related: related, message: """
                        overlaps agreement \(other) (\(same)): this one runs \(this), that one \(that); mark the \
                        superseded one terminated, or correct the dates
                        """)
                }
                return FindingDetails(dates: dates, related: related, message: """
                    may overlap agreement \(other) (\(same)): this one runs \(this), that one \(that); record the \
                    exact dates, or mark the superseded one terminated
                    """)
            }),
        ])

    private static func period(start: String?, end: String?) -> String {
        "\(start.map { "from \($0)" } ?? "from an unknown start") \(end.map { "to \($0)" } ?? "with no expiry")"
    }

    /// Finding agreements with the same set of parties without comparing every
    /// pair: `party_set` (migration 0006) holds each agreement's sorted party
    /// ids, so one walk over the index of active agreements by party_set and
    /// kind (migration 0013), in index order with no sort, finds the groups
    /// of two or more; only their members are read. The parties of each pair are still
    /// compared exactly, so a party_set that no longer matches the parties
    /// (a row edited by hand) cannot produce a finding.
    static let overlapSQL = """
        WITH shared AS (
            SELECT kind, party_set
            FROM agreements INDEXED BY agreements_party_set
            WHERE status = 'active' AND party_set IS NOT NULL
            GROUP BY party_set, kind
            HAVING count(*) > 1
        ),
        periods AS MATERIALIZED (
            SELECT s.party_set, a.id, a.key, a.title, a.kind,
                   length(s.party_set) - length(replace(s.party_set, ',', '')) + 1 AS party_count,
                   coalesce(a.effective_from, a.signed_on) AS start,
                   coalesce(a.effective_first, a.signed_first) AS start_first,
                   coalesce(a.effective_last, a.signed_last) AS start_last,
                   a.expires_on, a.expires_first, a.expires_last
            FROM shared AS s
            JOIN agreements AS t INDEXED BY agreements_party_set
              ON t.party_set = s.party_set AND t.kind = s.kind AND t.status = 'active'
            JOIN agreement_dates AS a ON a.id = t.id
        )
        SELECT
            coalesce(r.start_last, '0000-01-01') <= coalesce(o.expires_first, '9999-12-31')
                AND coalesce(o.start_last, '0000-01-01') <= coalesce(r.expires_first, '9999-12-31') AS certain,
            r.start AS sort_date, r.key, r.title,
            r.start, r.expires_on,                                                  -- 4, 5
            o.key, o.title, o.start, o.expires_on,                                  -- 6, 7, 8, 9
            r.kind, r.party_count                                                   -- 10, 11
        FROM periods AS r
        JOIN periods AS o ON o.party_set = r.party_set AND o.kind = r.kind AND o.id <> r.id
        WHERE
            -- Report each pair once, on the agreement that starts later (then by key).
            (coalesce(r.start_first, ''), r.key) > (coalesce(o.start_first, ''), o.key)
            -- The validity periods can share a day.
            AND coalesce(r.start_first, '0000-01-01') <= coalesce(o.expires_last, '9999-12-31')
            AND coalesce(o.start_first, '0000-01-01') <= coalesce(r.expires_last, '9999-12-31')
            -- Exactly the same parties: as many, and none of r's missing from o.
            AND (SELECT count(*) FROM agreement_parties WHERE agreement_id = r.id)
                = (SELECT count(*) FROM agreement_parties WHERE agreement_id = o.id)
            AND NOT EXISTS (
                SELECT 1 FROM agreement_parties AS rp
                WHERE rp.agreement_id = r.id
                  AND NOT EXISTS (SELECT 1 FROM agreement_parties AS op
                                  WHERE op.agreement_id = o.id AND op.institution_id = rp.institution_id))
        ORDER BY r.start NULLS LAST, r.id, o.id
        """
}
