/// One organisation of a ROR data dump (schema v2), reduced to the members
/// the registry uses. Members the registry does not use (external_ids,
/// domains, geonames coordinates, ...) are skipped, and so are members ROR may
/// add in later schema versions.
public struct RORRecord: Equatable, Sendable {
    public struct Name: Equatable, Sendable {
        public var value: String
        /// ISO 639-1 language as ROR gives it, or nil.
        public var lang: String?
        /// ror_display, label, alias, acronym.
        public var types: [String]

        public var isDisplay: Bool { types.contains("ror_display") }
        public var isAcronym: Bool { types.contains("acronym") }

        public init(value: String, lang: String?, types: [String]) {
            self.value = value
            self.lang = lang
            self.types = types
        }
    }

    public enum RelationKind: String, Sendable, CaseIterable {
        case parent, child, related, successor, predecessor
    }

    public struct Relationship: Equatable, Sendable {
        public var kind: RelationKind
        /// The other organisation's id, without the https://ror.org/ prefix.
        public var rorID: String
        public var label: String?

        public init(kind: RelationKind, rorID: String, label: String?) {
            self.kind = kind
            self.rorID = rorID
            self.label = label
        }
    }

    public enum Status: String, Sendable, CaseIterable {
        case active, inactive, withdrawn
    }

    /// Without the https://ror.org/ prefix: "02jz4aj89".
    public var id: String
    public var names: [Name]
    /// education, healthcare, company, archive, nonprofit, government, facility, funder, other.
    public var types: [String]
    public var status: Status
    public var established: Int?
    /// The first link of type website.
    public var website: String?
    /// Of the first location.
    public var countryCode: String
    public var city: String?
    public var relationships: [Relationship]
    /// admin.last_modified.date.
    public var lastModified: String?

    public init(id: String, names: [Name], types: [String], status: Status, established: Int? = nil,
                website: String? = nil, countryCode: String, city: String? = nil, relationships: [Relationship] = [],
                lastModified: String? = nil) {
        self.id = id
        self.names = names
        self.types = types
        self.status = status
        self.established = established
        self.website = website
        self.countryCode = countryCode
        self.city = city
        self.relationships = relationships
        self.lastModified = lastModified
    }

    /// The name ROR shows: the one typed ror_display (every v2 record has
    /// one), else the first label, else the first name that is not an acronym.
    public var displayName: String {
        (names.first(where: \.isDisplay) ?? names.first(where: { $0.types.contains("label") })
            ?? names.first(where: { !$0.isAcronym }) ?? names[0]).value
    }
}

/// A record that cannot be imported as it is: which member, and what is wrong.
public struct RORRecordError: Error, Equatable, Sendable {
    /// The member's path in the record: "id", "locations[0].geonames_details.country_code".
    public let member: String
    public let message: String
}

extension RORRecord {
    /// Decodes one element of a dump. Throws for what the registry cannot do
    /// without (an id, a name, a country) and for values of the wrong type.
    public init(json: JSONValue) throws {
        guard let object = json.objectValue else {
            throw RORRecordError(member: "record", message: "a ROR record is a JSON object, found \(json.typeDescription)")
        }
        let rawID = try Self.string(object["id"], member: "id")
        guard let id = Self.identifier(rawID) else {
            throw RORRecordError(member: "id", message: "'\(rawID)' is not a ROR id (https://ror.org/ followed by 9 characters with a valid checksum)")
        }

        var names: [Name] = []
        for (index, item) in try Self.array(object["names"], member: "names").enumerated() {
            let value = Self.trimmed(try Self.string(item["value"], member: "names[\(index)].value"))
            if value.isEmpty { continue }
            let lang = try Self.optionalString(item["lang"], member: "names[\(index)].lang")
            let types = try Self.strings(item["types"], member: "names[\(index)].types")
            names.append(Name(value: value, lang: lang, types: types))
        }
        guard !names.isEmpty else {
            throw RORRecordError(member: "names", message: "the record has no name")
        }

        let types = try Self.strings(object["types"], member: "types")
        let statusText = try Self.string(object["status"], member: "status")
        guard let status = Status(rawValue: statusText) else {
            throw RORRecordError(member: "status", message: "'\(statusText)' is not a ROR status (active, inactive or withdrawn)")
        }

        var established: Int?
        switch object["established"] {
        case nil, .null?: established = nil
        case .number(let text)?:
            guard let year = Int(text), (1...9999).contains(year) else {
                throw RORRecordError(member: "established", message: "\(text) is not a year")
            }
            established = year
        case let other?:
            throw RORRecordError(member: "established", message: "a year (a number) or null expected, found \(other.typeDescription)")
        }

        var website: String?
        for (index, link) in try Self.array(object["links"], member: "links", required: false).enumerated()
        where try Self.optionalString(link["type"], member: "links[\(index)].type") == "website" {
            let value = Self.trimmed(try Self.string(link["value"], member: "links[\(index)].value"))
            if !value.isEmpty {
                website = value
                break
            }
        }

        let locations = try Self.array(object["locations"], member: "locations")
        guard let first = locations.first else {
            throw RORRecordError(member: "locations", message: "the record has no location, so no country")
        }
        let details = first["geonames_details"]
        let code = Self.trimmed(try Self.string(details?["country_code"], member: "locations[0].geonames_details.country_code"))
            .uppercased()
        guard code.utf8.count == 2, code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw RORRecordError(member: "locations[0].geonames_details.country_code",
                                 message: "'\(code)' is not an ISO 3166-1 alpha-2 country code")
        }
        let city = try Self.optionalString(details?["name"], member: "locations[0].geonames_details.name").map(Self.trimmed)

