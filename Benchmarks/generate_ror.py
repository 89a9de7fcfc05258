#!/usr/bin/env python3
"""A deterministic synthetic ROR data dump (schema v2) for the benchmark.

    python3 Benchmarks/generate_ror.py OUT.json --records 100000 [--seed 42]

Writes a JSON array shaped like a real ROR dump file
(`vX.Y-YYYY-MM-DD-ror-data_schema_v2.json`, see
/work/shared/data/ror/ror-sample.json): every member a real dump has (admin,
domains, established, external_ids, id, links, locations with geonames
details, names with lang and types, relationships, status, types), valid ROR
ids (base 32 with their mod 97-10 checksum), the real dump's mix of types and
statuses, names in several scripts with accents, acronyms and labels, names
shared across countries (as "Ministry of Health" is) and a few inside one
country, parent/child, related and successor/predecessor relationships that
point both ways and forwards as well as backwards in the file. Records are
about 1.1 KB each (100,000 records ≈ 106 MB; a real dump's are somewhat
larger, ~1.4 KB, mostly longer child lists and external ids). The same
--seed always gives the same bytes.
"""
import argparse
import json
import random

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base 32, lower case

# (city, country code, country name, continent code, languages of local labels)
PLACES = [
    ("Maastricht", "NL", "The Netherlands", "EU", ["nl"]), ("Utrecht", "NL", "The Netherlands", "EU", ["nl"]),
    ("Leuven", "BE", "Belgium", "EU", ["nl", "fr"]), ("Liège", "BE", "Belgium", "EU", ["fr"]),
    ("Aachen", "DE", "Germany", "EU", ["de"]), ("Würzburg", "DE", "Germany", "EU", ["de"]),
    ("York", "GB", "United Kingdom", "EU", []), ("London", "GB", "United Kingdom", "EU", ["cy"]),
    ("Kraków", "PL", "Poland", "EU", ["pl"]), ("Łódź", "PL", "Poland", "EU", ["pl"]),
    ("Zürich", "CH", "Switzerland", "EU", ["de", "fr"]), ("Genève", "CH", "Switzerland", "EU", ["fr"]),
    ("São Paulo", "BR", "Brazil", "SA", ["pt"]), ("Bogotá", "CO", "Colombia", "SA", ["es"]),
    ("Montréal", "CA", "Canada", "NA", ["fr"]), ("Toronto", "CA", "Canada", "NA", []),
    ("Irvine", "US", "United States", "NA", []), ("Boston", "US", "United States", "NA", []),
    ("Moscow", "RU", "Russia", "EU", ["ru"]), ("Tokyo", "JP", "Japan", "AS", ["ja"]),
    ("Kyoto", "JP", "Japan", "AS", ["ja"]), ("Hong Kong", "HK", "Hong Kong", "AS", ["zh"]),
    ("Seoul", "KR", "South Korea", "AS", ["ko"]), ("Cairo", "EG", "Egypt", "AF", ["ar"]),
    ("Athens", "GR", "Greece", "EU", ["el"]), ("İstanbul", "TR", "Türkiye", "AS", ["tr"]),
    ("Reykjavík", "IS", "Iceland", "EU", ["is"]), ("Tromsø", "NO", "Norway", "EU", ["no"]),
    ("Göteborg", "SE", "Sweden", "EU", ["sv"]), ("Jyväskylä", "FI", "Finland", "EU", ["fi"]),
    ("Cape Town", "ZA", "South Africa", "AF", ["af"]), ("Nairobi", "KE", "Kenya", "AF", ["sw"]),
    ("Sydney", "AU", "Australia", "OC", []), ("Mexico City", "MX", "Mexico", "NA", ["es"]),
    ("Bangkok", "TH", "Thailand", "AS", ["th"]), ("Delhi", "IN", "India", "AS", ["hi"]),
]
# Words in each label language, enough to make labels look like translations.
WORDS = {
    "nl": ("Universiteit", "Ziekenhuis", "Instituut", "Stichting", "Ministerie"),
    "fr": ("Université", "Hôpital", "Institut", "Fondation", "Ministère"),
    "de": ("Universität", "Klinikum", "Institut", "Stiftung", "Ministerium"),
    "pl": ("Uniwersytet", "Szpital", "Instytut", "Fundacja", "Ministerstwo"),
    "pt": ("Universidade", "Hospital", "Instituto", "Fundação", "Ministério"),
    "es": ("Universidad", "Hospital", "Instituto", "Fundación", "Ministerio"),
    "ru": ("Университет", "Больница", "Институт", "Фонд", "Министерство"),
    "ja": ("大学", "病院", "研究所", "財団", "省"),
    "zh": ("大學", "醫院", "研究所", "基金會", "部"),
    "ko": ("대학교", "병원", "연구소", "재단", "부"),
    "ar": ("جامعة", "مستشفى", "معهد", "مؤسسة", "وزارة"),
    "el": ("Πανεπιστήμιο", "Νοσοκομείο", "Ινστιτούτο", "Ίδρυμα", "Υπουργείο"),
    "tr": ("Üniversitesi", "Hastanesi", "Enstitüsü", "Vakfı", "Bakanlığı"),
    "is": ("Háskóli", "Sjúkrahús", "Stofnun", "Sjóður", "Ráðuneyti"),
    "no": ("Universitetet", "Sykehus", "Institutt", "Stiftelse", "Departement"),
    "sv": ("Universitet", "Sjukhus", "Institut", "Stiftelse", "Departement"),
    "fi": ("Yliopisto", "Sairaala", "Instituutti", "Säätiö", "Ministeriö"),
    "af": ("Universiteit", "Hospitaal", "Instituut", "Stigting", "Ministerie"),
    "sw": ("Chuo Kikuu", "Hospitali", "Taasisi", "Mfuko", "Wizara"),
    "th": ("มหาวิทยาลัย", "โรงพยาบาล", "สถาบัน", "มูลนิธิ", "กระทรวง"),
    "hi": ("विश्वविद्यालय", "अस्पताल", "संस्थान", "फाउंडेशन", "मंत्रालय"),
    "cy": ("Prifysgol", "Ysbyty", "Sefydliad", "Sefydliad", "Gweinyddiaeth"),
}
SUBJECTS = ["Health", "Technology", "Economics", "Life Sciences", "Agriculture", "Marine Research", "Energy",
            "Applied Arts", "Public Health", "Materials", "Data Science", "Mathematics", "Music", "Law"]
