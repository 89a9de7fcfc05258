#!/usr/bin/env python3
"""A large registry for timing `partnerships audit`, written straight into
SQLite (no importer needed). Deterministic: the same --seed gives the same rows.

    swift build -c release
    .build/release/partnerships migrate up --db /tmp/audit-1m.sqlite
    python3 Benchmarks/generate_audit_registry.py /tmp/audit-1m.sqlite --agreements 1000000
    time .build/release/partnerships audit --db /tmp/audit-1m.sqlite --as-of 2026-11-21 \\
        --format csv --fail-on never > /dev/null

The distribution follows Benchmarks/generate_data.py of the benchmark (issue 7):
two or three parties per agreement out of 20,000 institutions, signing dates
1995-2030 at all three precisions (5% empty), 40% with an effective date,
14% without expiry, about 1% expiring before signing, 90% active. On top of
that, for the audit: half a percent of agreements repeat the parties and kind
of an earlier one (renewals, so that `overlap` has work), institutions have a
founding year (some later than their agreements), 1% have a ROR status of
inactive or withdrawn or a successor, and there are news items linked to
agreements, institutions and networks, memberships and appointments.
"""
import argparse
import datetime
import random
import sqlite3

# The benchmark's own vocabularies and date helpers, so both registries are
# drawn the same way.
from generate_data import AGREEMENT_KINDS, add_years, with_precision
from generate_data import random_date as random_day



