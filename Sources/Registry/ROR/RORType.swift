/// The organisation types of ROR (schema v2) and the institution kinds they
/// mean here. ROR's types are coarser than our kinds in one direction (one
/// `education` for universities, colleges and schools) and finer in another
/// (`funder` says what an organisation does, not what it is), so each type has
/// one kind that a new institution gets and a set of kinds that a user may have
/// chosen instead without contradicting ROR.
public enum RORType: String, CaseIterable, Sendable {
    case education, healthcare, facility, government, company, nonprofit, archive, funder, other

    /// The kind of an institution the import creates, when this is the
    /// record's leading type (see `RORType.kind(for:)`).
    public var kind: InstitutionKind {
        switch self {
        case .education: return .university
        case .healthcare: return .university_medical_center
        case .facility: return .research_institute
        case .government: return .government
        case .company: return .company
        case .nonprofit: return .nonprofit
        case .archive, .funder, .other: return .other
        }
    }

    /// The kinds that agree with this type: a user's kind in this set is kept
    /// without a conflict. ROR files a university's institutes and faculties
    /// under `education`; a government lab or a nonprofit research centre is
    /// still a research institute; a funder can be any kind of body.
    public var acceptedKinds: Set<InstitutionKind> {
        switch self {
        case .education: return [.university, .university_college, .school, .research_institute]
        case .healthcare: return [.university_medical_center]
        case .facility: return [.research_institute]
        case .government: return [.government, .research_institute]
        case .company: return [.company]
        case .nonprofit: return [.nonprofit, .research_institute]
        case .archive: return [.other, .research_institute]
        case .funder: return [.government, .nonprofit, .company, .other]
        // ROR's `other` says nothing about what the organisation is.
        case .other: return Set(InstitutionKind.allCases)
        }
    }

    /// Leading type first: what an organisation is wins over what it does
    /// (education over funder), and an `education` + `healthcare` record is a
    /// university medical centre.
    static let precedence: [RORType] = [.education, .healthcare, .facility, .government, .company, .nonprofit,
                                         .archive, .other, .funder]

    /// The kind for a record's types. Types this version does not know count as `other`.
    public static func kind(for types: [String]) -> InstitutionKind {
        if types.contains("education") && types.contains("healthcare") { return .university_medical_center }
        for type in precedence where types.contains(type.rawValue) { return type.kind }
        return .other
    }

    /// Every kind that some of the types accept.
    public static func acceptedKinds(for types: [String]) -> Set<InstitutionKind> {
        var kinds: Set<InstitutionKind> = [kind(for: types)]
        var sawKnown = false
        for type in types {
            guard let known = RORType(rawValue: type) else { continue }
            sawKnown = true
            kinds.formUnion(known.acceptedKinds)
        }
        return sawKnown ? kinds : Set(InstitutionKind.allCases)
    }

    /// The type a record is counted under when --types leaves it out.
    public static func leading(of types: [String]) -> String {
        precedence.first { types.contains($0.rawValue) }?.rawValue ?? types.first ?? "untyped"
    }
}
