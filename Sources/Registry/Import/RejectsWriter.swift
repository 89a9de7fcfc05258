import Foundation

/// Writes rejected rows as RFC 4180 CSV: the input's columns, then `error`,
/// separated as the input was (comma, semicolon or tab), in its encoding and
/// with its byte-order mark, so that the file opens in the same spreadsheet
/// the same way and the same command imports it again once it is fixed.
/// The file is created at the first rejected row and written as rows come,
/// so rejecting a million rows needs no memory.
final class RejectsWriter {
    let path: String
    private let header: [String]
    private let fields: CSVFieldEncoder
    private let byteOrderMark: Bool
    private let encoding: TextEncoding
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    private var line: [UInt8] = []
    private(set) var rows = 0

    init(path: String, header: [String], layout: CSVLayout = .plain, encoding: TextEncoding = .utf8) {
        self.path = path
        self.header = header
        fields = CSVFieldEncoder(delimiter: layout.delimiter, quotesForReimport: true)
        byteOrderMark = layout.byteOrderMark && encoding == .utf8
        self.encoding = encoding
    }

    /// Refuses to overwrite a file (it could be the user's only copy of a fix).
    static func checkCanCreate(path: String, inputPath: String) throws {
        if path == inputPath || (inputPath != "-" && URL(fileURLWithPath: path).standardizedFileURL == URL(fileURLWithPath: inputPath).standardizedFileURL) {
            throw ImportSetupError.rejectsIsInput(path: path)
        }
        if FileManager.default.fileExists(atPath: path) { throw ImportSetupError.rejectsFileExists(path: path) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ImportSetupError.rejectsUnwritable(path: path, reason: "the folder '\(folder)' does not exist")
        }
    }

    func write(fields: [String], error: String) throws {
        if handle == nil {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw ImportSetupError.rejectsUnwritable(path: path, reason: "the file cannot be created")
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            if byteOrderMark { buffer.append(contentsOf: CSVLayout.utf8ByteOrderMark) }
            append(header)
        }
        var row = fields
        while row.count < header.count - 1 { row.append("") }
        row.append(error)
        append(row)
        rows += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    func finish() throws {
        try flush()
        try handle?.close()
        handle = nil
    }

    /// Removes what was written (the import failed as a whole).
    func discard() {
        try? handle?.close()
        if handle != nil || rows > 0 { try? FileManager.default.removeItem(atPath: path) }
        handle = nil
        rows = 0
    }

    private func flush() throws {
        guard let handle, !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// The line is quoted as UTF-8, then encoded: quoting touches ASCII only.
    private func append(_ values: [String]) {
        line.removeAll(keepingCapacity: true)
        for (index, value) in values.enumerated() {
            if index > 0 { line.append(fields.delimiter) }
            fields.append(value, to: &line)
        }
        line.append(0x0A)
        switch encoding {
        case .utf8: buffer.append(contentsOf: line)
        case .windows1252: encoding.encode(String(decoding: line, as: UTF8.self), into: &buffer)
        }
    }
}