# What the agreement importer writes with the parties (migration 0006): the
# audit's overlap rule compares agreements by it.
PARTY_SET = """
UPDATE agreements SET party_set = (
    SELECT group_concat(institution_id, ',') FROM (
        SELECT institution_id FROM agreement_parties WHERE agreement_id = agreements.id ORDER BY institution_id))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", help="a registry migrated to the latest schema, without data")
    parser.add_argument("--institutions", type=int, default=20_000)
    parser.add_argument("--agreements", type=int, default=1_000_000)
    parser.add_argument("--networks", type=int, default=50)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    db = sqlite3.connect(args.db, isolation_level=None)
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN")

    def institutions():
        for i in range(1, args.institutions + 1):
            established = None
            if rng.random() < 0.7:
                established = str(rng.randrange(1400, 2020)) if rng.random() < 0.98 else str(rng.randrange(2020, 2030))
            r = rng.random()
            status = "inactive" if r < 0.005 else "withdrawn" if r < 0.008 else "active" if r < 0.6 else None
            yield (i, f"inst-{i:06d}", f"University {i}, \"Campus\" {i % 97}", "NL", established, status)
    db.executemany("INSERT INTO institutions (id, key, name, country_code, established, ror_status) VALUES (?, ?, ?, ?, ?, ?)",
                   institutions())
    db.executemany("INSERT INTO institution_successors (institution_id, successor_ror_id, successor_name) VALUES (?, ?, ?)",
                   [(i, f"0{rng.randrange(10**6):06d}{rng.randrange(100):02d}", f"Merged University {i}")
                    for i in rng.sample(range(1, args.institutions + 1), args.institutions // 500)])
    db.executemany("INSERT INTO networks (id, key, name) VALUES (?, ?, ?)",
                   [(n, f"net-{n:03d}", f"Network {n}") for n in range(1, args.networks + 1)])

    parties_of = []

    def agreements():
        for a in range(1, args.agreements + 1):
            if parties_of and rng.random() < 0.005:
                # A renewal: same parties and kind as an earlier agreement.
                earlier = rng.randrange(len(parties_of))
                parties, kind = parties_of[earlier]
            else:
                parties = rng.sample(range(1, args.institutions + 1), 2 if rng.random() < 0.7 else 3)
                kind = AGREEMENT_KINDS[rng.randrange(len(AGREEMENT_KINDS))]
            parties_of.append((parties, kind))
            signed = random_day(rng)
            signed_text = with_precision(rng, signed) if rng.random() > 0.05 else None
            effective = with_precision(rng, signed + datetime.timedelta(days=rng.randrange(0, 90))) if rng.random() < 0.4 else None
            r = rng.random()
            if r < 0.01 and signed_text:
                expires = (signed - datetime.timedelta(days=rng.randrange(30, 700))).isoformat()
            elif r < 0.15:
                expires = None
            else:
                expires = with_precision(rng, add_years(signed, rng.randrange(1, 11)))
            status = "active" if rng.random() < 0.9 else rng.choice(["draft", "terminated"])
            yield (a, f"agr-{a:07d}", f"Agreement {a} on research, mobility and \"joint\" degrees", kind, status,
                   signed_text, effective, expires)
    db.executemany("INSERT INTO agreements (id, key, title, kind, status, signed_on, effective_from, expires_on) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", agreements())
    db.executemany("INSERT INTO agreement_parties (agreement_id, institution_id) VALUES (?, ?)",
                   ((a + 1, p) for a, (parties, _) in enumerate(parties_of) for p in parties))
    db.execute(PARTY_SET)

    news_count = max(1, args.agreements // 20)
    db.executemany("INSERT INTO news_items (id, key, published_on, language, title, summary) VALUES (?, ?, ?, ?, ?, ?)",
                   ((n, f"news-{n:07d}", with_precision(rng, random_day(rng, 2000, 2026)), "en",
                     f"Partnership {n} announced", "Two universities signed an agreement; Person 7 spoke.")
                    for n in range(1, news_count + 1)))
    db.executemany("INSERT INTO news_agreements (news_item_id, agreement_id) VALUES (?, ?)",
                   ((n, rng.randrange(1, args.agreements + 1)) for n in range(1, news_count + 1)))
    db.executemany("INSERT OR IGNORE INTO news_institutions (news_item_id, institution_id) VALUES (?, ?)",
                   ((rng.randrange(1, news_count + 1), rng.randrange(1, args.institutions + 1)) for _ in range(news_count // 2)))
    db.executemany("INSERT OR IGNORE INTO news_networks (news_item_id, network_id) VALUES (?, ?)",
                   ((rng.randrange(1, news_count + 1), rng.randrange(1, args.networks + 1)) for _ in range(news_count // 10)))

    memberships = {}
    for _ in range(min(args.institutions, 5_000)):
        pair = (rng.randrange(1, args.networks + 1), rng.randrange(1, args.institutions + 1))
        since = str(rng.randrange(1990, 2024))
        until = str(rng.randrange(1985, 2030)) if rng.random() < 0.2 else None
        memberships[pair] = (since, until)
    db.executemany("INSERT INTO memberships (network_id, institution_id, since, until) VALUES (?, ?, ?, ?)",
                   ((n, i, s, u) for (n, i), (s, u) in memberships.items()))

    def appointments():
        for p in range(1, 2_001):
            start = random_day(rng, 2005, 2027)
            term = rng.choice([12, 24, 36, 48])
            r = rng.random()
            if r < 0.4:
                ends, derived = None, 0
            elif r < 0.7:
                ends, derived = (add_years(start, term // 12) - datetime.timedelta(days=1)).isoformat(), 1
            else:
                ends, derived = with_precision(rng, add_years(start, rng.randrange(1, 5))), 0
            network = rng.randrange(1, args.networks + 1) if p % 2 else None
            institution = None if network else rng.randrange(1, args.institutions + 1)
            yield (f"Person {p}", institution, network, "President", with_precision(rng, start), ends, term, derived)
    db.executemany("INSERT INTO appointments (person, institution_id, network_id, title, starts_on, ends_on, term_months, "
                   "ends_on_derived) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", appointments())
    db.execute("COMMIT")
    for table in ["institutions", "agreements", "agreement_parties", "news_items", "memberships", "appointments"]:
        print(f"{table}: {db.execute(f'SELECT count(*) FROM {table}').fetchone()[0]}")
    db.close()


if __name__ == "__main__":
    main()
