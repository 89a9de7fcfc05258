import Database
@testable import Registry
import XCTest

/// What holds for the audit as a whole: order, counts, rule selection, settings.
final class AuditorTests: XCTestCase {
    private var registry: AuditTestRegistry!
    private let asOf = "2026-11-20"

    override func setUpWithError() throws { registry = try AuditTestRegistry() }
    override func tearDown() { registry = nil }

    /// One registry where every rule has something to say.
    private func fillWithOneOfEverything() throws {
        let network = try registry.network("wun")
        let young = try registry.institution("young", established: "2000", rorStatus: "withdrawn")
        let x = try registry.institution("x"), y = try registry.institution("y")
        try registry.agreement("backwards", status: "terminated", signed: "2020-06-12", expires: "2020-06-11")
        try registry.agreement("retro", signed: "2020-01-31", effective: "2020-01-01", expires: "2030-01-01")
        let expired = try registry.agreement("expired", signed: "2015-01-01", expires: "2024-06-30")
        try registry.agreement("soon", signed: "2020-01-01", expires: "2027-01-31")
        try registry.agreement("forever", signed: "2015-01-01")
        try registry.agreement("future", signed: "2027-01-01", expires: "2030-01-01")
        try registry.agreement("old", signed: "2019-01-01", expires: "2029-12-31", parties: [x, y])
        try registry.agreement("dup", signed: "2021-01-01", expires: "2029-12-31", parties: [y, x])
        try registry.agreement("too-early", signed: "1999-05-01", expires: "2030-01-01", parties: [young, x])
        try registry.news("early-news", published: "2014-12-01", agreements: [expired])
        try registry.news("late-news", published: "2016-01-01", agreements: [expired])
        try registry.appointment(network: network, starts: "2020-01-01", termMonths: 24)
        try registry.membership(network: network, institution: young, since: "2019")
    }

    func testFindingsAreSortedBySeverityThenDateThenRule() throws {
        try fillWithOneOfEverything()
        let findings = try registry.audit([], asOf: asOf)
        XCTAssertEqual(findings.map { "\($0.severity.rawValue) \($0.date ?? "-") \($0.rule) \($0.recordKey)" }, [
            "error 1999-05-01 before-established too-early",
            "error 2020-06-11 end-before-start backwards",
            "warning 1999-05-01 party-inactive too-early",
            "warning 2014-12-01 announced-before-signing early-news",
            "warning 2015-01-01 no-expiry forever",
            "warning 2019 party-inactive wun/young/member",
            "warning 2021-01-01 overlap dup",
            "warning 2021-12-31 term-ended wun/Jane Doe/2020-01-01",
            "warning 2024-06-30 expired-but-active expired",
            "warning 2027-01-01 signed-in-future future",
            "warning 2027-01-31 expiring-soon soon",
            "info 2016-01-01 late-announcement late-news",
            "info 2020-01-01 retroactive retro",
        ])
        for finding in findings {
            XCTAssertFalse(finding.message.isEmpty)
            XCTAssertEqual(finding.certainty, .certain)
        }
    }

    func testTheThreadedRunGivesExactlyTheSameFindings() throws {
        try fillWithOneOfEverything()
        try registry.agreement("partial", signed: "2021", expires: "2026")
        let sequential = try registry.audit([], asOf: asOf, parallel: false)
        let threaded = try registry.audit([], asOf: asOf, parallel: true)
        XCTAssertEqual(threaded, sequential)
        XCTAssertGreaterThan(threaded.count, 10)
    }

    /// The rules' connections read one snapshot: an agreement committed while
    /// they begin shows in every rule or in none. Here it comes after all of
    /// them began, so the audit runs serially in the newer snapshot.
    func testACommitWhileTheRulesBeginShowsInAllOrNone() throws {
        try fillWithOneOfEverything()
        let settings = try AuditSettings(asOf: asOf, withinDays: 180, noExpiryYears: 5, lateAnnouncementDays: 60)
        let auditor = try Auditor(connection: registry.connection, settings: settings)
        let writer = try RegistryDatabase.open(path: registry.path, access: .write)
        auditor.afterSnapshots = {
            do {
                // Expired but active, and ending before it begins: two rules find it.
                try writer.execute("""
                    INSERT INTO agreements (key, title, kind, status, signed_on, expires_on)
                    VALUES ('committed-meanwhile', 'Committed meanwhile', 'mou', 'active', '2024-05-01', '2024-04-30')
                    """)
            } catch {
                XCTFail("the commit in between failed: \(error)")
            }
        }
        let threaded = try auditor.findings(parallel: true)
        auditor.afterSnapshots = {}
        let after = try auditor.findings(parallel: false)
        XCTAssertEqual(threaded.filter { $0.recordKey == "committed-meanwhile" }.count, 2)
        XCTAssertEqual(threaded, after)
    }

