import Database

/// Streams rows to stdout in the chosen format: what `report`, `search` and
/// `query` hand their rows to.
final class RowPrinter {
    private let output = StandardOutput()
    private var writer: any ResultWriter

    init(format: OutputFormat, byteOrderMark: Bool = false) {
        writer = ResultWriters.make(format, output: output, byteOrderMark: byteOrderMark)
    }

    /// The writer that `--format` and `--bom` ask for.
    convenience init(_ options: OutputOptions) {
        self.init(format: options.resolved, byteOrderMark: options.bom)
    }

    func begin(columns: [String]) { writer.begin(columns: columns) }
    func write(row: [DatabaseValue]) { writer.write(row: row) }
    /// The current row of a running statement, read in place (CSV and JSON copy its text bytes).
    func write(rowInPlace row: any ResultRow) { writer.write(rowInPlace: row) }

    /// Ends the output (a table is written here, once its widths are known) and flushes.
    func finish() {
        writer.end()
        output.flush()
    }
}
