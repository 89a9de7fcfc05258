#!/usr/bin/env python3
"""Deterministic synthetic registry data for the benchmark.

Writes, into a folder, CSV files in the `partnerships import` formats:
networks.csv, institutions.csv (N rows), agreements.csv (M rows),
memberships.csv and news.csv. The same --seed always gives the same files.

Institution names mix scripts and punctuation (accents, Cyrillic, CJK,
Arabic, commas, quotes); agreement titles have commas, quotes and line
breaks; dates come in all three precisions, some are empty, and about 1%
of agreements expire before they were signed.
"""
import argparse
import csv
import datetime
import os
import random

CITIES = [
    ("Maastricht", "NL"), ("Utrecht", "NL"), ("Leuven", "BE"), ("Liège", "BE"), ("Hasselt", "BE"),
    ("Aachen", "DE"), ("Würzburg", "DE"), ("Köln", "DE"), ("York", "GB"), ("London", "GB"),
    ("Kraków", "PL"), ("Łódź", "PL"), ("Zürich", "CH"), ("Genève", "CH"), ("São Paulo", "BR"),
    ("Bogotá", "CO"), ("Montréal", "CA"), ("Toronto", "CA"), ("Irvine", "US"), ("Stanford", "US"),
    ("Москва", "RU"), ("Санкт-Петербург", "RU"), ("東京", "JP"), ("京都", "JP"), ("香港", "HK"),
    ("서울", "KR"), ("القاهرة", "EG"), ("بيروت", "LB"), ("Αθήνα", "GR"), ("İstanbul", "TR"),
    ("Reykjavík", "IS"), ("Tromsø", "NO"), ("Göteborg", "SE"), ("Aarhus", "DK"), ("Jyväskylä", "FI"),
    ("Cape Town", "ZA"), ("Nairobi", "KE"), ("Sydney", "AU"), ("Auckland", "NZ"), ("Ciudad de México", "MX"),
]
PATTERNS = [
    "University of {city}", "{city} University", "Université de {city}", "Universidad de {city}",
    "Technische Universität {city}", "{city} Institute of Technology", "{city} School of Economics, Law and Policy",
    'The "{city}" College of Arts', "{city} University Medical Center", "Universiteit {city}",
]
KINDS = ["university"] * 8 + ["university_college", "university_medical_center", "research_institute", "school"]
AGREEMENT_KINDS = ["mou", "cooperation_agreement", "strategic_partnership", "dual_degree", "joint_degree",
                   "erasmus_iia", "research_collaboration", "exchange", "funding", "other"]
TOPICS = ["health", "sustainability", "ai", "law", "economics", "mobility", "regenerative medicine",
          "cardiovascular medicine", "climate", "data science", "education"]
TITLE_PATTERNS = [
    "Memorandum of Understanding on {topic}",
    "Cooperation agreement: {topic}, mobility and joint research",
    'Strategic partnership "{topic}"',
    "Dual degree in {topic}",
    "Erasmus+ inter-institutional agreement, {year}–{year2}",
    "Research collaboration on {topic}\n(renewed)",
    "Exchange of students and staff in {topic}",
]


def random_date(rng, start_year=1995, end_year=2030):
    day = datetime.date(start_year, 1, 1) + datetime.timedelta(days=rng.randrange((end_year - start_year) * 365))
    return day


def with_precision(rng, day):
    r = rng.random()
    if r < 0.75:
        return day.isoformat()
    if r < 0.90:
        return day.strftime("%Y-%m")
    return day.strftime("%Y")


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def institutions(rng, count):
    for index in range(1, count + 1):
        city, country = CITIES[rng.randrange(len(CITIES))]
        # The number keeps names unique, so that references by name resolve.
        name = PATTERNS[rng.randrange(len(PATTERNS))].format(city=city) + f" {index}"
        aliases = ""
        if rng.random() < 0.3:
            aliases = f"nl:Universiteit {city} {index};U{city[:2].upper()}{index}"
        yield [f"inst-{index:06d}", name, "", KINDS[rng.randrange(len(KINDS))], country, city, "", "", "", "",
               aliases, "", "", "bench"]


# The day the data describes (the benchmark audits as of this day too).
DATA_DATE = datetime.date(2026, 11, 21)


def still_active(index, share):
    """Whether an agreement whose expiry has passed by DATA_DATE is still
    marked active: a fixed share of them, picked without drawing from the
    random generator (so the rest of the data is the same whatever the share)."""
    return (index * 2654435761) % 1_000_003 < share * 1_000_003


