import Foundation
import TestSupport
import XCTest

final class ReportCommandTests: XCTestCase {
    var folder: TemporaryDirectory!
    var db: String!

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        db = try ReportRegistry.create(in: folder)
    }

    override func tearDown() { folder = nil }

    private func report(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
        try CLIRunner.run(["report"] + arguments + ["--db", db, "--as-of", ReportRegistry.asOf], environment: environment)
    }

    func testListShowsEveryReportWithItsParameters() throws {
        let result = try CLIRunner.run(["report", "list", "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.first, "name,parameters,description,source")
        XCTAssertEqual(lines.dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }, [
            "agreements", "expiring", "institution", "network-members", "overview", "partners-by-country",
            "shared-networks", "timeline",
        ])
        XCTAssertTrue(result.stdout.contains("expiring,\"within_days = 180, institution (optional), country (optional)\",\"Agreements in force"),
                      result.stdout)
        XCTAssertTrue(result.stdout.contains("network-members,\"network (required), former = 0\""), result.stdout)
    }

    func testExpiringAsCSVAndJSON() throws {
        let csv = try report(["expiring", "--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertEqual(csv.stdout, """
            ends_on,days_left,key,title,kind,expires_on,parties\r
            2026-05-15,75,dual-degree-europe,Dual degree in European law,dual_degree,2026-05-15,Maastricht University (NL); KU Leuven (BE); Université de Liège (BE)\r
            2026-06-30,121,um-kyoto-regen,Research collaboration on regenerative medicine,research_collaboration,2026-06,Maastricht University (NL); 京都大学 (JP)\r

            """)
        let json = try report(["expiring", "--param", "within_days=90", "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertEqual(json.stdout, """
            [
              {"ends_on": "2026-05-15", "days_left": 75, "key": "dual-degree-europe", "title": "Dual degree in European law", "kind": "dual_degree", "expires_on": "2026-05-15", "parties": "Maastricht University (NL); KU Leuven (BE); Université de Liège (BE)"}
            ]

            """)
        XCTAssertTrue(json.stderr.isEmpty, json.stderr)
    }

    /// The rows and order of the CSV, tab-separated: the parties' "; " and the
    /// commas of a name stay unquoted, a quote still makes a field quoted.
    func testExpiringAndListAsTSV() throws {
        let tsv = try report(["expiring", "--format", "tsv"])
        XCTAssertEqual(tsv.status, 0, tsv.stderr)
        XCTAssertEqual(tsv.stdout, """
            ends_on\tdays_left\tkey\ttitle\tkind\texpires_on\tparties\r
            2026-05-15\t75\tdual-degree-europe\tDual degree in European law\tdual_degree\t2026-05-15\t\
            Maastricht University (NL); KU Leuven (BE); Université de Liège (BE)\r
            2026-06-30\t121\tum-kyoto-regen\tResearch collaboration on regenerative medicine\tresearch_collaboration\t\
            2026-06\tMaastricht University (NL); 京都大学 (JP)\r

            """)
        let agreements = try report(["agreements", "--param", "institution=uniandes", "--format", "tsv"])
        XCTAssertEqual(agreements.status, 0, agreements.stderr)
        XCTAssertTrue(agreements.stdout.contains("\t\"Cooperation on \"\"water\"\", climate and health\"\t"), agreements.stdout)
        XCTAssertTrue(agreements.stdout.contains("\tUniversité de Liège (BE); Universidad de los Andes, Bogotá (CO)\r\n"),
                      agreements.stdout)
        let list = try CLIRunner.run(["report", "list", "--format", "tsv"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.hasPrefix("name\tparameters\tdescription\tsource\r\nagreements\t"), list.stdout)
        XCTAssertTrue(list.stdout.contains("\r\nexpiring\twithin_days = 180, institution (optional), country (optional)\tAgreements in force"),
                      list.stdout)
    }

    func testRunIsTheDefaultSubcommandAndParamsAcceptWhatAUserTypes() throws {
        let explicit = try report(["run", "network-members", "--param", "network=Young European Research Universities Network", "--format", "csv"])
        let implicit = try report(["network-members", "--param", "network=yerun", "--format", "csv"])
        XCTAssertEqual(explicit.status, 0, explicit.stderr)
        XCTAssertEqual(explicit.stdout, implicit.stdout)
        XCTAssertEqual(implicit.stdout.components(separatedBy: "\r\n").count, 4, implicit.stdout)
    }

    func testMarkdownAndTableOutput() throws {
        let markdown = try report(["network-members", "--param", "network=YERUN", "--format", "markdown"])
        XCTAssertEqual(markdown.stdout, """
            | key | institution | country | role | since | until | current |
            | --- | --- | --- | --- | --- | --- | --- |
            | um | Maastricht University | NL | founding_member | 2015-12 |  | yes |
            | uliege | Université de Liège | BE | member | 2016 |  | yes |

            """)
        let table = try report(["shared-networks", "--param", "institution=um", "--format", "table"])
        XCTAssertEqual(table.stdout, """
            key       institution          country  shared  networks
            --------  -------------------  -------  ------  -----------
            uliege    Université de Liège  BE            2  YERUN, YUFE
            kuleuven  KU Leuven            BE            1  YUFE

            """)
    }

    /// Report names and the values of --format in any letter case: the
    /// same output as in lower case.
    func testNamesAndFormatsInAnyLetterCase() throws {
        let lower = try report(["overview", "--format", "json"])
        XCTAssertEqual(lower.status, 0, lower.stderr)
        let upper = try report(["Overview", "--format", "JSON"])
        XCTAssertEqual(upper.status, 0, upper.stderr)
        XCTAssertEqual(upper.stdout, lower.stdout)
    }

    /// `from` and `to` are dates and a `_days` parameter counts days, in
    /// any report: a wrong one is a usage error that says what is expected,
    /// never an empty report.
    func testDateRangesAndDayCountsAreCheckedBeforeTheReportRuns() throws {
        let month = try report(["timeline", "--param", "from=2025-13"])
        XCTAssertEqual(month.status, 64)
        XCTAssertEqual(month.stdout, "", "no header of an empty answer")
        XCTAssertEqual(month.stderr, "partnerships: error: --param from=2025-13: expected a date as YYYY, YYYY-MM or "
                       + "YYYY-MM-DD, such as 2025 or 2025-03-01\n")
        let swapped = try report(["timeline", "--param", "from=2025-06", "--param", "to=2024"])
        XCTAssertEqual(swapped.status, 64)
        XCTAssertEqual(swapped.stderr, "partnerships: error: --param to=2024: expected a date not before from=2025-06; "
                       + "are the two swapped?\n")
        let negative = try report(["expiring", "--param", "within_days=-30"])
        XCTAssertEqual(negative.status, 64)
        XCTAssertEqual(negative.stderr, "partnerships: error: --param within_days=-30: expected a number of days, 0 or more\n")

        // A range within one month or year, a single day, and 0 days are fine.
        for arguments in [["timeline", "--param", "from=2019-10", "--param", "to=2019"],
                          ["timeline", "--param", "from=2019-10-15", "--param", "to=2019-10-15"],
                          ["expiring", "--param", "within_days=0"]] {
            let fine = try report(arguments)
            XCTAssertEqual(fine.status, 0, "\(arguments): \(fine.stderr)")
        }
    }

    func testUnknownReportOrParameterIsAUsageErrorListingTheValidOnes() throws {
        let unknown = try report(["expire"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.stderr.contains("there is no report named 'expire'; did you mean 'expiring'? Reports: agreements, expiring, institution, network-members, overview, partners-by-country, shared-networks, timeline"), unknown.stderr)
        XCTAssertEqual(unknown.stdout, "")

        let parameter = try report(["expiring", "--param", "days=30"])
        XCTAssertEqual(parameter.status, 64)
        XCTAssertEqual(parameter.stderr, "partnerships: error: the report 'expiring' has no parameter 'days'; did you mean 'within_days'? Its parameters: within_days = 180, institution (optional), country (optional).\n")

        let missing = try report(["institution"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("needs --param institution=VALUE"), missing.stderr)

        XCTAssertEqual(try report(["expiring", "--param", "within_days"]).status, 64)
        XCTAssertEqual(try report(["expiring", "--param", "within_days=soon"]).status, 64)
        XCTAssertEqual(try CLIRunner.run(["report", "overview", "--db", db, "--as-of", "2026-02-30"]).status, 64)
        let noName = try CLIRunner.run(["report", "--db", db])
        XCTAssertEqual(noName.status, 64)
        XCTAssertTrue(noName.stderr.contains("Reports: agreements, expiring"), noName.stderr)
        let unknownNetwork = try report(["network-members", "--param", "network=NOPE"])
        XCTAssertEqual(unknownNetwork.status, 64)
        XCTAssertEqual(unknownNetwork.stdout, "", "no header of an empty answer")
        XCTAssertTrue(unknownNetwork.stderr.contains("--param network=NOPE: unknown network 'NOPE'"), unknownNetwork.stderr)
    }

    func testAUserReportFolderReplacesABuiltInAndAddsReports() throws {
        let reports = try TemporaryDirectory()
        try """
            -- name: overview
            -- description: Just the number of agreements.
            SELECT count(*) AS agreements FROM agreements;
            """.write(toFile: reports.path("my-overview.sql"), atomically: true, encoding: .utf8)
        try """
            -- description: Networks by acronym.
            -- param: scope = european
            SELECT acronym FROM networks WHERE scope = :scope ORDER BY acronym;
            """.write(toFile: reports.path("networks.sql"), atomically: true, encoding: .utf8)
        let option = try report(["overview", "--reports", reports.url.path, "--format", "csv"])
        XCTAssertEqual(option.stdout, "agreements\r\n8\r\n", option.stderr)
        let environment = try report(["networks", "--format", "csv"], environment: ["PARTNERSHIPS_REPORTS": reports.url.path])
        XCTAssertEqual(environment.stdout, "acronym\r\nYERUN\r\nYUFE\r\n", environment.stderr)
        let global = try report(["networks", "--param", "scope=global", "--format", "csv"], environment: ["PARTNERSHIPS_REPORTS": reports.url.path])
        XCTAssertEqual(global.stdout, "acronym\r\nWUN\r\n", global.stderr)
        let list = try CLIRunner.run(["report", "list", "--format", "csv", "--reports", reports.url.path])
        XCTAssertTrue(list.stdout.contains("overview,,Just the number of agreements.,\(reports.path("my-overview.sql")) (replaces the built-in)"), list.stdout)
        // Without the folder the built-in is back.
        XCTAssertTrue(try report(["overview", "--format", "csv"]).stdout.hasPrefix("section,item,detail,count"))
    }

    func testABrokenUserReportIsRejectedWithItsFileName() throws {
        let reports = try TemporaryDirectory()
        try "DELETE FROM agreements;".write(toFile: reports.path("evil.sql"), atomically: true, encoding: .utf8)
        let result = try report(["overview", "--reports", reports.url.path])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.contains("\(reports.path("evil.sql")): not a usable report"), result.stderr)
    }

    func testAMissingRegistryOrOneBehindTheSchema() throws {
        let missing = try CLIRunner.run(["report", "overview", "--db", folder.path("none.sqlite")])
        XCTAssertEqual(missing.status, 74)
        XCTAssertTrue(missing.stderr.contains("partnerships init"), missing.stderr)
        let old = folder.path("old.sqlite")
        XCTAssertEqual(try CLIRunner.run(["migrate", "up", "--to", "1", "--db", old]).status, 0)
        let behind = try CLIRunner.run(["report", "overview", "--db", old])
        XCTAssertEqual(behind.status, 78)
        XCTAssertTrue(behind.stderr.contains("migrate up"), behind.stderr)
    }

    func testHelpShowsExamples() throws {
        for command in [["report", "--help"], ["report", "run", "--help"], ["search", "--help"], ["query", "--help"]] {
            let help = try CLIRunner.run(command)
            XCTAssertEqual(help.status, 0)
            XCTAssertTrue(help.stdout.contains("Examples:") || help.stdout.contains("Example:"), "\(command): \(help.stdout)")
        }
    }
}
