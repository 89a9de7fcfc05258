import ArgumentParser
import Database
import Registry

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run a report: built-in SQL reports, or your own .sql files.",
        discussion: """
            A report is one SELECT in a .sql file whose header names it and declares its
            parameters. The built-in reports are overview, agreements, expiring,
            partners-by-country, network-members, shared-networks, timeline and
            institution. Add your own with --reports DIR (or PARTNERSHIPS_REPORTS); one
            with a built-in's name replaces it.

            Examples:
              partnerships report list
              partnerships report expiring --param within_days=90
              partnerships report agreements --param institution="Maastricht University" \\
                --format csv
              partnerships report timeline --param from=2025 --param to=2025 \\
                --as-of 2026-01-01
            """,
        subcommands: [List.self, Run.self],
        defaultSubcommand: Run.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the reports with their descriptions and parameters.",
            discussion: """
                Examples:
                  partnerships report list
                  partnerships report list --reports ~/reports --format markdown
                """)

        @OptionGroup var reports: ReportsOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let catalogue = try reports.catalogue()
            let printer = RowPrinter(output)
            printer.begin(columns: ["name", "parameters", "description", "source"])
            for report in catalogue.reports {
                var source = report.originDescription
                if report.replacesBuiltIn { source += " (replaces the built-in)" }
                printer.write(row: [.text(report.name), .text(report.parameters.map(\.summary).joined(separator: ", ")),
                                    .text(report.description), .text(source)])
            }
            printer.finish()
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run one report (the default: `partnerships report NAME` is `partnerships report run NAME`).",
            discussion: """
                Parameters are given as --param NAME=VALUE, once per parameter; an empty value
                means "not filtered". Names of institutions, networks and countries may be a
                key, a name, a short name, an alias, an acronym or a code, in any letter case.
                --as-of (default today) is the date the report is about: what is in force, what
                expires within N days.

                Examples:
                  partnerships report overview
                  partnerships report expiring --param within_days=90 --as-of 2026-03-01
                  partnerships report network-members --param network=YERUN --format json
                  partnerships report shared-networks --param institution=UM
                  partnerships report partners-by-country --param country=Netherlands
                """)

        @Argument(help: ArgumentHelp("The report to run (see `partnerships report list`).", valueName: "name"))
        var name: String?

        @Option(name: .customLong("param"), parsing: .singleValue, help: ArgumentHelp(
            "A parameter of the report, as NAME=VALUE; repeat for several.", valueName: "name=value"))
        var parameters: [String] = []

        @Option(name: .customLong("as-of"), help: ArgumentHelp(
            "The date the report is about, as YYYY-MM-DD (default: today).", valueName: "date"))
        var asOf: String?

        @OptionGroup var reports: ReportsOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let catalogue = try reports.catalogue()
            guard let name else {
                throw CommandFailure(
                    "name the report to run: partnerships report NAME. Reports: \(catalogue.reports.map(\.name).joined(separator: ", "))",
                    exitCode: ExitStatus.usage)
            }
            let report = try catalogue.report(named: name)
            let arguments = try Self.parse(parameters)
            // Check the parameters before opening anything, so a typo is reported as such.
            _ = try ReportRunner.values(for: report, arguments: arguments)
            let queryGuard = try ReadOnlyRegistry.open(path: database.path, busyTimeout: database.busyTimeout)
            let printer = RowPrinter(output)
            try ReportRunner.run(report, arguments: arguments, asOf: asOf ?? ReportDate.today(), guard: queryGuard,
                                 columns: printer.begin(columns:), rowInPlace: printer.write(rowInPlace:))
            printer.finish()
        }

        /// `["within_days=90", "country=NL"]` → ["within_days": "90", "country": "NL"].
        static func parse(_ parameters: [String]) throws -> [String: String] {
            var values: [String: String] = [:]
            for parameter in parameters {
                guard let equals = parameter.firstIndex(of: "="), equals != parameter.startIndex else {
                    throw ValidationError("--param \(parameter): write it as NAME=VALUE, e.g. --param within_days=90")
                }
                let key = String(parameter[..<equals]).trimmingCharacters(in: .whitespaces)
                if values[key] != nil { throw ValidationError("--param \(key) is given twice") }
                values[key] = String(parameter[parameter.index(after: equals)...])
            }
            return values
        }
    }
}
