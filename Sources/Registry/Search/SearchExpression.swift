/// Turns the words a user typed into an FTS5 query that cannot be a syntax
/// error: every word becomes a quoted string (its own quotes doubled), so
/// `AND`, `NOT`, `NEAR`, `-`, `:` or a stray `"` are just text. The words
/// must all occur (FTS5's implicit AND). A word ending in `*` matches as a
/// prefix (`medic*` finds medicine and medical).
public enum SearchExpression {
    public static func make(_ words: [String]) -> String? {
        var terms: [String] = []
        for word in words.flatMap({ $0.split(whereSeparator: \.isWhitespace) }) {
            var text = String(word)
            var prefix = false
            while text.hasSuffix("*") {
                text.removeLast()
                prefix = true
            }
            guard !text.isEmpty else { continue }
            let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            terms.append(prefix ? quoted + " *" : quoted)
        }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }
}
