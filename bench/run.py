#!/usr/bin/env python3
"""Benchmark negkb at corpus scale, side by side with the sqlite3 shell.

Generates a synthetic seeds tree (negkb generate), seeds it several times,
loads the same rows with the sqlite3 shell from a dump as the reference,
times the edit loop (a seed after one article is edited, added or removed,
updating the database in place) against the full seed, and times the canned
queries against running their SQL files in the shell. Prints medians,
ratios, rows per second and peak memory.

    python3 bench/run.py                    # 1,000 then 10,000 articles, 5 runs
    python3 bench/run.py --articles 1000 --runs 3
    python3 bench/run.py --large --runs 1   # also 100,000 (about 20 minutes)
    python3 bench/run.py --articles 10000,100000 --queries-only
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEGKB = os.path.join(ROOT, "target", "release", "negkb")


def timed(argv, stdin=None, stdout=subprocess.DEVNULL, fails=False):
    """Runs argv (which must succeed, or fail when `fails`); returns
    (seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode()
    proc.stderr.close()
    if (status != 0) != fails:
        sys.exit(f"{' '.join(argv)} {'succeeded' if fails else 'failed'}:\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def median_run(runs, argv, before=None, stdin_path=None, fails=False):
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        stdin = open(stdin_path, "rb") if stdin_path else None
        try:
            t, peak = timed(argv, stdin=stdin, fails=fails)
        finally:
            if stdin:
                stdin.close()
        times.append(t)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def remove(*paths):
    def go():
        for p in paths:
            if os.path.exists(p):
                os.remove(p)
    return go


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", default="1000,10000",
                    help="corpus sizes, comma-separated (default 1000,10000)")
    ap.add_argument("--large", action="store_true", help="also 100,000 articles")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--query-runs", type=int, default=10)
    ap.add_argument("--queries-only", action="store_true",
                    help="seed each corpus once and time only the queries")
    args = ap.parse_args()
    sizes = [int(n) for n in args.articles.split(",")] + ([100_000] if args.large else [])

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    for n in sizes:
        bench(n, args)
        print()


def edit_loop(articles, runs, seeds, db, work, full_t):
    """Seeds in place after one article is edited, added or removed, and
    with nothing changed, each against the full seed (`full_t`)."""
    subprocess.run([NEGKB, "--db", db, "seed", "--seeds", seeds], check=True,
                   stderr=subprocess.DEVNULL)
    # A new article: the next one the generator would write, with ids of its own.
    more = os.path.join(work, "more")
    subprocess.run([NEGKB, "generate", "--articles", str(articles + 1), "--out", more],
                   check=True, stderr=subprocess.DEVNULL)
    slug = f"a{articles:06d}"
    new = [os.path.join(more, "articles", f"{slug}.{e}") for e in ("txt", "toml")]
    edited = os.path.join(seeds, "articles", f"a{articles // 2:06d}.toml")
    original = open(edited).read()
    changed = original.replace('text = "Party', 'text = "Now party', 1)
    argv = [NEGKB, "--db", db, "seed", "--seeds", seeds]
    results = {"edit one article": [], "add one article": [], "remove one article": [],
               "nothing changed": []}
    peak = 0
    for _ in range(runs):
        steps = [
            ("edit one article", lambda: open(edited, "w").write(changed)),
            ("edit one article", lambda: open(edited, "w").write(original)),
            ("add one article", lambda: [shutil.copy(f, os.path.join(seeds, "articles")) for f in new]),
            ("remove one article", lambda: [os.remove(os.path.join(seeds, "articles", os.path.basename(f)))
                                            for f in new]),
            ("nothing changed", lambda: None),
        ]
        for label, change in steps:
            change()
            t, p = timed(argv)
            results[label].append(t)
            peak = max(peak, p)
    print(f"{'edit loop: seed in place after':44} {'seconds':>8} {'of full':>9}")
    for label, times in results.items():
        t = statistics.median(times)
        print(f"{label:44} {t:8.3f} {t / full_t * 100:8.1f}%")
    print(f"peak memory of the seeds in place: {peak:.0f} MiB\n")


def bench(articles, args):
    """One corpus of `articles` articles: seed, dump load, queries."""
    work = tempfile.mkdtemp(prefix="negkb-bench-")
    try:
        seeds = os.path.join(work, "seeds")
        db = os.path.join(work, "negotiations.db")
        subprocess.run([NEGKB, "generate", "--articles", str(articles), "--out", seeds],
                       check=True, stderr=subprocess.DEVNULL)

        seed_runs = 1 if args.queries_only else args.runs
        seed_t, seed_peak = median_run(seed_runs, [NEGKB, "--db", db, "seed", "--seeds", seeds],
                                       before=remove(db))
        if args.queries_only:
            print(f"corpus: {articles} articles; negkb seed {seed_t:.2f} s, {seed_peak:.0f} MiB\n")
        else:
            build_and_edit(articles, args, seeds, db, work, seed_t, seed_peak)
        time_queries(args, db)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_and_edit(articles, args, seeds, db, work, seed_t, seed_peak):
    """check, the shell loading a dump of the database, and the edit loop,
    each beside the seed (`seed_t`, `seed_peak`)."""
    check_t, check_peak = median_run(args.runs, [NEGKB, "check", "--seeds", seeds])
    tables = subprocess.run(
        ["sqlite3", db, "SELECT name FROM sqlite_schema WHERE type = 'table'"],
        capture_output=True, text=True, check=True).stdout.split()
    rows = 0
    for table in tables:
        out = subprocess.run(["sqlite3", db, f"SELECT count(*) FROM {table}"],
                             capture_output=True, text=True, check=True)
        rows += int(out.stdout)

    dump = os.path.join(work, "dump.sql")
    with open(dump, "wb") as f:
        subprocess.run(["sqlite3", db, ".dump"], stdout=f, check=True)
    ref = os.path.join(work, "reference.db")
    dump_t, dump_peak = median_run(args.runs, ["sqlite3", ref], before=remove(ref), stdin_path=dump)

    print(f"corpus: {articles} articles, {rows} rows; medians of {args.runs} runs\n")
    print(f"{'what':44} {'seconds':>8} {'peak MiB':>9}")
    print(f"{'negkb seed':44} {seed_t:8.2f} {seed_peak:9.0f}")
    print(f"{'negkb check':44} {check_t:8.2f} {check_peak:9.0f}")
    print(f"{'sqlite3 new.db < dump.sql (reference)':44} {dump_t:8.2f} {dump_peak:9.0f}")
    print(f"seed: {rows / seed_t:,.0f} rows/s; {dump_t / seed_t:.2f}x faster than the dump load\n")
    edit_loop(articles, args.runs, seeds, db, work, seed_t)


def time_queries(args, db):
    """The canned queries against their SQL files in the shell, plain scans
    of the same rows, and the query plans."""
    day = time.strftime("%Y-%m-%d", time.gmtime())
    queries = [
        ("changes --from 2010 --to present", ["changes", "--from", "2010", "--to", "present"],
         "changes", {":from": "2010-01-01", ":from_end": "2010-12-31", ":to": day,
                     ":stale_before": f"{int(day[:4]) - 1}{day[4:]}"}),
        ("demands --as-of 2015", ["demands", "--as-of", "2015"],
         "demands", {":as_of": "2015-12-31"}),
        ("divides", ["divides"], "divides", {}),
        ("talks", ["talks"], "talks", {}),
        ("documents --as-of present", ["documents"], "documents", {":as_of": day}),
        # Selective: one party of 200, one issue of 20, two months.
        ("demands --party party-001", ["demands", "--party", "party-001"],
         "demands", {":as_of": day, ":party": "party-001"}),
        ("positions --issue issue-01", ["positions", "--issue", "issue-01"],
         "positions", {":as_of": day, ":issue": "issue-01"}),
        ("changes --from 2010 --party party-001",
         ["changes", "--from", "2010", "--to", "present", "--party", "party-001"],
         "changes", {":from": "2010-01-01", ":from_end": "2010-12-31", ":to": day,
                     ":stale_before": f"{int(day[:4]) - 1}{day[4:]}", ":party": "party-001"}),
        ("talks --party party-001", ["talks", "--party", "party-001"], "talks", {":party": "party-001"}),
        ("talks --from 2011-01 --to 2011-02", ["talks", "--from", "2011-01", "--to", "2011-02"],
         "talks", {":from": "2011-01-01", ":to": "2011-02-28"}),
        ("timeline --from 2011-01 --to 2011-02", ["timeline", "--from", "2011-01", "--to", "2011-02"],
         "timeline", {":from": "2011-01-01", ":to": "2011-02-28"}),
        # The same few rows whatever the corpus: one fact's quotes.
        ("evidence a1-d0", ["evidence", "a1-d0"], "evidence", {":id": "a1-d0"}),
    ]
    print(f"{'query (whole process, csv to /dev/null)':44} {'negkb':>8} {'sqlite3':>9} {'ratio':>6} {'rows':>8}")
    for label, argv, name, params in queries:
        neg_t, _ = median_run(args.query_runs, [NEGKB, "--db", db, "--format", "csv", *argv])
        sets = [f".param set {k} \"'{v}'\"" for k, v in params.items()]
        shell = ["sqlite3", "-csv", db, *sets, f".read {os.path.join(ROOT, 'queries', name + '.sql')}"]
        ref_t, _ = median_run(args.query_runs, shell)
        out = subprocess.run(shell, capture_output=True, text=True, check=True)
        count = out.stdout.count("\n")
        print(f"{label:44} {neg_t * 1000:6.0f}ms {ref_t * 1000:7.0f}ms {ref_t / neg_t:6.2f} {count:8}")

    # A mistyped id: the "did you mean" hint compares it with a bounded
    # number of ids, however many there are.
    typo_t, _ = median_run(args.query_runs, [NEGKB, "--db", db, "evidence", "a1-d00"], fails=True)
    print(f"{'evidence a1-d00 (unknown: did you mean)':44} {typo_t * 1000:6.0f}ms")

    # What writing that many rows costs at all: the same columns of the
    # same tables, scanned in storage order with no window, join or sort.
    floors = [
        ("changes", "SELECT by_parties, 'demand', id, issue_id, text, 'added', since, NULL, last_seen, 0"
                    " FROM demands UNION ALL SELECT parties, 'position', id, issue_id, text,"
                    " 'added', since, NULL, last_seen, 0 FROM positions UNION ALL SELECT by_parties,"
                    " 'document', id, issue_id, title, 'added', since, NULL, last_seen, 0 FROM documents"),
        ("talks", "SELECT t.id, title, format, status, date, venue, parties, mediators, outcomes"
                  " FROM talks t JOIN talk_lists l ON l.talk_id = t.id"),
    ]
    print(f"\n{'floor: the same rows by a plain scan (negkb sql)':44} {'negkb':>8} {'':>9} {'':>6} {'rows':>8}")
    for name, sql in floors:
        argv = [NEGKB, "--db", db, "--format", "csv", "sql", sql]
        floor_t, _ = median_run(args.query_runs, argv)
        count = subprocess.run(argv, capture_output=True, text=True, check=True).stdout.count("\n") - 1
        print(f"{name:44} {floor_t * 1000:6.0f}ms {'':>9} {'':>6} {count:8}")

    print("\nquery plans (EXPLAIN QUERY PLAN, first lines):")
    for label, _, name, params in queries:
        sets = [f".param set {k} \"'{v}'\"" for k, v in params.items()]
        sql = open(os.path.join(ROOT, "queries", name + ".sql")).read()
        body = "\n".join(l for l in sql.splitlines() if not l.lstrip().startswith("--"))
        out = subprocess.run(["sqlite3", db, *sets, "EXPLAIN QUERY PLAN " + body],
                             capture_output=True, text=True, check=True)
        plan = [l for l in out.stdout.splitlines() if "SEARCH" in l or "SCAN" in l]
        print(f"  {label}:")
        for line in plan[:8]:
            print(f"    {line.strip()}")


if __name__ == "__main__":
    main()
