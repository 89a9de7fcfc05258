import Database
import Foundation

/// Where `init` reads the seed files: the copies built into the program, or
/// a folder (`--seeds DIR`). Each file is named for its kind:
/// `institutions.csv`, `networks.csv`, ... (or `.json` / `.ndjson`).
public enum SeedSource: Sendable {
    case embedded
    case directory(URL)

    struct File {
        let name: String
        let kind: ImportKind
        let format: ImportFormat
        let data: Data
    }

    /// The seed files in loading order (institutions first: the others refer to them).
    func files() throws -> [File] {
        var found: [(name: String, data: Data)] = []
        switch self {
        case .embedded:
            found = EmbeddedResources.seeds.map { ($0.name, Data($0.text.utf8)) }
        case .directory(let url):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw SeedError.missingFolder(path: url.path)
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
                .filter { ImportFormat.fromExtension(of: $0) != nil }
                .sorted()
            for name in names {
                let path = url.appendingPathComponent(name).path
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw InputError.unreadable(path: path, reason: "permission denied")
                }
                found.append((path, data))
            }
        }
        var files: [File] = []
        for (name, data) in found {
            let fileName = (name as NSString).lastPathComponent
            guard let format = ImportFormat.fromExtension(of: fileName) else { continue }
            let base = (fileName as NSString).deletingPathExtension
            guard let kind = ImportKind(rawValue: base) else {
                throw SeedError.unknownFile(name: name)
            }
            if let other = files.first(where: { $0.kind == kind }) {
                throw SeedError.twoFilesForOneKind(first: other.name, second: name)
            }
            let shownName = self.isEmbedded ? "Seeds/\(fileName)" : name
            files.append(File(name: shownName, kind: kind, format: format, data: data))
        }
        let order = ImportKind.allCases
        return files.sorted { (order.firstIndex(of: $0.kind) ?? 0) < (order.firstIndex(of: $1.kind) ?? 0) }
    }

    private var isEmbedded: Bool {
        if case .embedded = self { return true }
        return false
    }
}

/// The seed files could not be loaded; nothing of them was written.
public enum SeedError: CategorizedError {
    case missingFolder(path: String)
    case unknownFile(name: String)
    case twoFilesForOneKind(first: String, second: String)
    /// A seed file has invalid rows (the reports list them).
    case rejected(reports: [ImportReport])

    public var category: ErrorCategory {
        switch self {
        case .missingFolder: return .inputUnavailable
        case .unknownFile, .twoFilesForOneKind, .rejected: return .dataRejected
        }
    }

    public var description: String {
        switch self {
        case .missingFolder(let path):
            return "there is no seeds folder '\(path)'"
        case .unknownFile(let name):
            return "the seed file '\(name)' is not named for a kind (\(ImportKind.allCases.map { $0.rawValue + ".csv" }.joined(separator: ", ")))"
        case .twoFilesForOneKind(let first, let second):
            return "the seed files '\(first)' and '\(second)' are for the same kind; keep one"
        case .rejected(let reports):
            let failed = reports.filter(\.hasErrors).map(\.file)
            return "the seed \(failed.count == 1 ? "file" : "files") \(failed.joined(separator: ", ")) \(failed.count == 1 ? "has" : "have") invalid rows; no seed data was written"
        }
    }
}
