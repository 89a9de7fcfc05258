#!/usr/bin/env python3
"""The partnerships benchmark: imports, reports, audit and search at scale,
through the real release binary, side by side with the sqlite3 shell's
`.import --csv` of the same agreements file as the floor.

    python3 Benchmarks/run_benchmark.py                  # M = 10k, 100k, 1M
    python3 Benchmarks/run_benchmark.py --sizes 10000    # the CI smoke
    python3 Benchmarks/run_benchmark.py --sizes "" --ror 100000   # only the ROR import

Prints a table and writes the figures as JSON (default
bench-results/latest.json). Wall times are measured around each child
process; peak memory is that child's max RSS (wait4's ru_maxrss). With
--repeat N, the agreements import and the floor run N times in turn (the
median ratio is reported), and every report, the audit and the search N
times (their rows give the median, the JSON every run, the RSS the largest).
"""
import argparse
import csv
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
AS_OF = "2026-11-21"

# Each built-in report, run as a user would: for one institution, one
# country, one network, the next 180 days, one year of timeline.
REPORTS = [
    ("overview", []),
    ("agreements", ["--param", "institution=inst-000042"]),
    ("expiring", ["--param", "within_days=180"]),
    ("partners-by-country", ["--param", "country=NL"]),
    ("network-members", ["--param", "network=net-007"]),
    ("shared-networks", ["--param", "institution=inst-000042"]),
    ("timeline", ["--param", "from=2025-01-01", "--param", "to=2025-12-31"]),
    ("institution", ["--param", "institution=inst-000042"]),
]


def warm(path):
    """Reads a file through once, so that it is in the page cache."""
    with open(path, "rb", buffering=0) as file:
        while file.read(1 << 20):
            pass


def run(command, stdout=subprocess.DEVNULL, check=True, stdin=None, inputs=()):
    """Runs a child and returns (seconds, max RSS in MiB, exit status, stderr,
    CPU seconds: user and system together, all its threads)."""
    # Every step starts with its files in the page cache: those named in its
    # command (the file imported, the registry) and `inputs` (the floor's
    # CSV, named inside its .import command). Some hosts drop cached pages
    # of files written minutes before (seen on 2026-12-07: 18 of a 1M CSV's
    # 143 MiB still cached), and the step that read such a file first paid
    # for the disk: the import, with the floor right after it reading the
    # pages the import had brought back.
    for path in [*inputs, *(arg for arg in command if os.path.isfile(arg))]:
        warm(path)
    # Write back what earlier steps left dirty (a freshly generated 150 MB
    # file, the registries of the size before), so that the kernel does not
    # do it during this step. (It did not explain everything: the first 1M
    # import of a run has still taken 13.5 s once, its repeats 10.3-10.4 s;
    # hence --repeat.)
    os.sync()
    # stderr goes to a file, not a pipe, so a chatty child can never block on it.
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=errors, stdin=stdin)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    code = process.returncode
    if check and code not in (0, 1):
        sys.exit(f"benchmark: {' '.join(command)} failed with {code}:\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024.0, code, stderr, usage.ru_utime + usage.ru_stime


def run_capturing(command, inputs=()):
    """As run(), with the child's standard output as text added at the end."""
    with tempfile.TemporaryFile() as output:
        result = run(command, stdout=output, inputs=inputs)
        output.seek(0)
        return result + (output.read().decode("utf-8", "replace"),)


def phases_of(output):
    """The phases that `import --timings` prints ("timings: rows 3.12 s, search
    index 0.47 s, ..."), as {"rows": 3.12, "search index": 0.47, ...}."""
    for line in output.splitlines():
        if line.startswith("timings: "):
            parts = (part.rsplit(" ", 2) for part in line[len("timings: "):].split(", "))
            return {name: float(seconds) for name, seconds, _ in parts}
    return {}


def build(binary):
    if binary:
        return binary
    print("building the release binary ...", file=sys.stderr)
    # As the README says to build it: the Swift runtime and Foundation linked
    # in, which starts in about 4 ms instead of 7 and peaks 7 MiB lower.
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "partnerships"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    path = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"], cwd=ROOT,
                          check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "partnerships")


