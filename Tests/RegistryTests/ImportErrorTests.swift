import Database
import Foundation
@testable import Registry
import XCTest

/// Each kind of bad input is reported as FILE:LINE: column 'NAME': problem,
/// with LINE the physical line where the record starts, and nothing is written.
final class ImportErrorTests: XCTestCase {
    var registry: RegistryFixture!

    override func setUpWithError() throws {
        registry = try RegistryFixture()
        try registry.loadBasics()
    }

    override func tearDown() { registry = nil }

    private func messages(_ report: ImportReport) -> [String] {
        (report.fatal.map { [$0] } ?? []).map(\.description) + report.errors.map(\.description)
    }

    func testEachRowErrorWithTheLineWhereItsRecordStarts() throws {
        let file = registry.folder.path("agreements.csv")
        var data = Data("""
            key,title,kind,parties,signed_on,expires_on
            a1,"A title
            over two lines",mou,um;york,2018-11-28,
            a2,Bad kind,mouu,um;york,2018,
            a3,Bad date,mou,um;york,2019-02-29,
            a4,Unknown party,mou,um;Univrsity of Yrok,2018,
            a5,Ragged,mou,um;york
            a6,"quoted"x,mou,um;york,2018,
            a7,One party,mou,um,2018,
            a8,Twice the same,mou,um;Maastricht University,2018,

            """.utf8)
        data.append(Data("a9,".utf8))
        data.append(Data([0xC3, 0x28]))
        data.append(Data(",mou,um;york,2018,\n".utf8))
        try data.write(to: URL(fileURLWithPath: file))
        let report = try Importer.importFile(.agreements, path: file, options: ImportOptions(), connection: registry.connection)

        XCTAssertEqual(messages(report), [
            "\(file):4: column 'kind': 'mouu' is not one of mou, cooperation_agreement, strategic_partnership, dual_degree, joint_degree, erasmus_iia, research_collaboration, exchange, funding or other; did you mean 'mou'?",
            "\(file):5: column 'signed_on': '2019-02-29' is not a real calendar date",
            "\(file):6: column 'parties': unknown institution 'Univrsity of Yrok'; did you mean 'University of York'?",
            "\(file):7: the row has 4 fields, the header has 6",
            "\(file):8: field 2 has text after its closing quote; a quote inside a quoted field is written twice (\"\")",
            "\(file):9: column 'parties': an agreement needs two or more parties separated by ';' (found 1)",
            "\(file):10: column 'parties': 'Maastricht University' and 'um' are the same institution",
            "\(file):11: column 'title': is not valid UTF-8 (byte 1 of the field); save the file as UTF-8, "
                + "or name its encoding (a spreadsheet's plain CSV from Windows: --encoding windows-1252)",
        ])
        XCTAssertEqual(report.rowsRead, 9)
        XCTAssertEqual(report.rejected, 8)
        XCTAssertFalse(report.committed)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreements"), 0, "all or nothing: the valid rows are not kept")
    }

