import Database
@testable import Registry
import XCTest

/// Each built-in report against the fixture registry, with the exact rows a
/// user would see on 2026-03-01.
final class BuiltInReportTests: XCTestCase {
    var fixture: ReportRegistryFixture!

    override func setUpWithError() throws { fixture = try ReportRegistryFixture() }
    override func tearDown() { fixture = nil }

    func testEveryBuiltInReportIsThereAndCompiles() throws {
        let reports = try ReportCatalogue.builtIn()
        XCTAssertEqual(reports.map(\.name).sorted(), [
            "agreements", "expiring", "institution", "network-members", "overview", "partners-by-country",
            "shared-networks", "timeline",
        ])
        let reader = try fixture.reader()
        for report in reports {
            XCTAssertFalse(report.description.isEmpty, report.name)
            XCTAssertNoThrow(try ReportRunner.prepare(report, guard: reader), report.name)
        }
    }

    func testOverviewCountsEverything() throws {
        let result = try fixture.run("overview")
        XCTAssertEqual(result.columns, ["section", "item", "detail", "count"])
        XCTAssertEqual(result.rows, [
            ["institutions", "all", "∅", "7"],
            ["networks", "all", "∅", "3"],
            ["memberships", "all", "∅", "9"],
            ["agreements", "all", "∅", "8"],
            ["agreements", "cooperation_agreement", "active", "1"],
            ["agreements", "dual_degree", "active", "1"],
            ["agreements", "exchange", "active", "1"],
            ["agreements", "funding", "terminated", "1"],
            ["agreements", "mou", "active", "1"],
            ["agreements", "other", "draft", "1"],
            ["agreements", "research_collaboration", "active", "1"],
            ["agreements", "strategic_partnership", "active", "1"],
            ["news items", "all", "∅", "5"],
            ["news items", "2019", "en", "1"],
            ["news items", "2021", "en", "1"],
            ["news items", "2021", "nl", "1"],
            ["news items", "2023", "en", "1"],
            ["news items", "2025", "en", "1"],
            ["appointments", "all", "∅", "2"],
        ])
    }

    func testAgreementsOfOneInstitutionByAliasNewestFirst() throws {
        // An alias, in another letter case, finds Maastricht University.
        let result = try fixture.run("agreements", ["institution": "UNIVERSITEIT MAASTRICHT"])
        XCTAssertEqual(result.columns, ["key", "title", "kind", "status", "signed_on", "effective_from", "expires_on",
                                        "in_force", "parties"])
        XCTAssertEqual(result.rows.map { $0[0] }, [
            "um-uliege-strategic", "um-kyoto-regen", "dual-degree-europe", "um-kuleuven-mou", "um-andes-draft",
        ])
        XCTAssertEqual(result.rows[1], [
            "um-kyoto-regen", "Research collaboration on regenerative medicine", "research_collaboration", "active",
            "2023", "∅", "2026-06", "yes", "Maastricht University (NL); 京都大学 (JP)",
        ])
        // Signed on 2026-04-01: not yet in force on 2026-03-01. Expired in 2024: not in force.
        XCTAssertEqual(result.rows.map { $0[7] }, ["no", "yes", "yes", "no", "no"])
        XCTAssertEqual(result.rows[2][8], "Maastricht University (NL); KU Leuven (BE); Université de Liège (BE)")
    }

    func testAgreementsFilteredByCountryKindAndInForce() throws {
        XCTAssertEqual(try fixture.run("agreements", ["country": "Belgium", "in_force": "yes"]).rows.map { $0[0] },
                       ["uliege-andes-water", "dual-degree-europe"])
        XCTAssertEqual(try fixture.run("agreements", ["country": "be", "kind": "MOU"]).rows.map { $0[0] },
                       ["um-kuleuven-mou"])
        XCTAssertEqual(try fixture.run("agreements", ["in_force": "no"]).rows.map { $0[0] },
                       ["um-uliege-strategic", "um-kuleuven-mou", "kuleuven-rwth-funding", "um-andes-draft"])
        XCTAssertEqual(try fixture.run("agreements").rows.count, 8)
    }

