/// "Did you mean" for a name typed wrong: a report, a report parameter, an
/// audit rule, an institution or a network.
public enum Suggestions {
    /// The names that `typed` probably meant, nearest first, at most `count`:
    /// those within a few edits (one per three characters typed, at least
    /// one and at most three); if there are none, those holding what was typed (`days` →
    /// `within_days`), held by it, or sharing most of its start (`expire` →
    /// `expiring`: five characters, and two thirds of it). Letter case does
    /// not count.
    public static func nearest(to typed: String, among names: [String], count: Int = 2) -> [String] {
        let key = typed.lowercased()
        let target = Array(key.unicodeScalars)
        guard !target.isEmpty else { return [] }
        let limit = max(1, min(target.count / 3, 3))
        var found: [(rank: Int, name: String)] = []
        for name in names {
            let candidate = name.lowercased()
            if let distance = EditDistance.distance(target, Array(candidate.unicodeScalars), limit: limit) {
                found.append((distance, name))
            } else if (key.count >= 3 && candidate.contains(key)) || (candidate.count >= 3 && key.contains(candidate)) {
                found.append((limit + 1, name))
            } else if commonPrefixLength(key, candidate) >= max(5, target.count * 2 / 3) {
                found.append((limit + 2, name))
            }
        }
        // A near spelling is what was meant; names that merely hold the
        // text would be noise beside it.
        if found.contains(where: { $0.rank <= limit }) { found.removeAll { $0.rank > limit } }
        // Of equally near names, the shorter first: `signed_on` before `signed_first`.
        return found.sorted { ($0.rank, $0.name.count, $0.name) < ($1.rank, $1.name.count, $1.name) }
            .prefix(count).map(\.name)
    }

    /// "; did you mean 'a'?", "; did you mean 'a', 'b' or 'c'?", or "" for none.
    public static func phrase(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        switch quoted.count {
        case 0: return ""
        case 1: return "; did you mean \(quoted[0])?"
        default: return "; did you mean \(quoted.dropLast().joined(separator: ", ")) or \(quoted[quoted.count - 1])?"
        }
    }

    /// `phrase(nearest(...))`.
    public static func phrase(for typed: String, among names: [String], count: Int = 2) -> String {
        phrase(nearest(to: typed, among: names, count: count))
    }

    private static func commonPrefixLength(_ a: String, _ b: String) -> Int {
        zip(a.unicodeScalars, b.unicodeScalars).prefix { $0 == $1 }.count
    }
}
