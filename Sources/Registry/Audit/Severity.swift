/// How serious a finding is. Ordered: errors first.
public enum Severity: String, CaseIterable, Comparable, Sendable {
    case error, warning, info

    /// 0 for an error, 1 for a warning, 2 for info: the sort order of the output.
    public var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .info: return 2
        }
    }

    /// One step less serious: what a rule reports when it holds for only some
    /// of the days its partial dates could mean. Info is the floor.
    public var lowered: Severity {
        switch self {
        case .error: return .warning
        case .warning, .info: return .info
        }
    }

    /// True when a finding of this severity reaches the `threshold`
    /// (`error` is at or above `warning`).
    public func isAtOrAbove(_ threshold: Severity) -> Bool { rank <= threshold.rank }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank > rhs.rank }
}

/// Whether a rule holds for every day the partial dates could mean
/// (`certain`), or only for some of them (`possible`).
public enum Certainty: String, CaseIterable, Sendable {
    case certain, possible
}
