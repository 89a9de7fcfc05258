import ArgumentParser
import Foundation
import Registry

/// `--reports DIR`: a folder of the user's own `.sql` reports.
public struct ReportsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A folder of your own .sql reports, added to the built-in ones (one with a built-in's name replaces it). Defaults to $PARTNERSHIPS_REPORTS.",
        valueName: "dir"))
    public var reports: String?

    public init() {}

    public var directory: URL? {
        let path = reports ?? ProcessInfo.processInfo.environment["PARTNERSHIPS_REPORTS"]
        guard let path, !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    public func catalogue() throws -> ReportCatalogue {
        try ReportCatalogue.load(userDirectory: directory)
    }
}
