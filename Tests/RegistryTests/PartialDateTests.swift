@testable import Registry
import XCTest

final class PartialDateTests: XCTestCase {
    func testTheThreePrecisionsAndOnlyRealDates() {
        XCTAssertEqual(PartialDate(iso: "2018")?.precision, .year)
        XCTAssertEqual(PartialDate(iso: "2018-11")?.precision, .month)
        XCTAssertEqual(PartialDate(iso: "2018-11-28")?.iso, "2018-11-28")
        XCTAssertEqual(PartialDate(iso: "2020-02-29")?.iso, "2020-02-29")
        for bad in ["2019-02-29", "0000", "0000-01-01", "2018-13", "2018-00", "2018-04-31", "18", "2018-1-5",
                    "2018-11-28T10:00", " 2018", "20180", "2018/11/28", "", "abcd"] {
            XCTAssertNil(PartialDate(iso: bad), bad)
        }
    }

    func testTermEndsAtTheStartsPrecisionInclusive() throws {
        func end(_ start: String, _ months: Int) -> String? { PartialDate(iso: start)?.termEnd(months: months)?.iso }
        XCTAssertEqual(end("2018-01", 24), "2019-12")
        XCTAssertEqual(end("2018", 24), "2019")
        XCTAssertEqual(end("2018", 18), "2019")
        XCTAssertEqual(end("2018", 12), "2018")
        XCTAssertEqual(end("2018-01-15", 24), "2020-01-14")
        XCTAssertEqual(end("2018-03-01", 12), "2019-02-28")
        XCTAssertEqual(end("2019-03-01", 12), "2020-02-29", "the day before the anniversary, in a leap year")
        XCTAssertEqual(end("2019-01-31", 1), "2019-02-28", "February has no 31st: the term runs to its end")
        XCTAssertEqual(end("2018-11", 3), "2019-01")
        XCTAssertNil(end("9999-06", 12))
    }

    func testSurelyBeforeComparesRangesOfDays() throws {
        func before(_ a: String, _ b: String) -> Bool {
            PartialDate(iso: a)!.isSurelyBefore(PartialDate(iso: b)!)
        }
        XCTAssertTrue(before("2017", "2018-11-28"))
        XCTAssertFalse(before("2018", "2018-05"), "2018 may mean December 2018")
        XCTAssertTrue(before("2018-04", "2018-05-01"))
        XCTAssertFalse(before("2018-05-01", "2018-05-01"))
    }

    func testWeekdays() {
        XCTAssertEqual(PartialDate(iso: "2018-11-28")?.weekday, 3) // a Wednesday
        XCTAssertEqual(PartialDate(iso: "2000-01-01")?.weekday, 6) // a Saturday
        XCTAssertNil(PartialDate(iso: "2018-11")?.weekday)
    }
}

final class NewsDateTests: XCTestCase {
    private func parse(_ text: String) -> String? {
        if case .success(let date) = NewsDate.parse(text) { return date.iso }
        return nil
    }

    func testTheFormsOfNewsPages() {
        XCTAssertEqual(parse("Wednesday, November 28, 2018"), "2018-11-28")
        XCTAssertEqual(parse("woensdag, november 28, 2018"), "2018-11-28")
        XCTAssertEqual(parse("28 november 2018"), "2018-11-28")
        XCTAssertEqual(parse("woensdag 28 november 2018"), "2018-11-28")
        XCTAssertEqual(parse("Nov. 28, 2018"), "2018-11-28")
        XCTAssertEqual(parse("8 mei 2019"), "2019-05-08")
        XCTAssertEqual(parse("maandag, april 29, 2019"), "2019-04-29")
        XCTAssertEqual(parse("2018-11-28"), "2018-11-28")
        XCTAssertEqual(parse("2018-11"), "2018-11")
        XCTAssertEqual(parse("  31 October 2018 "), "2018-10-31")
    }

    func testAWrongWeekdayIsAnError() {
        XCTAssertEqual(NewsDate.parse("Thursday, November 28, 2018"),
                       .failure(.wrongWeekday(written: "Thursday", actual: "Wednesday")))
        XCTAssertEqual(NewsDate.parse("donderdag, november 28, 2018"),
                       .failure(.wrongWeekday(written: "Donderdag", actual: "Wednesday")))
    }

    func testImpossibleAndUnreadableDates() {
        XCTAssertEqual(NewsDate.parse("February 30, 2019"), .failure(.notADate))
        XCTAssertEqual(NewsDate.parse("yesterday"), .failure(.unreadable))
        XCTAssertEqual(NewsDate.parse("November 2018"), .failure(.unreadable))
        XCTAssertEqual(NewsDate.parse(""), .failure(.unreadable))
    }
}

final class TextTests: XCTestCase {
    func testNameKeysFoldCaseAccentsAndSpaces() {
        XCTAssertEqual(NameKey.make("  Université de   LIÈGE "), "universite de liege")
        XCTAssertEqual(NameKey.make("Uniwersytet Łódzki"), "uniwersytet lodzki")
        XCTAssertEqual(NameKey.make("Universitetet i Tromsø"), "universitetet i tromso")
        XCTAssertEqual(NameKey.make("King’s College"), NameKey.make("king's college"))
        XCTAssertEqual(NameKey.make("UM"), "um")
    }

    func testSlugs() {
        XCTAssertEqual(Slug.make("Université de Liège"), "universite-de-liege")
        XCTAssertEqual(Slug.make("King's College London"), "kings-college-london")
        XCTAssertEqual(Slug.make("University of California, Irvine (UCI)"), "university-of-california-irvine-uci")
        XCTAssertFalse(Slug.make("東京大学").isEmpty, "other scripts are transliterated")
    }

    func testEditDistanceCountsATranspositionOnce() {
        func d(_ a: String, _ b: String, _ limit: Int = 5) -> Int? {
            EditDistance.distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
        }
        XCTAssertEqual(d("yrok", "york"), 1)
        XCTAssertEqual(d("kitten", "sitting"), 3)
        XCTAssertNil(d("kitten", "sitting", 2))
        XCTAssertEqual(d("", "abc"), 3)
    }

    func testTerms() {
        XCTAssertEqual(Term.months("2y"), 24)
        XCTAssertEqual(Term.months("18m"), 18)
        XCTAssertEqual(Term.months("1y6m"), 18)
        XCTAssertEqual(Term.months("2 years"), 24)
        XCTAssertEqual(Term.months("2 jaar"), 24)
        XCTAssertNil(Term.months("0m"))
        XCTAssertNil(Term.months("two years"))
        XCTAssertNil(Term.months("2"))
    }

    func testRORIdentifiersAreCheckedAndNormalised() {
        XCTAssertEqual(RORIdentifier.normalize("https://ror.org/02jz4aj89"), "02jz4aj89")
        XCTAssertEqual(RORIdentifier.normalize("02JZ4AJ89"), "02jz4aj89")
        XCTAssertNil(RORIdentifier.normalize("02jz4aj88"), "wrong checksum")
        XCTAssertNil(RORIdentifier.normalize("Maastricht University"))
        XCTAssertTrue(RORIdentifier.looksLikeOne("02jz4aj88"))
    }
}
