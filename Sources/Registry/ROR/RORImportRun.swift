import Database
import Foundation

/// Reads one ROR dump and brings the registry in line with it, inside a
/// transaction that `RORImporter` opened and will commit or roll back.
///
/// In three steps, so that the order of the records does not matter:
/// 1. Stream the records. A record whose ROR id is in the registry updates
///    that institution; a new one is inserted, unless it may be an institution
///    already here without a ROR id (same country, same name), in which case
///    it is held back. Only held-back records are kept in memory.
/// 2. Link the held-back records whose match is unambiguous both ways; report
///    the others.
/// 3. Set parent_id from the `parent` relationships, now that every parent
///    of the file is in the registry.
final class RORImportRun {
    private let store: RORStore
    private let linker: RORNameLinker
    private let options: RORImportOptions
    private var report: RORImportReport
    private var heldBack: [(ror: RORInstitution, line: Int, candidates: [Int64])] = []
    /// Institutions of this file counted unchanged so far (a parent set in step 3 makes them updated).
    private var unchangedIDs: Set<Int64> = []
    private var indexDecisionMade = false
    private var deferredIndexes: [DeferredIndexes] = []
    /// The tables whose secondary indexes a large import builds at the end.
    static let deferredIndexTables = ["institutions", "institution_aliases", "institution_relations"]

    init(connection: Connection, options: RORImportOptions, file: String) throws {
        store = try RORStore(connection)
        linker = try RORNameLinker.load(connection)
        self.options = options
        report = RORImportReport(file: file)
        report.dryRun = options.dryRun
    }

    func run(_ source: ByteSource) throws -> RORImportReport {
        let started = ProcessInfo.processInfo.systemUptime
        let reader = JSONStreamReader(source: source, layout: .array)
        var lastProgress = started
        do {
            while let value = try reader.next() {
                report.recordsRead += 1
                try importElement(value, line: reader.line)
                if !indexDecisionMade && report.recordsRead >= options.indexDecisionAfter {
                    try decideOnIndexes(bytesRead: reader.bytesRead, totalBytes: source.expectedSize)
                }
                if let progress = options.progress, report.recordsRead % 256 == 0 {
                    let now = ProcessInfo.processInfo.systemUptime
                    if now - lastProgress >= 0.1 {
                        lastProgress = now
                        progress(ImportProgress(file: report.file, rowsRead: report.recordsRead, bytesRead: reader.bytesRead,
                                                totalBytes: source.expectedSize, seconds: now - started))
                    }
                }
            }
        } catch let syntax as JSONStreamReader.SyntaxError {
            report.fatal = ImportIssue(file: report.file, line: syntax.line, column: nil, message: syntax.message)
            report.seconds = ProcessInfo.processInfo.systemUptime - started
            return report
        }
        try restoreIndexes()
        try linkHeldBack()
        try resolveParents()
        report.seconds = ProcessInfo.processInfo.systemUptime - started
        return report
    }

    /// Defers the secondary indexes when most of a large file is still to
    /// come. (Inside the transaction: a rollback brings them back as they were.
    /// The lookups of the import use primary keys and UNIQUE constraints, which stay.)
    private func decideOnIndexes(bytesRead: Int64, totalBytes: Int64?) throws {
        indexDecisionMade = true
        guard bytesRead > 0 else { return }
        let records = Double(report.recordsRead)
        let expected = totalBytes.map { records * Double($0) / Double(bytesRead) } ?? records * 4
        // Records that update institutions already here add few index entries:
        // count only the share of new ones so far.
        let newShare = Double(report.inserted) / records
        let remaining = (expected - records) * newShare
        guard remaining >= Double(options.deferIndexesFrom) else { return }
        let stored = try store.connection.scalar("SELECT count(*) FROM institutions")?.int64 ?? 0
        guard remaining * 2 > Double(stored) else { return }
        deferredIndexes = try Self.deferredIndexTables.map { try DeferredIndexes(connection: store.connection, table: $0) }
        report.indexesDeferred = true
    }

    /// Builds the deferred indexes. SQLite sorts in memory up to the page
    /// cache's size, on top of the cache itself: a small cache for the sort
    /// keeps the peak down (the sort spills to a temporary file instead).
    private func restoreIndexes() throws {
        guard !deferredIndexes.isEmpty else { return }
        let connection = store.connection
        try connection.withPragma(.cacheSize, setTo: Int64(Self.indexBuildCacheSize)) {
            for indexes in deferredIndexes { try indexes.restore() }
        }
        deferredIndexes = []
    }

