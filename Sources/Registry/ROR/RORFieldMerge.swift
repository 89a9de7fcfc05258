/// The rule that decides, field by field, between what the registry holds and
/// what ROR says, so that an import never silently overwrites what a user
/// entered:
///
/// - ROR gives nothing: the registry's value stays (unless it came from ROR,
///   which has since dropped it).
/// - The registry's value is empty, or is what ROR gave last time: it takes
///   ROR's value (the value came from ROR, so it follows ROR).
/// - The registry's value agrees with ROR's without being equal (`equivalent`:
///   another of ROR's names for the organisation, "1976-09-01" for ROR's
///   "1976", the same website with another scheme, a finer kind): it stays,
///   and is no conflict.
/// - Otherwise a user set it: it stays and is a conflict, unless `overwrite`
///   (which takes ROR's value for conflicts only, not for equivalent values).
///
/// "What ROR gave last time" is always ROR's own value, never the user's
/// equivalent one, so a user's choice is not mistaken for ROR's later.
enum RORFieldMerge {
    struct Outcome: Equatable {
        /// The value the registry should hold.
        var value: String?
        var conflict: Bool
    }

    static func merge(current: String?, previous: String?, incoming: String?, overwrite: Bool,
                      equivalent: (String, String) -> Bool = { $0 == $1 }) -> Outcome {
        guard let incoming else {
            if let previous, current == previous { return Outcome(value: nil, conflict: false) }
            return Outcome(value: current, conflict: false)
        }
        guard let current, current != incoming else { return Outcome(value: incoming, conflict: false) }
        if current == previous { return Outcome(value: incoming, conflict: false) }
        if equivalent(current, incoming) { return Outcome(value: current, conflict: false) }
        return Outcome(value: overwrite ? incoming : current, conflict: !overwrite)
    }

    // MARK: What counts as the same value

    /// Cities: the same once case, accents and spacing are folded.
    static func sameName(_ a: String, _ b: String) -> Bool { NameKey.make(a) == NameKey.make(b) }

    /// Names: any of ROR's names for the organisation (but an acronym), case and accents folded.
    static func isOneOf(_ names: [String]) -> (String, String) -> Bool {
        { current, _ in
            let key = NameKey.make(current)
            return names.contains { NameKey.make($0) == key }
        }
    }

    /// A more precise date inside ROR's year ("1976-09" or "1976-09-01" for "1976").
    static func refinesYear(_ current: String, _ year: String) -> Bool { current.hasPrefix(year + "-") }

    /// The same site: scheme, "www.", a trailing slash and case do not matter.
    static func sameWebsite(_ a: String, _ b: String) -> Bool { siteKey(a) == siteKey(b) }

    static func siteKey(_ url: String) -> String {
        var text = Substring(url.trimmingSpaces.lowercased())
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) {
            text = text.dropFirst(scheme.count)
        }
        if text.hasPrefix("www.") { text = text.dropFirst(4) }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
