#!/usr/bin/env python3
"""Times every built-in report, `search` and a `query` on a large registry,
through the release binary, as a user would run them (one institution, one
country, one network, the next 180 days, one year of timeline).

The registry is built without the importers: the benchmark generator's CSV
files are loaded with the sqlite3 shell's .import into a staging file and
copied into a migrated registry with plain SQL INSERTs (so the FTS triggers
and every index of the schema are maintained as they would be by an import),
then ANALYZE refreshes the planner statistics.

    python3 Benchmarks/report_timings.py --binary .build/release/partnerships \\
        --work /tmp/report-bench --agreements 1000000

Each command runs --runs times (default 7) with its output read from a pipe;
the median and the best wall time are printed, the best CPU time (user +
sys) and the number of rows.
"""
import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = "2026-11-21"

LOAD = """
INSERT INTO networks (id, key, name, acronym, kind, scope, founded_on, source)
SELECT rowid, key, name, nullif(acronym, ''), kind, nullif(scope, ''), nullif(founded_on, ''), source FROM raw.networks_raw;

INSERT INTO institutions (id, key, name, kind, country_code, city, source)
SELECT rowid, key, name, kind, country, nullif(city, ''), source FROM raw.institutions_raw;

INSERT OR IGNORE INTO institution_aliases (institution_id, alias, lang)
SELECT r.rowid,
       CASE WHEN j.value GLOB '[a-z][a-z]:*' THEN substr(j.value, 4) ELSE j.value END,
       CASE WHEN j.value GLOB '[a-z][a-z]:*' THEN substr(j.value, 1, 2) END
FROM raw.institutions_raw r, json_each('["' || replace(replace(r.aliases, '"', '\\"'), ';', '","') || '"]') j
WHERE r.aliases <> '';

INSERT INTO agreements (id, key, title, kind, status, signed_on, effective_from, expires_on, topics, source, notes)
SELECT rowid, key, title, kind, status, nullif(signed_on, ''), nullif(effective_from, ''), nullif(expires_on, ''),
       nullif(topics, ''), source, nullif(notes, '')
FROM raw.agreements_raw;

INSERT INTO agreement_parties (agreement_id, institution_id)
SELECT r.rowid, CAST(substr(j.value, 6) AS INTEGER)
FROM raw.agreements_raw r, json_each('["' || replace(r.parties, ';', '","') || '"]') j;

UPDATE agreements SET party_set = (
    SELECT group_concat(institution_id, ',') FROM (
        SELECT institution_id FROM agreement_parties WHERE agreement_id = agreements.id ORDER BY institution_id));

INSERT OR IGNORE INTO memberships (network_id, institution_id, role, since, source)
SELECT CAST(substr(network, 5) AS INTEGER), CAST(substr(institution, 6) AS INTEGER), role, nullif(since, ''), source
FROM raw.memberships_raw;

INSERT INTO news_items (id, key, published_on, language, title, summary, story_key, source)
SELECT rowid, key, published_on, language, title, nullif(summary, ''), nullif(story_key, ''), source FROM raw.news_raw;

INSERT OR IGNORE INTO news_agreements (news_item_id, agreement_id)
SELECT rowid, CAST(substr(agreements, 5) AS INTEGER) FROM raw.news_raw WHERE agreements <> '';
"""

