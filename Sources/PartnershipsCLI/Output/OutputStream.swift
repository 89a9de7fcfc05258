import Foundation

/// An output that also takes UTF-8 bytes as they are, for writers that
/// encode rows themselves (CSV).
public protocol ByteOutputStream: AnyObject {
    func write(bytes: UnsafeBufferPointer<UInt8>)
}

/// Buffered writes to stdout: one system call per 64 KiB instead of per row.
public final class StandardOutput: TextOutputStream, ByteOutputStream {
    private var buffer: [UInt8] = []
    private let file: UnsafeMutablePointer<FILE>

    public init(file: UnsafeMutablePointer<FILE> = stdout) {
        self.file = file
        buffer.reserveCapacity(1 << 16)
    }

    deinit { flush() }

    public func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func write(bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { bytes in
            _ = fwrite(bytes.baseAddress, 1, bytes.count, file)
        }
        fflush(file)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Collects output in memory (for tests).
public final class StringOutput: TextOutputStream {
    public private(set) var text = ""
    public init() {}
    public func write(_ string: String) { text += string }
}

/// Writes encoded bytes to an output: straight through when it takes bytes,
/// else as one String. The writers encode rows as UTF-8 bytes.
struct ByteSink {
    let output: TextOutputStream & AnyObject
    private let byteOutput: ByteOutputStream?

    init(_ output: TextOutputStream & AnyObject) {
        self.output = output
        byteOutput = output as? ByteOutputStream
    }

    func write(_ bytes: [UInt8]) {
        if let byteOutput {
            bytes.withUnsafeBufferPointer { byteOutput.write(bytes: $0) }
        } else {
            var out = output
            out.write(String(decoding: bytes, as: UTF8.self))
        }
    }
}
