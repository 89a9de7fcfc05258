/// How a CSV file was written, as its reader found it: so that a file
/// written back for the same user (a rejects file) opens in the same
/// spreadsheet the same way.
public struct CSVLayout: Equatable, Sendable {
    /// The byte between fields: comma, semicolon or tab.
    public var delimiter: UInt8
    /// The file began with a UTF-8 byte-order mark, which is how a
    /// spreadsheet knows a CSV file is UTF-8 (without one, Excel reads
    /// accents as Windows-1252).
    public var byteOrderMark: Bool

    public static let plain = CSVLayout(delimiter: CSVReader.comma, byteOrderMark: false)

    /// EF BB BF: U+FEFF in UTF-8, the byte-order mark a file may begin with.
    public static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}