    /// An import checks values on its reading thread, ahead of the writes;
    /// without it (`readsAhead` off) each row is checked as it is written.
    /// Same errors, same order within a row, either way.
    func testTheSameErrorsWhetherRowsAreCheckedAheadOrOneByOne() throws {
        let file = registry.folder.path("agreements.csv")
        try """
            key,title,kind,parties,signed_on,expires_on,status
            a1,Fine,mou,um;york,2018,,
            a2,,mouu,um;Yrok,2018-02-30,2017-13,closed
            a3,Names not keys,mou,Maastricht University;UCI,2018,,
            a4,Keys twice,mou,um;york;um,2018,,
            a5,Same by name,mou,um;UM,2018,,
            a6,Expires early,mou,um;york,2018-05-01,2017,
            a7,No parties,mou,,2018,,

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let ahead = try Importer.importFile(.agreements, path: file, options: ImportOptions(), connection: registry.connection)
        var options = ImportOptions()
        options.skipInvalid = true
        options.readsAhead = false
        options.dryRun = true
        let oneByOne = try Importer.importFile(.agreements, path: file, options: options, connection: registry.connection)
        let expected = [
            "\(file):3: column 'title': is empty; it is required",
            "\(file):3: column 'kind': 'mouu' is not one of mou, cooperation_agreement, strategic_partnership, dual_degree, joint_degree, erasmus_iia, research_collaboration, exchange, funding or other; did you mean 'mou'?",
            "\(file):3: column 'status': 'closed' is not one of draft, active or terminated",
            "\(file):3: column 'signed_on': '2018-02-30' is not a real calendar date",
            "\(file):3: column 'expires_on': '2017-13' is not a real calendar date",
            "\(file):3: column 'parties': unknown institution 'Yrok'; did you mean 'University of York'?",
            "\(file):5: column 'parties': 'um' is named twice",
            "\(file):6: column 'parties': 'UM' and 'um' are the same institution",
            "\(file):8: column 'parties': is empty; it is required",
        ]
        XCTAssertEqual(messages(ahead), expected)
        XCTAssertEqual(messages(oneByOne), expected)
        for report in [ahead, oneByOne] {
            XCTAssertEqual(report.warnings.map(\.description),
                           ["\(file):7: warning: column 'expires_on': 2017 is before signed_on 2018-05-01: the agreement expires before it was signed"])
            XCTAssertEqual(report.rejected, 4)
        }
        XCTAssertEqual(oneByOne.inserted, 3, "a1, a3 (parties by name) and a6 are valid")
    }

    /// --skip-invalid reads ahead too, and still gives each row its
    /// savepoint: a row the database refuses after its agreement is written
    /// (here a trigger refuses one party) leaves nothing behind, and the
    /// report, the registry and the rejects file are the same as when each
    /// row is read and checked as it is written.
    func testSkipInvalidReadAheadKeepsWhatOneByOneKeeps() throws {
        let text = """
            key,title,kind,parties,signed_on
            a1,Fine,mou,um;uci,2018
            a2,Refused halfway,mou,um;york,2018
            a3,"Bad kind, with a comma",memorandum,um;uci,2019
            a4,Fine too,exchange,uci;um,2020

            """
        func importInto(_ fixture: RegistryFixture, readsAhead: Bool) throws -> (ImportReport, String, String) {
            try fixture.loadBasics()
            try fixture.connection.execute("""
                CREATE TRIGGER test_refuse_york BEFORE INSERT ON agreement_parties
                WHEN NEW.institution_id = (SELECT id FROM institutions WHERE key = 'york')
                BEGIN SELECT RAISE(ABORT, 'York is refused by this test'); END
                """)
            var options = ImportOptions()
            options.skipInvalid = true
            options.rejectsPath = fixture.folder.path("rejects.csv")
            options.readsAhead = readsAhead
            let report = try fixture.importText(.agreements, "a.csv", text, options: options)
            let rejects = try String(contentsOfFile: fixture.folder.path("rejects.csv"), encoding: .utf8)
            return (report, try fixture.dump(excluding: ["schema_migrations"]), rejects)
        }
        let fresh = try RegistryFixture()
        let (ahead, aheadDump, aheadRejects) = try importInto(fresh, readsAhead: true)
        XCTAssertTrue(ahead.committed)
        XCTAssertEqual([ahead.inserted, ahead.rejected], [2, 2])
        XCTAssertEqual(ahead.errors.map(\.line), [3, 4])
        XCTAssertTrue(ahead.errors[0].message.contains("York is refused by this test"), ahead.errors[0].message)
        XCTAssertEqual(try fresh.int("SELECT count(*) FROM agreements WHERE key = 'a2'"), 0, "the agreement went with its party")
        XCTAssertEqual(try fresh.int("""
            SELECT count(*) FROM agreement_parties p JOIN agreements a ON a.id = p.agreement_id WHERE a.key IN ('a1', 'a4')
            """), 4)
        XCTAssertTrue(aheadRejects.hasPrefix("key,title,kind,parties,signed_on,error\na2,Refused halfway,mou,um;york,2018,"),
                      aheadRejects)
        XCTAssertTrue(aheadRejects.contains("\na3,\"Bad kind, with a comma\",memorandum,um;uci,2019,\"line 4: "), aheadRejects)

        let (oneByOne, oneByOneDump, oneByOneRejects) = try importInto(try RegistryFixture(), readsAhead: false)
        XCTAssertEqual(oneByOne.errors.map(\.message), ahead.errors.map(\.message))
        XCTAssertEqual([oneByOne.inserted, oneByOne.rejected], [ahead.inserted, ahead.rejected])
        XCTAssertEqual(oneByOneDump, aheadDump)
        XCTAssertEqual(oneByOneRejects, aheadRejects)
    }

    /// --skip-invalid writes rows in batches too, each batch in a savepoint
    /// of its own: a batch with a row the database refuses halfway is undone
    /// and written again row by row, so only that row is left out, and the
    /// tallies, the search index and the rejects file (in the input's order)
    /// agree with what is stored.
    func testSkipInvalidBatchesLoseOnlyTheRowsTheDatabaseRefuses() throws {
        try registry.connection.execute("""
            CREATE TRIGGER test_refuse_york BEFORE INSERT ON agreement_parties
            WHEN NEW.institution_id = (SELECT id FROM institutions WHERE key = 'york')
            BEGIN SELECT RAISE(ABORT, 'York is refused by this test'); END
            """)
        var text = "key,title,kind,parties,signed_on\n"
        for number in 1...700 {
            let kind = number == 100 ? "memorandum" : (number % 2 == 0 ? "mou" : "exchange")
            let parties = number == 300 || number == 450 ? "um;york" : "um;uci"
            text += "b\(number),Batch row \(number) on zebrafish,\(kind),\(parties),2020\n"
        }
        var options = ImportOptions()
        options.skipInvalid = true
        options.rejectsPath = registry.folder.path("rejects.csv")
        let report = try registry.importText(.agreements, "b.csv", text, options: options)
        XCTAssertEqual([report.inserted, report.rejected], [697, 3])
        XCTAssertEqual(report.errors.map(\.line), [101, 301, 451])
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreements WHERE key IN ('b100', 'b300', 'b450')"), 0)
        try assertStored(697, prefix: "b")
        let rejects = try String(contentsOfFile: registry.folder.path("rejects.csv"), encoding: .utf8)
        XCTAssertEqual(rejects.split(separator: "\n").map { $0.split(separator: ",").first.map(String.init) ?? "" },
                       ["key", "b100", "b300", "b450"], rejects)
    }

    /// `count` agreements keyed `<prefix><number>` are stored, each with its
    /// two parties and found by search ("zebrafish"), and the tallies say
    /// what the table holds.
    private func assertStored(_ count: Int64, prefix: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let pattern = "\(prefix)[0-9]*"
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreements WHERE key GLOB ?", [pattern]), count,
                       file: file, line: line)
        XCTAssertEqual(try registry.int("""
            SELECT count(*) FROM agreement_parties p JOIN agreements a ON a.id = p.agreement_id WHERE a.key GLOB ?
            """, [pattern]), count * 2, file: file, line: line)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreement_search WHERE agreement_search MATCH 'zebrafish'"), count,
                       file: file, line: line)
        XCTAssertEqual(try registry.int("SELECT sum(count) FROM agreement_tallies"),
                       try registry.int("SELECT count(*) FROM agreements"), file: file, line: line)
        XCTAssertEqual(try registry.int("SELECT count FROM agreement_tallies WHERE kind = 'exchange' AND status = 'active'"),
                       try registry.int("SELECT count(*) FROM agreements WHERE kind = 'exchange' AND status = 'active'"),
                       file: file, line: line)
    }

    private func batchRows(_ count: Int, prefix: String) -> String {
        var text = "key,title,kind,parties,signed_on\n"
        for number in 1...count {
            text += "\(prefix)\(number),Batch row \(number) on zebrafish,\(number % 2 == 0 ? "mou" : "exchange"),um;uci,2020\n"
        }
        return text
    }

    /// Agreements go 256 to a statement that, when the database refuses a
    /// row, keeps the rows before it (INSERT OR FAIL). In an all-or-nothing
    /// import those rows then get their parties and count as inserted, once,
    /// and the rest go row by row. The test's trigger refuses a row only
    /// once, so the import commits: every count agrees with what is stored.
    func testTheRowsABatchWroteBeforeARefusedRowCountAsInserted() throws {
        try registry.connection.execute("""
            CREATE TABLE test_refused (key TEXT);
            CREATE TRIGGER test_refuse_once BEFORE INSERT ON agreements
            WHEN NEW.key = 'c300' AND NOT EXISTS (SELECT 1 FROM test_refused)
            BEGIN INSERT INTO test_refused VALUES (NEW.key); SELECT RAISE(FAIL, 'refused once by this test'); END
            """)
        let report = try registry.importText(.agreements, "c.csv", batchRows(700, prefix: "c"))
        XCTAssertEqual(try registry.int("SELECT count(*) FROM test_refused"), 1, "the second batch was refused at c300")
        XCTAssertTrue(report.committed)
        XCTAssertEqual(report.errors.map(\.description), [])
        XCTAssertEqual([report.inserted, report.updated, report.unchanged, report.rejected], [700, 0, 0, 0])
        try assertStored(700, prefix: "c")
    }

    /// With --skip-invalid, the batch's savepoint undoes the rows its
    /// statement wrote before the refused one (INSERT OR FAIL keeps them,
    /// and SQLite counts them, so the savepoint sees there is something to
    /// undo); row by row, only the refused row is left out, and nothing is
    /// stored twice.
    func testSkipInvalidUndoesTheRowsABatchWroteBeforeARefusedRow() throws {
        try registry.connection.execute("""
            CREATE TRIGGER test_refuse BEFORE INSERT ON agreements WHEN NEW.key = 'e300'
            BEGIN SELECT RAISE(FAIL, 'refused by this test'); END
            """)
        var options = ImportOptions()
        options.skipInvalid = true
        let report = try registry.importText(.agreements, "e.csv", batchRows(700, prefix: "e"), options: options)
        XCTAssertTrue(report.committed)
        XCTAssertEqual([report.inserted, report.rejected], [699, 1])
        XCTAssertEqual(report.errors.map(\.line), [301])
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreements WHERE key = 'e300'"), 0)
        try assertStored(699, prefix: "e")
    }

    /// Refused for good, the row is named, and nothing of the import stays.
    func testARowABatchCannotWriteIsNamedAndTheImportLeavesNothing() throws {
        try registry.connection.execute("""
            CREATE TRIGGER test_refuse BEFORE INSERT ON agreements WHEN NEW.key = 'd300'
            BEGIN SELECT RAISE(FAIL, 'refused by this test'); END
            """)
        let before = try registry.int("SELECT count(*) FROM agreements")
        let report = try registry.importText(.agreements, "d.csv", batchRows(700, prefix: "d"))
        XCTAssertFalse(report.committed)
        XCTAssertEqual(report.errors.map(\.line), [301])
        XCTAssertTrue(report.errors.first?.message.contains("refused by this test") ?? false, "\(report.errors)")
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreements"), before)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreements WHERE key GLOB 'd[0-9]*'"), 0)
    }

    /// A word of several names suggests first the names it begins, and of
    /// those the shortest: the institution itself before its parts.
    func testSuggestionsPutTheNameAWordBeginsFirst() throws {
        _ = try registry.importText(.institutions, "more.csv", """
            key,name,country
            brightlands,Brightlands Maastricht Health Campus,NL
            mumc,Maastricht University Medical Center+,NL
            aachen-maastricht,Aachen-Maastricht Institute for Biobased Materials,NL

            """)
        let file = registry.folder.path("agreements.csv")
        try """
            key,title,kind,parties
            a1,One,mou,york;maastricht

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let report = try Importer.importFile(.agreements, path: file, options: ImportOptions(), connection: registry.connection)
        XCTAssertEqual(messages(report), [
            "\(file):2: column 'parties': unknown institution 'maastricht'; did you mean 'Maastricht University', "
                + "'Maastricht University Medical Center+' or 'Brightlands Maastricht Health Campus'?",
        ])
    }

