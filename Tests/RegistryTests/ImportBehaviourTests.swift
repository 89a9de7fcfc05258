import Database
import Foundation
@testable import Registry
import XCTest

/// Upserts, formats, resolution, rejects files, warnings and the kinds' rules.
final class ImportBehaviourTests: XCTestCase {
    var registry: RegistryFixture!

    override func setUpWithError() throws {
        registry = try RegistryFixture()
        try registry.loadBasics()
    }

    override func tearDown() { registry = nil }

    func testByteOrderMarkCRLFAndAQuotedFieldOverLines() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("key,title,kind,parties\r\na1,\"Line one\r\nline two, with a comma\",mou,um;york\r\na2,Bad,mou,um\r\n".utf8))
        let file = try registry.write("a.csv", data)
        var options = ImportOptions()
        options.skipInvalid = true
        let report = try Importer.importFile(.agreements, path: file, options: options, connection: registry.connection)
        XCTAssertEqual(report.errors.map(\.line), [4], "the second record starts on line 4")
        XCTAssertEqual(try registry.string("SELECT title FROM agreements WHERE key = 'a1'"), "Line one\nline two, with a comma")
    }

    func testTheSameFileTwiceChangesNothing() throws {
        let text = """
            key,title,kind,parties,signed_on,topics
            a1,First,mou,um;york,2018-11-28,health; ai
            a2,Second,dual_degree,UCI;Maastricht University;york,2019,
            ,Without a key,exchange,um;uliege,2020-05,

            """
        let first = try registry.importText(.agreements, "a.csv", text)
        XCTAssertEqual([first.inserted, first.updated, first.unchanged], [3, 0, 0])
        let before = try registry.dump()
        let second = try registry.importText(.agreements, "a.csv", text)
        XCTAssertEqual([second.inserted, second.updated, second.unchanged], [0, 0, 3])
        XCTAssertEqual(try registry.dump(), before)
        XCTAssertEqual(try registry.string("SELECT topics FROM agreements WHERE key = 'a1'"), "health;ai")
        let generated = try registry.string("SELECT key FROM agreements WHERE title = 'Without a key'")
        XCTAssertTrue(generated?.hasPrefix("exchange-2020-05-") ?? false, generated ?? "nil")
        // The same agreement, parties in another order and named otherwise: the same row.
        let reordered = try registry.importText(.agreements, "b.csv",
                                                "title,kind,parties,signed_on\nWithout a key,exchange,Université de Liège;UM,2020-05\n")
        XCTAssertEqual(reordered.unchanged, 1)
    }

    func testAChangedRowUpdatesItsRecordPartiesAndAliases() throws {
        try registry.importText(.agreements, "a.csv", "key,title,kind,parties,status,notes\na1,First,mou,um;york,active,keep me\n")
        let changed = try registry.importText(.agreements, "a.csv", "key,title,kind,parties,status\na1,First (renewed),mou,um;uci,terminated\n")
        XCTAssertEqual([changed.inserted, changed.updated, changed.unchanged], [0, 1, 0])
        XCTAssertEqual(try registry.strings("""
            SELECT i.key FROM agreement_parties AS p JOIN institutions AS i ON i.id = p.institution_id
            JOIN agreements AS a ON a.id = p.agreement_id WHERE a.key = 'a1' ORDER BY i.key
            """), ["uci", "um"])
        XCTAssertEqual(try registry.string("SELECT title || '/' || status FROM agreements WHERE key = 'a1'"), "First (renewed)/terminated")
        XCTAssertEqual(try registry.string("SELECT notes FROM agreements WHERE key = 'a1'"), "keep me",
                       "a column the file does not have keeps its value")

        let renamed = try registry.importText(.institutions, "i.csv", """
            key,name,country,aliases
            um,Maastricht University,NL,nl:Universiteit Maastricht;fr:Université de Maastricht

            """)
        XCTAssertEqual(renamed.updated, 1)
        XCTAssertEqual(try registry.strings("SELECT alias || ':' || coalesce(lang, '') FROM institution_aliases ORDER BY alias"),
                       ["UC Irvine:", "Universiteit Maastricht:nl", "Université de Maastricht:fr"])
        XCTAssertEqual(try registry.string("SELECT ror_id FROM institutions WHERE key = 'um'"), "02jz4aj89", "absent column kept")
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreement_parties"), 2, "updating an institution keeps its agreements")
    }

    func testRejectsFileCanBeFixedAndImportedAgain() throws {
        let rejects = registry.folder.path("rejects.csv")
        var options = ImportOptions()
        options.skipInvalid = true
        options.rejectsPath = rejects
        let report = try registry.importText(.agreements, "a.csv", """
            key,title,kind,parties,signed_on
            a1,Good,mou,um;york,2018
            a2,"Bad, kind",memorandum,um;york,2018
            a3,Bad party,mou,um;Nowhere University,2019

            """, options: options)
        XCTAssertTrue(report.committed)
        XCTAssertEqual([report.inserted, report.rejected], [1, 2])
        XCTAssertEqual(report.rejectsFile, rejects)
        let written = try String(contentsOfFile: rejects, encoding: .utf8)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: rejects)).first, UInt8(ascii: "k"), "no byte-order mark")
        XCTAssertEqual(written.split(separator: "\n").first, "key,title,kind,parties,signed_on,error")
        XCTAssertTrue(written.contains("a2,\"Bad, kind\",memorandum,um;york,2018,\"line 3: column 'kind': 'memorandum' is not one of"))
        XCTAssertTrue(written.contains("line 4: column 'parties': unknown institution 'Nowhere University'"))

        // Fix the two rows in place; the error column is ignored on import.
        let fixed = written.replacingOccurrences(of: ",memorandum,", with: ",mou,")
            .replacingOccurrences(of: "Nowhere University", with: "UCI")
        try fixed.write(toFile: rejects, atomically: true, encoding: .utf8)
        let again = try Importer.importFile(.agreements, path: rejects, options: ImportOptions(), connection: registry.connection)
        XCTAssertFalse(again.hasErrors, "\(again.errors)")
        XCTAssertEqual(again.inserted, 2)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreements"), 3)
    }

    /// A file saved by a spreadsheet in a Dutch locale ("CSV UTF-8"):
    /// byte-order mark, CRLF, semicolons, the parties quoted. Its rejects file
    /// is written the same way, and imports again once fixed.
    func testASemicolonSeparatedFileImportsAndItsRejectsKeepTheSemicolons() throws {
        let rejects = registry.folder.path("rejects.csv")
        var options = ImportOptions()
        options.skipInvalid = true
        options.rejectsPath = rejects
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("key;title;kind;parties;signed_on\r\na1;Onderzoek, en onderwijs;mou;\"um;york\";2018\r\na2;Bad;memorandum;\"um;york\";2018\r\n".utf8))
        let report = try Importer.importFile(.agreements, path: try registry.write("nl.csv", data), options: options,
                                             connection: registry.connection)
        XCTAssertEqual([report.inserted, report.rejected], [1, 1])
        XCTAssertEqual(try registry.string("SELECT title FROM agreements WHERE key = 'a1'"), "Onderzoek, en onderwijs")
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreement_parties JOIN agreements ON agreements.id = agreement_id WHERE key = 'a1'"), 2)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: rejects))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "the input's byte-order mark, which tells Excel it is UTF-8")
        let written = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        XCTAssertEqual(written.split(separator: "\n").first, "key;title;kind;parties;signed_on;error")
        XCTAssertTrue(written.contains("a2;Bad;memorandum;\"um;york\";2018;\"line 3: column 'kind'"), written)

        try written.replacingOccurrences(of: ";memorandum;", with: ";mou;").write(toFile: rejects, atomically: true, encoding: .utf8)
        let again = try Importer.importFile(.agreements, path: rejects, options: ImportOptions(), connection: registry.connection)
        XCTAssertFalse(again.hasErrors, "\(again.errors)")
        XCTAssertEqual(again.inserted, 1)
    }

    /// A Windows-1252 file's rejects are written in Windows-1252 too, so the
    /// same command imports them once fixed.
    func testTheRejectsOfAWindows1252FileAreInWindows1252() throws {
        let rejects = registry.folder.path("rejects.csv")
        var options = ImportOptions()
        options.encoding = .windows1252
        options.skipInvalid = true
        options.rejectsPath = rejects
        let bytes = Array("key,name,country\nul-ansi,Universit".utf8) + [0xE9] + Array(" de Li".utf8) + [0xE8] + Array("ge,BE\n".utf8)
            + Array("uzh-ansi,Universit".utf8) + [0xE4] + Array("t Z".utf8) + [0xFC] + Array("rich,XX\n".utf8)
        let report = try Importer.importFile(.institutions, path: try registry.write("ansi.csv", Data(bytes)), options: options,
                                             connection: registry.connection)
        XCTAssertEqual([report.inserted, report.rejected], [1, 1])
        XCTAssertEqual(try registry.string("SELECT name FROM institutions WHERE key = 'ul-ansi'"), "Université de Liège")
        let written = try Data(contentsOf: URL(fileURLWithPath: rejects))
        XCTAssertNil(String(data: written, encoding: .utf8), "not UTF-8")
        let text = try XCTUnwrap(String(data: written, encoding: .windowsCP1252))
        XCTAssertTrue(text.hasPrefix("key,name,country,error\nuzh-ansi,Universität Zürich,XX,"), text)

        try Data(text.replacingOccurrences(of: ",XX,", with: ",CH,").data(using: .windowsCP1252)!)
            .write(to: URL(fileURLWithPath: rejects))
        var again = ImportOptions()
        again.encoding = .windows1252
        let fixed = try Importer.importFile(.institutions, path: rejects, options: again, connection: registry.connection)
        XCTAssertFalse(fixed.hasErrors, "\(fixed.errors)")
        XCTAssertEqual(try registry.string("SELECT name FROM institutions WHERE key = 'uzh-ansi'"), "Universität Zürich")
    }

    func testHeadingsInAnyCaseWithSpacesOrHyphensNameTheColumns() throws {
        let report = try registry.importText(.agreements, "a.csv", """
            Key,Title,KIND,Parties,Signed On,effective-from,Expires on
            h1,Headings,mou,um;york,2018,2018-02,2023

            """)
        XCTAssertFalse(report.hasErrors, "\(report.errors)")
        XCTAssertEqual(try registry.strings("SELECT signed_on || ' ' || effective_from || ' ' || expires_on FROM agreements WHERE key = 'h1'"),
                       ["2018 2018-02 2023"])
        let twice = try registry.importText(.agreements, "b.csv", "key,title,kind,parties,signed_on,Signed On\n")
        XCTAssertEqual(twice.fatal?.message, "appears twice in the header (fields 5 and 6)")
    }

    func testRejectsOptionsAreChecked() throws {
        var options = ImportOptions()
        options.rejectsPath = registry.folder.path("r.csv")
        XCTAssertThrowsError(try registry.importText(.agreements, "a.csv", "key\n", options: options)) {
            XCTAssertEqual($0 as? ImportSetupError, .rejectsWithoutSkip)
        }
        options.skipInvalid = true
        try registry.write("r.csv", "exists")
        XCTAssertThrowsError(try registry.importText(.agreements, "a.csv", "key\n", options: options)) {
            XCTAssertEqual(($0 as? CategorizedError)?.category, .outputUnavailable)
        }
    }

    func testJSONAndNDJSON() throws {
        let json = try registry.importText(.agreements, "a.json", """
            [
              {"key": "j1", "title": "From JSON", "kind": "mou", "parties": ["um", "york"], "signed_on": "2018-11-28"},
              {"key": "j2", "title": "Wrong types", "kind": "mou", "parties": "um;york", "signed_on": 2018, "status": true},
              {"key": "j3", "title": "Unknown key", "kind": "mou", "parties": "um;york", "colour": "red"},
              "not an object"
            ]
            """)
        XCTAssertEqual(json.errors.map(\.description), [
            "\(registry.folder.path("a.json")):3: column 'status': is a boolean; expected a string",
            "\(registry.folder.path("a.json")):4: unknown key 'colour'; the known keys are: key, title, kind, parties, signed_on, effective_from, expires_on, status, topics, source, notes",
            "\(registry.folder.path("a.json")):5: expected an object with the columns as keys (key, title, kind, parties, signed_on, effective_from, expires_on, status, topics, source, notes), found a string",
        ])
        var options = ImportOptions()
        options.skipInvalid = true
        try registry.importText(.agreements, "a.json", """
            [{"key": "j1", "title": "From JSON", "kind": "mou", "parties": ["um", "york"], "signed_on": "2018-11-28"},
             {"key": "j2", "title": "Number date", "kind": "mou", "parties": "um;york", "signed_on": 2018}]
            """, options: options)
        XCTAssertEqual(try registry.strings("SELECT key || '=' || coalesce(signed_on, '') FROM agreements ORDER BY key"),
                       ["j1=2018-11-28", "j2=2018"])

        let ndjson = try registry.importText(.memberships, "m.ndjson", """
            {"network": "YERUN", "institution": "Universiteit Maastricht", "role": "founding_member", "since": "2015"}

            {"network": "wun", "institution": "University of York", "since": 2019}
            {"network": "wun", "institution": "Atlantis"}
            """)
        XCTAssertEqual(ndjson.errors.map(\.line), [4])
        var ndOptions = ImportOptions()
        ndOptions.skipInvalid = true
        try registry.importText(.memberships, "m.ndjson",
                                "{\"network\": \"YERUN\", \"institution\": \"um\", \"role\": \"founding_member\", \"since\": \"2015\"}\n",
                                options: ndOptions)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM memberships WHERE role = 'founding_member' AND since = '2015'"), 1)

        let broken = try registry.importText(.agreements, "b.json", "[\n{\"key\": \"x\",\n \"title\": }\n]")
        XCTAssertEqual(broken.fatal?.line, 3)
    }

    func testReferencesByAliasAccentsShortNameAndRORId() throws {
        let report = try registry.importText(.agreements, "a.csv", """
            key,title,kind,parties
            r1,By alias,mou,Universiteit Maastricht;  university OF york
            r2,By accents,mou,universite de liege;UC Irvine
            r3,By ROR id,mou,https://ror.org/02jz4aj89;UCI
            r4,By bare ROR id,mou,02jz4aj89;ULIÈGE
            r5,Wrong ROR checksum,mou,02jz4aj88;york
            r6,Unknown ROR,mou,https://ror.org/04c4dkn09;york

            """)
        XCTAssertEqual(report.errors.map(\.detail), [
            "column 'parties': '02jz4aj88' is not a valid ROR id (its checksum is wrong)",
            "column 'parties': no institution has the ROR id 04c4dkn09",
        ])
        var options = ImportOptions()
        options.skipInvalid = true
        try registry.importText(.agreements, "a.csv", """
            key,title,kind,parties
            r1,By alias,mou,Universiteit Maastricht;  university OF york
            r2,By accents,mou,universite de liege;UC Irvine
            r3,By ROR id,mou,https://ror.org/02jz4aj89;UCI

            """, options: options)
        XCTAssertEqual(try registry.strings("""
            SELECT a.key || ':' || group_concat(i.key, '+') FROM agreements AS a
            JOIN (SELECT * FROM agreement_parties ORDER BY institution_id) AS p ON p.agreement_id = a.id
            JOIN institutions AS i ON i.id = p.institution_id GROUP BY a.key ORDER BY a.key
            """), ["r1:um+york", "r2:uliege+uci", "r3:um+uci"])
    }

    func testAnAmbiguousNameMustBeGivenAsAKey() throws {
        try registry.importText(.institutions, "i.csv", """
            key,name,country,short_name
            uab-alabama,University of Alabama at Birmingham,US,UAB
            uab-barcelona,Universitat Autònoma de Barcelona,ES,UAB

            """)
        let report = try registry.importText(.agreements, "a.csv", """
            key,title,kind,parties
            x,X,mou,UAB;york
            y,Y,mou,uab-barcelona;york

            """)
        XCTAssertEqual(report.errors.map(\.description), [
            "\(registry.folder.path("a.csv")):2: column 'parties': 'UAB' is ambiguous: it names 'University of Alabama at Birmingham' (uab-alabama), 'Universitat Autònoma de Barcelona' (uab-barcelona); use the key",
        ])
        // A key wins over a name: "Um" is the key um, though Maastricht's short name is UM too.
        let byKey = try registry.importText(.agreements, "b.csv", "key,title,kind,parties\nz,Z,mou,Um;york\n")
        XCTAssertFalse(byKey.hasErrors)
    }

    func testInstitutionParentMayBeAnEarlierRowOfTheSameFile() throws {
        let report = try registry.importText(.institutions, "i.csv", """
            key,name,kind,country,parent,aliases
            umc-utrecht,UMC Utrecht,university_medical_center,NL,Universiteit Utrecht,
            uu,Utrecht University,,NL,,nl:Universiteit Utrecht
            umcu,University Medical Center Utrecht,university_medical_center,NL,Universiteit Utrecht,UMC Utrecht
            self,Self,,NL,self,

            """)
        XCTAssertEqual(report.errors.map(\.line), [2, 5], "a parent must come first; no institution is its own parent")
        var options = ImportOptions()
        options.skipInvalid = true
        try registry.importText(.institutions, "i.csv", """
            key,name,kind,country,parent,aliases
            uu,Utrecht University,,NL,,nl:Universiteit Utrecht
            umcu,University Medical Center Utrecht,university_medical_center,NL,Universiteit Utrecht,UMC Utrecht

            """, options: options)
        XCTAssertEqual(try registry.string("SELECT p.key FROM institutions AS c JOIN institutions AS p ON p.id = c.parent_id WHERE c.key = 'umcu'"), "uu")
    }

    func testNewsDateFormsStoryKeysAndLinks() throws {
        try registry.importText(.agreements, "a.csv", "key,title,kind,parties\num-uci,UM and UCI,mou,um;uci\n")
        let text = """
            key,published_on,language,title,story_key,agreements,institutions,networks
            n-en,"Wednesday, November 28, 2018",en,UM and UC Irvine sign agreement,um-uci-2018,um-uci,um;uci,
            n-nl,"woensdag, november 28, 2018",nl,UM en UC Irvine tekenen overeenkomst,um-uci-2018,UM and UCI,Universiteit Maastricht,YERUN
            n-3,28 november 2018,NL,Derde bericht,,,,
            n-4,"Thursday, November 28, 2018",en,Wrong weekday,,,,
            n-5,"Friday, February 29, 2019",en,No such day,,,,

            """
        let report = try registry.importText(.news, "news.csv", text)
        XCTAssertEqual(report.errors.map(\.description), [
            "\(registry.folder.path("news.csv")):5: column 'published_on': 'Thursday, November 28, 2018' says Thursday, but that date was a Wednesday",
            "\(registry.folder.path("news.csv")):6: column 'published_on': 'Friday, February 29, 2019' is not a real calendar date",
        ])
        var options = ImportOptions()
        options.skipInvalid = true
        let kept = try registry.importText(.news, "news.csv", text, options: options)
        XCTAssertEqual(kept.inserted, 3)
        XCTAssertEqual(try registry.strings("SELECT key || '=' || published_on || '/' || language FROM news_items ORDER BY key"),
                       ["n-3=2018-11-28/nl", "n-en=2018-11-28/en", "n-nl=2018-11-28/nl"])
        XCTAssertEqual(try registry.strings("SELECT language FROM news_items WHERE story_key = 'um-uci-2018' ORDER BY language"), ["en", "nl"])
        XCTAssertEqual(try registry.int("SELECT count(*) FROM news_agreements"), 2)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM news_institutions"), 3)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM news_networks"), 1)
    }

    func testAppointmentsTermsAndDerivedEnds() throws {
        let report = try registry.importText(.appointments, "a.csv", """
            person,organisation,title,starts_on,ends_on,term,source
            Rianne Letschert,YERUN,President,2018-01,,2y,001_52faaff7f3b55cd9.txt
            A. Person,york,Rector,2018,,2y,
            B. Person,Maastricht University,Dean,2018-01-15,,2y,
            C. Person,wun,Chair,2019,2021,2y,
            D. Person,Nowhere,Chair,2019,,,
            E. Person,um,Chair,2019,,two years,
            F. Person,um,Chair,2020,2019,,

            """)
        XCTAssertEqual(report.errors.map(\.line), [6, 7])
        XCTAssertEqual(report.warnings.map(\.line), [8])
        var options = ImportOptions()
        options.skipInvalid = true
        try registry.importText(.appointments, "a.csv", """
            person,organisation,title,starts_on,ends_on,term,source
            Rianne Letschert,YERUN,President,2018-01,,2y,001_52faaff7f3b55cd9.txt
            A. Person,york,Rector,2018,,2y,
            B. Person,Maastricht University,Dean,2018-01-15,,2y,
            C. Person,wun,Chair,2019,2021,2y,

            """, options: options)
        XCTAssertEqual(try registry.strings("""
            SELECT person || ':' || ends_on || ':' || term_months || ':' || ends_on_derived || ':'
                   || coalesce(institution_id, 'n' || network_id) FROM appointments ORDER BY person
            """), ["A. Person:2019:24:1:2", "B. Person:2020-01-14:24:1:1", "C. Person:2021:24:0:n2", "Rianne Letschert:2019-12:24:1:n1"])
        let again = try registry.importText(.appointments, "b.csv",
                                            "person,organisation,title,starts_on,term\nRianne Letschert,YERUN,President,2018-01,2y\n")
        XCTAssertEqual(again.unchanged, 1)
    }

    func testAnOrganisationThatIsBothAnInstitutionAndANetworkIsAmbiguous() throws {
        try registry.importText(.institutions, "i.csv", "key,name,country\nwun-office,WUN,GB\n")
        let report = try registry.importText(.appointments, "a.csv", "person,organisation,title\nP,WUN,Chair\n")
        XCTAssertEqual(report.errors.first?.detail,
                       "column 'organisation': 'WUN' is ambiguous: it names the institution 'WUN' (wun-office) and the network 'Worldwide Universities Network' (wun); use the key")
    }

    func testDoubtfulValuesAreStoredWithWarnings() throws {
        let agreements = try registry.importText(.agreements, "a.csv",
                                                 "key,title,kind,parties,signed_on,expires_on\nw1,W,mou,um;york,2019-05-01,2018\n")
        XCTAssertTrue(agreements.committed)
        XCTAssertEqual(agreements.warnings.map(\.description), [
            "\(registry.folder.path("a.csv")):2: warning: column 'expires_on': 2018 is before signed_on 2019-05-01: the agreement expires before it was signed",
        ])
        XCTAssertEqual(try registry.string("SELECT expires_on FROM agreements WHERE key = 'w1'"), "2018")
        let memberships = try registry.importText(.memberships, "m.csv", "network,institution,since,until\nwun,york,2019,2018-06\n")
        XCTAssertEqual(memberships.warningCount, 1)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM memberships"), 1)
    }

    func testStandardInputAndFormatOption() throws {
        // "-" reads standard input: here, a file descriptor redirected by the test.
        XCTAssertEqual(try Importer.format(of: "-", given: nil), .csv)
        XCTAssertEqual(try Importer.format(of: "data.JSONL", given: nil), .ndjson)
        XCTAssertEqual(try Importer.format(of: "data.txt", given: .json), .json)
    }

    /// Large files build the party index once at the end and write in
    /// batches; the result is the same as row by row.
    func testBatchesAndTheDeferredIndexGiveTheSameResult() throws {
        var lines = ["key,title,kind,parties,signed_on"]
        let parties = ["um;york", "york;uci;uliege", "uliege;um", "uci;um"]
        for index in 1...700 { lines.append("b\(index),Agreement \(index),mou,\(parties[index % 4]),2018") }
        lines.append(",Keyless after the index was dropped,exchange,um;york,2020")
        var options = ImportOptions()
        options.deferIndexesAfterRows = 100
        options.minimumRowsForDeferredIndexes = 10
        let report = try registry.importText(.agreements, "big.csv", lines.joined(separator: "\n") + "\n", options: options)
        XCTAssertFalse(report.hasErrors, "\(report.errors)")
        XCTAssertTrue(report.indexesDeferred)
        XCTAssertEqual(report.inserted, 701)
        let expectedParties: Int64 = 175 * 9 + 2
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreement_parties"), expectedParties)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM sqlite_schema WHERE name = 'agreement_parties_institution'"), 1)
        XCTAssertEqual(try registry.string("PRAGMA integrity_check"), "ok")
        let again = try registry.importText(.agreements, "big.csv", lines.joined(separator: "\n") + "\n", options: options)
        XCTAssertEqual([again.inserted, again.unchanged], [0, 701])
    }

    /// agreements.party_set (migration 0006, read by the audit's overlap rule)
    /// is written with the parties: in batches, row by row, and when they change.
    func testTheImporterWritesEachAgreementsPartySet() throws {
        var lines = ["key,title,kind,parties,signed_on"]
        for index in 1...100 { lines.append("b\(index),Agreement \(index),mou,york;um,2018") }
        lines.append(",Keyless,exchange,uci;um;york,2020")
        try registry.importText(.agreements, "a.csv", lines.joined(separator: "\n") + "\n")
        let wrong = """
            SELECT count(*) FROM agreements AS a WHERE party_set IS NOT (
                SELECT group_concat(institution_id, ',') FROM (
                    SELECT institution_id FROM agreement_parties WHERE agreement_id = a.id ORDER BY institution_id))
            """
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreements WHERE party_set IS NULL"), 0)
        XCTAssertEqual(try registry.int(wrong), 0)
        let before = try registry.string("SELECT party_set FROM agreements WHERE key = 'b1'")
        let changed = try registry.importText(.agreements, "b.csv", "key,title,kind,parties\nb1,Agreement 1,mou,uci;uliege\n")
        XCTAssertEqual(changed.updated, 1)
        XCTAssertNotEqual(try registry.string("SELECT party_set FROM agreements WHERE key = 'b1'"), before)
        XCTAssertEqual(try registry.int(wrong), 0)
    }
}
