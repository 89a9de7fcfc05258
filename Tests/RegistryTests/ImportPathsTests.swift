import Database
@testable import Registry
import XCTest

/// A large all-or-nothing import checks and encodes most rows on its reading
/// thread and writes them in batches, with the indexes set aside; rows whose
/// parties are named by name or ROR id are resolved by the writing thread;
/// `--skip-invalid` checks and writes each row on its own. All three ways
/// must store the same registry and report the same warnings.
final class ImportPathsTests: XCTestCase {
    private let institutions = ["um", "york", "uliege", "uci"]
    /// Other names of the institutions above, and whose they are.
    private let byName = [("Maastricht University", 0), ("University of York", 1), ("Université de Liège", 2),
                          ("UC Irvine", 3), ("https://ror.org/02jz4aj89", 0), ("universiteit maastricht", 0)]
    private let kinds = ["mou", "exchange", "dual_degree", "research_collaboration"]
    private let dates = ["", "2018", "2019-03", "2020-02-29", "2017-11-30"]

    private func file(rows: Int) -> String {
        var text = "key,title,kind,parties,signed_on,effective_from,expires_on,status,topics,source,notes\n"
        for n in 0..<rows {
            let title: String
            switch n % 4 {
            case 0: title = "Exchange \(n)"
            case 1: title = "\"Quoted \"\"title\"\", with a comma \(n)\""
            case 2: title = "\"Two\nlines \(n)\""
            default: title = "Coopération – 北京 \(n)"
            }
            let first = institutions[n % 4], second = institutions[(n + 1) % 4]
            let parties: String
            switch n % 7 {
            case 0:
                let (name, index) = byName[n % byName.count]
                parties = "\(name);\(institutions[(index + 1) % 4])"
            case 1: parties = "\(first);\(second);\(institutions[(n + 2) % 4])"
            default: parties = "\(first);\(second)"
            }
            let signed = dates[n % 5], effective = dates[(n / 5) % 5], expires = dates[(n / 25) % 5]
            let status = ["", "active", "draft", "terminated"][n % 4]
            let topics = n % 3 == 0 ? " health ; ai ;" : (n % 3 == 1 ? "water" : "")
            let notes = n % 10 == 0 ? "note \(n)" : ""
            text += "agr-\(n),\(title),\(kinds[n % 4]),\(parties),\(signed),\(effective),\(expires),\(status),\(topics),bench,\(notes)\n"
        }
        return text
    }

    /// Every table but the full-text indexes' own (their segments depend on
    /// how they were filled; what they find is compared separately).
    private func content(_ registry: RegistryFixture) throws -> String {
        try registry.dump().components(separatedBy: "== ").filter { !$0.contains("_search") }.joined(separator: "== ")
    }

    func testRowsPreparedAheadAndRowsCheckedOneByOneStoreTheSameRegistry() throws {
        let text = file(rows: 3_000)
        let ahead = try RegistryFixture()
        try ahead.loadBasics()
        var bulk = ImportOptions()
        bulk.deferIndexesAfterRows = 256
        bulk.minimumRowsForDeferredIndexes = 500
        let aheadReport = try ahead.importText(.agreements, "agreements.csv", text, options: bulk)

        let oneByOne = try RegistryFixture()
        try oneByOne.loadBasics()
        var skipping = ImportOptions()
        skipping.skipInvalid = true
        let oneByOneReport = try oneByOne.importText(.agreements, "agreements.csv", text, options: skipping)

        XCTAssertTrue(aheadReport.indexesDeferred)
        XCTAssertEqual(aheadReport.errors.map(\.message), [])
        for report in [aheadReport, oneByOneReport] {
            XCTAssertEqual(report.inserted, 3_000)
            XCTAssertTrue(report.committed)
        }
        XCTAssertFalse(aheadReport.warnings.isEmpty, "some expiries come before the signing")
        XCTAssertEqual(aheadReport.warnings.map { "\($0.line) \($0.column ?? "") \($0.message)" },
                       oneByOneReport.warnings.map { "\($0.line) \($0.column ?? "") \($0.message)" })
        XCTAssertEqual(try content(ahead), try content(oneByOne))
        XCTAssertEqual(try ahead.int("SELECT count(*) FROM agreement_parties"), 3_000 * 2 + 3_000 / 7 + 1)
        for word in ["quoted", "beijing OR 北京", "coopération", "note", "lines"] {
            let sql = "SELECT group_concat(rowid) FROM agreement_search WHERE agreement_search MATCH ? ORDER BY rowid"
            XCTAssertEqual(try ahead.string(sql, [word]), try oneByOne.string(sql, [word]), word)
        }
        XCTAssertEqual(try ahead.string("PRAGMA integrity_check"), "ok")
    }
}
