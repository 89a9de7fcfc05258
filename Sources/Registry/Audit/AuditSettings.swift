import Database
import Foundation

/// What an audit run compares against: the as-of date and the rules' settings.
public struct AuditSettings: Equatable, Sendable {
    /// The day the audit is run for, 'YYYY-MM-DD'.
    public var asOf: String
    /// `expiring-soon`: an agreement ending within this many days of the as-of date.
    public var withinDays: Int
    /// `no-expiry`: an agreement without expiry signed more than this many years ago.
    public var noExpiryYears: Int
    /// `late-announcement`: a news item published more than this many days after the signing.
    public var lateAnnouncementDays: Int

    public static let defaultWithinDays = 180
    public static let defaultNoExpiryYears = 5
    public static let defaultLateAnnouncementDays = 60

    /// Checks every value; the as-of date must be a real day written 'YYYY-MM-DD'.
    public init(asOf: String, withinDays: Int = defaultWithinDays, noExpiryYears: Int = defaultNoExpiryYears,
                lateAnnouncementDays: Int = defaultLateAnnouncementDays) throws {
        guard CalendarDate.isFullDate(asOf) else { throw AuditError.invalidAsOf(asOf) }
        guard withinDays >= 0 else { throw AuditError.invalidSetting(name: "within", value: withinDays) }
        guard noExpiryYears >= 0 else { throw AuditError.invalidSetting(name: "no-expiry-years", value: noExpiryYears) }
        guard lateAnnouncementDays >= 0 else {
            throw AuditError.invalidSetting(name: "late-days", value: lateAnnouncementDays)
        }
        self.asOf = asOf
        self.withinDays = withinDays
        self.noExpiryYears = noExpiryYears
        self.lateAnnouncementDays = lateAnnouncementDays
    }

    /// Today in the local time zone, 'YYYY-MM-DD': the default as-of date.
    public static func today(now: Date = Date()) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: now)
        let days = CalendarDate.daysFromCivil(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        return CalendarDate.string(fromDayNumber: days)
    }

    /// The values the rules' SQL reads, by parameter name.
    var parameters: [String: DatabaseValueConvertible] {
        [":as_of": asOf, ":within_days": withinDays, ":no_expiry_years": noExpiryYears, ":late_days": lateAnnouncementDays]
    }
}