    /// KiB, as SQLite has it when negative.
    static let indexBuildCacheSize = -4096
    /// The page cache while importing, in KiB: 16 MiB. A ROR import keeps a
    /// record's names and relations in memory besides the cache, so it takes
    /// a smaller one than the other imports (24 MiB), which keeps the peak of
    /// a 100,000-record dump under 64 MiB.
    static let cacheSize: Int64 = -16384

    // MARK: Step 1: each record

    private func importElement(_ value: JSONValue, line: Int) throws {
        let record: RORRecord
        do {
            record = try RORRecord(json: value)
        } catch let problem as RORRecordError {
            let id = value["id"]?.stringValue.map { "record \($0): " } ?? ""
            report.add(ImportIssue(file: report.file, line: line, column: problem.member, message: id + problem.message),
                       limit: options.maxIssues)
            return
        }
        if let wanted = options.types, !record.types.contains(where: { RORType(rawValue: $0).map(wanted.contains) ?? false }) {
            report.skippedByType[RORType.leading(of: record.types), default: 0] += 1
            return
        }
        let ror = RORInstitution(record)
        do {
            if let existing = try store.find(rorID: ror.rorID) {
                try apply(ror, to: existing, line: line, linking: false)
            } else if ror.status == .withdrawn {
                // A withdrawn record is a duplicate or a mistake in ROR: it
                // updates an institution that has its id, but is not added.
                report.skippedWithdrawn += 1
            } else {
                let candidates = linker.candidates(for: ror)
                if candidates.isEmpty {
                    try insert(ror)
                } else {
                    heldBack.append((ror, line, candidates))
                }
            }
        } catch let error as DatabaseError where error.isRowLevel {
            report.add(ImportIssue(file: report.file, line: line, column: nil,
                                   message: "record \(ror.rorID): the database refused it: \(error.message)"),
                       limit: options.maxIssues)
        }
    }

    private func insert(_ ror: RORInstitution) throws {
        let id = try store.insert(key: try uniqueKey(for: ror), ror)
        for alias in ror.aliases { try store.aliases.addAlias(alias, to: id) }
        for row in Self.relationRows(ror) { try store.add(row, to: id) }
        try store.writeValues(Self.values(ror, parentRORID: nil), for: id)
        report.inserted += 1
    }

    /// A slug of the name; when taken, with the country, then with the ROR id.
    private func uniqueKey(for ror: RORInstitution) throws -> String {
        let slug = Slug.make(ror.name)
        let base = slug.isEmpty ? ror.rorID : slug
        for key in [base, base + "-" + ror.countryCode.lowercased(), base + "-" + ror.rorID] where try !store.isKeyTaken(key) {
            return key
        }
        return "ror-" + ror.rorID
    }

