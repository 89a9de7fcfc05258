import Database
import Foundation
@testable import Registry
import TestSupport
import XCTest

/// Report files: the header, validation, parameters, and a user folder
/// adding and replacing reports.
final class ReportCatalogueTests: XCTestCase {
    var fixture: ReportRegistryFixture!
    var folder: TemporaryDirectory!

    override func setUpWithError() throws {
        fixture = try ReportRegistryFixture()
        folder = try TemporaryDirectory()
    }

    override func tearDown() {
        fixture = nil
        folder = nil
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(toFile: folder.path(name), atomically: true, encoding: .utf8)
    }

    func testHeaderGivesNameDescriptionAndParameters() throws {
        let report = try ReportParser.parse("""
            -- name: by-kind
            -- description: Agreements of one kind.
            -- param: kind
            -- param: limit = 10
            -- param: country =
            -- A note: free text with a colon is ignored.
            SELECT key FROM agreements WHERE kind = :kind AND (:country IS NULL OR :country <> '') AND :as_of <> '' LIMIT :limit;
            """, fileName: "x.sql", origin: .builtIn)
        XCTAssertEqual(report.name, "by-kind")
        XCTAssertEqual(report.description, "Agreements of one kind.")
        XCTAssertEqual(report.parameters, [
            ReportParameter(name: "kind", defaultValue: nil, kind: .text),
            ReportParameter(name: "limit", defaultValue: "10", kind: .integer),
            ReportParameter(name: "country", defaultValue: "", kind: .text),
        ])
        XCTAssertEqual(report.parameters.map(\.summary), ["kind (required)", "limit = 10", "country (optional)"])
        // Without a name line the file name is the name.
        XCTAssertEqual(try ReportParser.parse("SELECT 1", fileName: "plain-count.sql", origin: .builtIn).name, "plain-count")
    }

    func testInvalidReportFilesAreRefusedWithTheReason() {
        let cases: [(String, String)] = [
            ("SELECT 1; SELECT 2;", "2 statements"),
            ("-- name: x\n", "no SQL statement"),
            ("DELETE FROM agreements", "one SELECT"),
            ("-- name: Bad Name\nSELECT 1", "lower-case"),
            ("-- param: a\n-- param: a\nSELECT :a", "declared twice"),
            ("-- param: as_of\nSELECT :as_of", "--as-of"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try ReportParser.parse(text, fileName: "r.sql", origin: .file(path: "/reports/r.sql")), text) { error in
                guard case ReportError.invalidReport(let file, let reason)? = error as? ReportError else {
                    return XCTFail("\(text): \(error)")
                }
                XCTAssertEqual(file, "/reports/r.sql")
                XCTAssertTrue(reason.contains(expected), "\(text): \(reason)")
                XCTAssertEqual((error as? ReportError)?.category, .dataRejected)
            }
        }
    }

    func testParametersMustMatchTheSQL() throws {
        let reader = try fixture.reader()
        let undeclared = try ReportParser.parse("SELECT :kind", fileName: "u.sql", origin: .builtIn)
        XCTAssertThrowsError(try ReportRunner.prepare(undeclared, guard: reader)) { error in
            XCTAssertTrue("\(error)".contains("uses :kind but the header has no '-- param: kind'"), "\(error)")
        }
        let unused = try ReportParser.parse("-- param: kind =\nSELECT 1", fileName: "u.sql", origin: .builtIn)
        XCTAssertThrowsError(try ReportRunner.prepare(unused, guard: reader)) { error in
            XCTAssertTrue("\(error)".contains("declares 'kind' but the SQL never uses :kind"), "\(error)")
        }
        let writing = try ReportParser.parse("WITH x AS (SELECT 1) DELETE FROM agreements", fileName: "w.sql", origin: .builtIn)
        XCTAssertThrowsError(try ReportRunner.prepare(writing, guard: reader)) { error in
            XCTAssertTrue("\(error)".contains("refused: DELETE"), "\(error)")
        }
    }

