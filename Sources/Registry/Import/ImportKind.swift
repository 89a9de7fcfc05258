/// What an import file holds. The order of the cases is the order in which
/// `init` loads the seed files: each kind may refer to the kinds before it.
/// To add a kind (such as `ror`): add a case here, its columns (an
/// `ImportColumn` enum; `acceptsOtherKeys` for nested JSON records, which the
/// row importer then reads from `ImportRow.json`) and a `RowImporter`, and
/// pick it in `ImportRun.run`. `JSONStreamReader` reads a top-level array one
/// element at a time, so a 150 MB ROR dump costs the memory of one record.
public enum ImportKind: String, CaseIterable, Sendable {
    case institutions, networks, memberships, agreements, news, appointments

    /// The file contract: column names in their documented order.
    public var columnNames: [String] {
        switch self {
        case .institutions: return InstitutionColumn.allCases.map(\.name)
        case .networks: return NetworkColumn.allCases.map(\.name)
        case .memberships: return MembershipColumn.allCases.map(\.name)
        case .agreements: return AgreementColumn.allCases.map(\.name)
        case .news: return NewsColumn.allCases.map(\.name)
        case .appointments: return AppointmentColumn.allCases.map(\.name)
        }
    }
}

/// The layout of an import file.
public enum ImportFormat: String, CaseIterable, Sendable {
    case csv, json, ndjson

    /// The format a file name's extension says, or nil. A `.tsv` file is CSV
    /// with tabs (the CSV reader takes the delimiter from the header row).
    public static func fromExtension(of path: String) -> ImportFormat? {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".csv") || lowered.hasSuffix(".tsv") { return .csv }
        if lowered.hasSuffix(".json") { return .json }
        if lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".jsonl") { return .ndjson }
        return nil
    }
}