SURNAMES = ["Ramón y Cajal", "Curie", "Humboldt", "Nobel", "Pasteur", "Erasmus", "Mendel", "Tesla", "Ørsted",
            "Łukasiewicz", "Gödel", "Dvořák", "Ibn Sina", "Tagore", "Nightingale", "Sechenov", "Yukawa"]
# (ROR types, weight, pattern, index into WORDS tuples): roughly the real dump's mix.
KINDS = [
    (["company"], 26, "{name} {suffix}", 2),
    (["education"], 14, "University of {city}", 0),
    (["education", "funder"], 6, "{name} University", 0),
    (["education"], 3, "{city} Institute of {subject}", 2),
    (["healthcare"], 12, "{city} {name} Hospital", 1),
    (["facility"], 8, "{name} Centre for {subject}", 2),
    (["nonprofit"], 12, "{name} Foundation for {subject}", 3),
    (["funder", "nonprofit"], 2, "{name} Trust", 3),
    (["government"], 5, "Ministry of {subject}", 4),
    (["funder", "government"], 2, "National Agency for {subject}", 4),
    (["archive"], 1, "{city} Archives", 2),
    (["other"], 5, "{name} Society of {subject}", 3),
]
COMPANY_SUFFIXES = ["GmbH", "Ltd", "Inc.", "B.V.", "S.A.", "AG", "Co., Ltd.", "SpA"]


def ror_id(number):
    """The ROR id for a 30-bit number: '0', six base-32 digits, mod 97-10 checksum."""
    digits = []
    value = number
    for _ in range(6):
        digits.append(ALPHABET[value % 32])
        value //= 32
    checksum = 98 - (number * 100) % 97
    return "0" + "".join(reversed(digits)) + f"{checksum:02d}"


def acronym(name):
    letters = [word[0] for word in name.replace(",", " ").split() if word[:1].isupper()]
    return "".join(letters)[:8] or None