    func testUnknownReportAndParameterListTheValidOnes() throws {
        let catalogue = try ReportCatalogue.load(userDirectory: nil)
        XCTAssertThrowsError(try catalogue.report(named: "expire")) { error in
            XCTAssertEqual((error as? ReportError)?.category, .usage)
            XCTAssertTrue("\(error)".contains("there is no report named 'expire'; did you mean 'expiring'? Reports: agreements, expiring, institution"), "\(error)")
        }
        XCTAssertThrowsError(try catalogue.report(named: "quarterly")) { error in
            XCTAssertTrue("\(error)".hasPrefix("there is no report named 'quarterly'. Reports: agreements,"), "nothing near: \(error)")
        }
        let expiring = try catalogue.report(named: "expiring")
        XCTAssertThrowsError(try ReportRunner.values(for: expiring, arguments: ["days": "5"])) { error in
            XCTAssertEqual((error as? ReportError)?.category, .usage)
            XCTAssertEqual("\(error)", "the report 'expiring' has no parameter 'days'; did you mean 'within_days'? Its parameters: within_days = 180, institution (optional), country (optional).")
        }
        XCTAssertThrowsError(try ReportRunner.values(for: expiring, arguments: ["within_days": "soon"])) { error in
            XCTAssertEqual("\(error)", "--param within_days=soon: expected a whole number")
        }
        XCTAssertThrowsError(try ReportRunner.values(for: expiring, arguments: ["as_of": "2026-01-01"])) { error in
            XCTAssertTrue("\(error)".contains("--as-of"), "\(error)")
        }
        XCTAssertThrowsError(try fixture.run("network-members")) { error in
            XCTAssertEqual("\(error)", "the report 'network-members' needs --param network=VALUE. Its parameters: network (required), former = 0.")
        }
        XCTAssertThrowsError(try fixture.run("overview", asOf: "2026-02-30")) { error in
            XCTAssertEqual(error as? ReportError, .invalidAsOf(value: "2026-02-30"))
        }
    }

    func testValuesBindTypedAndEmptyMeansNull() throws {
        let report = try ReportCatalogue.load(userDirectory: nil).report(named: "expiring")
        XCTAssertEqual(try ReportRunner.values(for: report, arguments: ["within_days": "30", "country": ""]),
                       ["within_days": .integer(30), "institution": .null, "country": .null])
    }

    func testUserFolderAddsReportsAndReplacesABuiltIn() throws {
        try write("expiring.sql", """
            -- name: expiring
            -- description: Only the keys, from my own folder.
            -- param: within_days = 30
            SELECT key FROM agreement_overview
            WHERE expires_end BETWEEN :as_of AND date(:as_of, printf('%+d days', :within_days))
            ORDER BY key;
            """)
        try write("kyoto.sql", """
            -- description: Agreements with a party in Japan.
            SELECT key FROM agreement_overview WHERE party_countries LIKE '%JP%';
            """)
        try write("README.txt", "not a report")
        let catalogue = try ReportCatalogue.load(userDirectory: folder.url)
        XCTAssertEqual(catalogue.reports.count, 9)
        let mine = try catalogue.report(named: "expiring")
        XCTAssertTrue(mine.replacesBuiltIn)
        XCTAssertEqual(mine.origin, .file(path: folder.path("expiring.sql")))
        XCTAssertEqual(try fixture.run("expiring", catalogue: catalogue).rows, [])
        XCTAssertEqual(try fixture.run("expiring", ["within_days": "90"], catalogue: catalogue).rows, [["dual-degree-europe"]])
        XCTAssertEqual(try fixture.run("kyoto", catalogue: catalogue).rows, [["um-kyoto-regen"]])
        XCTAssertFalse(try catalogue.report(named: "kyoto").replacesBuiltIn)
    }

    func testTwoUserFilesWithOneNameOrAMissingFolderAreErrors() throws {
        try write("a.sql", "-- name: same\nSELECT 1")
        try write("b.sql", "-- name: same\nSELECT 2")
        XCTAssertThrowsError(try ReportCatalogue.load(userDirectory: folder.url)) { error in
            XCTAssertEqual(error as? ReportError, .duplicateReport(name: "same", files: [folder.path("a.sql"), folder.path("b.sql")]))
        }
        XCTAssertThrowsError(try ReportCatalogue.load(userDirectory: folder.url.appendingPathComponent("missing"))) { error in
            XCTAssertEqual((error as? ReportError)?.category, .inputUnavailable)
        }
    }

    func testReportDates() {
        XCTAssertTrue(ReportDate.isValidDay("2024-02-29"))
        for bad in ["2023-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01T00:00", "", "0000-01-01"] {
            XCTAssertFalse(ReportDate.isValidDay(bad), bad)
        }
        XCTAssertEqual(ReportDate.today(now: Date(timeIntervalSince1970: 1_772_323_200), timeZone: TimeZone(identifier: "UTC")!),
                       "2026-03-01")
    }
}
