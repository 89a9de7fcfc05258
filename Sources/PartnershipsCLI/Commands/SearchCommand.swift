import ArgumentParser
import Registry

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over news (titles, summaries) and agreements (titles, notes).",
        discussion: """
            Every word must occur; accents and letter case do not matter (Liege finds
            Liège). A word ending in * matches as a prefix. Words are taken literally: AND,
            OR, NOT and quotes are just text. Results come best first, with a snippet in
            which the matches are [bracketed]; relevance is higher for better matches, and
            a word in a title counts ten times one in a summary or notes.

            Examples:
              partnerships search regenerative medicine
              partnerships search "dual degree" --limit 5
              partnerships search medic* --format json
            """)

    @Argument(help: ArgumentHelp("The words to search for.", valueName: "word"))
    var words: [String] = []

    @Option(help: ArgumentHelp("At most this many results.", valueName: "n"))
    var limit: Int = 20

    @OptionGroup var output: OutputOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        let queryGuard = try ReadOnlyRegistry.open(path: database.path, busyTimeout: database.busyTimeout)
        let printer = RowPrinter(output)
        try RegistrySearch.run(words: words, limit: limit, guard: queryGuard,
                               columns: printer.begin(columns:), row: printer.write(row:))
        printer.finish()
    }
}
