import ArgumentParser

/// `--format table|csv|tsv|json|markdown` and `--bom`, for every command that prints rows.
public struct OutputOptions: ParsableArguments {
    /// `--format`'s help.
    static let formatHelp = ArgumentHelp(
        "table, csv, tsv, json or markdown. Use tsv (tab-separated) for a spreadsheet: it opens in columns "
            + "whatever the locale, and pastes into a sheet. Default: table on a terminal, csv when the output "
            + "is a file or a pipe.",
        valueName: "format")

    /// `--bom`'s help.
    static let bomHelp = ArgumentHelp(
        "Start csv or tsv output with a UTF-8 byte-order mark, so that Excel on Windows shows accented "
            + "names (Université, Eötvös) as they are.")

    @Option(name: .long, help: formatHelp)
    public var format: OutputFormat?

    @Flag(name: .long, help: bomHelp)
    public var bom = false

    public init() {}

    public var resolved: OutputFormat { format ?? .automatic }

    /// `--bom` only with csv or tsv, given or automatic (csv into a file or a
    /// pipe); with any other format it is a usage error rather than ignored,
    /// and JSON must never start with one (RFC 8259).
    public func validate() throws {
        guard bom else { return }
        switch format ?? .automatic {
        case .csv, .tsv:
            return
        case let other where format == nil:
            throw ValidationError("--bom applies to csv and tsv output, and the default on a terminal is "
                                  + "\(other.rawValue): add --format csv or --format tsv")
        case let other:
            throw ValidationError("--bom applies to csv and tsv output, not \(other.rawValue): "
                                  + "use --format csv or --format tsv, or leave out --bom")
        }
    }
}
