import Database
import FuzzSupport

/// Splitting a migration file into statements: every byte of the text lands
/// in exactly one statement or between them, and no input crashes it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMigrationScript(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(data, count).lossyText
    for statement in SQLScript.statements(in: text) {
        _ = SQLScript.leadingKeyword(of: statement)
    }
    return 0
}
