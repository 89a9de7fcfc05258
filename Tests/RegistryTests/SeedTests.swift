import Database
import Foundation
import Registry
import TestSupport
import XCTest

/// The real Seeds/, loaded the way `partnerships init` loads them, checked
/// against facts the five source documents state.
final class SeedTests: XCTestCase {
    static let sources: Set<String> = ["000_27dd72f51948da18.txt", "001_52faaff7f3b55cd9.txt", "002_be2696d7e8da0869.txt",
                                       "003_5efe690cba52797b.txt", "004_3066c7981a2b1003.txt"]
    var folder: TemporaryDirectory!
    var db: Connection!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        db = try RegistryDatabase.open(path: folder.path("r.sqlite"), access: .create)
        _ = try RegistrySetup.initialize(db, migrator: RegistryDatabase.migrator(), seeds: .embedded)
    }

    override func tearDown() {
        db = nil
        folder = nil
    }

    private func int(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> Int64? {
        try db.scalar(sql, arguments)?.int64
    }

    private func strings(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> [String] {
        try db.rows(sql, arguments).map { $0[0].string ?? "NULL" }
    }

    private func parties(_ agreement: String) throws -> Set<String> {
        Set(try strings("""
            SELECT i.key FROM agreement_parties p JOIN agreements a ON a.id = p.agreement_id
            JOIN institutions i ON i.id = p.institution_id WHERE a.key = ?
            """, [agreement]))
    }

    private func members(_ network: String, role: String = "member") throws -> Set<String> {
        Set(try strings("""
            SELECT i.key FROM memberships m JOIN networks n ON n.id = m.network_id
            JOIN institutions i ON i.id = m.institution_id WHERE n.key = ? AND m.role = ?
            """, [network, role]))
    }

    func testCountsPerTableAndNewsPerLanguage() throws {
        XCTAssertEqual(try int("SELECT count(*) FROM institutions"), 55)
        XCTAssertEqual(try int("SELECT count(*) FROM networks"), 30)
        XCTAssertEqual(try int("SELECT count(*) FROM memberships"), 58)
        XCTAssertEqual(try int("SELECT count(*) FROM agreements"), 15)
        XCTAssertEqual(try int("SELECT count(*) FROM news_items"), 14)
        XCTAssertEqual(try int("SELECT count(*) FROM appointments"), 7)
        XCTAssertEqual(try int("SELECT count(*) FROM news_items WHERE language = 'en'"), 4)
        XCTAssertEqual(try int("SELECT count(*) FROM news_items WHERE language = 'nl'"), 10)
        XCTAssertEqual(try int("SELECT count(*) FROM institutions WHERE ror_id IS NOT NULL"), 25)
    }

    func testAgreementsWithTheirExactPartiesAndDates() throws {
        XCTAssertEqual(try parties("um-luxembourg-2018"), ["maastricht-university", "university-of-luxembourg"])
        XCTAssertEqual(try strings("SELECT kind || ' ' || signed_on FROM agreements WHERE key = 'um-luxembourg-2018'"),
                       ["cooperation_agreement 2018-10-31"], "'On 31 October', in the news of 2018-11-01")
        XCTAssertEqual(try parties("um-qu-cmed-2015"), ["maastricht-university", "qu-college-of-medicine"])
        XCTAssertEqual(try strings("SELECT signed_on FROM agreements WHERE key = 'um-qu-cmed-2015'"), ["2015-10-11"])
        XCTAssertEqual(try parties("item-uhasselt-2019"), ["item", "hasselt-university"])
        XCTAssertEqual(try strings("SELECT signed_on || ' ' || source FROM agreements WHERE key = 'item-uhasselt-2019'"),
                       ["2019-05-08 001_52faaff7f3b55cd9.txt"], "'op 8 mei'")
        XCTAssertEqual(try strings("SELECT kind || ' ' || coalesce(signed_on, 'NULL') FROM agreements WHERE key = 'um-uci-mou-2018'"),
                       ["mou NULL"], "the signing date is not stated")
        XCTAssertEqual(try parties("umcu-kuleuven-dual-phd"), ["umc-utrecht", "utrecht-university", "ku-leuven"])
        XCTAssertEqual(try strings("SELECT effective_from FROM agreements WHERE key = 'brightlands-uci-branch-2019'"), ["2019-04-29"])
        XCTAssertEqual(try parties("charm-eu-erasmus-2022").count, 9)
        XCTAssertTrue(try parties("charm-eu-erasmus-2022").contains("european-commission"))
    }

    func testMembersOfNetworks() throws {
        XCTAssertEqual(try members("wun"), ["maastricht-university", "university-of-bergen"])
        XCTAssertEqual(try members("charm-eu"), ["university-of-barcelona", "eotvos-lorand-university", "universite-de-montpellier",
                                                 "trinity-college-dublin", "utrecht-university", "university-of-vaasa",
                                                 "university-of-wurzburg", "hochschule-ruhr-west"])
        XCTAssertEqual(try members("umcu-strategy-network"), ["umc-utrecht", "utrecht-university", "ku-leuven", "ucl",
                                                              "university-of-toronto", "cuhk"])
        XCTAssertEqual(try members("yufe", role: "coordinator"), ["maastricht-university"])
        XCTAssertEqual(try members("yerun", role: "founding_member"), ["maastricht-university"])
        XCTAssertEqual(try strings("""
            SELECT i.key FROM memberships m JOIN networks n ON n.id = m.network_id JOIN institutions i ON i.id = m.institution_id
            WHERE n.key = 'charm-eu' AND m.since = '2022' ORDER BY i.key
            """), ["hochschule-ruhr-west", "university-of-vaasa", "university-of-wurzburg"], "joined in 2022")
        XCTAssertEqual(try strings("SELECT key || '=' || stated_member_count FROM networks WHERE stated_member_count IS NOT NULL ORDER BY key"),
                       ["leru=23", "mcu=1000", "utrecht-network=32", "wun=23", "yufe=8"])
    }

    func testAppointmentTermAndDerivedEnd() throws {
        let rows = try db.rows("""
            SELECT a.starts_on, a.term_months, a.ends_on, a.ends_on_derived FROM appointments a
            JOIN networks n ON n.id = a.network_id WHERE a.person = 'Martin Paul' AND n.key = 'wun' AND a.title = 'president'
            """)
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?["starts_on"], .text("2018-01"), "As of January 2018")
        XCTAssertEqual(rows.first?["term_months"], .integer(24), "a term lasting two years")
        XCTAssertEqual(rows.first?["ends_on"], .text("2019-12"), "inclusive end at the start's precision")
        XCTAssertEqual(rows.first?["ends_on_derived"], .integer(1))
        XCTAssertEqual(try int("SELECT count(*) FROM appointments WHERE person = 'Martin Paul'"), 5)
    }

    func testAliasesAndParents() throws {
        XCTAssertEqual(try strings("""
            SELECT i.key || ' ' || coalesce(a.lang, '-') FROM institution_aliases a JOIN institutions i ON i.id = a.institution_id
            WHERE a.alias = 'Universiteit Maastricht'
            """), ["maastricht-university nl"])
        XCTAssertEqual(try strings("SELECT i.key FROM institution_aliases a JOIN institutions i ON i.id = a.institution_id WHERE a.alias = 'UHasselt'"),
                       ["hasselt-university"])
        XCTAssertEqual(try strings("SELECT i.key FROM institution_aliases a JOIN institutions i ON i.id = a.institution_id WHERE a.alias = 'Budapest'"),
                       ["eotvos-lorand-university"])
        XCTAssertEqual(try strings("SELECT p.key FROM institutions c JOIN institutions p ON p.id = c.parent_id WHERE c.key = 'umc-utrecht'"),
                       ["utrecht-university"])
        XCTAssertEqual(try strings("SELECT p.key FROM institutions c JOIN institutions p ON p.id = c.parent_id WHERE c.key = 'item'"),
                       ["maastricht-university"])
    }

    func testTranslatedNewsItemsShareAStoryKey() throws {
        XCTAssertEqual(try strings("SELECT key || ' ' || language FROM news_items WHERE story_key = '2018-11-28-um-uci' ORDER BY language"),
                       ["2018-11-28-um-uci-en en", "2018-11-28-um-uci-nl nl"])
        XCTAssertEqual(try strings("""
            SELECT DISTINCT a.key FROM news_agreements l JOIN news_items n ON n.id = l.news_item_id
            JOIN agreements a ON a.id = l.agreement_id WHERE n.story_key = '2018-11-28-um-uci'
            """), ["um-uci-mou-2018"])
        XCTAssertEqual(try int("SELECT count(DISTINCT story_key) FROM news_items"), 13)
    }

    func testEverySourceNamesOneOfTheFiveDocuments() throws {
        let sources = try strings("""
            SELECT source FROM institutions UNION SELECT source FROM networks UNION SELECT source FROM memberships
            UNION SELECT source FROM agreements UNION SELECT source FROM news_items UNION SELECT source FROM appointments
            """)
        XCTAssertEqual(Set(sources).subtracting(Self.sources), [], "every row names one of the five files, none is empty")
        XCTAssertEqual(Set(sources), Self.sources, "each document contributed rows")
    }

    func testLoadingTheSeedsAgainChangesNothing() throws {
        let before = try db.scalar("SELECT total_changes()")?.int64
        let outcome = try RegistrySetup.initialize(db, migrator: RegistryDatabase.migrator(), seeds: .embedded)
        XCTAssertTrue(outcome.changedNothing)
        XCTAssertEqual(try db.scalar("SELECT total_changes()")?.int64, before)
    }
}
