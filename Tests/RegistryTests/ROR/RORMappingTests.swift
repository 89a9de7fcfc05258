import XCTest
@testable import Registry

/// A ROR record, as the sample has it, read into the registry's fields.
final class RORMappingTests: XCTestCase {
    func testEverySampleRecordDecodes() throws {
        let elements = try RORSample.elements()
        XCTAssertEqual(elements.count, 211)
        for (line, value) in elements {
            XCTAssertNoThrow(try RORRecord(json: value), "line \(line)")
        }
    }

    func testUniversityCollegeLondon() throws {
        let record = try RORSample.record("02jx3x895")
        XCTAssertEqual(record.id, "02jx3x895")
        XCTAssertEqual(record.displayName, "University College London")
        XCTAssertEqual(record.types, ["education", "funder"])
        XCTAssertEqual(record.status, .active)
        XCTAssertEqual(record.established, 1826)
        XCTAssertEqual(record.website, "http://www.ucl.ac.uk/")
        XCTAssertEqual(record.countryCode, "GB")
        XCTAssertEqual(record.city, "London")
        XCTAssertEqual(record.lastModified, "2026-06-23")

        let ror = RORInstitution(record)
        XCTAssertEqual(ror.name, "University College London")
        XCTAssertEqual(ror.kind, .university)
        XCTAssertEqual(ror.rorTypes, "education;funder")
        XCTAssertEqual(ror.established, "1826")
        // Labels with their language, other names, acronyms without one; not the display name itself.
        XCTAssertEqual(ror.aliases, [
            InstitutionAlias(alias: "Coleg Prifysgol Llundain", lang: "cy"),
            InstitutionAlias(alias: "London University", lang: "en"),
            InstitutionAlias(alias: "UCL", lang: nil),
            InstitutionAlias(alias: "University College, London", lang: "en"),
        ])
        // Acronyms are not used to link by name.
        XCTAssertFalse(ror.linkNames.contains("UCL"))
        XCTAssertTrue(ror.linkNames.contains("London University"))
        XCTAssertEqual(ror.parents.map(\.rorID), ["04cw6st05"])
        XCTAssertEqual(ror.parents.first?.label, "University of London")
        // Children are not kept; related organisations are.
        XCTAssertEqual(Set(RORImportRun.relationRows(ror).map(\.relation)), ["parent", "related"])
        XCTAssertEqual(RORImportRun.relationRows(ror).filter { $0.relation == "related" }.count, 11)
    }

    func testDisplayNameInAnotherLanguage() throws {
        let ror = RORInstitution(try RORSample.record("05f950310"))
        XCTAssertEqual(ror.name, "KU Leuven")
        XCTAssertEqual(Set(ror.aliases.map(\.alias)),
                       ["Catholic University of Leuven", "KUL", "Katholieke Universiteit Leuven", "University of Leuven"])
        XCTAssertEqual(ror.aliases.first { $0.alias == "Katholieke Universiteit Leuven" }?.lang, "nl")
    }

    func testTypesMapToKinds() throws {
        XCTAssertEqual(RORInstitution(try RORSample.record("02d9ce178")).kind, .university_medical_center) // funder, healthcare
        XCTAssertEqual(RORInstitution(try RORSample.record("000025p04")).kind, .government) // funder, government
        XCTAssertEqual(RORInstitution(try RORSample.record("054225q67")).kind, .nonprofit) // funder, nonprofit
        XCTAssertEqual(RORType.kind(for: ["facility", "funder"]), .research_institute)
        XCTAssertEqual(RORType.kind(for: ["education", "healthcare"]), .university_medical_center)
        XCTAssertEqual(RORType.kind(for: ["funder"]), .other)
        XCTAssertEqual(RORType.kind(for: ["archive"]), .other)
        XCTAssertEqual(RORType.kind(for: ["company"]), .company)
        XCTAssertEqual(RORType.kind(for: ["something-new"]), .other)
        // A finer kind a user chose agrees with ROR's type.
        XCTAssertTrue(RORType.acceptedKinds(for: ["education"]).contains(.university_college))
        XCTAssertTrue(RORType.acceptedKinds(for: ["education"]).contains(.school))
        XCTAssertFalse(RORType.acceptedKinds(for: ["education"]).contains(.company))
        XCTAssertEqual(RORType.acceptedKinds(for: ["other"]), Set(InstitutionKind.allCases))
        XCTAssertEqual(RORType.leading(of: ["funder", "healthcare"]), "healthcare")
    }