    /// expired-but-active runs in two parts (ranges of ids) on two threads:
    /// the merge must interleave them exactly as the one query orders its rows
    /// (expiry, then signing date with none first, then id), possible findings
    /// (held back to the info severity) included.
    func testTheTwoPartsOfExpiredButActiveInterleaveAsOneQuery() throws {
        let signings: [String?] = [nil, "2019-05-01", "2019", "2018-12-31", nil, "2019-05"]
        for round in 0..<4 {
            for (index, signed) in signings.enumerated() {
                let expires = ["2024-06-30", "2024-06", "2024", "2026-11"][(round + index) % 4]
                try registry.agreement("e\(round)-\(index)", signed: signed, expires: expires)
            }
        }
        let sequential = try registry.audit(["expired-but-active"], asOf: asOf, parallel: false)
        let threaded = try registry.audit(["expired-but-active"], asOf: asOf, parallel: true)
        XCTAssertEqual(threaded.map(\.recordKey), sequential.map(\.recordKey))
        XCTAssertEqual(threaded, sequential)
        XCTAssertEqual(sequential.count, 24)
        XCTAssertEqual(Set(sequential.map(\.severity)), [.warning, .info])
        let first = sequential.filter { $0.date == "2024-06-30" }.map(\.recordKey)
        XCTAssertEqual(first, ["e0-0", "e0-4", "e1-3", "e2-2", "e3-5", "e3-1"], "by signing date, none first, then id")
    }

    func testTheSummaryCountsBySeverity() throws {
        try fillWithOneOfEverything()
        let settings = try AuditSettings(asOf: asOf)
        let summary = try Auditor(connection: registry.connection, settings: settings).run { _ in }
        XCTAssertEqual([summary.errors, summary.warnings, summary.infos], [2, 9, 2])
        XCTAssertEqual(summary.text, "13 findings as of 2026-11-20: 2 errors, 9 warnings, 2 info")
        XCTAssertTrue(summary.reaches(.error))
        XCTAssertTrue(summary.reaches(.info))
        let none = try Auditor(connection: registry.connection, settings: settings,
                               rules: AuditRules.select(["retroactive"])).run { _ in }
        XCTAssertFalse(none.reaches(.warning))
        XCTAssertTrue(none.reaches(.info))
        XCTAssertEqual(none.text, "1 finding as of 2026-11-20: 0 errors, 0 warnings, 1 info")
    }

    func testAnEmptyRegistryHasNoFindings() throws {
        XCTAssertEqual(try registry.audit([], asOf: asOf), [])
    }

    func testRulesAreSelectedByIdInTheirOwnOrderAndUnknownIdsAreRefused() throws {
        XCTAssertEqual(try AuditRules.select(["overlap", "retroactive"]).map(\.id), ["retroactive", "overlap"])
        XCTAssertEqual(try AuditRules.select([]).count, 12)
        XCTAssertEqual(try AuditRules.select(["Overlap", "END-BEFORE-START"]).map(\.id), ["end-before-start", "overlap"],
                       "ids in any letter case")
        XCTAssertThrowsError(try AuditRules.select(["retroactive", "expired"])) { error in
            XCTAssertEqual(error as? AuditError, .unknownRule("expired", valid: AuditRules.ids))
            XCTAssertEqual((error as? CategorizedError)?.category, .usage)
            XCTAssertTrue("\(error)".contains("expired-but-active"))
        }
    }

    func testTheRulesAreTheOnesTheIssueLists() {
        XCTAssertEqual(AuditRules.all.map { "\($0.id) \($0.severity.rawValue)" }, [
            "end-before-start error", "retroactive info", "expired-but-active warning", "expiring-soon warning",
            "no-expiry warning", "signed-in-future warning", "announced-before-signing warning",
            "late-announcement info", "overlap warning", "term-ended warning", "before-established error",
            "party-inactive warning",
        ])
        XCTAssertEqual(AuditRules.all.filter { !$0.defaultSettings.isEmpty }.map(\.id),
                       ["expiring-soon", "no-expiry", "late-announcement"])
    }

    func testSettingsRefuseImpossibleValues() {
        XCTAssertThrowsError(try AuditSettings(asOf: "2026-02-30"))
        XCTAssertThrowsError(try AuditSettings(asOf: "2026-11"))
        XCTAssertThrowsError(try AuditSettings(asOf: "2026-11-20", withinDays: -1))
        XCTAssertNoThrow(try AuditSettings(asOf: "2024-02-29", withinDays: 0))
        XCTAssertTrue(CalendarDate.isFullDate(AuditSettings.today()))
    }

    func testSeveritiesAreLoweredOneStepWithInfoTheFloor() {
        XCTAssertEqual(Severity.error.lowered, .warning)
        XCTAssertEqual(Severity.warning.lowered, .info)
        XCTAssertEqual(Severity.info.lowered, .info)
        XCTAssertTrue(Severity.error.isAtOrAbove(.warning))
        XCTAssertFalse(Severity.info.isAtOrAbove(.warning))
    }
}
