import ArgumentParser

/// How result rows are printed: `--format table|csv|tsv|json|markdown`.
/// `tsv` is the CSV with tabs between fields: a spreadsheet in a locale whose
/// list separator is a semicolon (Dutch, German, French) puts a comma CSV in
/// one column, but splits tab-separated text into columns everywhere.
public enum OutputFormat: String, CaseIterable, CaseInsensitiveArgument, Sendable {
    case table, csv, tsv, json, markdown

    /// A table on a terminal; CSV when the output goes to a file or a pipe,
    /// so that `partnerships report x > x.csv` does the useful thing.
    public static var automatic: OutputFormat { Terminal.stdoutIsTerminal ? .table : .csv }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }

    /// The byte between fields, for the two formats `CSVWriter` writes.
    public var csvDelimiter: CSVWriter.Delimiter? {
        switch self {
        case .csv: return .comma
        case .tsv: return .tab
        case .table, .json, .markdown: return nil
        }
    }
}
