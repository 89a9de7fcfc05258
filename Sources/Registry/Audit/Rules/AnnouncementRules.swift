/// Rules comparing a news item with the agreement it is linked to (news_agreements).
extension AuditRules {
    static let announcedBeforeSigning = AuditRule(
        id: "announced-before-signing",
        severity: .warning,
        checks: """
            A news item linked to an agreement is published before the agreement's signing date. Possible when \
            the partial dates overlap.
            """,
        defaultSettings: "",
        queries: [
            RuleQuery(recordType: .newsItem, sql: """
                SELECT
                    coalesce(n.published_last < a.signed_first, 0) AS certain,
                    n.published_on AS sort_date, n.key, n.title,
                    a.key, a.title,                                                         -- 4, 5
                    n.published_on, a.signed_on, n.published_last, a.signed_first          -- 6, 7, 8, 9
                FROM news_item_dates AS n
                JOIN news_agreements AS na ON na.news_item_id = n.id
                JOIN agreement_dates AS a ON a.id = na.agreement_id
                WHERE a.signed_on IS NOT NULL
                  AND substr(n.published_on, 1, 4) <= substr(a.signed_on, 1, 4)
                  AND n.published_first < a.signed_last
                ORDER BY n.published_on, n.id, a.id
                """,
                describe: { row, _ in
                    let agreement = row.string(4), published = row.string(6), signed = row.string(7)
                    let details = FindingDetails(
                        dates: [FindingDate("published_on", published), FindingDate("signed_on", signed)],
                        related: RelatedRecord(type: RecordType.agreement.rawValue, key: agreement, title: row.string(5)),
                        message: "")
                    guard row.certain, let last = row.text(8), let first = row.text(9),
                          let gap = CalendarDate.days(from: last, to: first) else {
                        return with(details, message: """
                            may have been published before agreement \(agreement) was signed: published \
                            \(CalendarDate.phrase(published)), signed \(CalendarDate.phrase(signed)); record the exact dates
                            """)
                    }
                    let exact = Wording.isFull(published) && Wording.isFull(signed)
                    return with(details, days: gap, message: """
                        published \(CalendarDate.phrase(published)), \(Wording.atLeast(exact))\(Wording.days(gap)) \
                        before agreement \(agreement) was signed \(CalendarDate.phrase(signed)): correct the signing \
                        date, or link the news item to the right agreement
                        """)
                }),
        ])

    static let lateAnnouncement = AuditRule(
        id: "late-announcement",
        severity: .info,
        checks: """
            A news item linked to an agreement is published more than N days after the agreement's signing date \
            (exactly N days is not late). Possible when partial dates straddle the limit.
            """,
        defaultSettings: "days = \(AuditSettings.defaultLateAnnouncementDays) (--late-days)",
        queries: [
            RuleQuery(recordType: .newsItem, sql: """
                SELECT
                    coalesce(n.published_first > date(a.signed_last, printf('+%d days', :late_days)), 0) AS certain,
                    n.published_on AS sort_date, n.key, n.title,
                    a.key, a.title,                                                         -- 4, 5
                    n.published_on, a.signed_on, n.published_first, a.signed_last          -- 6, 7, 8, 9
                FROM news_item_dates AS n
                JOIN news_agreements AS na ON na.news_item_id = n.id
                JOIN agreement_dates AS a ON a.id = na.agreement_id
                WHERE a.signed_on IS NOT NULL
                  AND n.published_last > date(a.signed_first, printf('+%d days', :late_days))
                ORDER BY n.published_on, n.id, a.id
                """,
                describe: { row, settings in
                    let agreement = row.string(4), published = row.string(6), signed = row.string(7)
                    let details = FindingDetails(
                        dates: [FindingDate("published_on", published), FindingDate("signed_on", signed)],
                        related: RelatedRecord(type: RecordType.agreement.rawValue, key: agreement, title: row.string(5)),
                        message: "")
                    let limit = "more than \(Wording.days(settings.lateAnnouncementDays))"
                    guard row.certain, let first = row.text(8), let last = row.text(9),
                          let gap = CalendarDate.days(from: last, to: first) else {
                        return with(details, message: """
                            published \(CalendarDate.phrase(published)), possibly \(limit) after agreement \(agreement) was \
                            signed \(CalendarDate.phrase(signed)): check the signing date
                            """)
                    }
                    let exact = Wording.isFull(published) && Wording.isFull(signed)
                    return with(details, days: gap, message: """
                        published \(CalendarDate.phrase(published)), \(Wording.atLeast(exact))\(Wording.days(gap)) \
                        (\(limit)) after agreement \(agreement) was signed \(CalendarDate.phrase(signed)): check the \
                        signing date
                        """)
                }),
        ])

    private static func with(_ details: FindingDetails, days: Int? = nil, message: String) -> FindingDetails {
        var details = details
        details.days = days
        details.message = message
        return details
    }
}
