import Database
import Foundation
@testable import Registry
import XCTest

/// The real seed files (the copies built into the program), loaded into a
/// new registry as `partnerships init` does, checked against facts the five
/// source documents state.
final class SeedTests: XCTestCase {
    static var folder: TemporaryDirectory!
    static var connection: Connection!
    static var outcome: RegistrySetup.Outcome!

    // One load for the whole class: the checks only read.
    override class func setUp() {
        super.setUp()
        do {
            folder = try TemporaryDirectory()
            connection = try RegistryDatabase.open(path: folder.path("seeded.sqlite"), access: .create)
            outcome = try RegistrySetup.initialize(connection, migrator: RegistryDatabase.migrator())
        } catch {
            XCTFail("the seeds do not load: \(error)")
        }
    }

    override class func tearDown() {
        connection = nil
        outcome = nil
        folder = nil
        super.tearDown()
    }

    private var db: Connection { Self.connection }

    private func int(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> Int64? {
        try db.scalar(sql, arguments)?.int64
    }

    private func string(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> String? {
        try db.scalar(sql, arguments)?.string
    }

    private func strings(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> [String] {
        try db.rows(sql, arguments).map { $0[0].string ?? "NULL" }
    }

    private func parties(_ agreement: String) throws -> Set<String> {
        Set(try strings("""
            SELECT i.key FROM agreement_parties AS p JOIN agreements AS a ON a.id = p.agreement_id
            JOIN institutions AS i ON i.id = p.institution_id WHERE a.key = ?
            """, [agreement]))
    }

    private func members(_ network: String, role: String? = nil) throws -> Set<String> {
        Set(try strings("""
            SELECT i.key FROM memberships AS m JOIN networks AS n ON n.id = m.network_id
            JOIN institutions AS i ON i.id = m.institution_id WHERE n.key = ?1 AND (?2 IS NULL OR m.role = ?2)
            """, [network, role]))
    }

    func testEverySeedFileLoadsWithoutErrorsOrWarnings() throws {
        let reports = try XCTUnwrap(Self.outcome).seedReports
        XCTAssertEqual(reports.map(\.kind), ImportKind.allCases)
        for report in reports {
            XCTAssertFalse(report.hasErrors, "\(report.file): \(report.errors)")
            XCTAssertEqual(report.warningCount, 0, "\(report.file): \(report.warnings)")
            XCTAssertEqual(report.inserted, report.rowsRead, report.file)
        }
    }

    func testCountsPerTable() throws {
        XCTAssertEqual(try int("SELECT count(*) FROM institutions"), 55)
        XCTAssertEqual(try int("SELECT count(*) FROM networks"), 30)
        XCTAssertEqual(try int("SELECT count(*) FROM memberships"), 58)
        XCTAssertEqual(try int("SELECT count(*) FROM agreements"), 15)
        XCTAssertEqual(try int("SELECT count(*) FROM news_items"), 14)
        XCTAssertEqual(try int("SELECT count(*) FROM appointments"), 7)
        XCTAssertEqual(try int("SELECT count(*) FROM institution_aliases"), 77)
        XCTAssertEqual(try int("SELECT count(*) FROM institutions WHERE ror_id IS NOT NULL"), 25)
        XCTAssertEqual(try int("SELECT count(*) FROM institutions WHERE parent_id IS NOT NULL"), 11)
        XCTAssertEqual(try strings("SELECT role || '=' || count(*) FROM memberships GROUP BY role ORDER BY role"),
                       ["coordinator=2", "founding_member=2", "member=36", "partner=17", "signatory=1"])
        XCTAssertEqual(try strings("SELECT kind || '=' || count(*) FROM agreements GROUP BY kind ORDER BY kind"),
                       ["cooperation_agreement=4", "dual_degree=2", "funding=3", "mou=1", "other=1",
                        "research_collaboration=3", "strategic_partnership=1"])
    }

    func testNewsPerLanguageAndTheSharedStoryOfATranslatedItem() throws {
        XCTAssertEqual(try strings("SELECT language || '=' || count(*) FROM news_items GROUP BY language ORDER BY language"),
                       ["en=4", "nl=10"])
        XCTAssertEqual(try strings("SELECT key || ':' || language || ':' || source FROM news_items WHERE story_key = '2018-11-28-um-uci' ORDER BY language"),
                       ["2018-11-28-um-uci-en:en:000_27dd72f51948da18.txt", "2018-11-28-um-uci-nl:nl:001_52faaff7f3b55cd9.txt"])
        XCTAssertEqual(try strings("SELECT published_on FROM news_items WHERE story_key = '2018-11-28-um-uci'"), ["2018-11-28", "2018-11-28"])
        for key in ["2018-11-28-um-uci-en", "2018-11-28-um-uci-nl"] {
            XCTAssertEqual(try strings("""
                SELECT a.key FROM news_agreements AS l JOIN news_items AS n ON n.id = l.news_item_id
                JOIN agreements AS a ON a.id = l.agreement_id WHERE n.key = ?
                """, [key]), ["um-uci-mou-2018"], key)
            XCTAssertEqual(Set(try strings("""
                SELECT i.key FROM news_institutions AS l JOIN news_items AS n ON n.id = l.news_item_id
                JOIN institutions AS i ON i.id = l.institution_id WHERE n.key = ?
                """, [key])), ["maastricht-university", "uc-irvine"], key)
        }
        XCTAssertEqual(try int("SELECT count(DISTINCT story_key) FROM news_items"), 13)
        XCTAssertEqual(try string("SELECT title FROM news_items WHERE key = '2019-02-12-wun-sdg-nl'"),
                       "Het WUN netwerk: \u{2018}Transformational Action\u{2019} op de internationale SDG 2030 Agenda!")
        XCTAssertEqual(try strings("SELECT key FROM news_items WHERE summary IS NULL ORDER BY key"),
                       ["2019-06-04-ymp-director-nl", "2019-11-21-yufe-nl"])
        XCTAssertEqual(try string("SELECT key FROM news_items ORDER BY published_on LIMIT 1"), "2015-10-13-um-qatar-en")
        XCTAssertEqual(try string("SELECT key FROM news_items ORDER BY published_on DESC LIMIT 1"), "2020-10-15-wunderbar-nl")
    }

    func testAgreementsWithTheirPartiesAndDates() throws {
        XCTAssertEqual(try parties("um-luxembourg-2018"), ["maastricht-university", "university-of-luxembourg"])
        XCTAssertEqual(try string("SELECT kind || ' ' || signed_on FROM agreements WHERE key = 'um-luxembourg-2018'"),
                       "cooperation_agreement 2018-10-31")
        XCTAssertEqual(try parties("um-qu-cmed-2015"), ["maastricht-university", "qu-college-of-medicine"])
        XCTAssertEqual(try string("SELECT signed_on FROM agreements WHERE key = 'um-qu-cmed-2015'"), "2015-10-11")
        XCTAssertEqual(try parties("um-uci-mou-2018"), ["maastricht-university", "uc-irvine"])
        XCTAssertEqual(try string("SELECT kind || '|' || coalesce(signed_on, 'NULL') || '|' || topics FROM agreements WHERE key = 'um-uci-mou-2018'"),
                       "mou|NULL|regenerative medicine;cardiovascular medicine")
        XCTAssertEqual(try parties("item-uhasselt-2019"), ["item", "hasselt-university"])
        XCTAssertEqual(try string("SELECT signed_on || '|' || source FROM agreements WHERE key = 'item-uhasselt-2019'"),
                       "2019-05-08|001_52faaff7f3b55cd9.txt")
        XCTAssertEqual(try parties("york-maastricht-partnership"), ["maastricht-university", "university-of-york"])
        XCTAssertEqual(try string("SELECT kind FROM agreements WHERE key = 'york-maastricht-partnership' AND signed_on IS NULL AND effective_from IS NULL"),
                       "strategic_partnership")
        XCTAssertEqual(try string("SELECT effective_from FROM agreements WHERE key = 'ymp-funding-round-2019' AND kind = 'funding' AND notes LIKE '%2.2 million%' AND notes LIKE '%nine%'"), "2019")
        let charm = try parties("charm-eu-erasmus-2022")
        XCTAssertEqual(charm.count, 9)
        XCTAssertTrue(charm.contains("european-commission"))
        XCTAssertEqual(try string("SELECT effective_from FROM agreements WHERE key = 'charm-eu-erasmus-2022' AND notes LIKE '%12.8 million%'"), "2022")
        XCTAssertEqual(try parties("brightlands-uci-branch-2019"), ["brightlands-maastricht-health-campus", "uc-irvine"])
        XCTAssertEqual(try string("SELECT effective_from FROM agreements WHERE key = 'brightlands-uci-branch-2019' AND kind = 'other' AND ';' || topics || ';' LIKE '%;campus;%'"), "2019-04-29")
        XCTAssertEqual(try parties("um-unu-double-master"), ["maastricht-university", "united-nations-university"])
        XCTAssertEqual(try parties("umcu-kuleuven-dual-phd"), ["umc-utrecht", "utrecht-university", "ku-leuven"])
        XCTAssertEqual(try string("SELECT kind || ' ' || effective_from FROM agreements WHERE key = 'umcu-kuleuven-dual-phd'"), "dual_degree 2022")
        XCTAssertEqual(try int("SELECT count(*) FROM agreements WHERE status <> 'active' OR expires_on IS NOT NULL"), 0)
    }

    func testMembersOfNetworks() throws {
        XCTAssertEqual(try members("wun"), ["maastricht-university", "university-of-bergen"])
        XCTAssertEqual(try members("charm-eu", role: "member"), [
            "university-of-barcelona", "eotvos-lorand-university", "universite-de-montpellier", "trinity-college-dublin",
            "utrecht-university", "university-of-vaasa", "university-of-wurzburg", "hochschule-ruhr-west",
        ])
        XCTAssertEqual(Set(try strings("""
            SELECT i.key FROM memberships AS m JOIN networks AS n ON n.id = m.network_id
            JOIN institutions AS i ON i.id = m.institution_id WHERE n.key = 'charm-eu' AND m.since = '2022'
            """)), ["university-of-vaasa", "university-of-wurzburg", "hochschule-ruhr-west"])
        XCTAssertEqual(try members("charm-eu", role: "partner"), ["umc-utrecht"])
        XCTAssertEqual(try members("eureka-institute", role: "partner"), [
            "umc-utrecht", "vita-salute-san-raffaele", "duke-nus", "stanford-university", "university-of-toronto",
            "university-of-miami", "university-of-arizona", "uae-university", "drexel-university", "cancer-research-uk",
        ])
        XCTAssertEqual(try members("eureka-institute", role: "founding_member"), ["umc-utrecht"])
        XCTAssertEqual(try members("umcu-strategy-network"),
                       ["umc-utrecht", "utrecht-university", "ku-leuven", "ucl", "university-of-toronto", "cuhk"])
        XCTAssertEqual(try members("ku-leuven-association"), ["ku-leuven", "ucll"])
        XCTAssertEqual(Set(try strings("""
            SELECT n.key || ':' || m.role || ':' || coalesce(m.since, '') FROM memberships AS m
            JOIN networks AS n ON n.id = m.network_id JOIN institutions AS i ON i.id = m.institution_id
            WHERE i.key = 'maastricht-university'
            """)), ["wun:member:", "yerun:member:", "yerun:founding_member:", "yufe:member:", "yufe:coordinator:",
                   "erasmus-plus:partner:", "brightlands:partner:", "maas-rijn-euregion:partner:", "wun-rdf:partner:2018-12"])
        XCTAssertEqual(try int("""
            SELECT count(DISTINCT m.network_id) FROM memberships AS m JOIN institutions AS i ON i.id = m.institution_id
            WHERE i.key = 'utrecht-university'
            """), 18)
        XCTAssertEqual(try strings("""
            SELECT n.key || ':' || m.role || ':' || coalesce(m.since, 'NULL') FROM memberships AS m
            JOIN networks AS n ON n.id = m.network_id JOIN institutions AS i ON i.id = m.institution_id
            WHERE i.key = 'utrecht-university' AND n.key IN ('eua', 'mcu') ORDER BY n.key
            """), ["eua:member:2018", "mcu:signatory:NULL"])
        XCTAssertEqual(try members("mumc-india", role: "coordinator"), ["maastricht-umc"])
        XCTAssertEqual(try strings("SELECT key || '=' || stated_member_count FROM networks WHERE stated_member_count IS NOT NULL ORDER BY key"),
                       ["leru=23", "mcu=1000", "utrecht-network=32", "wun=23", "yufe=8"])
        XCTAssertEqual(try int("SELECT count(*) FROM networks WHERE key = 'mcu' AND lower(notes) LIKE '%nearly 1,000 signatories from 94 countries%'"), 1)
    }

    func testAnAppointmentsTermAndItsDerivedEnd() throws {
        // "As of January 2018 ... for a term lasting two years": the end is
        // worked out at the start's precision, inclusive, and marked derived.
        XCTAssertEqual(try strings("""
            SELECT a.starts_on || '|' || a.term_months || '|' || a.ends_on || '|' || a.ends_on_derived
            FROM appointments AS a JOIN networks AS n ON n.id = a.network_id
            WHERE a.person = 'Martin Paul' AND n.key = 'wun' AND a.title = 'president'
            """), ["2018-01|24|2019-12|1"])
        XCTAssertEqual(try int("SELECT count(*) FROM appointments WHERE person = 'Martin Paul'"), 5)
        XCTAssertEqual(try string("""
            SELECT a.ends_on || '|' || a.ends_on_derived FROM appointments AS a JOIN networks AS n ON n.id = a.network_id
            WHERE n.key = 'wun' AND a.title = 'chair of the Partnership Board'
            """), "2020|0")
    }

    func testInstitutionsAliasesAndTheirResolution() throws {
        XCTAssertEqual(try string("""
            SELECT name || '|' || short_name || '|' || kind || '|' || country_code || '|' || city || '|' || ror_id || '|' || source
            FROM institutions WHERE key = 'maastricht-university'
            """), "Maastricht University|UM|university|NL|Maastricht|02jz4aj89|000_27dd72f51948da18.txt")
        XCTAssertEqual(try strings("""
            SELECT a.alias || ':' || coalesce(a.lang, '') FROM institution_aliases AS a JOIN institutions AS i ON i.id = a.institution_id
            WHERE i.key = 'maastricht-university' AND a.alias IN ('Universiteit Maastricht', 'UM') ORDER BY a.alias
            """), ["UM:", "Universiteit Maastricht:nl"])
        XCTAssertEqual(try strings("""
            SELECT c.key || '>' || p.key FROM institutions AS c JOIN institutions AS p ON p.id = c.parent_id
            WHERE c.key IN ('item', 'maastricht-umc', 'umc-utrecht', 'unu-merit', 'qu-college-of-medicine', 'she-collaborates', 'she')
            ORDER BY c.key
            """), ["item>maastricht-university", "maastricht-umc>maastricht-university", "qu-college-of-medicine>qatar-university",
                   "she>maastricht-university", "she-collaborates>she", "umc-utrecht>utrecht-university",
                   "unu-merit>united-nations-university"])
        XCTAssertEqual(try string("SELECT country_code || '|' || coalesce(ror_id, 'NULL') FROM institutions WHERE key = 'united-nations-university'"), "JP|NULL")
        XCTAssertEqual(try strings("SELECT key FROM institutions WHERE established IS NOT NULL"), ["ecraid"])
        XCTAssertEqual(try string("SELECT kind || '|' || established FROM institutions WHERE key = 'ecraid'"), "nonprofit|2022-01-01")
        XCTAssertEqual(try string("SELECT name || '|' || kind || '|' || ror_id || '|' || source FROM institutions WHERE key = 'ucll'"),
                       "UC Leuven-Limburg|university_college|03zq0dg86|004_3066c7981a2b1003.txt")

        // The aliases resolve references, as an import file would use them.
        let directory = try ReferenceDirectory.loadInstitutions(db)
        let expected: [String: String] = [
            "Universiteit Maastricht": "maastricht-university", "universiteit van californië in irvine": "uc-irvine",
            "Universiteit van York": "university-of-york", "UHasselt": "hasselt-university",
            "Budapest": "eotvos-lorand-university", "Dublin": "trinity-college-dublin", "Ruhr West": "hochschule-ruhr-west",
            "Duke/ NUS": "duke-nus", "United Emirates": "uae-university", "San Raffaele": "vita-salute-san-raffaele",
            "https://ror.org/04gyf1771": "uc-irvine", "UCI": "uc-irvine",
        ]
        for (reference, key) in expected {
            guard case .found(let id) = try directory.resolve(reference) else {
                XCTFail("'\(reference)' does not resolve")
                continue
            }
            XCTAssertEqual(directory.key(of: id), key, reference)
        }
    }

    func testEverySourceIsOneOfTheFiveDocuments() throws {
        let documents: Set<String> = ["000_27dd72f51948da18.txt", "001_52faaff7f3b55cd9.txt", "002_be2696d7e8da0869.txt",
                                      "003_5efe690cba52797b.txt", "004_3066c7981a2b1003.txt"]
        for table in ["institutions", "networks", "memberships", "agreements", "news_items", "appointments"] {
            let sources = try strings("SELECT DISTINCT coalesce(source, 'NULL') FROM \(table)")
            XCTAssertFalse(sources.isEmpty, table)
            for source in sources {
                XCTAssertTrue(documents.contains(source), "\(table) has source '\(source)'")
            }
        }
        XCTAssertEqual(Set(try strings("""
            SELECT source FROM institutions UNION SELECT source FROM networks UNION SELECT source FROM memberships
            UNION SELECT source FROM agreements UNION SELECT source FROM news_items UNION SELECT source FROM appointments
            """)), documents, "each document contributes")
    }

    func testASecondLoadChangesNothing() throws {
        let reports = try RegistrySetup.loadSeeds(db, from: .embedded)
        XCTAssertTrue(reports.allSatisfy(\.changedNothing))
        XCTAssertEqual(reports.reduce(0) { $0 + $1.unchanged }, 179)
    }
}
