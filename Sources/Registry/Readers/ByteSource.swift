import Database
import Foundation

/// Reads a file (or standard input) in fixed-size chunks, so that memory stays
/// the same whatever the size of the file. The readers scan `buffer` directly,
/// always UTF-8: a file in another `encoding` is turned into UTF-8 chunk by
/// chunk as it is read.
public final class ByteSource {
    /// Where the bytes come from, for messages.
    public let name: String
    /// The file size when known (not for pipes), for progress. For a file
    /// read in another encoding than UTF-8 it counts the file's bytes, and
    /// `bytesRead` those after conversion: a little more, for accents.
    public let expectedSize: Int64?
    public let encoding: TextEncoding

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let memory: Data?
    let capacity: Int
    let buffer: UnsafeMutablePointer<UInt8>
    /// The file's own bytes, before conversion (nil for UTF-8).
    private let undecoded: UnsafeMutablePointer<UInt8>?
    /// Bytes `start..<end` of `buffer` are read and not consumed yet.
    var start = 0
    var end = 0
    private(set) var isAtEnd = false
    /// Bytes consumed before `buffer[0]`.
    private var offsetOfBuffer: Int64 = 0

    public var bytesRead: Int64 { offsetOfBuffer + Int64(start) }

    /// Opens `path`, or standard input for "-".
    public static func open(path: String, encoding: TextEncoding = .utf8, chunkSize: Int = 1 << 18) throws -> ByteSource {
        if path == "-" {
            return ByteSource(name: "<stdin>", descriptor: STDIN_FILENO, owns: false, size: nil, encoding: encoding,
                              chunkSize: chunkSize)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError.missing(path: path)
        }
        if isDirectory.boolValue { throw InputError.isFolder(path: path) }
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        let size: Int64? = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int64(info.st_size) : nil
        return ByteSource(name: path, descriptor: descriptor, owns: true, size: size, encoding: encoding, chunkSize: chunkSize)
    }

    /// Reads from bytes already in memory (embedded seed files, tests);
    /// `sizeKnown: false` reads them as a pipe would be read, size unknown.
    public init(name: String, data: Data, encoding: TextEncoding = .utf8, chunkSize: Int = 1 << 16, sizeKnown: Bool = true) {
        self.name = name
        self.descriptor = -1
        self.ownsDescriptor = false
        self.memory = data
        self.expectedSize = sizeKnown ? Int64(data.count) : nil
        self.encoding = encoding
        self.capacity = max(chunkSize, 16)
        self.buffer = .allocate(capacity: capacity)
        self.undecoded = encoding == .utf8 ? nil : .allocate(capacity: capacity / encoding.maxExpansion)
    }

    private init(name: String, descriptor: Int32, owns: Bool, size: Int64?, encoding: TextEncoding, chunkSize: Int) {
        self.name = name
        self.descriptor = descriptor
        self.ownsDescriptor = owns
        self.memory = nil
        self.expectedSize = size
        self.encoding = encoding
        self.capacity = max(chunkSize, 16)
        self.buffer = .allocate(capacity: capacity)
        self.undecoded = encoding == .utf8 ? nil : .allocate(capacity: capacity / encoding.maxExpansion)
    }

    deinit {
        buffer.deallocate()
        undecoded?.deallocate()
        if ownsDescriptor { close(descriptor) }
    }

    private var memoryOffset = 0

    /// Moves unconsumed bytes to the front and reads more. Returns false at
    /// the end of the input (when nothing new was read).
    func refill() throws -> Bool {
        if isAtEnd { return false }
        if start > 0 {
            let pending = end - start
            if pending > 0 { buffer.update(from: buffer + start, count: pending) }
            offsetOfBuffer += Int64(start)
            start = 0
            end = pending
        }
        guard end < capacity else { return true }
        let count: Int
        if let undecoded {
            // Read no more than the free space holds once converted.
            let most = (capacity - end) / encoding.maxExpansion
            guard most > 0 else { return true }
            let read = try readInput(into: undecoded, most: most)
            count = encoding.transcode(undecoded, count: read, into: buffer + end)
        } else {
            count = try readInput(into: buffer + end, most: capacity - end)
        }
        if count == 0 {
            isAtEnd = true
            return false
        }
        end += count
        return true
    }

    /// Reads up to `most` bytes of the input; 0 at its end.
    private func readInput(into target: UnsafeMutablePointer<UInt8>, most: Int) throws -> Int {
        if let memory {
            let count = min(most, memory.count - memoryOffset)
            if count > 0 {
                let from = memory.startIndex + memoryOffset
                memory.copyBytes(to: UnsafeMutableBufferPointer(start: target, count: count), from: from..<(from + count))
                memoryOffset += count
            }
            return count
        }
        var result: Int
        repeat {
            result = read(descriptor, target, most)
        } while result < 0 && errno == EINTR
        guard result >= 0 else {
            throw InputError.unreadable(path: name, reason: String(cString: strerror(errno)))
        }
        return result
    }
}

/// An input file that cannot be read at all.
public enum InputError: CategorizedError, Equatable {
    case missing(path: String)
    case isFolder(path: String)
    case unreadable(path: String, reason: String)

    public var category: ErrorCategory { .inputUnavailable }

    public var description: String {
        switch self {
        case .missing(let path):
            return "cannot read '\(path)': there is no such file. Check the path (use '-' to read standard input)."
        case .isFolder(let path):
            return "cannot read '\(path)': it is a folder, not a file."
        case .unreadable(let path, let reason):
            return "cannot read '\(path)': \(reason)."
        }
    }
}