    func testStatusSuccessorsAndPredecessors() throws {
        let inactive = RORInstitution(try RORSample.record("000kjm556"))
        XCTAssertEqual(inactive.status, .inactive)
        XCTAssertEqual(inactive.successors.map(\.rorID), ["00aaqtw69"])
        XCTAssertEqual(inactive.successors.first?.label, "State Administration for Market Regulation")

        let montpellier = RORInstitution(try RORSample.record("051escj72"))
        XCTAssertEqual(Set(montpellier.otherRelations.filter { $0.kind == .predecessor }.compactMap(\.label)),
                       ["Université Montpellier 1", "Université Montpellier 2"])
        XCTAssertEqual(RORInstitution(try RORSample.record("00wb5fq03")).status, .withdrawn)
    }

    func testMissingEstablishedAndYearsBeforeOneThousand() throws {
        let element = try RORSample.element("04m01e293")
        XCTAssertNil(try RORRecord(json: element.setting("established", .null)).established)
        XCTAssertEqual(RORInstitution(try RORRecord(json: element.setting("established", .number("859")))).established, "0859")
    }

    func testBadRecordsSayWhichMember() throws {
        let element = try RORSample.element("04m01e293")
        func problem(_ value: JSONValue) -> RORRecordError? {
            do {
                _ = try RORRecord(json: value)
                return nil
            } catch {
                return error as? RORRecordError
            }
        }
        XCTAssertEqual(problem(element.removing("id"))?.member, "id")
        XCTAssertEqual(problem(element.setting("id", .string("https://ror.org/04m01e294")))?.member, "id") // wrong checksum
        XCTAssertEqual(problem(element.setting("locations", .array([])))?.member, "locations")
        XCTAssertEqual(problem(element.setting("established", .string("1963")))?.member, "established")
        XCTAssertEqual(problem(element.setting("established", .number("0")))?.member, "established")
        XCTAssertEqual(problem(element.setting("status", .string("closed")))?.member, "status")
        XCTAssertEqual(problem(element.setting("names", .array([])))?.member, "names")
        XCTAssertEqual(problem(.array([]))?.member, "record")
        // Members a later schema may add, and relationship types it may add, are ignored.
        XCTAssertNil(problem(element.setting("future", .string("x"))))
    }
}

/// The rule that keeps a user's values.
final class RORFieldMergeTests: XCTestCase {
    private func merge(_ current: String?, previous: String?, _ incoming: String?, overwrite: Bool = false,
                       equivalent: (String, String) -> Bool = { $0 == $1 }) -> RORFieldMerge.Outcome {
        RORFieldMerge.merge(current: current, previous: previous, incoming: incoming, overwrite: overwrite,
                            equivalent: equivalent)
    }

    func testEmptyFieldTakesROR() {
        XCTAssertEqual(merge(nil, previous: nil, "York"), .init(value: "York", conflict: false))
    }

    func testValueFromRORFollowsROR() {
        XCTAssertEqual(merge("https://old.example", previous: "https://old.example", "https://new.example"),
                       .init(value: "https://new.example", conflict: false))
        // ROR dropped a value it gave: it goes.
        XCTAssertEqual(merge("https://old.example", previous: "https://old.example", nil), .init(value: nil, conflict: false))
    }

    func testUsersValueIsKeptAsConflict() {
        XCTAssertEqual(merge("1965", previous: nil, "1963"), .init(value: "1965", conflict: true))
        XCTAssertEqual(merge("1965", previous: "1962", "1963"), .init(value: "1965", conflict: true))
        XCTAssertEqual(merge("1965", previous: nil, "1963", overwrite: true), .init(value: "1963", conflict: false))
        // ROR saying nothing contradicts nothing.
        XCTAssertEqual(merge("Leuven", previous: nil, nil), .init(value: "Leuven", conflict: false))
    }

    func testEquivalentValuesAreNoConflictAndSurviveOverwrite() {
        XCTAssertEqual(merge("1976-09-01", previous: nil, "1976", overwrite: true, equivalent: RORFieldMerge.refinesYear),
                       .init(value: "1976-09-01", conflict: false))
        XCTAssertTrue(RORFieldMerge.sameWebsite("https://www.ucl.ac.uk", "http://ucl.ac.uk/"))
        XCTAssertFalse(RORFieldMerge.sameWebsite("https://ucl.ac.uk", "https://kcl.ac.uk"))
        XCTAssertTrue(RORFieldMerge.sameName("Würzburg", "WURZBURG"))
        XCTAssertTrue(RORFieldMerge.isOneOf(["University Colleges Leuven-Limburg", "UC Leuven-Limburg"])("uc leuven-limburg", ""))
    }
}