    /// Brings an institution in line with its ROR record (`RORFieldMerge`
    /// decides each field), syncs its aliases and relationships, and counts
    /// the outcome.
    private func apply(_ ror: RORInstitution, to existing: RORStoredInstitution, line: Int, linking: Bool) throws {
        // What ROR gave last time counts only if it was for this record.
        let previous = existing.previous?.rorID == ror.rorID ? existing.previous : nil
        var updated = existing
        let values = Self.values(ror, parentRORID: ror.parents.isEmpty ? nil : previous?.parentRORID)
        let overwrite = options.overwrite

        func merge(_ field: String, _ current: String?, _ previousValue: String?, _ incoming: String?,
                   _ equivalent: (String, String) -> Bool = { $0 == $1 }) -> String? {
            let outcome = RORFieldMerge.merge(current: current, previous: previousValue, incoming: incoming,
                                              overwrite: overwrite, equivalent: equivalent)
            if outcome.conflict {
                report.add(RORConflict(file: report.file, line: line, key: existing.key, rorID: ror.rorID, field: field,
                                       registryValue: current, rorValue: incoming), limit: options.maxIssues)
            }
            return outcome.value
        }

        let accepted = ror.acceptedKinds
        updated.name = merge("name", existing.name, previous?.name, ror.name, RORFieldMerge.isOneOf(ror.linkNames))
            ?? existing.name
        updated.kind = merge("kind", existing.kind, previous?.kind, ror.kind.rawValue) { current, _ in
            InstitutionKind(rawValue: current).map(accepted.contains) ?? false
        } ?? existing.kind
        updated.countryCode = merge("country_code", existing.countryCode, previous?.countryCode, ror.countryCode)
            ?? existing.countryCode
        updated.city = merge("city", existing.city, previous?.city, ror.city, RORFieldMerge.sameName)
        updated.website = merge("website", existing.website, previous?.website, ror.website, RORFieldMerge.sameWebsite)
        updated.established = merge("established", existing.established, previous?.established, ror.established,
                                    RORFieldMerge.refinesYear)
        updated.rorID = ror.rorID
        updated.rorStatus = ror.status.rawValue
        var changed = updated.name != existing.name || updated.kind != existing.kind
            || updated.countryCode != existing.countryCode || updated.city != existing.city
            || updated.website != existing.website || updated.established != existing.established
            || updated.rorID != existing.rorID || updated.rorStatus != existing.rorStatus
        if changed { try store.update(updated) }

        // Aliases are added, never removed: the registry cannot tell a user's
        // alias from one ROR gave. The display name becomes an alias when the
        // user's name was kept.
        var wanted = ror.aliases
        if updated.name != ror.name { wanted.insert(InstitutionAlias(alias: ror.name, lang: nil), at: 0) }
        let present = Set(try store.aliases.aliases(of: existing.id).map(\.alias))
        for alias in wanted where !present.contains(alias.alias) && alias.alias != updated.name {
            try store.aliases.addAlias(alias, to: existing.id)
            changed = true
        }

        // Relationships come from ROR only: make them exactly the record's.
        let stored = try store.relations(of: existing.id)
        let relationRows = Set(Self.relationRows(ror))
        for row in stored.subtracting(relationRows) {
            try store.remove(row, from: existing.id)
            changed = true
        }
        for row in relationRows.subtracting(stored) {
            try store.add(row, to: existing.id)
            changed = true
        }

        // A record without a parent: a parent that came from ROR goes (step 3 handles records with parents).
        if ror.parents.isEmpty {
            if let previousParent = previous?.parentRORID, existing.parentRORID == previousParent {
                try store.setParent(of: existing.id, to: nil)
                report.parentsSet += 1
                changed = true
            }
        }

        if values != previous { try store.writeValues(values, for: existing.id) }

        if linking {
            report.linked += 1
        } else if changed {
            report.updated += 1
        } else {
            report.unchanged += 1
            unchangedIDs.insert(existing.id)
        }
    }

    static func values(_ ror: RORInstitution, parentRORID: String?) -> RORValues {
        RORValues(rorID: ror.rorID, name: ror.name, kind: ror.kind.rawValue, rorTypes: ror.rorTypes, countryCode: ror.countryCode,
                  city: ror.city, website: ror.website, established: ror.established, parentRORID: parentRORID,
                  lastModified: ror.lastModified)
    }

    /// The rows of institution_relations and institution_successors for a
    /// record; one per relation and ROR id (the first label wins).
    static func relationRows(_ ror: RORInstitution) -> [RORRelationRow] {
        var seen: Set<String> = []
        var rows: [RORRelationRow] = []
        for relationship in ror.parents + ror.otherRelations + ror.successors
        where seen.insert(relationship.kind.rawValue + " " + relationship.rorID).inserted {
            rows.append(RORRelationRow(relation: relationship.kind.rawValue, rorID: relationship.rorID, name: relationship.label))
        }
        return rows
    }

    // MARK: Step 2: linking by name

