import ArgumentParser

/// `--format table|csv|json|markdown`, for every command that prints rows.
public struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "table, csv, json or markdown. Default: table on a terminal, csv when the output is a file or a pipe.",
        valueName: "format"))
    public var format: OutputFormat?

    public init() {}

    public var resolved: OutputFormat { format ?? .automatic }
}
