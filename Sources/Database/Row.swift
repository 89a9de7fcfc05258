/// One result row: the values and the column names they came from.
public struct Row: Equatable, CustomStringConvertible {
    public let columnNames: [String]
    public let values: [DatabaseValue]

    public init(columnNames: [String], values: [DatabaseValue]) {
        self.columnNames = columnNames
        self.values = values
    }

    public subscript(index: Int) -> DatabaseValue { values[index] }

    /// The value of the first column with this name, or `.null` when there is none.
    public subscript(name: String) -> DatabaseValue {
        guard let index = columnNames.firstIndex(of: name) else { return .null }
        return values[index]
    }

    public var description: String {
        zip(columnNames, values).map { "\($0)=\($1)" }.joined(separator: ", ")
    }
}