def agreements(rng, count, institution_count, stale_active=0.1):
    for index in range(1, count + 1):
        party_count = 2 if rng.random() < 0.7 else 3
        parties = rng.sample(range(1, institution_count + 1), party_count)
        refs = [f"inst-{p:06d}" for p in parties]
        signed = random_date(rng)
        year = signed.year
        title = TITLE_PATTERNS[rng.randrange(len(TITLE_PATTERNS))].format(
            topic=TOPICS[rng.randrange(len(TOPICS))], year=year, year2=year + 3)
        signed_text = with_precision(rng, signed) if rng.random() > 0.05 else ""
        effective = with_precision(rng, signed + datetime.timedelta(days=rng.randrange(0, 90))) if rng.random() < 0.4 else ""
        r = rng.random()
        expiry = None
        if r < 0.01 and signed_text:
            expiry = signed - datetime.timedelta(days=rng.randrange(30, 700))
            expires = expiry.isoformat()  # dirty
        elif r < 0.15:
            expires = ""
        else:
            expiry = add_years(signed, rng.randrange(1, 11))
            expires = with_precision(rng, expiry)
        status = "active" if rng.random() < 0.9 else rng.choice(["draft", "terminated"])
        # Offices mark most agreements that have run out as terminated; some
        # stay active by oversight (what the audit's expired-but-active finds).
        if status == "active" and expiry is not None and expiry < DATA_DATE and not still_active(index, stale_active):
            status = "terminated"
        topics = ";".join(rng.sample(TOPICS, rng.randrange(0, 3)))
        yield [f"agr-{index:07d}", title, AGREEMENT_KINDS[rng.randrange(len(AGREEMENT_KINDS))], ";".join(refs),
               signed_text, effective, expires, status, topics, "bench", ""]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder")
    parser.add_argument("--institutions", type=int, default=20_000)
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--networks", type=int, default=50)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--stale-active", type=float, default=0.1,
                        help="share of the agreements expired by 2026-11-21 that are still marked active "
                             "(default 0.1; 1 gives the data of earlier versions, where 90%% of all agreements "
                             "were active whatever their expiry)")
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    rng = random.Random(args.seed)

    networks = [[f"net-{i:03d}", f"Network {i} of Universities", f"N{i}", rng.choice(["network", "alliance", "association"]),
                 rng.choice(["global", "european", "national", "regional"]), str(rng.randrange(1950, 2024)), "", "", "", "bench"]
                for i in range(1, args.networks + 1)]
    write_csv(os.path.join(args.folder, "networks.csv"),
              ["key", "name", "acronym", "kind", "scope", "founded_on", "stated_member_count", "website", "notes", "source"],
              networks)
    write_csv(os.path.join(args.folder, "institutions.csv"),
              ["key", "name", "short_name", "kind", "country", "city", "ror_id", "erasmus_code", "website", "parent",
               "aliases", "established", "notes", "source"],
              institutions(rng, args.institutions))
    write_csv(os.path.join(args.folder, "agreements.csv"),
              ["key", "title", "kind", "parties", "signed_on", "effective_from", "expires_on", "status", "topics",
               "source", "notes"],
              agreements(rng, args.agreements, args.institutions, args.stale_active))
    memberships = []
    seen = set()
    for _ in range(min(args.institutions, 5_000)):
        pair = (rng.randrange(1, args.networks + 1), rng.randrange(1, args.institutions + 1))
        if pair in seen:
            continue
        seen.add(pair)
        memberships.append([f"net-{pair[0]:03d}", f"inst-{pair[1]:06d}", rng.choice(["member", "founding_member", "partner"]),
                            str(rng.randrange(1990, 2024)), "", "bench"])
    write_csv(os.path.join(args.folder, "memberships.csv"),
              ["network", "institution", "role", "since", "until", "source"], memberships)
    news = []
    for index in range(1, max(1, args.agreements // 20) + 1):
        agreement = rng.randrange(1, args.agreements + 1)
        day = random_date(rng, 2000, 2026)
        news.append([f"news-{index:07d}", day.isoformat(), rng.choice(["en", "nl"]),
                     f"Partnership on {TOPICS[rng.randrange(len(TOPICS))]} announced",
                     "Two universities signed an agreement to cooperate in research, education and mobility.",
                     f"story-{index:07d}", f"agr-{agreement:07d}", "", "", "bench"])
    write_csv(os.path.join(args.folder, "news.csv"),
              ["key", "published_on", "language", "title", "summary", "story_key", "agreements", "institutions",
               "networks", "source"], news)


if __name__ == "__main__":
    main()
