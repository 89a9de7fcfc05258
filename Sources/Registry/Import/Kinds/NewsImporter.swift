enum NewsColumn: Int, ImportColumn {
    case key, publishedOn, language, title, summary, storyKey, agreements, institutions, networks, source

    static let names = ["key", "published_on", "language", "title", "summary", "story_key", "agreements",
                        "institutions", "networks", "source"]
    static let required: Set<NewsColumn> = [.publishedOn, .language, .title]
    static let lists: Set<NewsColumn> = [.agreements, .institutions, .networks]
}

/// Dated news items and what they are about. `published_on` also takes the
/// forms news pages use ("Wednesday, November 28, 2018"). The key defaults to
/// the date, the language and a slug of the title.
final class NewsImporter: RowImporter {
    typealias Column = NewsColumn

    private let session: ImportSession
    private let institutions: ReferenceDirectory
    private let networks: ReferenceDirectory
    private let repository: NewsRepository
    private var touched: TouchedRows
    private let searchFill: DeferredSearchFill

    init(session: ImportSession) throws {
        self.session = session
        institutions = try session.institutions()
        networks = try session.networks()
        repository = try NewsRepository(session.connection)
        touched = try TouchedRows(connection: session.connection, table: "news_items")
        searchFill = DeferredSearchFill(DeferredSearchFill.news, connection: session.connection)
    }

    func rowKept() throws { try searchFill.setAsideOnceRowsAreInserted() }

    func rowUndone() { searchFill.rowsUndone() }

    /// A rollback puts the search trigger back by itself.
    func finish(rollingBack: Bool) throws {
        if !rollingBack {
            try searchFill.restore()
            session.endPhase(ImportPhase.searchIndex)
        }
    }

    func importRow(_ row: ImportRow<Column>, check: inout RowCheck) throws -> RowOutcome? {
        var published: PartialDate?
        if let text = check.required(row, .publishedOn) {
            switch NewsDate.parse(text) {
            case .success(let date): published = date
            case .failure(let failure): check.fail(Column.publishedOn, "'\(text)' \(failure.description)")
            }
        }
        let language = check.required(row, .language).flatMap { _ in check.language(row, .language) }
        let title = check.required(row, .title)
        var links: [NewsLink: Set<Int64>] = [:]
        links[.institutions] = try resolveAll(row[.institutions], in: institutions, column: .institutions, check: &check)
        links[.networks] = try resolveAll(row[.networks], in: networks, column: .networks, check: &check)
        var agreements = Set<Int64>()
        for reference in listItems(row[.agreements]) {
            switch try session.resolveAgreement(reference) {
            case .found(let id): agreements.insert(id)
            case .failed(let message): check.fail(Column.agreements, message)
            }
        }
        links[.agreements] = agreements
        var key = row[.key]
        if key == nil, let published, let language, let title {
            key = "\(published.iso)-\(language)-\(Slug.make(title, maxLength: 60))"
        }
        guard let key, let published, let language, let title, !check.failed else { return nil }

        var record = NewsRecord(key: key, publishedOn: published.iso, language: language, title: title,
                                summary: row[.summary], storyKey: row[.storyKey], source: row[.source])
        if let id = try repository.insertIfNew(record) {
            searchFill.rowsInserted()
            for (link, targets) in links { try repository.setLinks(link, of: id, old: [], new: targets) }
            return .inserted
        }
        guard let (id, stored) = try repository.find(key: key) else {
            throw ImportInvariantError(message: "news item '\(key)' was neither found nor inserted")
        }
        if !touched.touch(id) {
            check.fail(Column.key, "'\(key)' is on an earlier row of this file too")
            return nil
        }
        if !row.has(.summary) { record.summary = stored.summary }
        if !row.has(.storyKey) { record.storyKey = stored.storyKey }
        if !row.has(.source) { record.source = stored.source }
        var changed = record != stored
        if changed { try repository.update(id: id, to: record) }
        let columns: [NewsLink: Column] = [.agreements: .agreements, .institutions: .institutions, .networks: .networks]
        for link in NewsLink.allCases {
            guard let column = columns[link], row.has(column), let targets = links[link] else { continue }
            let stored = try repository.linked(link, to: id)
            if stored != targets {
                try repository.setLinks(link, of: id, old: stored, new: targets)
                changed = true
            }
        }
        return changed ? .updated : .unchanged
    }

    private func resolveAll(_ text: String?, in directory: ReferenceDirectory, column: Column,
                            check: inout RowCheck) throws -> Set<Int64> {
        var ids = Set<Int64>()
        for reference in listItems(text) {
            if let id = try check.resolve(reference, in: directory, column: column) { ids.insert(id) }
        }
        return ids
    }
}
