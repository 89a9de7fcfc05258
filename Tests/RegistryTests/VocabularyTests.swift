import Registry
import XCTest

/// Import files name kinds, statuses and roles as the schema stores them,
/// or in words ("Dual degree"); anything else is refused.
final class VocabularyTests: XCTestCase {
    private func assertEveryValueParses<V: Vocabulary & Equatable>(_ type: V.Type, file: StaticString = #filePath,
                                                                   line: UInt = #line) {
        for value in V.allCases {
            XCTAssertEqual(V(parsing: value.rawValue), value, file: file, line: line)
            let words = value.rawValue.replacingOccurrences(of: "_", with: " ").uppercased()
            XCTAssertEqual(V(parsing: words), value, "\(words)", file: file, line: line)
            let hyphens = value.rawValue.replacingOccurrences(of: "_", with: "-")
            XCTAssertEqual(V(parsing: hyphens), value, "\(hyphens)", file: file, line: line)
        }
    }

    func testEveryStoredValueAndItsWordsParse() {
        assertEveryValueParses(InstitutionKind.self)
        assertEveryValueParses(NetworkKind.self)
        assertEveryValueParses(NetworkScope.self)
        assertEveryValueParses(MembershipRole.self)
        assertEveryValueParses(AgreementKind.self)
        assertEveryValueParses(AgreementStatus.self)
    }

    func testOtherTextIsRefused() {
        XCTAssertEqual(AgreementKind(parsing: "Dual degree"), .dual_degree)
        XCTAssertNil(AgreementKind(parsing: "moo"), "the length of 'mou', another text")
        XCTAssertNil(AgreementKind(parsing: "mou "))
        XCTAssertNil(AgreementKind(parsing: ""))
        XCTAssertNil(AgreementStatus(parsing: "closed"))
        XCTAssertNil(AgreementStatus(parsing: "activ"))
    }
}
