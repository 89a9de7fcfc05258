import Database
import Foundation
@testable import Registry
import TestSupport

/// A migrated registry in a temporary folder, with helpers to import text as
/// a file and to read results back.
final class RegistryFixture {
    let folder: TemporaryDirectory
    let path: String
    let connection: Connection

    init() throws {
        folder = try TemporaryDirectory()
        path = folder.path("registry.sqlite")
        connection = try RegistryDatabase.open(path: path, access: .create)
        try RegistryDatabase.migrator().migrateUp(connection)
    }

    /// Writes `text` to a file in the folder; returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = folder.path(name)
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Imports `text` as the file `name` (in the temporary folder).
    @discardableResult
    func importText(_ kind: ImportKind, _ name: String, _ text: String,
                    options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try Importer.importFile(kind, path: try write(name, text), options: options, connection: connection)
    }

    func int(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> Int64? {
        try connection.scalar(sql, arguments)?.int64
    }

    func string(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> String? {
        try connection.scalar(sql, arguments)?.string
    }

    func strings(_ sql: String, _ arguments: [DatabaseValueConvertible] = []) throws -> [String] {
        try connection.rows(sql, arguments).map { $0[0].string ?? "NULL" }
    }

    /// Every row of every table, as text: equal dumps mean equal content.
    /// `excluding` leaves tables out (`schema_migrations`, whose times differ
    /// between two registries migrated alike).
    func dump(excluding excluded: Set<String> = []) throws -> String {
        var text = ""
        let tables = try strings("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        for table in tables where !excluded.contains(table) {
            text += "== \(table)\n"
            for row in try connection.rows("SELECT * FROM \"\(table)\" ORDER BY 1, 2") {
                text += row.values.map { "\($0)" }.joined(separator: "|") + "\n"
            }
        }
        return text
    }

    /// A small world: four universities (one with a ROR id and aliases) and two networks.
    /// Every table, index, view and trigger with its SQL: equal before and
    /// after means the schema is as it was.
    func schema() throws -> [String] {
        try strings("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
    }

    func loadBasics() throws {
        let institutions = try importText(.institutions, "institutions.csv", """
            key,name,short_name,kind,country,city,ror_id,aliases,source
            um,Maastricht University,UM,university,NL,Maastricht,https://ror.org/02jz4aj89,nl:Universiteit Maastricht;UM,000_27dd72f51948da18.txt
            york,University of York,,university,GB,York,,,000_27dd72f51948da18.txt
            uliege,Université de Liège,ULiège,university,BE,Liège,,,001_52faaff7f3b55cd9.txt
            uci,"University of California, Irvine",UCI,university,US,Irvine,,UC Irvine,000_27dd72f51948da18.txt

            """)
        precondition(!institutions.hasErrors, "\(institutions.errors)")
        let networks = try importText(.networks, "networks.csv", """
            key,name,acronym,kind,scope,founded_on,stated_member_count
            yerun,Young European Research Universities Network,YERUN,network,european,2015,18
            wun,Worldwide Universities Network,WUN,network,global,,23

            """)
        precondition(!networks.hasErrors, "\(networks.errors)")
    }
}
