import ArgumentParser

/// `--format table|csv|tsv|json|markdown`, for every command that prints rows.
public struct OutputOptions: ParsableArguments {
    /// Also the help of `audit --format`, which has its own option.
    static let formatHelp = ArgumentHelp(
        "table, csv, tsv, json or markdown. Use tsv (tab-separated) for a spreadsheet: it opens in columns "
            + "whatever the locale, and pastes into a sheet. Default: table on a terminal, csv when the output "
            + "is a file or a pipe.",
        valueName: "format")

    @Option(name: .long, help: formatHelp)
    public var format: OutputFormat?

    public init() {}

    public var resolved: OutputFormat { format ?? .automatic }
}