    func testInstitutionNetworkAndCountryParametersResolveLikeImportReferences() throws {
        // Accents and letter case do not matter, as in import files.
        XCTAssertEqual(try fixture.run("agreements", ["institution": "universite de liege"]).rows.map { $0[0] },
                       try fixture.run("agreements", ["institution": "Université de Liège"]).rows.map { $0[0] })
        XCTAssertFalse(try fixture.run("agreements", ["institution": "universite de liege"]).rows.isEmpty)
        // A country likewise, by code or name, as an import's country check finds it.
        let belgium = try fixture.run("agreements", ["country": "BE"]).rows
        XCTAssertFalse(belgium.isEmpty)
        for name in ["be", "BEL", "Belgium", "belgie", "  België "] {
            XCTAssertEqual(try fixture.run("agreements", ["country": name]).rows, belgium, name)
        }
        // A name that matches nothing is an error that names what was meant, never an empty answer.
        for (parameter, value, expected) in [("institution", "nobody", "unknown institution 'nobody'"),
                                             ("institution", "Universite de Leige", "did you mean 'Université de Liège'"),
                                             ("country", "Atlantis", "unknown country 'Atlantis'")] {
            XCTAssertThrowsError(try fixture.run("agreements", [parameter: value])) { error in
                XCTAssertEqual((error as? CategorizedError)?.category, .usage)
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
    }

    func testExpiringWithinDaysSoonestFirstWithPartialDates() throws {
        let result = try fixture.run("expiring")
        XCTAssertEqual(result.columns, ["ends_on", "days_left", "key", "title", "kind", "expires_on", "parties"])
        XCTAssertEqual(result.rows, [
            ["2026-05-15", "75", "dual-degree-europe", "Dual degree in European law", "dual_degree", "2026-05-15",
             "Maastricht University (NL); KU Leuven (BE); Université de Liège (BE)"],
            // Expiry '2026-06' ends on the last day of June.
            ["2026-06-30", "121", "um-kyoto-regen", "Research collaboration on regenerative medicine",
             "research_collaboration", "2026-06", "Maastricht University (NL); 京都大学 (JP)"],
        ])
        XCTAssertEqual(try fixture.run("expiring", ["within_days": "90"]).rows.map { $0[2] }, ["dual-degree-europe"])
        XCTAssertEqual(try fixture.run("expiring", ["within_days": "121"]).rows.count, 2)
        XCTAssertEqual(try fixture.run("expiring", ["within_days": "120"]).rows.count, 1)
        XCTAssertEqual(try fixture.run("expiring", ["institution": "kyoto university"]).rows.map { $0[2] }, ["um-kyoto-regen"])
        XCTAssertEqual(try fixture.run("expiring", ["country": "Japan"]).rows.map { $0[2] }, ["um-kyoto-regen"])
    }

    func testExpiringMovesWithAsOf() throws {
        // On 2026-06-01 the dual degree has expired; the Kyoto agreement ends in 29 days.
        XCTAssertEqual(try fixture.run("expiring", asOf: "2026-06-01").rows.map { [$0[0], $0[1], $0[2]] },
                       [["2026-06-30", "29", "um-kyoto-regen"]])
        // In 2024 the MoU with Leuven was about to end; the terminated funding agreement never shows.
        XCTAssertEqual(try fixture.run("expiring", asOf: "2024-01-01").rows.map { $0[2] }, ["um-kuleuven-mou"])
    }

    func testPartnersByCountry() throws {
        let all = try fixture.run("partners-by-country")
        XCTAssertEqual(all.columns, ["country", "country_name", "partners", "agreements", "in_force"])
        XCTAssertEqual(all.rows, [
            ["NL", "Netherlands", "2", "6", "3"],
            ["BE", "Belgium", "2", "5", "2"],
            ["CO", "Colombia", "1", "2", "1"],
            ["DE", "Germany", "1", "2", "1"],
            ["JP", "Japan", "1", "1", "1"],
        ])
        // Maastricht's partners: Leuven and Liège (3 agreements, 1 in force), Bogotá (a draft), Kyoto.
        XCTAssertEqual(try fixture.run("partners-by-country", ["institution": "um"]).rows, [
            ["BE", "Belgium", "2", "3", "1"],
            ["CO", "Colombia", "1", "1", "0"],
            ["JP", "Japan", "1", "1", "1"],
        ])
        XCTAssertEqual(try fixture.run("partners-by-country", ["country": "the netherlands"]).rows,
                       [["NL", "Netherlands", "2", "6", "3"]])
        XCTAssertEqual(try fixture.run("partners-by-country", ["institution": "um", "country": "JPN"]).rows,
                       [["JP", "Japan", "1", "1", "1"]])
    }

    func testNetworkMembersCurrentAndFormer() throws {
        let result = try fixture.run("network-members", ["network": "Yerun"])
        XCTAssertEqual(result.columns, ["key", "institution", "country", "role", "since", "until", "current"])
        XCTAssertEqual(result.rows, [
            ["um", "Maastricht University", "NL", "founding_member", "2015-12", "∅", "yes"],
            ["uliege", "Université de Liège", "BE", "member", "2016", "∅", "yes"],
        ])
        XCTAssertEqual(try fixture.run("network-members", ["network": "yerun", "former": "1"]).rows.map { $0[0] + ":" + $0[6] },
                       ["um:yes", "rwth:no", "uliege:yes"])
        // By full name; Maastricht joins WUN only in June 2026.
        XCTAssertEqual(try fixture.run("network-members", ["network": "worldwide universities network"]).rows.map { $0[0] },
                       ["uniandes", "kyoto"])
        XCTAssertEqual(try fixture.run("network-members", ["network": "WUN"], asOf: "2026-07-01").rows.map { $0[0] },
                       ["um", "uniandes", "kyoto"])
    }

    func testSharedNetworks() throws {
        let result = try fixture.run("shared-networks", ["institution": "um"])
        XCTAssertEqual(result.columns, ["key", "institution", "country", "shared", "networks"])
        XCTAssertEqual(result.rows, [
            ["uliege", "Université de Liège", "BE", "2", "YERUN, YUFE"],
            ["kuleuven", "KU Leuven", "BE", "1", "YUFE"],
        ])
        // In 2020 RWTH was still in YERUN; once Maastricht is in WUN it shares it with Kyoto and Bogotá.
        XCTAssertEqual(try fixture.run("shared-networks", ["institution": "um"], asOf: "2020-01-01").rows.map { $0[0] },
                       ["uliege", "kuleuven", "rwth"])
        XCTAssertEqual(try fixture.run("shared-networks", ["institution": "Maastricht University"], asOf: "2026-07-01").rows.map { $0[0] },
                       ["uliege", "kuleuven", "uniandes", "kyoto"])
    }

    func testTimelineBetweenTwoDates() throws {
        let result = try fixture.run("timeline", ["from": "2021", "to": "2023"])
        XCTAssertEqual(result.columns, ["date", "event", "key", "title", "detail"])
        XCTAssertEqual(result.rows, [
            ["2021-09", "signed", "dual-degree-europe", "Dual degree in European law", "dual_degree"],
            ["2021-09", "takes effect", "dual-degree-europe", "Dual degree in European law", "dual_degree"],
            ["2021-09-20", "news", "dual-degree-en", "Maastricht, Leuven and Liège launch a dual degree in European law", "en"],
            ["2021-09-20", "news", "dual-degree-nl", "Maastricht, Leuven en Luik starten een dubbele graad in Europees recht", "nl"],
            ["2022-02-01", "signed", "mumc-rwth-exchange", "Exchange of medical students", "exchange"],
            ["2023", "signed", "um-kyoto-regen", "Research collaboration on regenerative medicine", "research_collaboration"],
            ["2023-06", "news", "kyoto-regen", "Kyoto and Maastricht join forces on regenerative medicine", "en"],
        ])
        // Default: the year up to --as-of.
        XCTAssertEqual(try fixture.run("timeline").rows.map { $0[0] + " " + $0[1] },
                       ["2025-11-20 signed", "2025-11-21 news", "2026-01 takes effect"])
        // An expiry to the month sorts at its end; one institution only.
        XCTAssertEqual(try fixture.run("timeline", ["from": "2026-03-02", "to": "2026-12-31"]).rows.map { $0[0] + " " + $0[1] + " " + $0[2] },
                       ["2026-04-01 signed um-uliege-strategic", "2026-04 takes effect um-uliege-strategic",
                        "2026-05-15 expires dual-degree-europe", "2026-06 expires um-kyoto-regen"])
        XCTAssertEqual(try fixture.run("timeline", ["from": "2026", "to": "2026", "institution": "KU Leuven"]).rows.map { $0[2] },
                       ["dual-degree-europe"])
    }

    func testInstitutionProfile() throws {
        let result = try fixture.run("institution", ["institution": "rijksuniversiteit limburg"])
        XCTAssertEqual(result.columns, ["section", "name", "detail", "starts", "ends"])
        XCTAssertEqual(result.rows, [
            ["institution", "Maastricht University", "um · university · Maastricht, NL", "1976", "∅"],
            ["short name", "UM", "∅", "∅", "∅"],
            ["alias", "Rijksuniversiteit Limburg", "nl", "∅", "∅"],
            ["alias", "Universiteit Maastricht", "nl", "∅", "∅"],
            ["part", "Maastricht University Medical Center+", "mumc", "∅", "∅"],
            ["network", "WUN", "member", "2026-06", "∅"],
            ["network", "YERUN", "founding_member", "2015-12", "∅"],
            ["network", "YUFE", "coordinator", "2019", "∅"],
            ["agreement", "Strategic partnership in the Euregio",
             "um-uliege-strategic · strategic_partnership · active · with Université de Liège", "2026-04-01", "2031-03-31"],
            ["agreement", "Research collaboration on regenerative medicine",
             "um-kyoto-regen · research_collaboration · in force · with 京都大学", "2023", "2026-06"],
            ["agreement", "Dual degree in European law",
             "dual-degree-europe · dual_degree · in force · with KU Leuven; Université de Liège", "2021-09", "2026-05-15"],
            ["agreement", "Memorandum of Understanding on health research",
             "um-kuleuven-mou · mou · active · with KU Leuven", "2019-05-14", "2024-05-13"],
            ["agreement", "Draft student exchange, Maastricht–Bogotá",
             "um-andes-draft · other · draft · with Universidad de los Andes, Bogotá", "∅", "∅"],
            ["appointment", "Rector Magnificus: A. Jansen", "∅", "2023-06-01", "∅"],
            ["news", "Kyoto and Maastricht join forces on regenerative medicine", "en · kyoto-regen", "2023-06", "∅"],
            ["news", "Maastricht, Leuven and Liège launch a dual degree in European law", "en · dual-degree-en", "2021-09-20", "∅"],
            ["news", "Maastricht, Leuven en Luik starten een dubbele graad in Europees recht", "nl · dual-degree-nl", "2021-09-20", "∅"],
            ["news", "YUFE selected as a European University alliance", "en · yufe-selected", "2019-10-09", "∅"],
        ])
        XCTAssertEqual(try fixture.run("institution", ["institution": "mumc+"]).rows.map { $0[0] + ": " + $0[1] }, [
            "institution: Maastricht University Medical Center+", "short name: MUMC+",
            "parent: Maastricht University", "agreement: Exchange of medical students",
        ])
    }
}
