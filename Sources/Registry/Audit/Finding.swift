import Database

/// The kind of record a finding is about.
public enum RecordType: String, CaseIterable, Sendable {
    case agreement, membership, appointment
    case newsItem = "news_item"
}

/// A named date a finding involves, as recorded: `expires_on = 2024-06`.
public struct FindingDate: Equatable, Sendable {
    public let name: String
    public let value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A second record a finding involves: the other agreement of an overlap,
/// the agreement a news item announces, the institution that is a party.
public struct RelatedRecord: Equatable, Sendable {
    public let type: String
    public let key: String
    public let title: String

    public init(type: String, key: String, title: String) {
        self.type = type
        self.key = key
        self.title = title
    }
}

/// One problem the audit found, explained in one line.
public struct Finding: Equatable, Sendable {
    public let rule: String
    public let severity: Severity
    public let certainty: Certainty
    public let recordType: RecordType
    public let recordKey: String
    public let recordTitle: String
    /// The date the finding is sorted by, as recorded (possibly partial);
    /// nil when the record has none.
    public let date: String?
    /// Every date the rule compared.
    public let dates: [FindingDate]
    public let related: RelatedRecord?
    /// The number of days the message states (how long ago it expired, how
    /// soon it expires, how late the news came), when it states one.
    public let days: Int?
    public let message: String

    public init(rule: String, severity: Severity, certainty: Certainty, recordType: RecordType, recordKey: String,
                recordTitle: String, date: String?, dates: [FindingDate], related: RelatedRecord?, days: Int?,
                message: String) {
        self.rule = rule
        self.severity = severity
        self.certainty = certainty
        self.recordType = recordType
        self.recordKey = recordKey
        self.recordTitle = recordTitle
        self.date = date
        self.dates = dates
        self.related = related
        self.days = days
        self.message = message
    }

    /// The columns of a finding in every output format, in order. A public
    /// interface: scripts read these names, so they only ever get added to.
    public static let columns = [
        "severity", "certainty", "rule", "record_type", "record_key", "record_title", "date", "dates",
        "related_type", "related_key", "related_title", "days", "message",
    ]

    /// `dates` as one field: `expires_on=2024-06-30; signed_on=2024-07`.
    public var datesText: String { Self.datesText(dates) }

    /// `dates` as one field (see `datesText`).
    public static func datesText(_ dates: [FindingDate]) -> String {
        var text = ""
        for (index, date) in dates.enumerated() {
            if index > 0 { text += "; " }
            text += date.name
            text += "="
            text += date.value
        }
        return text
    }

    /// The finding as a row of `columns`.
    public var values: [DatabaseValue] {
        [
            .text(severity.rawValue), .text(certainty.rawValue), .text(rule), .text(recordType.rawValue),
            .text(recordKey), .text(recordTitle), date.map(DatabaseValue.text) ?? .null, .text(datesText),
            related.map { .text($0.type) } ?? .null, related.map { .text($0.key) } ?? .null,
            related.map { .text($0.title) } ?? .null, days.map { .integer(Int64($0)) } ?? .null, .text(message),
        ]
    }
}
