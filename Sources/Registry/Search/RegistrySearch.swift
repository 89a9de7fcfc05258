import Database
import Foundation

/// Full-text search over news titles and summaries and agreement titles and
/// notes (the FTS5 indexes of migration 0003), best matches first.
public enum RegistrySearch {
    public enum Failure: CategorizedError, Equatable {
        case noWords
        case badLimit(Int)

        public var category: ErrorCategory { .usage }
        public var description: String {
            switch self {
            case .noWords: return "give at least one word to search for, e.g. partnerships search regenerative medicine"
            case .badLimit(let limit): return "--limit \(limit): expected a number of results from 1 up"
            }
        }
    }

    /// How many of the most recently added matches of each index are ranked.
    /// bm25 costs a few microseconds per matching row; a common word in a
    /// million agreements matches tens of thousands, which would take far
    /// longer than the 50 ms a search may take. Scores stay true bm25 scores
    /// (FTS5 computes the term statistics over the whole index).
    public static let rankingWindow = 2_000

    /// For each index: the lowest rowid among its `:window` newest matches
    /// bounds the search; FTS5 ranks those rows itself (`ORDER BY rank`,
    /// bm25 with title words weighing ten times more: 0003's 'rank'
    /// setting) and makes snippets only for the best `:limit`. The two lists
    /// are then merged by score; rank is more negative for better matches,
    /// so relevance is -rank.
    static let sql = """
        SELECT kind, key, date, title, snippet, round(-score, 2) AS relevance
        FROM (
            SELECT 'agreement' AS kind, a.key, a.signed_on AS date, a.title, hit.snippet, hit.score
            FROM (SELECT rowid, rank AS score, snippet(agreement_search, -1, '[', ']', '…', 12) AS snippet
                  FROM agreement_search
                  WHERE agreement_search MATCH :query
                    AND rowid >= (SELECT coalesce(min(rowid), 0) FROM (
                            SELECT rowid FROM agreement_search WHERE agreement_search MATCH :query
                            ORDER BY rowid DESC LIMIT :window))
                  ORDER BY rank LIMIT :limit) AS hit
            JOIN agreements a ON a.id = hit.rowid
            UNION ALL
            SELECT 'news', n.key, n.published_on, n.title, hit.snippet, hit.score
            FROM (SELECT rowid, rank AS score, snippet(news_search, -1, '[', ']', '…', 12) AS snippet
                  FROM news_search
                  WHERE news_search MATCH :query
                    AND rowid >= (SELECT coalesce(min(rowid), 0) FROM (
                            SELECT rowid FROM news_search WHERE news_search MATCH :query
                            ORDER BY rowid DESC LIMIT :window))
                  ORDER BY rank LIMIT :limit) AS hit
            JOIN news_items n ON n.id = hit.rowid)
        ORDER BY score, date DESC, key
        LIMIT :limit
        """

    /// Searches for all of `words` and streams at most `limit` results:
    /// kind (agreement or news), key, date, title, snippet (matches in
    /// [brackets]) and relevance (higher is better).
    public static func run(words: [String], limit: Int, guard queryGuard: QueryGuard,
                           columns: ([String]) throws -> Void, row: ([DatabaseValue]) throws -> Void) throws {
        guard let expression = SearchExpression.make(words) else { throw Failure.noWords }
        guard limit > 0 else { throw Failure.badLimit(limit) }
        let statement = try queryGuard.prepare(sql)
        try statement.bind(named: ["query": expression, "limit": limit, "window": rankingWindow])
        try queryGuard.run(statement, columns: columns, row: row)
    }
}
