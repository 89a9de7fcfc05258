import CSQLite

extension Connection {
    /// Runs `body` with a page cache of `kibibytes`, having first written the
    /// cache's dirty pages (to the WAL: they stay part of the open
    /// transaction) and freed them.
    ///
    /// Setting a smaller `cache_size` alone frees only clean pages: a bulk
    /// load that ends with tens of MB of dirty pages would carry that memory
    /// into whatever comes next (index builds, whose sorter wants memory of
    /// its own). Freed, the pages' memory is reused by the sorter; glibc is
    /// also asked to return what free heap it can to the system.
    public func withSmallCache<T>(kibibytes: Int64, _ body: () throws -> T) throws -> T {
        try withPragma(.cacheSize, setTo: -kibibytes) {
            let code = sqlite3_db_cacheflush(handle)
            guard code == SQLITE_OK else { throw DatabaseError.from(handle, code: code, sql: nil) }
            sqlite3_db_release_memory(handle)
            partnerships_release_free_heap()
            return try body()
        }
    }
}
