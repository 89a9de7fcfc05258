import ArgumentParser
import Foundation
import Registry

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the registry and load the seed data.",
        discussion: """
            Applies every pending schema migration, then loads the seed files
            (institutions, networks, memberships, agreements, news, appointments) through
            the importers, in one transaction, and prints an overview. Running it again
            changes nothing and says so. The seed files are built into the program; --seeds
            DIR reads a folder instead.

            Examples:
              partnerships init
              partnerships init --db ~/office/registry.sqlite
              partnerships init --seeds ./Seeds
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationsOptions

    @Option(help: ArgumentHelp("Load the seed files from this folder instead of the ones built into the program.",
                               valueName: "dir"))
    var seeds: String?

    func run() throws {
        let migrator = try migrations.migrator()
        let connection = try database.open(.create, newestSchemaVersion: migrator.newestVersion)
        let source: SeedSource = seeds.map { .directory(URL(fileURLWithPath: $0, isDirectory: true)) } ?? .embedded
        let progress = ProgressLine()
        let outcome: RegistrySetup.Outcome
        do {
            outcome = try RegistrySetup.initialize(connection, migrator: migrator, seeds: source, progress: progress.update)
        } catch SeedError.rejected(let reports) {
            progress.clear()
            for report in reports { ImportReportPrinter.printIssues(of: report) }
            throw SeedError.rejected(reports: reports)
        }
        progress.clear()
        for migration in outcome.appliedMigrations {
            print("applied migration \(migration.fileName)")
        }
        for report in outcome.seedReports {
            ImportReportPrinter.printIssues(of: report)
        }
        if outcome.changedNothing {
            let rows = outcome.seedReports.reduce(0) { $0 + $1.rowsRead }
            print("\(database.path): schema is up to date (version \(outcome.schemaVersion)) and the \(rows) seed rows are "
                  + "already loaded; nothing changed.")
            return
        }
        print("\(database.path): schema at version \(outcome.schemaVersion).")
        for report in outcome.seedReports where !report.changedNothing {
            print("loaded \(report.file): \(report.summaryLine)")
        }
        printOverview(outcome.overview)
    }

    private func printOverview(_ overview: RegistryOverview) {
        print("")
        print("Rows per table:")
        let width = overview.counts.map(\.table.count).max() ?? 0
        for count in overview.counts {
            print("  \(count.table.padding(toLength: width, withPad: " ", startingAt: 0))  \(count.rows)")
        }
        if !overview.latestNews.isEmpty {
            print("")
            print("Latest news:")
            for item in overview.latestNews {
                print("  \(item.publishedOn)  [\(item.language)] \(item.title)")
            }
        }
        if !overview.agreements.isEmpty {
            print("")
            print("Agreements:")
            for agreement in overview.agreements {
                let when = agreement.signedOn.map { "signed \($0)" } ?? agreement.effectiveFrom.map { "from \($0)" } ?? "undated"
                let date = when.padding(toLength: 17, withPad: " ", startingAt: 0)
                print("  \(date)  \(agreement.title) (\(agreement.kind)): \(agreement.parties)")
            }
            if overview.moreAgreements > 0 { print("  ... and \(overview.moreAgreements) more") }
        }
    }
}