CASES = [
    ("report overview", ["report", "overview"]),
    ("report agreements (one institution)", ["report", "agreements", "--param", "institution=inst-000042"]),
    ("report agreements (institution by name)", ["report", "agreements", "--param", "institution={name_of_42}"]),
    ("report expiring (next 180 days)", ["report", "expiring", "--param", "within_days=180"]),
    ("report partners-by-country (NL)", ["report", "partners-by-country", "--param", "country=NL"]),
    ("report partners-by-country (one institution)", ["report", "partners-by-country", "--param", "institution=inst-000042"]),
    ("report network-members (one network)", ["report", "network-members", "--param", "network=net-007"]),
    ("report shared-networks (one institution)", ["report", "shared-networks", "--param", "institution=inst-000042"]),
    ("report timeline (one year)", ["report", "timeline", "--param", "from=2025-01-01", "--param", "to=2025-12-31"]),
    ("report timeline (one year, one institution)", ["report", "timeline", "--param", "from=2025", "--param", "to=2025",
                                                     "--param", "institution=inst-000042"]),
    ("report institution (one institution)", ["report", "institution", "--param", "institution=inst-000042"]),
    ("search regenerative medicine", ["search", "regenerative", "medicine"]),
    ("search partnership announced", ["search", "partnership", "announced"]),
    ("query count by kind", ["query", "SELECT kind, count(*) FROM agreements GROUP BY kind"]),
]


def build(binary, work, agreements, institutions, seed):
    data = os.path.join(work, f"data-{agreements}")
    if not os.path.exists(os.path.join(data, "agreements.csv")):
        subprocess.run([sys.executable, os.path.join(HERE, "generate_data.py"), data, "--agreements", str(agreements),
                        "--institutions", str(institutions), "--seed", str(seed)], check=True)
    staging = os.path.join(work, f"staging-{agreements}.sqlite")
    if not os.path.exists(staging):
        script = "".join(f".import --csv {os.path.join(data, name)}.csv {name}_raw\n"
                         for name in ("networks", "institutions", "agreements", "memberships", "news"))
        subprocess.run(["sqlite3", staging], input=script, text=True, check=True)
    db = os.path.join(work, f"registry-{agreements}.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    subprocess.run([binary, "migrate", "up", "--db", db], check=True, stdout=subprocess.DEVNULL)
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA cache_size = -65536")
    connection.execute("PRAGMA recursive_triggers = ON")
    connection.execute(f"ATTACH '{staging}' AS raw")
    started = time.perf_counter()
    connection.execute("BEGIN")
    for statement in LOAD.split(";\n\n"):
        connection.execute(statement)
    connection.execute("COMMIT")
    loaded = time.perf_counter() - started
    connection.execute("ANALYZE")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("DETACH raw")
    connection.close()
    print(f"loaded {agreements:,} agreements in {loaded:.1f} s; database {os.path.getsize(db) / 2**20:.0f} MiB",
          file=sys.stderr)
    return db


def time_case(binary, db, arguments, runs):
    """Wall time (median and best) and CPU time (user + sys, best) of the
    child, its output read from a pipe as a terminal or a file would take it.
    On a busy machine the CPU time says more than the wall time."""
    times = []
    cpu = []
    rows = 0
    command = [binary, *arguments, "--format", "csv", "--db", db]
    if arguments[0] == "report":
        command += ["--as-of", AS_OF]
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if result.returncode != 0:
            sys.exit(f"{' '.join(arguments)} failed ({result.returncode}): {result.stderr.decode()}")
        rows = result.stdout.count(b"\r\n") - 1
    return statistics.median(times), min(times), min(cpu), rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--agreements", type=int, default=1_000_000)
    parser.add_argument("--institutions", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="time the registry already in --work")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    db = os.path.join(args.work, f"registry-{args.agreements}.sqlite")
    if not (args.reuse and os.path.exists(db)):
        db = build(args.binary, args.work, args.agreements, args.institutions, args.seed)
    print(f"{'case':<46} {'median ms':>10} {'best ms':>8} {'cpu ms':>7} {'rows':>7}")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        name_of_42 = connection.execute("SELECT name FROM institutions WHERE key = 'inst-000042'").fetchone()[0]
    for name, arguments in CASES:
        arguments = [a.replace("{name_of_42}", name_of_42) for a in arguments]
        median, best, cpu, rows = time_case(args.binary, db, arguments, args.runs)
        print(f"{name:<46} {median * 1000:>10.1f} {best * 1000:>8.1f} {cpu * 1000:>7.1f} {rows:>7}", flush=True)


if __name__ == "__main__":
    main()
