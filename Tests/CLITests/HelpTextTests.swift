import ArgumentParser
@testable import PartnershipsCLI
import XCTest

/// `--help` is read on 80-column terminals, and swift-argument-parser rewraps
/// any longer line, which leaves a word or two stranded on a line of its own
/// and breaks the aligned examples.
final class HelpTextTests: XCTestCase {
    static let width = 79

    func testEveryDiscussionLineFitsAnEightyColumnTerminal() {
        var overlong: [String] = []
        func visit(_ command: ParsableCommand.Type, path: String) {
            let configuration = command.configuration
            for line in configuration.discussion.split(separator: "\n", omittingEmptySubsequences: false)
            where line.count > Self.width {
                overlong.append("\(path): \(line.count) columns: \(line)")
            }
            for sub in configuration.subcommands {
                visit(sub, path: path + " " + (sub.configuration.commandName ?? "\(sub)"))
            }
        }
        visit(Partnerships.self, path: "partnerships")
        XCTAssertEqual(overlong, [], overlong.joined(separator: "\n"))
    }

    func testTheTopLevelHelpShowsTheExitCodesOnWholeLines() throws {
        let help = Partnerships.helpMessage(columns: 80)
        XCTAssertTrue(help.contains("\nExit codes:\n  0 success"), help)
        for line in help.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 80, String(line)) }
    }
}
