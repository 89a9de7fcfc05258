import CSQLite
import Foundation

/// One schema migration: `NNNN_snake_case_name.sql`, with an optional
/// `NNNN_snake_case_name.down.sql` that undoes it.
public struct Migration: Equatable, Sendable {
    public let version: Int
    public let name: String
    public let fileName: String
    /// The SQL with any BOM removed and CRLF turned into LF.
    public let sql: String
    public let downFileName: String?
    public let downSQL: String?
    /// SHA-256 of `sql`, in hexadecimal: what `schema_migrations.checksum` holds.
    public let checksum: String

    public init(version: Int, name: String, fileName: String, sql: String, downFileName: String? = nil, downSQL: String? = nil) {
        self.version = version
        self.name = name
        self.fileName = fileName
        self.sql = sql
        self.downFileName = downFileName
        self.downSQL = downSQL
        self.checksum = SHA256.hexDigest(sql.utf8)
    }
}

/// A file as it was read, before it is understood as a migration.
public struct MigrationFile: Sendable {
    public let name: String
    public let contents: [UInt8]

    public init(name: String, contents: [UInt8]) {
        self.name = name
        self.contents = contents
    }

    public init(name: String, text: String) {
        self.init(name: name, contents: Array(text.utf8))
    }
}

public enum MigrationLoader {
    /// Reads every `*.sql` file of a folder (other files, such as a README, are left alone).
    public static func load(directory: URL) throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError.folderUnreadable(path: directory.path, reason: error.localizedDescription)
        }
        var files: [MigrationFile] = []
        for name in names where name.hasSuffix(".sql") {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw MigrationError.folderUnreadable(path: url.path, reason: "the file cannot be read")
            }
            files.append(MigrationFile(name: name, contents: Array(data)))
        }
        return try load(files: files, origin: directory.path)
    }

    /// Understands a set of files as migrations, refusing anything the runner
    /// could not apply safely. `origin` names where they came from in errors.
    public static func load(files: [MigrationFile], origin: String) throws -> [Migration] {
        var ups: [Int: (name: String, file: String, sql: String)] = [:]
        var downs: [Int: (name: String, file: String, sql: String)] = [:]
        for file in files.sorted(by: { $0.name < $1.name }) {
            guard let parsed = parseFileName(file.name) else {
                throw MigrationError.misnamedFile(file: file.name, origin: origin)
            }
            let sql = try normalize(file.contents, file: file.name)
            try refuseTransactionControl(sql, file: file.name)
            if parsed.isDown {
                if let other = downs[parsed.version] {
                    throw MigrationError.duplicateVersion(version: parsed.version, files: [other.file, file.name], origin: origin)
                }
                downs[parsed.version] = (parsed.name, file.name, sql)
            } else {
                if let other = ups[parsed.version] {
                    throw MigrationError.duplicateVersion(version: parsed.version, files: [other.file, file.name], origin: origin)
                }
                ups[parsed.version] = (parsed.name, file.name, sql)
            }
        }
        for (version, down) in downs {
            guard let up = ups[version], up.name == down.name else {
                throw MigrationError.orphanDownFile(file: down.file, origin: origin)
            }
        }
        return ups.keys.sorted().map { version in
            let up = ups[version]!
            let down = downs[version]
            return Migration(version: version, name: up.name, fileName: up.file, sql: up.sql,
                             downFileName: down?.file, downSQL: down?.sql)
        }
    }

    /// `0001_initial_schema.sql` → (1, "initial_schema", up); `.down.sql` → down.
    static func parseFileName(_ fileName: String) -> (version: Int, name: String, isDown: Bool)? {
        var stem = Substring(fileName)
        guard stem.hasSuffix(".sql") else { return nil }
        stem = stem.dropLast(4)
        let isDown = stem.hasSuffix(".down")
        if isDown { stem = stem.dropLast(5) }
        let digits = stem.prefix(4)
        guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              stem.dropFirst(4).first == "_" else { return nil }
        let name = stem.dropFirst(5)
        let allowed = name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }
        guard !name.isEmpty, allowed, name.first != "_", name.last != "_", !name.contains("__"),
              let version = Int(digits), version > 0 else { return nil }
        return (version, String(name), isDown)
    }

    /// Strips a UTF-8 BOM and turns CRLF into LF, so the checksum does not
    /// depend on how a checkout stores line ends.
    static func normalize(_ bytes: [UInt8], file: String) throws -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw MigrationError.notUTF8(file: file)
        }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// The runner owns the transaction around each migration; a file that
    /// begins or ends one would break the all-or-nothing guarantee.
    static func refuseTransactionControl(_ sql: String, file: String) throws {
        let forbidden: Set<String> = ["BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"]
        for statement in SQLScript.statements(in: sql) {
            if let keyword = SQLScript.leadingKeyword(of: statement), forbidden.contains(keyword) {
                throw MigrationError.transactionControl(file: file, statement: keyword)
            }
        }
    }
}

/// Splitting an SQL script into statements without compiling it.
public enum SQLScript {
    /// The statements of a script, split where SQLite itself would see the
    /// end of a statement (so a trigger's `BEGIN … END;` stays whole).
    public static func statements(in sql: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in sql {
            current.append(character)
            if character == ";" && sqlite3_complete(current) != 0 {
                result.append(current)
                current = ""
            }
        }
        if leadingKeyword(of: current) != nil { result.append(current) }
        return result
    }

    /// The first keyword of a statement, upper-cased, after white space and comments.
    public static func leadingKeyword(of statement: String) -> String? {
        var index = statement.startIndex
        let end = statement.endIndex
        while index < end {
            let character = statement[index]
            if character.isWhitespace {
                index = statement.index(after: index)
            } else if statement[index...].hasPrefix("--") {
                index = statement[index...].firstIndex(of: "\n") ?? end
            } else if statement[index...].hasPrefix("/*") {
                let rest = statement[statement.index(index, offsetBy: 2)...]
                index = rest.range(of: "*/")?.upperBound ?? end
            } else {
                break
            }
        }
        let word = statement[index...].prefix { $0.isLetter }
        return word.isEmpty ? nil : word.uppercased()
    }
}