def make_records(count, rng):
    # Spread the ids over the id space (ROR ids are not sequential), all distinct.
    numbers = rng.sample(range(1, 32 ** 6), count)
    ids = ["https://ror.org/" + ror_id(n) for n in numbers]
    kind_weights = [k[1] for k in KINDS]
    records = []
    for index in range(count):
        types, _, pattern, word = rng.choices(KINDS, weights=kind_weights)[0]
        city, country, country_name, continent, languages = PLACES[rng.randrange(len(PLACES))]
        name = pattern.format(city=city, subject=SUBJECTS[rng.randrange(len(SUBJECTS))],
                              name=SURNAMES[rng.randrange(len(SURNAMES))],
                              suffix=COMPANY_SUFFIXES[rng.randrange(len(COMPANY_SUFFIXES))])
        # Most names are distinct; shared names (a ministry, "University of X") recur by design.
        if rng.random() < 0.85 and not name.startswith("Ministry"):
            name = f"{name} {index}" if rng.random() < 0.5 else f"{name} ({index})"
        names = [{"lang": "en", "types": ["ror_display", "label"], "value": name}]
        for lang in languages:
            if rng.random() < 0.6:
                names.append({"lang": lang, "types": ["label"], "value": f"{WORDS[lang][word]} {city} {index}"})
        short = acronym(name)
        if short and rng.random() < 0.6:
            names.append({"lang": None, "types": ["acronym"], "value": short})
        if rng.random() < 0.4:
            names.append({"lang": "en", "types": ["alias"], "value": f"The {name}"})
        rng.shuffle(names)
        status = rng.choices(["active", "inactive", "withdrawn"], weights=[97, 2, 1])[0]
        host = f"www.{ror_id(numbers[index])}.example.org"
        links = [{"type": "website", "value": f"https://{host}"}] if rng.random() < 0.9 else []
        if rng.random() < 0.5:
            links.append({"type": "wikipedia", "value": f"https://en.wikipedia.org/wiki/{name.replace(' ', '_')}"})
        external = [{"all": [f"grid.{numbers[index] % 99991}.{index % 97:x}"], "preferred": None, "type": "grid"}]
        if rng.random() < 0.6:
            external.append({"all": [f"Q{numbers[index] % 9_999_999}"], "preferred": None, "type": "wikidata"})
        if rng.random() < 0.5:
            isni = f"{numbers[index]:016d}"
            external.append({"all": [" ".join(isni[i:i + 4] for i in range(0, 16, 4))], "preferred": None, "type": "isni"})
        if "funder" in types:
            external.append({"all": [f"5011000{index:05d}"], "preferred": f"5011000{index:05d}", "type": "fundref"})
        records.append({
            "admin": {"created": {"date": f"20{18 + index % 7}-0{1 + index % 9}-1{index % 9}", "schema_version": "1.0"},
                      "last_modified": {"date": "2026-02-24", "schema_version": "2.1"}},
            "domains": [host[4:]] if rng.random() < 0.3 else [],
            "established": rng.randrange(1088, 2025) if rng.random() < 0.7 else None,
            "external_ids": external,
            "id": ids[index],
            "links": links,
            "locations": [{"geonames_details": {
                "continent_code": continent, "country_code": country, "country_name": country_name,
                "lat": round(rng.uniform(-60, 70), 5), "lng": round(rng.uniform(-180, 180), 5), "name": city},
                "geonames_id": 1_000_000 + PLACES.index((city, country, country_name, continent, languages))}],
            "names": names,
            "relationships": [],
            "status": status,
            "types": types,
        })

    def relate(a, kind, b, back):
        label = lambda i: next(n["value"] for n in records[i]["names"] if "ror_display" in n["types"])
        records[a]["relationships"].append({"label": label(b), "type": kind, "id": ids[b]})
        records[b]["relationships"].append({"label": label(a), "type": back, "id": ids[a]})

    for index in range(count):
        # About one in four has a parent, anywhere in the file (before or after it); parents
        # are mostly among a few large organisations, which then list many children, as in ROR.
        if rng.random() < 0.25:
            parent = rng.randrange(max(count // 20, 1)) if rng.random() < 0.7 else rng.randrange(count)
            if parent != index:
                relate(index, "parent", parent, "child")
        if rng.random() < 0.25:
            other = rng.randrange(count)
            if other != index:
                relate(index, "related", other, "related")
        if records[index]["status"] != "active" and rng.random() < 0.6:
            successor = rng.randrange(count)
            if successor != index:
                relate(index, "successor", successor, "predecessor")
    return records


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    records = make_records(args.records, rng)
    with open(args.out, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("[\n")
        for index, record in enumerate(records):
            if index:
                handle.write(",\n")
            handle.write(json.dumps(record, ensure_ascii=False, separators=(", ", ": ")))
        handle.write("\n]\n")


if __name__ == "__main__":
    main()
