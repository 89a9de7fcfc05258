@testable import Registry
import XCTest

/// "Did you mean" for names typed wrong: reports, parameters, audit rules.
final class SuggestionsTests: XCTestCase {
    private let reports = ["agreements", "expiring", "institution", "network-members", "overview",
                           "partners-by-country", "shared-networks", "timeline"]

    func testTyposPrefixesAndPartsFindTheName() {
        XCTAssertEqual(Suggestions.nearest(to: "overvew", among: reports), ["overview"], "one letter left out")
        XCTAssertEqual(Suggestions.nearest(to: "Timeline", among: reports), ["timeline"], "the name in other case")
        XCTAssertEqual(Suggestions.nearest(to: "TIMELNIE", among: reports), ["timeline"], "two letters swapped, any case")
        XCTAssertEqual(Suggestions.nearest(to: "expire", among: reports), ["expiring"], "the same start")
        XCTAssertEqual(Suggestions.nearest(to: "members", among: reports), ["network-members"], "a part of the name")
        XCTAssertEqual(Suggestions.nearest(to: "overviews", among: reports), ["overview"])
        XCTAssertEqual(Suggestions.nearest(to: "networks", among: reports), ["shared-networks", "network-members"],
                       "names that hold the word before names that only start alike")
    }

    func testANearSpellingHidesNamesThatOnlyHoldTheText() {
        let tables = ["agreements", "agreement_dates", "agreement_overview", "agreement_parties"]
        XCTAssertEqual(Suggestions.nearest(to: "agreement", among: tables), ["agreements"])
        XCTAssertEqual(Suggestions.nearest(to: "agreement_overveiw", among: tables), ["agreement_overview"],
                       "at most three edits, however long the name")
        XCTAssertEqual(Suggestions.nearest(to: "signed", among: ["signed_first", "signed_last", "signed_on"]),
                       ["signed_on", "signed_last"], "the shorter first")
    }

    func testNothingNearGivesNothing() {
        XCTAssertEqual(Suggestions.nearest(to: "quarterly", among: reports), [])
        XCTAssertEqual(Suggestions.nearest(to: "", among: reports), [])
        XCTAssertEqual(Suggestions.phrase(for: "zz", among: reports), "")
    }

    func testNearestFirstAndAtMostTheCountAsked() {
        let rules = ["end-before-start", "expired-but-active", "expiring-soon", "no-expiry", "overlap"]
        XCTAssertEqual(Suggestions.nearest(to: "expired", among: rules), ["expired-but-active", "expiring-soon"])
        XCTAssertEqual(Suggestions.nearest(to: "expired", among: rules, count: 1), ["expired-but-active"])
        XCTAssertEqual(Suggestions.nearest(to: "overlapp", among: rules), ["overlap"])
    }

    func testPhrase() {
        XCTAssertEqual(Suggestions.phrase([]), "")
        XCTAssertEqual(Suggestions.phrase(["a"]), "; did you mean 'a'?")
        XCTAssertEqual(Suggestions.phrase(["a", "b", "c"]), "; did you mean 'a', 'b' or 'c'?")
    }

    func testAuditRuleMessageSuggests() {
        XCTAssertEqual(AuditError.unknownRule("overlaps", valid: ["overlap", "no-expiry"]).description,
                       "there is no audit rule 'overlaps'; did you mean 'overlap'? The rules are: overlap, no-expiry "
                       + "(see `partnerships audit --list-rules`)")
        XCTAssertEqual(AuditError.unknownRule("zzz", valid: ["overlap"]).description,
                       "there is no audit rule 'zzz'; the rules are: overlap (see `partnerships audit --list-rules`)")
    }
}
