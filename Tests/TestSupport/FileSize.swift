import Foundation

/// The size of the file at `path` in bytes; 0 when there is none (a `-wal`
/// file not yet created). Shared by the three test targets.
public func fileSize(atPath path: String) -> Int64 {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
}
