/// Connections that read one snapshot of a registry, without SQLite's
/// snapshot API (Debian's SQLite is built without it). The lead connection
/// begins a read transaction, the others begin theirs, and the lead begins
/// again: if its data version is unchanged, no connection committed in
/// between, so every one of them began in the lead's snapshot. Used where
/// one answer is read on several connections at once (a report in parts,
/// the threaded audit).
enum SharedSnapshot {
    /// `begin` begins the lead's read transaction and returns its data
    /// version (it runs twice), `end` ends it; `beginOthers` returns once
    /// every other connection has begun its read, false when one could not.
    /// True when all of them read one snapshot; the lead is reading either way.
    static func begin(lead begin: () throws -> Int64, end: () -> Void, others beginOthers: () throws -> Bool) throws -> Bool {
        let version = try begin()
        let othersBegan: Bool
        do {
            othersBegan = try beginOthers()
        } catch {
            end()
            throw error
        }
        end()
        return try begin() == version && othersBegan
    }
}
