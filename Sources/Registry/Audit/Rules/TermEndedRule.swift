/// Appointments whose term is over by the registry's own account, or by a later source.
extension AuditRules {
    static let termEnded = AuditRule(
        id: "term-ended",
        severity: .warning,
        checks: """
            An appointment (1) with no end recorded (ends_on empty) whose stated term has run out: starts_on + \
            term_months months - 1 day is before the as-of date; or (2) whose end was only worked out from the \
            term (ends_on_derived = 1) and is before the as-of date, so nobody has confirmed it; or (3) that a \
            later source contradicts: a news item linked to the same network or institution (news_networks, \
            news_institutions), published on or before the as-of date but after the recorded end, whose title or \
            summary still names the person (letters compared ignoring ASCII case). Possible when partial dates \
            straddle the limit.
            """,
        defaultSettings: "",
        queries: [
            RuleQuery(recordType: .appointment, sql: """
                SELECT
                    coalesce(date(p.starts_last, printf('+%d months', p.term_months), '-1 day') < :as_of, 0) AS certain,
                    date(p.starts_first, printf('+%d months', p.term_months), '-1 day') AS sort_date,
                    \(Wording.appointmentKeySQL), \(Wording.appointmentTitleSQL),
                    p.starts_on, p.term_months,                                             -- 4, 5
                    date(p.starts_first, printf('+%d months', p.term_months), '-1 day'),    -- 6: the term's last day, earliest
                    date(p.starts_last, printf('+%d months', p.term_months), '-1 day')      -- 7: and latest
                FROM appointment_dates AS p
                LEFT JOIN networks AS n ON n.id = p.network_id
                LEFT JOIN institutions AS i ON i.id = p.institution_id
                WHERE p.ends_on IS NULL AND p.starts_on IS NOT NULL AND p.term_months IS NOT NULL
                  AND date(p.starts_first, printf('+%d months', p.term_months), '-1 day') < :as_of
                ORDER BY sort_date, p.id
                """,
                describe: { row, settings in
                    let starts = row.string(4)
                    let term = row.int(5).map { "\($0)-month term" } ?? "term"
                    let dates = [FindingDate("starts_on", starts), FindingDate("term_months", row.int(5).map(String.init) ?? "")]
                    let earliest = row.string(6), latest = row.string(7)
                    guard row.certain, let ago = CalendarDate.days(from: latest, to: settings.asOf) else {
                        return FindingDetails(dates: dates, message: """
                            the \(term) that started \(CalendarDate.phrase(starts)) may have run out before \
                            \(settings.asOf) (it ends between \(earliest) and \(latest)), but no end is recorded: record \
                            when the term ended, or that it was extended
                            """)
                    }
                    let exact = Wording.isFull(starts)
                    return FindingDetails(dates: dates, days: ago, message: """
                        the \(term) that started \(CalendarDate.phrase(starts)) ran out \(exact ? "on" : "by") \(latest), \
                        \(Wording.atLeast(exact))\(Wording.days(ago)) before \(settings.asOf), but no end is recorded: \
                        record when the term ended, or that it was extended
                        """)
                }),
            RuleQuery(recordType: .appointment, sql: """
                SELECT
                    coalesce(p.ends_last < :as_of, 0) AS certain,
                    p.ends_on AS sort_date, \(Wording.appointmentKeySQL), \(Wording.appointmentTitleSQL),
                    p.starts_on, p.ends_on, p.term_months, p.ends_first, p.ends_last        -- 4, 5, 6, 7, 8
                FROM appointment_dates AS p
                LEFT JOIN networks AS n ON n.id = p.network_id
                LEFT JOIN institutions AS i ON i.id = p.institution_id
                WHERE p.ends_on_derived = 1 AND p.ends_on IS NOT NULL AND p.ends_first < :as_of
                ORDER BY p.ends_on, p.id
                """,
                describe: { row, settings in
                    let ends = row.string(5)
                    var dates = [FindingDate("ends_on", ends)]
                    if let starts = row.text(4) { dates.insert(FindingDate("starts_on", starts), at: 0) }
                    let term = row.int(6).map { "\($0)-month term" } ?? "term"
                    guard row.certain, let last = row.text(8), let ago = CalendarDate.days(from: last, to: settings.asOf) else {
                        return FindingDetails(dates: dates, message: """
                            the end \(ends) was only worked out from the \(term) and may have passed at \(settings.asOf): \
                            confirm when the term ended, or record that it was extended
                            """)
                    }
                    return FindingDetails(dates: dates, days: ago, message: """
                        the end \(ends) was only worked out from the \(term) and passed \
                        \(Wording.atLeast(Wording.isFull(ends)))\(Wording.days(ago)) before \(settings.asOf): confirm \
                        when the term ended, or record that it was extended
                        """)
                }),
            RuleQuery(recordType: .appointment, sql: """
                SELECT
                    coalesce(nd.published_first > p.ends_last, 0) AS certain,
                    nd.published_on AS sort_date, \(Wording.appointmentKeySQL), \(Wording.appointmentTitleSQL),
                    p.ends_on, nd.key, nd.title, nd.published_on,                          -- 4, 5, 6, 7
                    p.ends_last, nd.published_first, p.person                              -- 8, 9, 10
                FROM appointment_dates AS p
                LEFT JOIN networks AS n ON n.id = p.network_id
                LEFT JOIN institutions AS i ON i.id = p.institution_id
                JOIN news_item_dates AS nd ON nd.id IN (
                    SELECT news_item_id FROM news_networks WHERE network_id = p.network_id
                    UNION
                    SELECT news_item_id FROM news_institutions WHERE institution_id = p.institution_id)
                WHERE p.ends_on IS NOT NULL
                  AND nd.published_last > p.ends_first
                  AND nd.published_first <= :as_of
                  AND instr(lower(nd.title || ' ' || coalesce(nd.summary, '')), lower(p.person)) > 0
                ORDER BY nd.published_on, p.id, nd.id
                """,
                describe: { row, _ in
                    let ends = row.string(4), news = row.string(5), published = row.string(7)
                    let person = row.string(10)
                    let dates = [FindingDate("ends_on", ends), FindingDate("published_on", published)]
                    let related = RelatedRecord(type: RecordType.newsItem.rawValue, key: news, title: row.string(6))
                    guard row.certain, let last = row.text(8), let first = row.text(9),
                          let gap = CalendarDate.days(from: last, to: first) else {
                        return FindingDetails(dates: dates, related: related, message: """
                            news item \(news), published \(CalendarDate.phrase(published)), possibly after the recorded \
                            end \(ends), still names \(person): check whether the term was extended, and correct ends_on
                            """)
                    }
                    let exact = Wording.isFull(ends) && Wording.isFull(published)
                    return FindingDetails(dates: dates, related: related, days: gap, message: """
                        news item \(news), published \(CalendarDate.phrase(published)), \(Wording.atLeast(exact))\
                        \(Wording.days(gap)) after the recorded end \(ends), still names \(person): check whether the \
                        term was extended, and correct ends_on
                        """)
                }),
        ])
}
