import Database
import Foundation

/// What the imports of one transaction share: the connection and the
/// reference directories, which are loaded once and then kept up to date as
/// rows are written (so a row may refer to a row earlier in the same file,
/// or in an earlier file of the same `init`).
final class ImportSession {
    let connection: Connection
    private var institutionDirectory: ReferenceDirectory?
    private var networkDirectory: ReferenceDirectory?
    private var agreementTitles: ReferenceDirectory?
    private var agreementByKey: Statement?

    /// Each row is written inside a savepoint of its own (`--skip-invalid`),
    /// so that a row the database refuses halfway leaves nothing behind.
    /// Rows written in batches are then written outside any row's savepoint,
    /// each batch in one of its own (`AgreementImporter.flush()`).
    var rowSavepoints = false
    /// See `ImportOptions.deferIndexesAfterRows`.
    var deferIndexesAfterRows = 1024
    var minimumRowsForDeferredIndexes = 5_000

    /// The phases ended so far (`ImportReport.phases`).
    private(set) var phases: [ImportPhase] = []
    private var phaseStarted = ProcessInfo.processInfo.systemUptime

    init(connection: Connection) {
        self.connection = connection
    }

    /// Starts the clock of the first phase.
    func startPhases() {
        phases = []
        phaseStarted = ProcessInfo.processInfo.systemUptime
    }

    /// Starts the next phase now: what ran since the last phase ended is
    /// left out of every phase.
    func startNextPhase() {
        phaseStarted = ProcessInfo.processInfo.systemUptime
    }

    /// Ends the phase running now, which began when the one before it ended.
    func endPhase(_ name: String) {
        let now = ProcessInfo.processInfo.systemUptime
        phases.append(ImportPhase(name: name, seconds: now - phaseStarted))
        phaseStarted = now
    }

    /// Settings for the length of an import transaction. The importers check
    /// every rule the schema's CHECK constraints state (real dates at three
    /// precisions, the vocabularies, ISO codes, non-empty trimmed keys and
    /// names) before a row is written, so SQLite need not evaluate them again:
    /// they cost more than the rest of an insert together. NOT NULL, UNIQUE
    /// and foreign keys stay enforced. A larger page cache keeps the indexes
    /// being filled in memory.
    func beginBulkWork(enforceCheckConstraints: Bool, cacheSize: Int64 = importCacheSize) throws {
        savedCacheSize = try connection.pragma(.cacheSize)
        try connection.setPragma(.cacheSize, to: cacheSize)
        // Multi-row statements keep a statement journal (the pages they
        // change, to undo a failed statement); in memory it costs a few
        // pages per statement instead of a temporary file written per statement.
        // SQLite refuses the change inside a transaction: call this before one.
        savedTempStore = try connection.pragma(.tempStore)
        try connection.setPragma(.tempStore, to: Self.tempStoreMemory)
        if !enforceCheckConstraints { try connection.execute("PRAGMA ignore_check_constraints = ON") }
    }

    func endBulkWork() {
        try? connection.execute("PRAGMA ignore_check_constraints = OFF")
        if let savedCacheSize { try? connection.setPragma(.cacheSize, to: savedCacheSize) }
        if let savedTempStore { try? connection.setPragma(.tempStore, to: savedTempStore) }
    }

    /// In KiB when negative, as SQLite has it: 24 MiB. The hot pages of a
    /// large import (the tables that foreign keys point at, the ends of the
    /// growing b-trees) must fit beside the dirty pages waiting to be written;
    /// with the rest of the process this keeps the peak near 60 MB.
    static let importCacheSize: Int64 = -24576
    /// `PRAGMA temp_store = MEMORY`.
    static let tempStoreMemory: Int64 = 2
    private var savedCacheSize: Int64?
    private var savedTempStore: Int64?

    func institutions() throws -> ReferenceDirectory {
        if let institutionDirectory { return institutionDirectory }
        let loaded = try ReferenceDirectory.loadInstitutions(connection)
        institutionDirectory = loaded
        return loaded
    }

    /// The ISO code of a country named in words (`CountryNames`); nil when
    /// none is. Read at the first use: only a row with a wrong country asks.
    func countryCode(named text: String) -> String? { countryNames?.code(for: text) }

    /// For a suggestion only: a registry whose names cannot be read gives none.
    private lazy var countryNames: CountryNames? = try? CountryNames(connection: connection)

    func networks() throws -> ReferenceDirectory {
        if let networkDirectory { return networkDirectory }
        let loaded = try ReferenceDirectory.loadNetworks(connection)
        networkDirectory = loaded
        return loaded
    }

    /// Agreements are looked up by key in the database (there may be millions);
    /// only when the table is small are titles accepted too.
    func resolveAgreement(_ reference: String) throws -> ReferenceDirectory.Resolution {
        if agreementByKey == nil { agreementByKey = try connection.prepare(Self.agreementByKeySQL) }
        if let statement = agreementByKey {
            defer { statement.reset() }
            if try statement.query({ try $0.bind(text: reference, at: 1) }) { return .found(statement.int64(at: 0)) }
        }
        guard let titles = try agreementDirectory() else {
            return .failed("no agreement has the key '\(reference)'")
        }
        return try titles.resolve(reference)
    }

    /// Whether `agreementWritten` has anything to do (news of this run have
    /// asked for agreements by title): a large import need not make the strings.
    var tracksAgreementTitles: Bool { agreementTitles != nil }

    /// Called when an agreement is written, so that news in the same run can refer to it by title.
    func agreementWritten(id: Int64, key: String, title: String) {
        agreementTitles?.register(id: id, key: key, name: title, otherNames: [], rorID: nil)
    }

    static let agreementByKeySQL = "SELECT id FROM agreements WHERE key = ?"
    static let agreementCountSQL = "SELECT count(*) FROM agreements"
    static let agreementTitlesSQL = "SELECT id, key, title FROM agreements"
    /// Above this many agreements, news must name agreements by key.
    static let maxAgreementsByTitle: Int64 = 20_000

    private func agreementDirectory() throws -> ReferenceDirectory? {
        if let agreementTitles { return agreementTitles }
        guard try connection.scalar(Self.agreementCountSQL)?.int64 ?? 0 <= Self.maxAgreementsByTitle else { return nil }
        let directory = ReferenceDirectory(noun: "agreement")
        let rows = try connection.prepare(Self.agreementTitlesSQL)
        while try rows.step() {
            directory.register(id: rows.int64(at: 0), key: rows.string(at: 1) ?? "", name: rows.string(at: 2) ?? "",
                               otherNames: [], rorID: nil)
        }
        agreementTitles = directory
        return directory
    }
}
