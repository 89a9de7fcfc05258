import Foundation

/// Where output goes: results to stdout, messages to stderr.
public enum Terminal {
    public static func printError(_ message: String) {
        writeError("partnerships: error: \(message)\n")
    }

    public static func printWarning(_ message: String) {
        writeError("partnerships: warning: \(message)\n")
    }

    /// A message for the person at the terminal (progress, summaries of side effects).
    public static func printMessage(_ message: String) {
        writeError(message + "\n")
    }

    public static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// True when stdout is a terminal, so that tables and progress lines make sense.
    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
