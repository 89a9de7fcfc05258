import Database

/// What `init` shows after loading: how much is in each table, the latest
/// news and the agreements.
public struct RegistryOverview: Sendable {
    public struct TableCount: Sendable {
        public let table: String
        public let rows: Int64
    }

    public struct NewsLine: Sendable {
        public let publishedOn: String
        public let language: String
        public let title: String
    }

    public struct AgreementLine: Sendable {
        public let signedOn: String?
        public let kind: String
        public let title: String
        /// Party names, sorted, joined with "; ".
        public let parties: String
    }

    public let counts: [TableCount]
    public let latestNews: [NewsLine]
    public let agreements: [AgreementLine]
    /// Agreements beyond the ones listed.
    public let moreAgreements: Int64

    /// The tables counted, in the order shown. Constant names, never input.
    static let tables = ["institutions", "institution_aliases", "networks", "memberships", "agreements",
                         "agreement_parties", "news_items", "news_agreements", "news_institutions", "news_networks",
                         "appointments"]

    static let latestNewsSQL = """
        SELECT published_on, language, title FROM news_items ORDER BY published_on DESC, language, key LIMIT ?1
        """
    static let agreementsSQL = """
        SELECT a.signed_on, a.kind, a.title,
               (SELECT group_concat(name, '; ') FROM (
                    SELECT i.name FROM agreement_parties AS p JOIN institutions AS i ON i.id = p.institution_id
                    WHERE p.agreement_id = a.id ORDER BY i.name)) AS parties
        FROM agreements AS a
        ORDER BY a.signed_on IS NULL, a.signed_on, a.key
        LIMIT ?1
        """

    public static func load(_ connection: Connection, news: Int = 5, agreements: Int = 50) throws -> RegistryOverview {
        var counts: [TableCount] = []
        for table in tables {
            counts.append(TableCount(table: table, rows: try connection.scalar("SELECT count(*) FROM \(table)")?.int64 ?? 0))
        }
        let newsLines = try connection.rows(latestNewsSQL, [news]).map {
            NewsLine(publishedOn: $0[0].string ?? "", language: $0[1].string ?? "", title: $0[2].string ?? "")
        }
        let agreementLines = try connection.rows(agreementsSQL, [agreements]).map {
            AgreementLine(signedOn: $0[0].string, kind: $0[1].string ?? "", title: $0[2].string ?? "", parties: $0[3].string ?? "")
        }
        let total = counts.first(where: { $0.table == "agreements" })?.rows ?? 0
        return RegistryOverview(counts: counts, latestNews: newsLines, agreements: agreementLines,
                                moreAgreements: max(0, total - Int64(agreementLines.count)))
    }
}