    private func linkHeldBack() throws {
        var recordsByInstitution: [Int64: [Int]] = [:]
        for (index, entry) in heldBack.enumerated() {
            for id in entry.candidates { recordsByInstitution[id, default: []].append(index) }
        }
        var reportedInstitutions: Set<Int64> = []
        for entry in heldBack {
            let ror = entry.ror
            if entry.candidates.count > 1 {
                let names = entry.candidates.map(linker.label).joined(separator: ", ")
                warn(line: entry.line, "record \(ror.rorID) '\(ror.name)' matches \(entry.candidates.count) institutions "
                     + "in \(ror.countryCode) by name: \(names); it was not imported. Set ror_id on the right one "
                     + "(import institutions with a ror_id column) and import again")
                continue
            }
            let id = entry.candidates[0]
            let rivals = recordsByInstitution[id] ?? []
            if rivals.count > 1 {
                report.ambiguousCount += 1
                if reportedInstitutions.insert(id).inserted {
                    let records = rivals.map { "\(heldBack[$0].ror.rorID) '\(heldBack[$0].ror.name)'" }.joined(separator: ", ")
                    report.add(ImportIssue(file: report.file, line: entry.line, column: nil,
                                           message: "\(linker.label(id)) matches \(rivals.count) ROR records by name: "
                                               + "\(records); none was linked or imported. Set its ror_id to the right "
                                               + "one and import again", severity: .warning),
                               limit: options.maxIssues)
                }
                continue
            }
            do {
                guard let existing = try store.find(id: id) else { continue }
                try apply(ror, to: existing, line: entry.line, linking: true)
            } catch let error as DatabaseError where error.isRowLevel {
                report.add(ImportIssue(file: report.file, line: entry.line, column: nil,
                                       message: "record \(ror.rorID): the database refused it: \(error.message)"),
                           limit: options.maxIssues)
            }
        }
        heldBack = []
    }

    private func warn(line: Int, _ message: String) {
        report.ambiguousCount += 1
        report.add(ImportIssue(file: report.file, line: line, column: nil, message: message, severity: .warning),
                   limit: options.maxIssues)
    }

    // MARK: Step 3: parents

    /// One child's parents that are in the registry, as step 3 reads them.
    private struct ParentCandidates {
        var childID: Int64
        var childKey: String
        var childRORID: String?
        var parentID: Int64?
        var parentKey: String?
        var parentRORID: String?
        var previousParentRORID: String?
        var previousRORID: String?
        var candidates: [(rorID: String, id: Int64, key: String)] = []
    }

    /// For every institution whose ROR parents include one in the registry
    /// (of this file or of an earlier import): set parent_id, by the same
    /// rule as the other fields. A parent the user chose among ROR's parents stays.
    private func resolveParents() throws {
        let rows = try store.connection.prepare(RORStore.parentCandidatesSQL)
        var current: ParentCandidates?
        // Only the children that need a change are kept: on a second import, none.
        var decisions: [ParentCandidates] = []
        func keep(_ child: ParentCandidates) {
            let settled = child.parentRORID.map { parent in
                child.previousParentRORID == parent && child.candidates.contains { $0.rorID == parent }
            } ?? false
            if !settled { decisions.append(child) }
        }
        while try rows.step() {
            let childID = rows.int64(at: 0)
            if current?.childID != childID {
                if let current { keep(current) }
                current = ParentCandidates(childID: childID, childKey: rows.string(at: 1) ?? "", childRORID: rows.string(at: 2),
                                           parentID: rows.isNull(at: 3) ? nil : rows.int64(at: 3), parentKey: rows.string(at: 4),
                                           parentRORID: rows.string(at: 5), previousParentRORID: rows.string(at: 6),
                                           previousRORID: rows.string(at: 7))
            }
            current?.candidates.append((rows.string(at: 8) ?? "", rows.int64(at: 9), rows.string(at: 10) ?? ""))
        }
        if let current { keep(current) }
        for child in decisions { try resolveParent(child) }
    }

    private func resolveParent(_ child: ParentCandidates) throws {
        guard let first = child.candidates.first else { return }
        let previous = child.previousRORID == child.childRORID ? child.previousParentRORID : nil
        // The registry's parent as a ROR id; a parent without one can only be the user's choice.
        let current = child.parentID.map { id in child.parentRORID ?? "#\(id)" }
        let chosen = child.candidates.first(where: { $0.rorID == current }) ?? first
        let outcome = RORFieldMerge.merge(current: current, previous: previous, incoming: chosen.rorID,
                                          overwrite: options.overwrite)
        if outcome.conflict {
            report.add(RORConflict(file: report.file, line: 0, key: child.childKey, rorID: child.childRORID ?? "",
                                   field: "parent", registryValue: child.parentKey, rorValue: chosen.key),
                       limit: options.maxIssues)
        } else if outcome.value != current {
            try store.setParent(of: child.childID, to: chosen.id)
            report.parentsSet += 1
            if unchangedIDs.remove(child.childID) != nil {
                report.unchanged -= 1
                report.updated += 1
            }
        }
        if chosen.rorID != child.previousParentRORID {
            try store.setValuesParent(of: child.childID, to: chosen.rorID)
        }
    }
}
