import CSQLite
import Database

/// What a read-only query may do, decided per action while SQLite compiles
/// it (the authorizer). The read-only connection already makes writes fail;
/// this refuses them before they run, with a message per class, and also
/// what a read-only connection would allow: ATTACH of another file, temp
/// tables, writing PRAGMAs, load_extension.
enum QueryPolicy {
    /// PRAGMAs that only read, with or without an argument.
    static let readingPragmas: Set<String> = [
        "application_id", "auto_vacuum", "busy_timeout", "cache_size", "collation_list", "compile_options",
        "data_version", "database_list", "encoding", "foreign_key_check", "foreign_key_list", "foreign_keys",
        "freelist_count", "function_list", "index_info", "index_list", "index_xinfo", "integrity_check",
        "journal_mode", "module_list", "page_count", "page_size", "pragma_list", "query_only", "quick_check",
        "recursive_triggers", "schema_version", "synchronous", "table_info", "table_list", "table_xinfo",
        "temp_store", "user_version",
    ]
    /// Of those, the ones whose argument names what to read rather than a new value.
    static let pragmasWithReadingArgument: Set<String> = [
        "foreign_key_check", "foreign_key_list", "index_info", "index_list", "index_xinfo", "integrity_check",
        "quick_check", "table_info", "table_list", "table_xinfo",
    ]
    /// Functions that are never allowed: load_extension runs native code;
    /// fts3_tokenizer with two arguments installs a tokenizer from a pointer.
    static let schemaTables: Set<String> = ["sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"]

    static let refusedFunctions: Set<String> = ["load_extension", "fts3_tokenizer"]

    static func decide(_ request: AuthorizerRequest) -> QueryRefusal? {
        let first = request.first ?? ""
        switch request.action {
        case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
            return nil
        case SQLITE_FUNCTION:
            let name = (request.second ?? "").lowercased()
            if name == "load_extension" { return .loadExtension }
            return refusedFunctions.contains(name) ? .function(name: name) : nil
        case SQLITE_PRAGMA:
            let name = first.lowercased()
            guard readingPragmas.contains(name) else { return .pragma(name: name, argument: request.second) }
            if request.second != nil && !pragmasWithReadingArgument.contains(name) {
                return .pragma(name: name, argument: request.second)
            }
            return nil
        case SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE:
            // SQLite asks about the schema table's rows before the CREATE or
            // DROP that changes them (refused next, with a better message),
            // and while it connects a virtual table such as FTS5 for the
            // first time (compiling an update that never runs). A statement
            // that writes the schema table itself is still refused: SQLite's
            // defensive mode rejects it and QueryGuard checks that every
            // statement is read-only.
            if schemaTables.contains(first.lowercased()) { return nil }
            let verb = request.action == SQLITE_INSERT ? "INSERT" : request.action == SQLITE_UPDATE ? "UPDATE" : "DELETE"
            return .write(verb: verb, table: first)
        case SQLITE_ATTACH: return .attach(verb: "ATTACH")
        case SQLITE_DETACH: return .attach(verb: "DETACH")
        case SQLITE_TRANSACTION, SQLITE_SAVEPOINT: return .transaction
        case SQLITE_CREATE_INDEX, SQLITE_CREATE_TABLE, SQLITE_CREATE_TEMP_INDEX, SQLITE_CREATE_TEMP_TABLE,
             SQLITE_CREATE_TEMP_TRIGGER, SQLITE_CREATE_TEMP_VIEW, SQLITE_CREATE_TRIGGER, SQLITE_CREATE_VIEW,
             SQLITE_CREATE_VTABLE:
            // ANALYZE first creates the table its statistics go to.
            if first.lowercased().hasPrefix("sqlite_stat") { return .schemaChange(verb: "ANALYZE", object: "") }
            return .schemaChange(verb: "CREATE", object: first)
        case SQLITE_DROP_INDEX, SQLITE_DROP_TABLE, SQLITE_DROP_TEMP_INDEX, SQLITE_DROP_TEMP_TABLE,
             SQLITE_DROP_TEMP_TRIGGER, SQLITE_DROP_TEMP_VIEW, SQLITE_DROP_TRIGGER, SQLITE_DROP_VIEW,
             SQLITE_DROP_VTABLE:
            return .schemaChange(verb: "DROP", object: first)
        case SQLITE_ALTER_TABLE: return .schemaChange(verb: "ALTER TABLE", object: request.second ?? first)
        case SQLITE_REINDEX: return .schemaChange(verb: "REINDEX", object: "")
        case SQLITE_ANALYZE: return .schemaChange(verb: "ANALYZE", object: "")
        default:
            return .notARead
        }
    }
}
