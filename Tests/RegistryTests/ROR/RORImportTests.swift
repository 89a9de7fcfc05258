import Database
import Foundation
@testable import Registry
import TestSupport
import XCTest

/// `import ror` against the real sample and the seeded registry.
final class RORImportTests: XCTestCase {
    private var folder: TemporaryDirectory!
    private var connection: Connection!

    /// A seeded registry made once for the class; each test works on a copy.
    private static var template: TemporaryDirectory?

    private static func seededRegistry() throws -> String {
        if let template { return template.path("seeded.sqlite") }
        let made = try TemporaryDirectory()
        do {
            let connection = try RegistryDatabase.open(path: made.path("seeded.sqlite"), access: .create)
            _ = try RegistrySetup.initialize(connection, migrator: try RegistryDatabase.migrator())
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        template = made
        return made.path("seeded.sqlite")
    }

    override class func tearDown() { template = nil }

    override func setUpWithError() throws {
        folder = try TemporaryDirectory()
        try FileManager.default.copyItem(atPath: try Self.seededRegistry(), toPath: folder.path("registry.sqlite"))
        connection = try RegistryDatabase.open(path: folder.path("registry.sqlite"), access: .write)
    }

    override func tearDown() {
        connection = nil
        folder = nil
    }

    private func importSample(_ options: RORImportOptions = RORImportOptions()) throws -> RORImportReport {
        try RORImporter.importFile(path: RORSample.path, options: options, connection: connection)
    }

    private func importElements(_ elements: [JSONValue], options: RORImportOptions = RORImportOptions()) throws -> RORImportReport {
        try RORImporter.importData(RORSample.dump(elements), name: "test.json", options: options, connection: connection)
    }

    private func text(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> String? {
        try connection.scalar(sql, arguments)?.string
    }

    private func count(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> Int64 {
        try connection.scalar(sql, arguments)?.int64 ?? -1
    }

    private func institution(_ key: String, _ column: String) throws -> String? {
        try text("SELECT \(column) FROM institutions WHERE key = ?", [key])
    }

    // MARK: The sample

    func testSampleIntoTheSeededRegistry() throws {
        let before = try count("SELECT count(*) FROM institutions")
        let report = try importSample()
        XCTAssertFalse(report.hasErrors, "\(report.errors)")
        XCTAssertTrue(report.committed)
        XCTAssertEqual(report.recordsRead, 211)
        // 25 seeded institutions carry their ROR ids; 9 withdrawn records are not added.
        XCTAssertEqual(report.updated, 25)
        XCTAssertEqual(report.skippedWithdrawn, 9)
        XCTAssertEqual(report.inserted, 211 - 25 - 9)
        XCTAssertEqual(report.linked, 0)
        XCTAssertEqual(report.conflictCount, 0, "\(report.conflicts)")
        XCTAssertEqual(try count("SELECT count(*) FROM institutions"), before + Int64(report.inserted))
        XCTAssertEqual(try count("SELECT count(*) FROM institution_ror_values"), Int64(211 - 9))

        // The seeded rows gained what they lacked, and kept what the seeds say.
        XCTAssertEqual(try institution("university-of-york", "website"), "https://www.york.ac.uk")
        XCTAssertEqual(try institution("university-of-york", "established"), "1963")
        XCTAssertEqual(try institution("university-of-york", "ror_status"), "active")
        XCTAssertEqual(try institution("stanford-university", "city"), "Stanford")
        // Names the seeds chose among ROR's names stay, and ROR's display name becomes an alias.
        XCTAssertEqual(try institution("ucll", "name"), "UC Leuven-Limburg")
        XCTAssertEqual(try institution("maastricht-umc", "name"), "Maastricht UMC+")
        XCTAssertEqual(try count("""
            SELECT count(*) FROM institution_aliases a JOIN institutions i ON i.id = a.institution_id
            WHERE i.key = 'ucll' AND a.alias = 'University Colleges Leuven-Limburg'
            """), 1)
        // Finer kinds the seeds chose stay (ROR says education / healthcare).
        XCTAssertEqual(try institution("ucll", "kind"), "university_college")
        XCTAssertEqual(try institution("maastricht-umc", "kind"), "university_medical_center")
        // The seeds' parent, which ROR does not give, stays.
        XCTAssertEqual(try text("""
            SELECT p.key FROM institutions i JOIN institutions p ON p.id = i.parent_id WHERE i.key = 'maastricht-umc'
            """), "maastricht-university")

        // A new institution from the sample, keyed by its name.
        XCTAssertEqual(try text("SELECT key FROM institutions WHERE ror_id = '0220mzb33'"), "kings-college-london")
        XCTAssertEqual(try text("SELECT source FROM institutions WHERE ror_id = '0220mzb33'"), "https://ror.org/0220mzb33")
    }

    func testAliasesInSeveralLanguages() throws {
        _ = try importSample()
        let rows = try connection.rows("""
            SELECT a.alias, a.lang FROM institution_aliases a JOIN institutions i ON i.id = a.institution_id
            WHERE i.ror_id = '02jx3x895' ORDER BY a.alias
            """)
        let aliases = Dictionary(uniqueKeysWithValues: rows.map { ($0[0].string ?? "", $0[1].string) })
        XCTAssertEqual(aliases["Coleg Prifysgol Llundain"], .some("cy"))
        XCTAssertEqual(aliases["London University"], .some("en"))
        XCTAssertEqual(aliases["UCL"], .some(nil))
        // KU Leuven (seeded): Dutch and English names.
        let leuven = try connection.rows("""
            SELECT a.alias, a.lang FROM institution_aliases a JOIN institutions i ON i.id = a.institution_id
            WHERE i.key = 'ku-leuven'
            """).map { "\($0[1].string ?? "-"):\($0[0].string ?? "")" }
        XCTAssertTrue(leuven.contains("nl:Katholieke Universiteit Leuven"), "\(leuven)")
        XCTAssertTrue(leuven.contains("en:University of Leuven"), "\(leuven)")
        // A label in another script.
        XCTAssertEqual(try count("""
            SELECT count(*) FROM institution_aliases a JOIN institutions i ON i.id = a.institution_id
            WHERE i.ror_id = '000025p04' AND a.lang = 'th'
            """), 1)
        // Languages across the whole import.
        XCTAssertGreaterThan(try count("SELECT count(DISTINCT lang) FROM institution_aliases"), 20)
    }

    func testSecondImportChangesNothing() throws {
        let first = try importSample()
        let changes = connection.totalChanges
        let second = try importSample()
        XCTAssertEqual(second.inserted, 0)
        XCTAssertEqual(second.linked, 0)
        XCTAssertEqual(second.updated, 0)
        XCTAssertEqual(second.parentsSet, 0)
        XCTAssertEqual(second.unchanged, first.inserted + first.updated + first.linked)
        XCTAssertEqual(second.conflictCount, 0)
        XCTAssertEqual(connection.totalChanges, changes, "the second import wrote rows")
    }

    func testSeededInstitutionLinkedByName() throws {
        // As if the seeds had not known York's ROR id.
        try connection.execute("UPDATE institutions SET ror_id = NULL WHERE key = 'university-of-york'")
        let report = try importSample()
        XCTAssertEqual(report.linked, 1)
        XCTAssertEqual(try institution("university-of-york", "ror_id"), "04m01e293")
        XCTAssertEqual(try institution("university-of-york", "established"), "1963")
        XCTAssertEqual(try count("SELECT count(*) FROM institutions WHERE name = 'University of York'"), 1)
        XCTAssertEqual(try importSample().linked, 0, "a linked institution is found by its id the next time")
    }

    func testLinkIgnoresCaseAndAccentsButNotCountry() throws {
        try connection.execute("""
            UPDATE institutions SET ror_id = NULL, name = 'UNIVERSITE DE MONTPELLIER' WHERE key = 'universite-de-montpellier';
            UPDATE institutions SET ror_id = NULL, country_code = 'IE' WHERE key = 'university-of-york';
            """)
        let report = try importSample()
        XCTAssertEqual(report.linked, 1)
        XCTAssertEqual(try institution("universite-de-montpellier", "ror_id"), "051escj72")
        // Its name is one of ROR's, ignoring case and accents: kept.
        XCTAssertEqual(try institution("universite-de-montpellier", "name"), "UNIVERSITE DE MONTPELLIER")
        // York filed under Ireland is not the University of York in GB: a new institution instead.
        XCTAssertNil(try institution("university-of-york", "ror_id"))
        XCTAssertEqual(try count("SELECT count(*) FROM institutions WHERE ror_id = '04m01e293'"), 1)
    }

    func testAmbiguousMatchIsReportedNotGuessed() throws {
        try connection.execute("""
            UPDATE institutions SET ror_id = NULL WHERE key = 'university-of-bergen';
            INSERT INTO institutions (key, name, country_code) VALUES ('uib-copy', 'Universitetet i Bergen', 'NO');
            """)
        let report = try importSample()
        XCTAssertFalse(report.hasErrors)
        XCTAssertEqual(report.ambiguousCount, 1)
        XCTAssertEqual(report.linked, 0)
        XCTAssertTrue(report.warnings.contains { $0.message.contains("03zga2b32") && $0.message.contains("uib-copy") },
                      "\(report.warnings)")
        XCTAssertEqual(try count("SELECT count(*) FROM institutions WHERE ror_id = '03zga2b32'"), 0)
    }

    func testInactiveAndWithdrawnRecords() throws {
        // A withdrawn record updates an institution that carries its id.
        try connection.execute("""
            INSERT INTO institutions (key, name, country_code, ror_id) VALUES ('fernuni', 'FernUni Schweiz', 'CH', '03w2cmy34')
            """)
        _ = try importSample()
        XCTAssertEqual(try text("SELECT ror_status FROM institutions WHERE ror_id = '05f1eky95'"), "inactive")
        XCTAssertEqual(try text("SELECT ror_status FROM institutions WHERE ror_id = '000kjm556'"), "inactive")
        XCTAssertEqual(try text("""
            SELECT s.successor_ror_id || ' ' || s.successor_name FROM institution_successors s
            JOIN institutions i ON i.id = s.institution_id WHERE i.ror_id = '000kjm556'
            """), "00aaqtw69 State Administration for Market Regulation")
        XCTAssertEqual(try institution("fernuni", "ror_status"), "withdrawn")
        XCTAssertEqual(try text("""
            SELECT s.successor_name FROM institution_successors s JOIN institutions i ON i.id = s.institution_id
            WHERE i.key = 'fernuni'
            """), "UniDistance Suisse")
        XCTAssertEqual(try count("SELECT count(*) FROM institutions WHERE ror_id = '00wb5fq03'"), 0)
        // Predecessors are kept.
        XCTAssertEqual(try count("""
            SELECT count(*) FROM institution_relations r JOIN institutions i ON i.id = r.institution_id
            WHERE i.key = 'universite-de-montpellier' AND r.relation = 'predecessor'
            """), 2)
    }

    // MARK: What the audit does with ROR's data

    /// An active agreement between Maastricht University and `partner`, signed on `signed`.
    private func agreement(with partnerROR: String, signed: String) throws {
        try connection.execute("INSERT INTO agreements (key, title, kind, signed_on) VALUES ('ror-test', 'ROR test agreement', 'mou', ?)",
                               [signed])
        try connection.execute("""
            INSERT INTO agreement_parties (agreement_id, institution_id)
            SELECT a.id, i.id FROM agreements a, institutions i
            WHERE a.key = 'ror-test' AND (i.key = 'maastricht-university' OR i.ror_id = ?)
            """, [partnerROR])
    }

    private func findings(_ rule: AuditRule) throws -> [Finding] {
        try Auditor(connection: connection, settings: AuditSettings(asOf: "2026-11-21"), rules: [rule])
            .findings(parallel: false)
            .filter { $0.recordKey == "ror-test" }
    }

    func testInactivePartnerFlaggedByTheAudit() throws {
        _ = try importSample()
        // Inactive, with a successor in ROR: the partner was merged away.
        try agreement(with: "000kjm556", signed: "2015-03-01")
        let found = try findings(AuditRules.partyInactive)
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertEqual(found.first?.rule, "party-inactive")
        XCTAssertTrue(found.first?.message.contains("inactive in ROR") ?? false, found.first?.message ?? "")
        XCTAssertTrue(found.first?.message.contains("State Administration for Market Regulation") ?? false,
                      found.first?.message ?? "")
        // An active partner is not flagged.
        try connection.execute("DELETE FROM agreements WHERE key = 'ror-test'")
        try agreement(with: "04m01e293", signed: "2015-03-01")
        XCTAssertEqual(try findings(AuditRules.partyInactive), [])
    }

    func testEstablishedFromRORFeedsTheAudit() throws {
        _ = try importSample()
        // The seeds give no founding years; ROR does: Maastricht 1976, York 1963. An
        // agreement between them "signed" in 1970 predates Maastricht only.
        try agreement(with: "04m01e293", signed: "1970-06-01")
        let found = try findings(AuditRules.beforeEstablished)
        XCTAssertEqual(found.map(\.related?.key), ["maastricht-university"], "\(found)")
        XCTAssertTrue(found.first?.message.contains("established in 1976") ?? false, found.first?.message ?? "")
    }

    // MARK: Parents

    func testParentResolvedWhenInTheRegistry() throws {
        try connection.execute("""
            INSERT INTO institutions (key, name, country_code, ror_id) VALUES ('university-of-london', 'University of London', 'GB', '04cw6st05')
            """)
        let report = try importSample()
        XCTAssertEqual(report.parentsSet, 2)
        let children = try connection.rows("""
            SELECT i.ror_id FROM institutions i JOIN institutions p ON p.id = i.parent_id
            WHERE p.key = 'university-of-london' ORDER BY i.ror_id
            """).map { $0[0].string ?? "" }
        XCTAssertEqual(children, ["0220mzb33", "02jx3x895"])
    }

    func testParentLaterInTheFileOrInALaterImport() throws {
        let ucl = try RORSample.element("02jx3x895")
        // The parent after the child in the same file.
        let london = try RORSample.element("04m01e293")
            .setting("id", .string("https://ror.org/04cw6st05"))
            .setting("names", .array([.object(JSONObject(members: [
                ("lang", .string("en")), ("types", .array([.string("ror_display"), .string("label")])),
                ("value", .string("University of London"))]))]))
            .setting("relationships", .array([]))
        var report = try importElements([ucl, london])
        XCTAssertEqual(report.parentsSet, 1)
        XCTAssertEqual(try text("SELECT p.ror_id FROM institutions i JOIN institutions p ON p.id = i.parent_id WHERE i.key = 'ucl'"),
                       "04cw6st05")

        // King's College first, University of London already there from the first file.
        report = try importElements([try RORSample.element("0220mzb33")])
        XCTAssertEqual(report.parentsSet, 1)
        XCTAssertEqual(report.inserted, 1)
        XCTAssertEqual(try text("SELECT p.ror_id FROM institutions i JOIN institutions p ON p.id = i.parent_id WHERE i.ror_id = '0220mzb33'"),
                       "04cw6st05")
    }

    func testParentTheUserChoseIsAConflict() throws {
        try connection.execute("""
            INSERT INTO institutions (key, name, country_code, ror_id) VALUES ('university-of-london', 'University of London', 'GB', '04cw6st05');
            UPDATE institutions SET parent_id = (SELECT id FROM institutions WHERE key = 'university-of-york') WHERE key = 'ucl';
            """)
        let report = try importSample()
        XCTAssertEqual(report.conflicts.filter { $0.field == "parent" }.map(\.registryValue), ["university-of-york"])
        XCTAssertEqual(try text("SELECT p.key FROM institutions i JOIN institutions p ON p.id = i.parent_id WHERE i.key = 'ucl'"),
                       "university-of-york")
        _ = try importSample(RORImportOptions(overwrite: true))
        XCTAssertEqual(try text("SELECT p.key FROM institutions i JOIN institutions p ON p.id = i.parent_id WHERE i.key = 'ucl'"),
                       "university-of-london")
    }

    // MARK: Conflicts

    func testConflictIsReportedAndKept() throws {
        try connection.execute("UPDATE institutions SET established = '1965', website = 'https://york.example' WHERE key = 'university-of-york'")
        let report = try importSample()
        XCTAssertEqual(report.conflictCount, 2)
        XCTAssertEqual(Set(report.conflicts.map(\.field)), ["established", "website"])
        let established = try XCTUnwrap(report.conflicts.first { $0.field == "established" })
        XCTAssertEqual(established.key, "university-of-york")
        XCTAssertEqual(established.registryValue, "1965")
        XCTAssertEqual(established.rorValue, "1963")
        XCTAssertGreaterThan(established.line, 1)
        XCTAssertTrue(established.description.contains("university-of-york (04m01e293) established: registry '1965', ROR '1963'"),
                      established.description)
        XCTAssertEqual(try institution("university-of-york", "established"), "1965")
        XCTAssertEqual(try institution("university-of-york", "website"), "https://york.example")

        // Still a conflict the next time (ROR's value is remembered, the user's kept).
        XCTAssertEqual(try importSample().conflictCount, 2)

        // --overwrite takes ROR's values.
        let overwritten = try importSample(RORImportOptions(overwrite: true))
        XCTAssertEqual(overwritten.conflictCount, 0)
        XCTAssertEqual(overwritten.updated, 1)
        XCTAssertEqual(try institution("university-of-york", "established"), "1963")
        XCTAssertEqual(try institution("university-of-york", "website"), "https://www.york.ac.uk")
    }

    func testUserEditAfterAnImportIsKeptAndRORChangesFollowed() throws {
        _ = try importSample()
        // A user corrects one field of an imported institution; ROR changes another.
        try connection.execute("UPDATE institutions SET city = 'Bloomsbury' WHERE ror_id = '0220mzb33'")
        let kings = try RORSample.element("0220mzb33")
            .setting("links", .array([.object(JSONObject(members: [("type", .string("website")), ("value", .string("https://www.kcl.ac.uk/new"))]))]))
        let report = try importElements([kings])
        XCTAssertEqual(report.updated, 1)
        XCTAssertEqual(report.conflicts.map(\.field), ["city"])
        XCTAssertEqual(try text("SELECT city FROM institutions WHERE ror_id = '0220mzb33'"), "Bloomsbury")
        XCTAssertEqual(try text("SELECT website FROM institutions WHERE ror_id = '0220mzb33'"), "https://www.kcl.ac.uk/new")
    }

    // MARK: Options and failures

    func testTypesFilter() throws {
        var options = RORImportOptions()
        options.types = [.healthcare]
        let report = try importSample(options)
        XCTAssertEqual(report.skippedByTypeTotal, 211 - 5)
        XCTAssertEqual(report.skippedByType["education"], 199)
        XCTAssertEqual(report.inserted + report.updated + report.skippedWithdrawn, 5)
        XCTAssertTrue(report.summaryLine.contains("206 skipped by type (education 199"), report.summaryLine)
        XCTAssertThrowsError(try RORImportOptions.parseTypes("education,universities"))
        XCTAssertEqual(try RORImportOptions.parseTypes(" education, Healthcare "), [.education, .healthcare])
    }

    func testIndexesDeferredForALargeFileComeBack() throws {
        let indexesSQL = """
            SELECT group_concat(name || ':' || sql, ' | ') FROM (SELECT name, sql FROM sqlite_schema
            WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)
            """
        let indexes = try text(indexesSQL)
        var options = RORImportOptions()
        // As if the sample were a full dump: decide after 10 records.
        options.indexDecisionAfter = 10
        options.deferIndexesFrom = 50
        options.dryRun = true
        XCTAssertEqual(try importSample(options).inserted, 211 - 25 - 9)
        XCTAssertEqual(try text(indexesSQL), indexes, "a dry run restores the indexes")
        options.dryRun = false
        let report = try importSample(options)
        XCTAssertTrue(report.indexesDeferred)
        XCTAssertEqual(report.inserted, 211 - 25 - 9)
        XCTAssertEqual(report.updated, 25)
        XCTAssertEqual(try text(indexesSQL), indexes)
        XCTAssertEqual(try text("PRAGMA integrity_check"), "ok")
        XCTAssertEqual(try importSample(options).unchanged, 202)
        XCTAssertFalse(try importSample().indexesDeferred, "a small file keeps the indexes")
    }

    func testDryRunWritesNothing() throws {
        let changes = connection.totalChanges
        let report = try importSample(RORImportOptions(dryRun: true))
        XCTAssertEqual(report.inserted, 211 - 25 - 9)
        XCTAssertFalse(report.committed)
        XCTAssertEqual(try count("SELECT count(*) FROM institution_ror_values"), 0)
        XCTAssertNil(try institution("university-of-york", "established"))
        XCTAssertEqual(try count("SELECT count(*) FROM institutions WHERE ror_id = '0220mzb33'"), 0)
        _ = changes
    }

    func testABadRecordRejectsTheWholeFile() throws {
        var elements = try RORSample.elements().map(\.value)
        elements[3] = elements[3].setting("locations", .array([]))
        elements[7] = elements[7].setting("established", .string("long ago"))
        let report = try importElements(elements)
        XCTAssertTrue(report.hasErrors)
        XCTAssertFalse(report.committed)
        XCTAssertEqual(report.errors.map(\.line), [5, 9])
        XCTAssertEqual(report.errors.map(\.column), ["locations", "established"])
        XCTAssertTrue(report.errors[0].description.hasPrefix("test.json:5: column 'locations': record https://ror.org/"),
                      report.errors[0].description)
        XCTAssertEqual(try count("SELECT count(*) FROM institution_ror_values"), 0)
        XCTAssertNil(try institution("university-of-york", "established"))
    }

    func testBrokenJSONIsFatal() throws {
        let report = try RORImporter.importData(Data("[\n{\"id\": \"https://ror.org/04m01e293\",\n".utf8), name: "broken.json",
                                                options: RORImportOptions(), connection: connection)
        XCTAssertNotNil(report.fatal)
        XCTAssertFalse(report.committed)
    }
}
