/// Why a statement was refused by the read-only guard, one case per class
/// of statement, each with the message a user sees.
public enum QueryRefusal: Equatable, Sendable {
    /// INSERT, UPDATE or DELETE (the verb and the table).
    case write(verb: String, table: String)
    /// CREATE, DROP, ALTER, REINDEX or ANALYZE (the verb and the object).
    case schemaChange(verb: String, object: String)
    /// ATTACH or DETACH.
    case attach(verb: String)
    /// A PRAGMA that sets a value or has a side effect.
    case pragma(name: String, argument: String?)
    /// load_extension().
    case loadExtension
    /// A function that can change how SQLite itself behaves (fts3_tokenizer).
    case function(name: String)
    /// BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE.
    case transaction
    /// More than one statement in the text.
    case multipleStatements(count: Int)
    /// Anything else that is not a read, such as VACUUM.
    case notARead

    public var message: String {
        switch self {
        case .write(let verb, let table):
            let preposition = verb == "INSERT" ? "into" : verb == "DELETE" ? "from" : "of"
            return "refused: \(verb) \(preposition) '\(table)' would change the database; `query` only reads (use the import commands to change data)"
        case .schemaChange(let verb, let object):
            let what = object.isEmpty ? verb : "\(verb) \(object)"
            return "refused: \(what) would change the schema; `query` only reads (schema changes are migrations)"
        case .attach(let verb):
            return "refused: \(verb) is not allowed; `query` reads only the registry it was opened on"
        case .pragma(let name, let argument):
            let shown = argument.map { "\(name) = \($0)" } ?? name
            return "refused: PRAGMA \(shown) sets a value or has a side effect; `query` allows only PRAGMAs that read (such as PRAGMA user_version or PRAGMA table_info(agreements))"
        case .loadExtension:
            return "refused: load_extension() is not allowed; extensions are never loaded"
        case .function(let name):
            return "refused: the function \(name)() can change how SQLite behaves and is not allowed in `query`"
        case .transaction:
            return "refused: transaction control (BEGIN, COMMIT, SAVEPOINT, ...) is not needed: `query` runs one read"
        case .multipleStatements(let count):
            return "refused: found \(count) statements; `query` runs exactly one SELECT at a time"
        case .notARead:
            return "refused: only statements that read (SELECT, WITH ... SELECT, VALUES, EXPLAIN, reading PRAGMAs) are allowed"
        }
    }
}
