import Foundation

/// The bytes libFuzzer hands to a target, with helpers to take a few of them
/// as parameters (a chunk size, a layout) before the rest is the input.
public struct FuzzInput {
    public private(set) var bytes: UnsafeRawBufferPointer

    public init(_ data: UnsafePointer<UInt8>?, _ count: Int) {
        bytes = UnsafeRawBufferPointer(start: count > 0 ? data : nil, count: count)
    }

    /// Takes the first byte (0 when the input is empty).
    public mutating func takeByte() -> UInt8 {
        guard let first = bytes.first else { return 0 }
        bytes = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
        return first
    }

    public var data: Data { Data(bytes) }
    public var lossyText: String { String(decoding: bytes, as: UTF8.self) }
}

/// Stops the run with a message libFuzzer records with the crashing input.
public func fuzzFailure(_ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) -> Never {
    fatalError(message(), file: file, line: line)
}
