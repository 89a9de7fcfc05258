/// The closed vocabularies of the registry: each enum's raw values are exactly
/// what the schema's CHECK constraints accept and what import files contain.
public protocol Vocabulary: CaseIterable, RawRepresentable, Sendable where RawValue == String {}

extension Vocabulary {
    /// Parses a value case-insensitively, accepting spaces or hyphens for
    /// underscores ("Dual degree" is `dual_degree`).
    public init?(parsing text: String) {
        // The value as stored, found by its length first: `init(rawValue:)`
        // compares the text with every case in full, and a large import
        // parses a kind and a status on every row.
        let count = text.utf8.count
        for value in Self.allCases where value.rawValue.utf8.count == count && value.rawValue == text {
            self = value
            return
        }
        let wanted = String(text.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
        guard let found = Self.allCases.first(where: { $0.rawValue == wanted }) else { return nil }
        self = found
    }

    /// "a, b or c", for error messages.
    public static var choices: String {
        let names = allCases.map(\.rawValue)
        guard names.count > 1 else { return names.joined() }
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}

public enum InstitutionKind: String, Vocabulary {
    case university, university_college, university_medical_center, research_institute, school, company,
         government, nonprofit, other
}

public enum NetworkKind: String, Vocabulary {
    case network, alliance, association, consortium, charter, programme, other
}

public enum NetworkScope: String, Vocabulary {
    case global, european, national, regional
}

public enum MembershipRole: String, Vocabulary {
    case member, founding_member, coordinator, associate, partner, signatory
}

public enum AgreementKind: String, Vocabulary {
    case mou, cooperation_agreement, strategic_partnership, dual_degree, joint_degree, erasmus_iia,
         research_collaboration, exchange, funding, other
}

public enum AgreementStatus: String, Vocabulary {
    case draft, active, terminated
}
