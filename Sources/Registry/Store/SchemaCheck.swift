import Database

extension RegistryDatabase {
    /// Refuses a registry whose schema is behind this program (pending
    /// migrations), ahead of it, or edited: commands that write data need the
    /// tables as this program knows them.
    public static func requireCurrentSchema(_ connection: Connection, path: String, migrator: Migrator? = nil) throws {
        let migrator = try migrator ?? self.migrator()
        let report = try migrator.status(of: connection)
        try migrator.validate(report)
        if !report.pending.isEmpty {
            throw RegistryError.needsMigration(path: path, pending: report.pending.count)
        }
    }
}
