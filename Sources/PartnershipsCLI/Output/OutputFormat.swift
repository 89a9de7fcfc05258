import ArgumentParser

/// How result rows are printed: `--format table|csv|json|markdown`.
public enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case table, csv, json, markdown

    /// A table on a terminal; CSV when the output goes to a file or a pipe,
    /// so that `partnerships report x > x.csv` does the useful thing.
    public static var automatic: OutputFormat { Terminal.stdoutIsTerminal ? .table : .csv }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
