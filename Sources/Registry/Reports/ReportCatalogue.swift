import Foundation

/// Every report a command can run: the built-in ones, replaced or joined by
/// the `.sql` files of the user's report folder (`--reports DIR` or
/// `PARTNERSHIPS_REPORTS`).
public struct ReportCatalogue {
    /// Sorted by name.
    public let reports: [ReportDefinition]

    public init(reports: [ReportDefinition]) {
        self.reports = reports.sorted { $0.name < $1.name }
    }

    /// The reports built into the program (Reports/ at build time).
    public static func builtIn() throws -> [ReportDefinition] {
        try EmbeddedResources.reports.map { try ReportParser.parse($0.text, fileName: $0.name, origin: .builtIn) }
    }

    /// The built-in reports, with those of `userDirectory` added; a user
    /// report with a built-in's name replaces it.
    public static func load(userDirectory: URL?) throws -> ReportCatalogue {
        var byName: [String: ReportDefinition] = [:]
        for report in try builtIn() { byName[report.name] = report }
        if let userDirectory {
            var seen: [String: String] = [:]
            for var report in try loadFolder(userDirectory) {
                guard case .file(let path) = report.origin else { continue }
                if let other = seen[report.name] {
                    throw ReportError.duplicateReport(name: report.name, files: [other, path].sorted())
                }
                seen[report.name] = path
                report.replacesBuiltIn = byName[report.name] != nil
                byName[report.name] = report
            }
        }
        return ReportCatalogue(reports: Array(byName.values))
    }

    /// Every `*.sql` file of a folder, as reports (other files are left alone).
    public static func loadFolder(_ directory: URL) throws -> [ReportDefinition] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw ReportError.folderUnreadable(path: directory.path, reason: "it does not exist or is not a folder")
        }
        return try names.filter { $0.hasSuffix(".sql") }.sorted().map { name in
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ReportError.folderUnreadable(path: url.path, reason: "the file cannot be read")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ReportError.invalidReport(file: url.path, reason: "it is not UTF-8 text")
            }
            return try ReportParser.parse(text, fileName: name, origin: .file(path: url.path))
        }
    }

    public func report(named name: String) throws -> ReportDefinition {
        if let report = reports.first(where: { $0.name == name }) { return report }
        // `Overview` is `overview`, when no other report differs only in case.
        let sameLetters = reports.filter { $0.name.lowercased() == name.lowercased() }
        if sameLetters.count == 1 { return sameLetters[0] }
        throw ReportError.unknownReport(name: name, available: reports.map(\.name))
    }
}
