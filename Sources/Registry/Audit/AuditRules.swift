/// The audit's rules, in the order the issue lists them (the order of
/// `--list-rules`, and of findings that tie on severity and date).
public enum AuditRules {
    public static let all: [AuditRule] = [
        endBeforeStart, retroactive, expiredButActive, expiringSoon, noExpiry, signedInFuture,
        announcedBeforeSigning, lateAnnouncement, overlap, termEnded, beforeEstablished, partyInactive,
    ]

    public static var ids: [String] { all.map(\.id) }

    /// The rules with these ids (in any letter case), in the canonical order;
    /// all of them when `ids` is empty. An unknown id is a usage error that
    /// lists the valid ones.
    public static func select(_ ids: [String]) throws -> [AuditRule] {
        guard !ids.isEmpty else { return all }
        let known = Set(self.ids)
        if let unknown = ids.first(where: { !known.contains($0.lowercased()) }) {
            throw AuditError.unknownRule(unknown, valid: self.ids)
        }
        let wanted = Set(ids.map { $0.lowercased() })
        return all.filter { wanted.contains($0.id) }
    }
}