    /// The country column holds ISO codes, as the schema does; a country
    /// named in words is refused with its code, found as a report's
    /// `--param country=` finds it (any case, accents ignored).
    func testACountryNamedInWordsIsRefusedWithItsCode() throws {
        let file = registry.folder.path("institutions.csv")
        try """
            key,name,country
            a,One,Netherlands
            b,Two,belgie
            c,Three,UK
            d,Four,Atlantis
            e,Five,nl

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let report = try Importer.importFile(.institutions, path: file, options: ImportOptions(), connection: registry.connection)
        XCTAssertEqual(messages(report), [
            "\(file):2: column 'country': 'Netherlands' is not an ISO 3166-1 alpha-2 country code; did you mean 'NL'?",
            "\(file):3: column 'country': 'belgie' is not an ISO 3166-1 alpha-2 country code; did you mean 'BE'?",
            "\(file):4: column 'country': 'UK' is not an ISO 3166-1 alpha-2 country code; did you mean 'GB'?",
            "\(file):5: column 'country': 'Atlantis' is not an ISO 3166-1 alpha-2 country code (such as NL, BE, GB, US)",
        ])
    }

    func testAnUnterminatedQuoteStopsTheFileEvenWhenSkipping() throws {
        var options = ImportOptions()
        options.skipInvalid = true
        let report = try registry.importText(.agreements, "a.csv", """
            key,title,kind,parties
            a1,fine,mou,um;york
            a2,"never closed,mou,um;york
            a3,fine too,mou,um;york

            """, options: options)
        XCTAssertEqual(report.fatal?.line, 3)
        XCTAssertEqual(report.fatal?.message, "unterminated quoted field: the quote opened on line 3 is never closed")
        XCTAssertFalse(report.committed)
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreements"), 0)
    }

    func testHeaderProblems() throws {
        let unknown = try registry.importText(.networks, "n.csv", "key,name,members,colour\nx,X,1,red\n")
        XCTAssertEqual(unknown.fatal?.description,
                       "\(registry.folder.path("n.csv")):1: unknown columns 'members', 'colour'; the known columns are: key, name, acronym, kind, scope, founded_on, stated_member_count, website, notes, source")
        let typo = try registry.importText(.agreements, "a.csv", "key,title,kind,parties,signed,Expires\nx,X,mou,um;york,2020,2021\n")
        XCTAssertEqual(typo.fatal?.message, "unknown columns 'signed' (did you mean 'signed_on'?), 'Expires' (did you mean "
                       + "'expires_on'?); the known columns are: key, title, kind, parties, signed_on, effective_from, "
                       + "expires_on, status, topics, source, notes")
        let key = try registry.importText(.agreements, "a.json", #"[{"key": "x", "titel": "X", "kind": "mou", "parties": "um;york"}]"#)
        XCTAssertEqual(key.errors.first?.message, "unknown key 'titel' (did you mean 'title'?); the known keys are: key, title, "
                       + "kind, parties, signed_on, effective_from, expires_on, status, topics, source, notes")
        let missing = try registry.importText(.institutions, "i.csv", "key,name\nx,X\n")
        XCTAssertEqual(missing.fatal?.message, "the required column 'country' is missing from the header")
        let twice = try registry.importText(.institutions, "i2.csv", "name,country,Name\nx,NL,y\n")
        XCTAssertEqual(twice.fatal?.detail, "column 'name': appears twice in the header (fields 1 and 3)")
        let empty = try registry.importText(.institutions, "empty.csv", "")
        XCTAssertEqual(empty.fatal?.line, 1)
        XCTAssertTrue(empty.fatal?.message.hasPrefix("the file is empty") ?? false)
        let headerOnly = try registry.importText(.institutions, "header.csv", "name,country\n")
        XCTAssertNil(headerOnly.fatal)
        XCTAssertEqual(headerOnly.rowsRead, 0)
        XCTAssertTrue(headerOnly.committed)
        let mixedCase = try registry.importText(.networks, "case.csv", "KEY,Name\nx,Network X\n")
        XCTAssertFalse(mixedCase.hasErrors, "header names are matched case-insensitively")
    }

    func testAFailedImportLeavesEveryTableAsItWas() throws {
        try registry.importText(.agreements, "a.csv", "key,title,kind,parties\nold,Old,mou,um;york\n")
        let before = try registry.dump()
        // Valid rows that insert and update, then one bad row: none of it stays.
        let report = try registry.importText(.institutions, "i.csv", """
            key,name,country,aliases
            um,Maastricht University,NL,UM;Universiteit Maastricht;Maastricht U
            new,New University,DE,
            bad,Bad Country,XX,

            """)
        XCTAssertEqual(report.rejected, 1)
        XCTAssertEqual(report.updated, 1)
        XCTAssertEqual(report.inserted, 1)
        XCTAssertEqual(try registry.dump(), before)
        let agreements = try registry.importText(.agreements, "a2.csv", """
            key,title,kind,parties
            old,Old but renamed,mou,um;uci
            fresh,Fresh,mou,um;york
            broken,Broken,mou,um;nowhere

            """)
        XCTAssertTrue(agreements.hasErrors)
        XCTAssertEqual(try registry.dump(), before)
    }

    func testDryRunChecksEverythingAndWritesNothing() throws {
        let before = try registry.dump()
        var options = ImportOptions()
        options.dryRun = true
        let report = try registry.importText(.agreements, "a.csv", "key,title,kind,parties\nx,X,mou,um;york\n", options: options)
        XCTAssertEqual(report.inserted, 1)
        XCTAssertFalse(report.committed)
        XCTAssertEqual(try registry.dump(), before)
    }

    func testMissingFileAndUnknownFormat() throws {
        XCTAssertThrowsError(try Importer.importFile(.agreements, path: registry.folder.path("nope.csv"), options: ImportOptions(),
                                                     connection: registry.connection)) { error in
            XCTAssertEqual((error as? CategorizedError)?.category, .inputUnavailable)
        }
        try registry.write("agreements.txt", "key\n")
        XCTAssertThrowsError(try Importer.importFile(.agreements, path: registry.folder.path("agreements.txt"),
                                                     options: ImportOptions(), connection: registry.connection)) { error in
            XCTAssertEqual(error as? ImportSetupError, .unknownFormat(path: registry.folder.path("agreements.txt")))
        }
    }

    func testDuplicateKeyInOneFile() throws {
        let report = try registry.importText(.agreements, "a.csv", """
            key,title,kind,parties
            d1,First,mou,um;york
            d2,Second,mou,um;york
            d1,First again,mou,um;uci

            """)
        XCTAssertEqual(report.errors.map(\.detail), ["column 'key': 'd1' is on an earlier row of this file too"])
        XCTAssertEqual(report.errors.first?.line, 4)
    }

    func testOnlyTheFirstHundredErrorsAreKeptAndAllAreCounted() throws {
        let rows = (1...250).map { "k\($0),Title,nonsense,um;york" }.joined(separator: "\n")
        let report = try registry.importText(.agreements, "a.csv", "key,title,kind,parties\n" + rows + "\n")
        XCTAssertEqual(report.errors.count, 100)
        XCTAssertEqual(report.errorCount, 250)
        XCTAssertEqual(report.errors.first?.line, 2)
    }

    /// The importers check what the schema's CHECK constraints check (they
    /// run with the constraints off, for speed): with the constraints on,
    /// the same rows are rejected, and never by the database.
    func testTheImportersRejectEverythingTheCheckConstraintsWould() throws {
        let institutions = """
            key,name,country,kind,ror_id,established,aliases
            k1,"  ",NL,,,,
            k2,Name,nl,,,,
            k3,Name,N1,,,,
            k4,Name,NL,college,,,
            k5,Name,NL,,02jz4aj8,,
            k6,Name,NL,,,0000,
            k7,Name,NL,,,2019-02-29,
            k8,Name,NL,,,2018-1,
            k9,Name,NL,,,,XX:alias
            k10,Name,NL,,,,"nl:  "
            k11,Name,NL,,,,ok
            " ",Blank key,NL,,,,

            """
        let networks = "key,name,scope,stated_member_count,founded_on\nn1,N,galactic,,\nn2,N,,-3,\nn3,N,,,2018-13\nn4,N,,,\n"
        let appointments = "person,organisation,title,starts_on,term\nP,um,Rector,2018,0m\nP,um,,2018,\n ,um,Dean,,\nQ,um,Dean,2018-02-30,\n"
        let news = "key,published_on,language,title\nx1,2018,EN,T\nx2,2018,e1,T\nx3,,en,T\nx4,2018-02-29,en,T\nx5,2018,en,ok\n"
        for (kind, text) in [(ImportKind.institutions, institutions), (.networks, networks),
                             (.appointments, appointments), (.news, news)] {
            var lenient = ImportOptions()
            lenient.dryRun = true
            var strict = lenient
            strict.enforceCheckConstraints = true
            let withoutChecks = try registry.importText(kind, "\(kind).csv", text, options: lenient)
            let withChecks = try registry.importText(kind, "\(kind).csv", text, options: strict)
            XCTAssertEqual(withoutChecks.errors.map(\.line), withChecks.errors.map(\.line), "\(kind)")
            XCTAssertEqual(withoutChecks.inserted, withChecks.inserted, "\(kind)")
            XCTAssertFalse(withChecks.errors.contains { $0.message.contains("database refused") },
                           "\(kind): \(withChecks.errors.map(\.description))")
        }
    }
}
