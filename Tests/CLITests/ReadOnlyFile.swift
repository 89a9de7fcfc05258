import Foundation
import XCTest

/// Makes a file or folder read-only in a way that holds even for root.
///
/// The test suite runs as root in CI, where permission bits do not stop a
/// write; there the file is made immutable with `chattr +i` (ext4, xfs,
/// btrfs), which stops root too. As another user, `chmod a-w` is enough.
/// When neither works the test is skipped, saying why.
struct ReadOnlyFile {
    let path: String
    private let usedChattr: Bool

    init(_ path: String) throws {
        self.path = path
        if getuid() == 0 {
            let result = try ReadOnlyFile.chattr("+i", path)
            guard result == 0 else {
                throw XCTSkip("running as root and `chattr +i \(path)` failed (exit \(result)): this file system has no immutable flag, so a read-only file cannot be simulated")
            }
            usedChattr = true
        } else {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            precondition(exists, "\(path) must exist before it is made read-only")
            chmod(path, isFolder.boolValue ? 0o555 : 0o444)
            usedChattr = false
        }
    }

    /// Makes it writable again, so the temporary folder can be removed.
    func restore() {
        if usedChattr { _ = try? ReadOnlyFile.chattr("-i", path) } else { chmod(path, 0o755) }
    }

    private static func chattr(_ flag: String, _ path: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["chattr", flag, path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
