import Database
import Foundation
@testable import Registry
import TestSupport
import XCTest

/// A large agreement import sets the indexes of agreements and
/// agreement_parties and the full-text insert trigger aside and builds them
/// at the end: afterwards (or after a rollback) the schema is as it was and
/// search finds every row.
final class AgreementBulkLoadTests: XCTestCase {
    var registry: RegistryFixture!

    override func setUpWithError() throws {
        registry = try RegistryFixture()
        try registry.loadBasics()
    }

    override func tearDown() { registry = nil }

    /// Options that make a file of a few hundred rows a "large" import.
    private var largeImport: ImportOptions {
        var options = ImportOptions()
        options.deferIndexesAfterRows = 100
        options.minimumRowsForDeferredIndexes = 10
        return options
    }

    private func searchCount(_ words: String) throws -> Int64? {
        try registry.int("SELECT count(*) FROM agreement_search WHERE agreement_search MATCH ?", [words])
    }

    /// FTS5's own check that the index says exactly what the table holds.
    private func assertSearchIndexInStep(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNoThrow(try registry.connection.execute(
            "INSERT INTO agreement_search (agreement_search, rank) VALUES ('integrity-check', 1)"), file: file, line: line)
    }

    private func agreements(_ count: Int, prefix: String, word: String, badLast: Bool = false) -> String {
        var lines = ["key,title,kind,parties,signed_on,expires_on,notes"]
        let parties = ["um;york", "york;uci;uliege", "uliege;um", "uci;um"]
        for index in 1...count {
            lines.append("\(prefix)\(index),\(word) agreement \(index),mou,\(parties[index % 4]),201\(index % 10)-0\(index % 9 + 1),,note \(index)")
        }
        if badLast { lines.append("\(prefix)-bad,Bad,mou,um;nowhere,2018,,") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The file grown ahead of the checkpoint (`FileGrowthPrefill`): after
    /// the import, the file is exactly the database, which checks out whole.
    func testALargeImportLeavesTheFileExactlyAsLongAsTheDatabase() throws {
        let path = registry.path
        let report = try registry.importText(.agreements, "big.csv", agreements(3_000, prefix: "g", word: "Glaciology"),
                                             options: largeImport)
        XCTAssertTrue(report.indexesDeferred)
        XCTAssertEqual(report.inserted, 3_000)
        let pages = try registry.int("PRAGMA page_count") ?? 0, pageSize = try registry.int("PRAGMA page_size") ?? 0
        try registry.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        XCTAssertEqual(fileSize(atPath: path), pages * pageSize)
        XCTAssertEqual(try registry.string("PRAGMA integrity_check"), "ok")
        XCTAssertEqual(try searchCount("glaciology"), 3_000)
        assertSearchIndexInStep()
    }

    /// `ImportReport.phases` (printed by `import --timings`): what a large
    /// import does at its end, in order, and for how long.
    func testTheReportTimesEachPhaseInOrder() throws {
        let large = try registry.importText(.agreements, "big.csv", agreements(700, prefix: "t", word: "Glaciology"),
                                            options: largeImport)
        XCTAssertTrue(large.indexesDeferred)
        XCTAssertEqual(large.phases.map(\.name), ["rows", "search index", "indexes", "commit"])
        XCTAssertTrue(large.phases.allSatisfy { $0.seconds >= 0 })
        // The phases before the commit are the run that `seconds` times.
        XCTAssertLessThanOrEqual(large.phases.dropLast().map(\.seconds).reduce(0, +), large.seconds + 0.001)
        let small = try registry.importText(.agreements, "small.csv", "key,title,kind,parties\ns1,Hydrology,mou,um;york\n")
        XCTAssertEqual(small.phases.map(\.name), ["rows", "search index", "commit"])
        var dry = ImportOptions()
        dry.dryRun = true
        let dryRun = try registry.importText(.agreements, "dry.csv", "key,title,kind,parties\nd1,Geology,mou,um;york\n",
                                             options: dry)
        XCTAssertEqual(dryRun.phases.map(\.name), ["rows", "rollback"])
        let institutions = try registry.importText(.institutions, "i.csv", "key,name,country\nkul,KU Leuven,BE\n")
        XCTAssertEqual(institutions.phases.map(\.name), ["rows", "commit"])
        XCTAssertTrue(institutions.phasesLine.hasPrefix("rows "), institutions.phasesLine)
    }

    func testInputOfUnknownSizeDefersOnceItHasShownItselfLarge() throws {
        // As standard input is read: no size to estimate the rows from.
        // At least 500 rows still to come, as the real threshold is 5,000: more
        // than four times the first 100 rows (an earlier guess) could promise.
        var options = largeImport
        options.minimumRowsForDeferredIndexes = 500
        func importPiped(_ text: String, _ name: String) throws -> ImportReport {
            try Importer.importSource(.agreements, source: ByteSource(name: name, data: Data(text.utf8), sizeKnown: false),
                                      format: .csv, options: options, connection: registry.connection)
        }
        let before = try registry.schema()
        let first = try importPiped(agreements(700, prefix: "p", word: "Hydrology"), "<stdin>")
        XCTAssertTrue(first.indexesDeferred, "a large pipe into a small table")
        XCTAssertEqual(first.inserted, 700)
        XCTAssertEqual(try registry.schema(), before)
        XCTAssertEqual(try searchCount("hydrology"), 700)
        assertSearchIndexInStep()
        // 150 more rows into a table of 700: not large next to what is stored, so the indexes stay.
        let second = try importPiped(agreements(150, prefix: "q", word: "Geology"), "<stdin>")
        XCTAssertFalse(second.indexesDeferred)
        XCTAssertEqual(try searchCount("geology"), 150)
    }

    func testSearchFindsEveryRowOfALargeImportAndTheSchemaIsBack() throws {
        try registry.importText(.agreements, "before.csv", "key,title,kind,parties\nold1,Cardiology exchange,mou,um;york\n")
        let before = try registry.schema()
        let report = try registry.importText(.agreements, "big.csv", agreements(700, prefix: "b", word: "Hydrology"),
                                             options: largeImport)
        XCTAssertFalse(report.hasErrors, "\(report.errors)")
        XCTAssertTrue(report.indexesDeferred)
        XCTAssertEqual(report.inserted, 700)
        XCTAssertEqual(try registry.schema(), before, "every index and trigger is back, with its own definition")
        XCTAssertEqual(try searchCount("hydrology"), 700, "rows before and after the indexes were set aside")
        XCTAssertEqual(try searchCount("cardiology"), 1)
        assertSearchIndexInStep()
        XCTAssertEqual(try registry.string("PRAGMA integrity_check"), "ok")
        // The trigger works again for the next import.
        let small = try registry.importText(.agreements, "after.csv", "key,title,kind,parties\nnew1,Hydrology dialogue,mou,um;york\n")
        XCTAssertFalse(small.indexesDeferred)
        XCTAssertEqual(try searchCount("hydrology"), 701)
        assertSearchIndexInStep()
    }

    func testARowChangedDuringALargeImportIsSearchedByItsNewTitle() throws {
        try registry.importText(.agreements, "before.csv", "key,title,kind,parties\nold1,Cardiology exchange,mou,um;york\n")
        var text = agreements(500, prefix: "b", word: "Hydrology")
        text += "old1,Volcanology exchange,mou,um;york,,,\n"
        let report = try registry.importText(.agreements, "big.csv", text, options: largeImport)
        XCTAssertFalse(report.hasErrors, "\(report.errors)")
        XCTAssertTrue(report.indexesDeferred)
        XCTAssertEqual([report.inserted, report.updated], [500, 1])
        XCTAssertEqual(try searchCount("cardiology"), 0)
        XCTAssertEqual(try searchCount("volcanology"), 1)
        XCTAssertEqual(try searchCount("hydrology"), 500)
        assertSearchIndexInStep()
    }

    func testAFailedLargeImportLeavesSchemaAndRowsAsTheyWere() throws {
        try registry.importText(.agreements, "before.csv", "key,title,kind,parties\nold1,Cardiology exchange,mou,um;york\n")
        let schema = try registry.schema()
        let rows = try registry.dump()
        let report = try registry.importText(.agreements, "big.csv", agreements(700, prefix: "b", word: "Hydrology", badLast: true),
                                             options: largeImport)
        XCTAssertFalse(report.committed)
        XCTAssertTrue(report.indexesDeferred)
        XCTAssertEqual(report.errors.map(\.line), [702])
        XCTAssertEqual(try registry.schema(), schema, "the indexes and the trigger dropped inside the transaction are back")
        XCTAssertEqual(try registry.dump(), rows)
        XCTAssertEqual(try searchCount("hydrology"), 0)
        assertSearchIndexInStep()
    }

    /// A dry run rolls back: the indexes and the trigger come back with the
    /// rollback, without being built first.
    func testALargeDryRunLeavesSchemaAndRowsAsTheyWere() throws {
        let schema = try registry.schema()
        let rows = try registry.dump()
        var options = largeImport
        options.dryRun = true
        let report = try registry.importText(.agreements, "big.csv", agreements(700, prefix: "b", word: "Hydrology"),
                                             options: options)
        XCTAssertFalse(report.hasErrors, "\(report.errors)")
        XCTAssertTrue(report.indexesDeferred)
        XCTAssertEqual([report.inserted, report.rowsRead], [700, 700])
        XCTAssertFalse(report.committed)
        XCTAssertEqual(try registry.schema(), schema)
        XCTAssertEqual(try registry.dump(), rows)
        assertSearchIndexInStep()
        XCTAssertEqual(try registry.string("PRAGMA integrity_check"), "ok")
    }

    func testTheDeferredSearchIndexFillsOnlyTheNewRows() throws {
        let connection = registry.connection
        try registry.importText(.agreements, "before.csv", "key,title,kind,parties\nold1,Cardiology exchange,mou,um;york\n")
        try connection.transaction(.immediate) {
            let deferred = DeferredSearchFill(DeferredSearchFill.agreements, connection: connection)
            deferred.rowsInserted()
            try deferred.setAsideOnceRowsAreInserted()
            XCTAssertEqual(try registry.int("SELECT count(*) FROM sqlite_schema WHERE name = 'agreements_search_insert'"), 0)
            try connection.execute("INSERT INTO agreements (key, title, kind) VALUES ('n1', 'Hydrology network', 'mou')")
            XCTAssertEqual(try searchCount("hydrology"), 0, "not indexed row by row")
            try deferred.restore()
            XCTAssertEqual(try searchCount("hydrology"), 1)
            XCTAssertEqual(try searchCount("cardiology"), 1, "the rows from before are not indexed twice")
            XCTAssertEqual(try registry.int("SELECT count(*) FROM sqlite_schema WHERE name = 'agreements_search_insert'"), 1)
            try deferred.restore()
        }
        assertSearchIndexInStep()
    }

    /// The fill merges the search index's segments less often than row-by-row
    /// writes do; the setting those use is put back afterwards, whatever it was.
    func testTheSearchIndexMergeSettingIsPutBackAfterTheFill() throws {
        func automerge() throws -> Int64? { try registry.int("SELECT v FROM agreement_search_config WHERE k = 'automerge'") }
        let first = try registry.importText(.agreements, "big.csv", agreements(400, prefix: "b", word: "Hydrology"),
                                            options: largeImport)
        XCTAssertTrue(first.indexesDeferred)
        XCTAssertEqual(try automerge(), 4, "FTS5's default")
        try registry.connection.execute("INSERT INTO agreement_search (agreement_search, rank) VALUES ('automerge', 7)")
        let second = try registry.importText(.agreements, "more.csv", agreements(1500, prefix: "c", word: "Geology"),
                                             options: largeImport)
        XCTAssertTrue(second.indexesDeferred)
        XCTAssertEqual(try automerge(), 7, "a setting of the user's own")
        XCTAssertEqual(try searchCount("geology"), 1500)
        XCTAssertEqual(try searchCount("hydrology"), 400)
        assertSearchIndexInStep()
    }

    /// With --skip-invalid a large import sets the indexes aside too. A row
    /// without a key needs them back for its identity lookup; that happens
    /// before the row's savepoint, so a row that then fails (here: the same
    /// agreement as row 2) cannot roll the indexes' return back.
    func testASkipInvalidImportGetsItsIndexesBackWhateverItsRowsDo() throws {
        let schema = try registry.schema()
        var options = largeImport
        options.skipInvalid = true
        var text = agreements(700, prefix: "b", word: "Hydrology")
        text += ",Hydrology agreement again,mou,york;uci;uliege,2011-02,,\n"
        text += "b-last,Hydrology agreement last,mou,um;york,2012,,\n"
        let report = try registry.importText(.agreements, "big.csv", text, options: options)
        XCTAssertTrue(report.committed)
        XCTAssertTrue(report.indexesDeferred)
        XCTAssertEqual([report.inserted, report.rejected], [701, 1])
        XCTAssertEqual(report.errors.map(\.line), [702])
        XCTAssertEqual(try registry.schema(), schema, "every index and trigger is back")
        XCTAssertEqual(try searchCount("hydrology"), 701)
        assertSearchIndexInStep()
        XCTAssertEqual(try registry.string("PRAGMA integrity_check"), "ok")
    }

    func testTopicsAreStoredInTheirNormalForm() {
        let cases = ["health;ai": "health;ai", "health; ai ;": "health;ai", "a;;b": "a;b", ";a": "a", "x": "x",
                     "é;b": "é;b", "a;\u{00A0}b": "a;b", "a ;b": "a;b", "Global health;AI ethics": "Global health;AI ethics"]
        for (text, expected) in cases {
            XCTAssertEqual(AgreementImporter.normalizedList(text), expected, text)
        }
    }

    /// The pages a bulk load changes before its rows and again at its end
    /// (here the schema's, which lost the indexes) stay in the page cache
    /// while the rows are written, however small the cache: written to the
    /// WAL early, such a page is written again at the end, and the commit
    /// then reads back and checksums every frame after its first copy.
    func testPagesChangedAgainAtTheEndAreNotWrittenWhileTheRowsAre() throws {
        let connection = registry.connection
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA cache_size = 100")
        func schemaPagesWritten(keepingThemCached: Bool, prefix: String) throws -> Set<Int64> {
            var written: Set<Int64> = []
            try connection.inTransaction {
                let load = try AgreementBulkLoad(connection: connection)
                let schemaPages = Set(try connection.rows("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")
                    .compactMap { $0[0].int64 })
                XCTAssertFalse(schemaPages.isEmpty)
                for batch in 0..<80 {
                    try connection.execute(Self.twoHundredRowsSQL, ["\(prefix)\(batch)-"])
                    if keepingThemCached { try load.keepEarlyPagesCached() }
                }
                written = try self.walPages().intersection(schemaPages)
                return .rollback
            }
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return written
        }
        XCTAssertEqual(try schemaPagesWritten(keepingThemCached: true, prefix: "kept"), [])
        // Without the reads, the same rows push the schema's pages out.
        XCTAssertNotEqual(try schemaPagesWritten(keepingThemCached: false, prefix: "aged"), [])
    }

    /// The WAL is grown ahead of the frames the load will write
    /// (`WALPrefill`), by twice the input still to come; the rows then
    /// overwrite the zeros, and the import commits as without them.
    func testTheWALIsGrownAheadOfTheLoadByTwiceTheInputToCome() throws {
        let connection = registry.connection
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let wal = registry.path + "-wal"
        XCTAssertEqual(fileSize(atPath: wal), 0)
        try connection.inTransaction {
            let load = try AgreementBulkLoad(connection: connection, remainingInputBytes: 1 << 20)
            XCTAssertEqual(load.walPrefilled, 2 << 20)
            XCTAssertEqual(fileSize(atPath: wal), 2 << 20)
            try connection.execute(Self.twoHundredRowsSQL, ["w-"])
            try load.restore()
            return .commit
        }
        XCTAssertEqual(try registry.int("SELECT count(*) FROM agreements WHERE key GLOB 'w-*'"), 200)
        XCTAssertEqual(try registry.string("PRAGMA integrity_check"), "ok")
        try connection.inTransaction {
            XCTAssertEqual(try AgreementBulkLoad(connection: connection).walPrefilled, 0, "nothing to come, nothing grown")
            return .rollback
        }
    }

    static let twoHundredRowsSQL = """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
        INSERT INTO agreements (key, title, kind) SELECT ?1 || i, 'Glaciology exchange number ' || i, 'mou' FROM n
        """

    /// The page numbers in the frames of the registry's WAL file.
    private func walPages() throws -> Set<Int64> {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: registry.path + "-wal")))
        let pageSize = Int(try registry.int("PRAGMA page_size") ?? 0)
        var pages: Set<Int64> = []
        var offset = 32
        while offset + 24 + pageSize <= bytes.count {
            pages.insert(bytes[offset..<offset + 4].reduce(Int64(0)) { $0 << 8 | Int64($1) })
            offset += 24 + pageSize
        }
        return pages
    }
}