        var relationships: [Relationship] = []
        for (index, item) in try Self.array(object["relationships"], member: "relationships", required: false).enumerated() {
            // A relationship type a later schema may add is skipped, not refused.
            guard let kind = RelationKind(rawValue: try Self.string(item["type"], member: "relationships[\(index)].type").lowercased()) else {
                continue
            }
            let raw = try Self.string(item["id"], member: "relationships[\(index)].id")
            guard let other = Self.identifier(raw) else {
                throw RORRecordError(member: "relationships[\(index)].id", message: "'\(raw)' is not a ROR id")
            }
            let label = try Self.optionalString(item["label"], member: "relationships[\(index)].label").map(Self.trimmed)
            relationships.append(Relationship(kind: kind, rorID: other, label: label?.isEmpty == true ? nil : label))
        }

        let lastModified = object["admin"]?["last_modified"]?["date"]?.stringValue
        self.init(id: id, names: names, types: types, status: status, established: established, website: website,
                  countryCode: code, city: city?.isEmpty == true ? nil : city, relationships: relationships,
                  lastModified: lastModified)
    }

    // The member paths are built only for a message (a dump has millions of members).

    private static func string(_ value: JSONValue?, member: @autoclosure () -> String) throws -> String {
        if case .string(let text)? = value { return text }
        guard let value else { throw RORRecordError(member: member(), message: "missing") }
        throw RORRecordError(member: member(), message: "a string expected, found \(value.typeDescription)")
    }

    private static func optionalString(_ value: JSONValue?, member: @autoclosure () -> String) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw RORRecordError(member: member(), message: "a string or null expected, found \(other.typeDescription)")
        }
    }

    private static func array(_ value: JSONValue?, member: @autoclosure () -> String, required: Bool = true) throws -> [JSONValue] {
        switch value {
        case .array(let items)?: return items
        case nil:
            if required { throw RORRecordError(member: member(), message: "missing") }
            return []
        case .null?: return []
        case let other?: throw RORRecordError(member: member(), message: "an array expected, found \(other.typeDescription)")
        }
    }

    private static func strings(_ value: JSONValue?, member: @autoclosure () -> String) throws -> [String] {
        let items = try array(value, member: member())
        var result: [String] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            result.append(try string(item, member: "\(member())[\(index)]"))
        }
        return result
    }

    /// Without surrounding white space; most values have none, and are returned as they are.
    private static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        func plain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x80 }
        return plain(first) && plain(last) ? text : text.trimmingSpaces
    }

    /// The bare id; a dump writes every id as https://ror.org/ and nine characters.
    static func identifier(_ text: String) -> String? {
        if text.utf8.count == 25 && text.hasPrefix("https://ror.org/") {
            let id = text.dropFirst(16)
            if RORIdentifier.isValid(id) { return String(id) }
        }
        return RORIdentifier.normalize(text)
    }
}