def remove_database(path):
    """Removes an SQLite file with its WAL and shared-memory files, if there."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def write_dirty_copy(source, target):
    """Copies the agreements CSV with every hundredth record's kind made
    unknown (a row --skip-invalid refuses); returns how many."""
    refused = 0
    with open(source, newline="", encoding="utf-8") as src, open(target, "w", newline="", encoding="utf-8") as dst:
        reader, writer = csv.reader(src), csv.writer(dst, lineterminator="\n")
        header = next(reader)
        writer.writerow(header)
        kind = header.index("kind")
        for number, record in enumerate(reader, start=1):
            if number % 100 == 0:
                record[kind] = "memorandum"
                refused += 1
            writer.writerow(record)
    return refused


def size_mib(path):
    total = 0
    for suffix in ("", "-wal"):
        if os.path.exists(path + suffix):
            total += os.path.getsize(path + suffix)
    return total / (1024 * 1024)


def count_rows(path):
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)  # an upper bound of records; titles may span lines


def bench_size(binary, work, m, institutions, seed, repeat=1):
    data = os.path.join(work, f"data-{m}")
    subprocess.run([sys.executable, os.path.join(HERE, "generate_data.py"), data, "--agreements", str(m),
                    "--institutions", str(institutions), "--seed", str(seed)], check=True)
    db = os.path.join(work, f"registry-{m}.sqlite")
    remove_database(db)
    rows = []

    def step(name, command, records=None, database=db, timings=False, inputs=()):
        if timings:
            seconds, rss, code, stderr, cpu, output = run_capturing(command + ["--timings"], inputs=inputs)
        else:
            seconds, rss, code, stderr, cpu = run(command, inputs=inputs)
        row = {"m": m, "step": name, "seconds": round(seconds, 4), "cpu_seconds": round(cpu, 3),
               "max_rss_mib": round(rss, 1),
               "rows_per_second": round(records / seconds) if records else None,
               "db_mib": round(size_mib(database), 1), "exit": code}
        if timings:
            row["phases"] = phases_of(output)
        rows.append(row)
        print(f"  {name:<28} {seconds:9.3f} s  {rss:7.1f} MiB  {cpu:7.2f} s CPU", file=sys.stderr)
        if timings:
            print("    phases: " + ", ".join(f"{phase} {value:.2f} s" for phase, value in row["phases"].items()),
                  file=sys.stderr)
        return row

    print(f"M = {m:,}", file=sys.stderr)
    step("migrate", [binary, "migrate", "up", "--db", db])
    step("import networks", [binary, "import", "networks", os.path.join(data, "networks.csv"), "--db", db])
    inst = step("import institutions", [binary, "import", "institutions", os.path.join(data, "institutions.csv"), "--db", db],
                records=institutions)
    agreements_csv = os.path.join(data, "agreements.csv")
    # The registry as it is before the agreements, for the --skip-invalid run below.
    skip_db = os.path.join(work, f"skip-invalid-{m}.sqlite")
    shutil.copyfile(db, skip_db)
    imp = step("import agreements", [binary, "import", "agreements", agreements_csv, "--db", db], records=m,
               timings=True)
    step("import memberships", [binary, "import", "memberships", os.path.join(data, "memberships.csv"), "--db", db])
    step("import news", [binary, "import", "news", os.path.join(data, "news.csv"), "--db", db])

    # The floor: the sqlite3 shell loading the same file into a plain table.
    floor_db = os.path.join(work, f"floor-{m}.sqlite")
    if os.path.exists(floor_db):
        os.remove(floor_db)
    floor_command = ["sqlite3", floor_db, ".import --csv " + agreements_csv + " agreements_raw"]
    floor = step("sqlite3 .import (floor)", floor_command, records=m, database=floor_db, inputs=(agreements_csv,))
    imp["ratio_to_floor"] = round(imp["seconds"] / floor["seconds"], 2)

    # The machine's speed can drift by several per cent within minutes, as
    # much as one change gains: with --repeat N the import (into a copy of
    # the registry as it was before the agreements) and the floor run N - 1
    # more times, in turn, and the median of the N ratios is reported too.
    if repeat > 1:
        imports, floors = [imp["seconds"]], [floor["seconds"]]
        import_cpu, floor_cpu = [imp["cpu_seconds"]], [floor["cpu_seconds"]]
        phases = [imp["phases"]]
        trial = os.path.join(work, f"repeat-{m}.sqlite")
        for _ in range(repeat - 1):
            shutil.copyfile(skip_db, trial)
            seconds, _, _, _, cpu, output = run_capturing([binary, "import", "agreements", agreements_csv, "--db", trial,
                                                           "--timings"])
            imports.append(seconds)
            phases.append(phases_of(output))
            import_cpu.append(round(cpu, 3))
            remove_database(trial)
            os.remove(floor_db)
            seconds, _, _, _, cpu = run(floor_command, inputs=(agreements_csv,))
            floors.append(seconds)
            floor_cpu.append(round(cpu, 3))
        ratios = [i / f for i, f in zip(imports, floors)]
        imp["import_seconds_runs"] = [round(x, 4) for x in imports]
        imp["floor_seconds_runs"] = [round(x, 4) for x in floors]
        # CPU time does not depend on how much of the second core the host
        # gives: when a wall-time ratio jumps, it tells noise from a change.
        imp["import_cpu_seconds_runs"] = import_cpu
        imp["floor_cpu_seconds_runs"] = floor_cpu
        imp["ratio_runs"] = [round(x, 2) for x in ratios]
        imp["ratio_median"] = round(statistics.median(ratios), 2)
        # Where each run's time went (`import --timings`): tells which phase a noisy spell slowed.
        imp["phases_runs"] = phases
        print(f"  import ÷ floor, {repeat} runs in turn: " + ", ".join(f"{x:.2f}" for x in ratios)
              + f" (median {imp['ratio_median']:.2f})", file=sys.stderr)
        names = [name for name in phases[0] if all(name in run_phases for run_phases in phases)]
        print("  import phases, median of the runs: "
              + ", ".join(f"{name} {statistics.median(p[name] for p in phases):.2f} s" for name in names), file=sys.stderr)

    # The same file with --skip-invalid (each row in its own savepoint, the
    # valid ones kept), into the registry as it was before the agreements;
    # then, as an office with a messy file would run it, a copy in which 1%
    # of the rows has an unknown kind, with --rejects.
    dirty_db = os.path.join(work, f"skip-invalid-dirty-{m}.sqlite")
    shutil.copyfile(skip_db, dirty_db)
    step("import agr. --skip-invalid", [binary, "import", "agreements", agreements_csv, "--skip-invalid", "--db", skip_db],
         records=m, database=skip_db)
    dirty_csv = os.path.join(work, f"agreements-1pc-refused-{m}.csv")
    refused = write_dirty_copy(agreements_csv, dirty_csv)
    rejects = os.path.join(work, f"rejects-{m}.csv")
    if os.path.exists(rejects):
        os.remove(rejects)
    dirty = step("import agr. 1% bad, rejects", [binary, "import", "agreements", dirty_csv, "--skip-invalid", "--rejects",
                                                 rejects, "--db", dirty_db], records=m, database=dirty_db)
    dirty["refused_rows"] = refused
    for path in (skip_db, dirty_db):
        remove_database(path)
    for path in (dirty_csv, rejects):
        if os.path.exists(path):
            os.remove(path)

    # The reads, each `repeat` times in turn when asked: a report takes a
    # tenth of a second, so one slow moment of the host moves a single
    # timing by half. The row gives the median, every run is in the JSON.
    reads = [(f"report {name}", [binary, "report", name, *params, "--as-of", AS_OF, "--format", "csv", "--db", db])
             for name, params in REPORTS]
    reads.append(("audit (full)", [binary, "audit", "--as-of", AS_OF, "--format", "csv", "--fail-on", "never",
                                   "--db", db]))
    reads.append(("search", [binary, "search", "regenerative medicine", "--db", db]))
    timed = {name: [] for name, _ in reads}
    for _ in range(repeat):
        for name, command in reads:
            # Output included: written to a pipe and read, as a user's terminal or file would.
            timed[name].append(run(command))
    for name, _ in reads:
        runs = timed[name]
        seconds = [r[0] for r in runs]
        middle = sorted(runs, key=lambda r: r[0])[len(runs) // 2]
        row = {"m": m, "step": name, "seconds": round(statistics.median(seconds), 4),
               "cpu_seconds": round(middle[4], 3), "max_rss_mib": round(max(r[1] for r in runs), 1),
               "rows_per_second": None, "db_mib": round(size_mib(db), 1), "exit": middle[2]}
        if repeat > 1:
            row["seconds_runs"] = [round(x, 4) for x in seconds]
        rows.append(row)
        spread = f"  (runs {min(seconds):.3f}–{max(seconds):.3f})" if repeat > 1 else ""
        print(f"  {name:<28} {row['seconds']:9.3f} s  {row['max_rss_mib']:7.1f} MiB  {row['cpu_seconds']:7.2f} s CPU"
              f"{spread}", file=sys.stderr)
    os.remove(floor_db)
    return rows, inst


def bench_ror(binary, work, records, seed):
    """`import ror` of a generated dump into a freshly initialised (seeded)
    registry, then the same file again (every record unchanged)."""
    dump = os.path.join(work, f"ror-{records}.json")
    subprocess.run([sys.executable, os.path.join(HERE, "generate_ror.py"), dump, "--records", str(records),
                    "--seed", str(seed)], check=True)
    db = os.path.join(work, f"registry-ror-{records}.sqlite")
    remove_database(db)
    run([binary, "init", "--db", db], stdout=subprocess.DEVNULL)
    rows = []
    print(f"ROR dump: {records:,} records, {os.path.getsize(dump) / 2**20:.0f} MiB", file=sys.stderr)
    for name in ("import ror", "import ror (again)"):
        seconds, rss, code, _, cpu = run([binary, "import", "ror", dump, "--db", db])
        rows.append({"m": records, "step": name, "seconds": round(seconds, 4), "cpu_seconds": round(cpu, 3),
                     "max_rss_mib": round(rss, 1),
                     "rows_per_second": round(records / seconds), "db_mib": round(size_mib(db), 1), "exit": code})
        print(f"  {name:<28} {seconds:9.3f} s  {rss:7.1f} MiB", file=sys.stderr)
    os.remove(dump)
    return rows


def startup(binary, runs=50):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([binary, "--version"], stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def print_table(rows):
    header = (f"{'M':>9}  {'step':<28} {'seconds':>9} {'CPU s':>7} {'rows/s':>10} {'max RSS MiB':>11} {'db MiB':>7} "
              f"{'×floor':>7}")
    print(header)
    print("-" * len(header))
    for row in rows:
        rate = f"{row['rows_per_second']:,}" if row.get("rows_per_second") else ""
        ratio = f"{row['ratio_to_floor']:.2f}" if row.get("ratio_to_floor") else ""
        print(f"{row['m']:>9,}  {row['step']:<28} {row['seconds']:>9.3f} {row.get('cpu_seconds', 0):>7.2f} {rate:>10} "
              f"{row['max_rss_mib']:>11.1f} {row['db_mib']:>7.1f} {ratio:>7}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="agreement counts M, comma-separated")
    parser.add_argument("--institutions", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--ror", type=int, default=0, metavar="N",
                        help="also time `import ror` of a generated ROR dump of N records (target: 100000 in < 15 s, < 64 MiB)")
    parser.add_argument("--binary", help="a built partnerships binary (default: build the release binary)")
    parser.add_argument("--work", help="folder for data and databases (default: a temporary folder, removed after)")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench-results", "latest.json"))
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run the agreements import and the floor N times in turn and report the median ratio too; "
                             "run every report, the audit and the search N times and report their medians")
    args = parser.parse_args()

    sizes = [int(s) for s in args.sizes.split(",") if s]
    binary = build(args.binary)
    work = args.work or tempfile.mkdtemp(prefix="partnerships-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        rows = []
        for m in sizes:
            size_rows, _ = bench_size(binary, work, m, args.institutions, args.seed, args.repeat)
            rows.extend(size_rows)
        if args.ror > 0:
            rows.extend(bench_ror(binary, work, args.ror, args.seed))
        median_start = startup(binary)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)

    print_table(rows)
    print(f"\nstart-up (partnerships --version, median of 50): {median_start * 1000:.1f} ms")
    imports = {r["m"]: r for r in rows if r["step"] == "import agreements"}
    if 100_000 in imports and 1_000_000 in imports:
        # From the medians of the runs in turn where there are several: one
        # slow moment of the host in either single run moves the ratio by a
        # quarter (2026-12-07: × 12.4 from the first runs, × 10.5 from the medians).
        def typical(row):
            return statistics.median(row["import_seconds_runs"]) if row.get("import_seconds_runs") else row["seconds"]
        growth = typical(imports[1_000_000]) / typical(imports[100_000])
        which = "medians" if imports[1_000_000].get("import_seconds_runs") else "single runs"
        print(f"import time 100k → 1M: × {growth:.2f} ({which}; linear would be × 10)")
    for m, row in sorted(imports.items()):
        median = (f"; median of {len(row['ratio_runs'])} runs in turn {row['ratio_median']:.2f} × "
                  f"({min(row['ratio_runs']):.2f}–{max(row['ratio_runs']):.2f})" if row.get("ratio_runs") else "")
        print(f"M = {m:,}: import {row['seconds']:.2f} s = {row['ratio_to_floor']:.2f} × sqlite3 .import, "
              f"peak {row['max_rss_mib']:.1f} MiB{median}")

    for m in sorted({r["m"] for r in rows if r.get("seconds_runs")}):
        reports = [r for r in rows if r["m"] == m and r["step"].startswith("report ") and r.get("seconds_runs")]
        slowest = max(reports, key=lambda r: r["seconds"])
        worst = max(reports, key=lambda r: max(r["seconds_runs"]))
        print(f"M = {m:,}: reports, audit and search, median of {len(slowest['seconds_runs'])} runs each; "
              f"slowest report {slowest['step'][7:]} {slowest['seconds']:.3f} s; slowest single run "
              f"{worst['step'][7:]} {max(worst['seconds_runs']):.3f} s")

    for row in rows:
        if row["step"] == "import ror":
            print(f"ROR import of {row['m']:,} records: {row['seconds']:.2f} s, peak {row['max_rss_mib']:.1f} MiB "
                  f"(target: 100,000 in < 15 s, < 64 MiB)")

    machine = {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    try:
        machine["memory_gib"] = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as handle:
        json.dump({"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                   "machine": machine, "institutions": args.institutions, "seed": args.seed, "as_of": AS_OF,
                   "ror_records": args.ror,
                   "startup_median_ms": round(median_start * 1000, 2), "results": rows}, handle, indent=2)
    print(f"figures written to {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
