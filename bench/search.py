"""How fast the lessons library searches a large notebook, against raw FTS5 on the same file.

    .venv/bin/python bench/search.py [--lessons 100000] [--calls 200000] [--runs 5] [--keep DIR]

Builds a notebook with `prepare()`, fills it with generated lessons and call notes through
raw sqlite3 executemany (the FTS triggers index every row as it lands), then runs 20
representative queries through SearchService (ranked, filtered, with snippets, causes and
account names) and through the bare FTS5 query on the same file in the same run: the best 20
of each index with their snippets. Prints p50 and p95 of both, the ratio, the index build
time, a `rebuild` of both indexes and the database size. The cause-filtered query is also
timed written the naive way (filter in the same WHERE as MATCH) to show why it is not.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sales_notebook.paths import DataPaths  # noqa: E402
from sales_notebook.store import search as search_module  # noqa: E402
from sales_notebook.store.migrate import prepare  # noqa: E402
from sales_notebook.store.search import SearchFilters, SearchService  # noqa: E402
from sales_notebook.store.services import Services  # noqa: E402

LIMIT = 20
CAUSES = [
    "no-boundaries", "missed-boss", "avoided-hard-talk", "wrong-priority", "no-insight",
    "product-pitch", "no-discovery", "no-next-step", "slow-decision", "brand-trust",
    "poor-listening", "no-urgency", "no-value-case", "no-preparation",
]  # fmt: skip
OUTCOMES = ["won", "advanced", "stalled", "lost", "no_decision"]
# Words a seller types in call notes, roughly from most to least used (Zipf-sampled below).
SALES = (  # noqa: SIM905
    "call team budget next step pilot demo price pricing proposal contract decision timeline "
    "renewal security integration data platform roadmap champion director manager finance "
    "procurement legal approval quarter board risk rollout onboarding training support "
    "competitor incumbent vendor reference case study value cost savings revenue churn "
    "migration trial licence seats discount objection concern question workshop follow-up "
    "email deck slides agenda sponsor stakeholder executive buyer user admin IT operations "
    "marketing sales engineering architecture compliance audit regulator deadline launch "
    "priority priorities reorg hiring freeze headcount forecast pipeline signature redline "
    "negotiation negotiate negotiated terms invoice payment net-60 scope phase milestone "
    "success criteria metrics KPI dashboard report reporting analytics SSO SAML API webhook "
    "uptime SLA outage incident escalation feedback survey adoption usage expansion upsell "
    "cross-sell discovery qualification MEDDPICC champion economic compelling event pain "
    "gap current state future state ROI payback business case sign-off signs off approve "
    "approved rejected postponed delayed stalled paused cancelled urgent blocked unblock "
    "résumé café naïve coöperation déjà"
).split()
COMMON = (  # noqa: SIM905
    "the a to and of we they it in on for with that is was be not but about asked said "
    "wants need needs will would could should maybe also very more less their our them "
    "she he her his this next last week month year today tomorrow again still already"
).split()
# Phrases that recur in notes, sampled like single words.
PHRASES = [
    "next step",
    "decision maker",
    "signs off",
    "compelling event",
    "business case",
    "budget freeze",
    "security review",
    "reference call",
    "proof of concept",
    "price increase",
]
NAMES = (  # noqa: SIM905
    "Priya Tom Helen Marco Ruth Sam Ines Owen Lena Raj Chloe Daniel Grace Noah Ana Li Omar "
    "Zoe Felix Maya Jonas Amira Lukas Sofia Ben Nadia Pavel Hugo Elif Kenji"
).split()


def _zipf_words(rng: random.Random) -> list[str]:
    vocab = COMMON + SALES[:40] + PHRASES + SALES[40:] + NAMES + [f"acct{n}" for n in range(400)]
    weights = [1 / (rank + 1) ** 1.05 for rank in range(len(vocab))]
    return rng.choices(vocab, weights, k=400_000)


class TextMaker:
    """Sentences of plausible note text, fast: slices of one long Zipf-sampled word stream."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.stream = _zipf_words(self.rng)

    def words(self, low: int, high: int) -> str:
        n = self.rng.randint(low, high)
        start = self.rng.randrange(len(self.stream) - n)
        chunk = self.stream[start : start + n]
        # Line breaks and bullets, as typed during a call.
        for i in range(0, n, self.rng.randint(8, 16)):
            chunk[i] = "\n- " + chunk[i]
        return " ".join(chunk).strip()


def generate(db: Path, lessons: int, calls: int, accounts: int = 2000) -> dict[str, float]:
    """Fill the notebook with raw executemany; returns timings in seconds."""
    maker = TextMaker(7)
    rng = maker.rng
    start_day = datetime(2022, 1, 1, tzinfo=UTC)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    with conn:
        conn.executemany(
            "INSERT INTO account(id, name, created_at) VALUES (?, ?, ?)",
            ((i, f"Account {i}", "2022-01-01 00:00:00.000000") for i in range(1, accounts + 1)),
        )

        def stamp(day: int) -> str:
            moment = start_day + timedelta(days=day, hours=rng.randint(8, 17))
            return moment.strftime("%Y-%m-%d %H:%M:%S.000000")

        def call_rows():
            for i in range(1, calls + 1):
                yield (
                    i, rng.randint(1, accounts), maker.words(3, 7), stamp(rng.randrange(1400)),
                    maker.words(40, 260), rng.choice(OUTCOMES), "",
                )  # fmt: skip

        conn.executemany(
            "INSERT INTO call(id, account_id, title, started_at, ended_at, notes, outcome, "
            "summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((i, a, t, s, s, n, o, m) for i, a, t, s, n, o, m in call_rows()),
        )
        timings["calls inserted and indexed"] = time.perf_counter() - t0
        t1 = time.perf_counter()

        def lesson_rows():
            for i in range(1, lessons + 1):
                call_id = rng.randint(1, calls)
                yield (
                    i, call_id, rng.randint(1, accounts), maker.words(4, 9),
                    rng.choice(OUTCOMES[2:]), maker.words(0, 10), maker.words(20, 70),
                    maker.words(10, 35), stamp(rng.randrange(1400)),
                )  # fmt: skip

        conn.executemany(
            "INSERT INTO lesson(id, call_id, account_id, title, outcome, feeling, what_happened,"
            " do_differently, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            lesson_rows(),
        )
        conn.executemany(
            "INSERT INTO lesson_cause(lesson_id, cause_id, evidence, controllable) "
            "VALUES (?, ?, '', 1)",
            (
                (i, cause)
                for i in range(1, lessons + 1)
                for cause in rng.sample(CAUSES, rng.choice((1, 1, 2, 2, 3)))
            ),
        )
        timings["lessons inserted and indexed"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    with conn:
        conn.execute("INSERT INTO fts_lesson(fts_lesson) VALUES ('rebuild')")
        conn.execute("INSERT INTO fts_call(fts_call) VALUES ('rebuild')")
    timings["rebuild of both indexes"] = time.perf_counter() - t2
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    return timings


# (label, text, cause filter)
QUERIES: list[tuple[str, str, str | None]] = [
    ("word", "budget", None),
    ("word", "procurement", None),
    ("word", "renewal", None),
    ("word", "competitor", None),
    ("word", "security", None),
    ("word", "regulator", None),
    ("word", "café", None),
    ("phrase", '"next step"', None),
    ("phrase", '"signs off"', None),
    ("phrase", '"compelling event"', None),
    ("phrase", '"business case"', None),
    ("prefix", "negotiat*", None),
    ("prefix", "integr*", None),
    ("prefix", "onboard*", None),
    ("two words", "pricing objection", None),
    ("boolean", "budget NOT reorg", None),
    ("boolean", "pilot OR trial", None),
    ("cause filter", "budget", "no-value-case"),
    ("cause filter", "security", "missed-boss"),
    ("cause filter", '"decision maker"', "missed-boss"),
]

# The floor: the same steps in bare SQL: rank the newest candidates of each index, then
# snippets for the best 20 (a snippet costs far more than a rank).
RAW_RANK = (
    "WITH c AS MATERIALIZED (SELECT rowid AS id, rank FROM {t} WHERE {t} MATCH ? "
    "ORDER BY rowid DESC LIMIT ?) SELECT id FROM c ORDER BY rank LIMIT ?"
)
# With a cause filter, the same filter around the candidates, as one would write it by hand.
RAW_RANK_CAUSE = {
    "fts_lesson": "EXISTS (SELECT 1 FROM lesson_cause x WHERE x.lesson_id = c.id "
    "AND x.cause_id = ?)",
    "fts_call": "EXISTS (SELECT 1 FROM lesson y JOIN lesson_cause x ON x.lesson_id = y.id "
    "WHERE y.call_id = c.id AND x.cause_id = ?)",
}
RAW_RANK_FILTERED = (
    "WITH c AS MATERIALIZED (SELECT rowid AS id, rank FROM {t} WHERE {t} MATCH ? "
    "ORDER BY rowid DESC LIMIT ?) SELECT id FROM c WHERE {where} ORDER BY rank LIMIT ?"
)
RAW_SNIPPETS = (
    "SELECT rowid, snippet({t}, -1, '\x02', '\x03', '…', 14) FROM {t} "
    "WHERE {t} MATCH ? AND rowid IN ({marks})"
)
# For reference: bm25 over every match, the plain way.
FULL = (
    "SELECT rowid, snippet({t}, -1, '\x02', '\x03', '…', 14), rank FROM {t} "
    "WHERE {t} MATCH ? ORDER BY rank LIMIT ?"
)
NAIVE_FILTER = (
    "SELECT f.rowid, snippet(fts_lesson, -1, '\x02', '\x03', '…', 14) FROM fts_lesson f "
    "JOIN lesson_cause x ON x.lesson_id = f.rowid WHERE fts_lesson MATCH ? AND x.cause_id = ? "
    "ORDER BY rank LIMIT ?"
)


def _ms(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def run(data_dir: Path, lessons: int, calls: int, runs: int) -> None:
    paths = DataPaths(data_dir)
    if paths.database.exists():
        print(f"reusing {paths.database}")
    else:
        t0 = time.perf_counter()
        prepare(paths)
        print(f"schema: {time.perf_counter() - t0:.2f} s")
        print(f"generating {lessons:,} lessons and {calls:,} calls …", flush=True)
        for what, seconds in generate(paths.database, lessons, calls).items():
            print(f"  {what}: {seconds:.1f} s")
    print(f"database size: {paths.database.stat().st_size / 2**20:.0f} MiB")

    from sales_notebook.core.search_query import to_fts_query

    services = Services.open(paths)
    search = SearchService(services.db)
    raw = sqlite3.connect(paths.database)
    cap = search_module.CANDIDATES
    ours: list[float] = []
    floor: list[float] = []
    naive: list[float] = []
    full: list[float] = []
    print(f"\n{'query':<34} {'hits':>5} {'ours ms':>8} {'raw ms':>8}")
    for label, text, cause in QUERIES:
        filters = SearchFilters(cause_id=cause)
        fts = to_fts_query(text)
        search.search(text, filters, LIMIT)  # warm the page cache for both sides alike
        mine, bare = [], []
        for _ in range(runs):
            t = time.perf_counter()
            hits = search.search(text, filters, LIMIT)
            mine.append(time.perf_counter() - t)
            t = time.perf_counter()
            for table in ("fts_lesson", "fts_call"):
                if cause is None:
                    sql, args = RAW_RANK.format(t=table), (fts, cap, LIMIT)
                else:
                    sql = RAW_RANK_FILTERED.format(t=table, where=RAW_RANK_CAUSE[table])
                    args = (fts, cap, cause, LIMIT)
                ids = [r[0] for r in raw.execute(sql, args)]
                if ids:
                    sql = RAW_SNIPPETS.format(t=table, marks=", ".join("?" * len(ids)))
                    raw.execute(sql, (fts, *ids)).fetchall()
            bare.append(time.perf_counter() - t)
            t = time.perf_counter()
            for table in ("fts_lesson", "fts_call"):
                raw.execute(FULL.format(t=table), (fts, LIMIT)).fetchall()
            full.append(time.perf_counter() - t)
            if cause is not None:
                t = time.perf_counter()
                raw.execute(NAIVE_FILTER, (fts, cause, LIMIT)).fetchall()
                naive.append(time.perf_counter() - t)
        ours += mine
        floor += bare
        name = f"{label}: {text}" + (f" [cause {cause}]" if cause else "")
        print(f"{name:<34} {len(hits):>5} {_ms(mine)[0]:>8.2f} {_ms(bare)[0]:>8.2f}")
    (o50, o95), (r50, r95) = _ms(ours), _ms(floor)
    print(f"\nSearchService   p50 {o50:6.2f} ms   p95 {o95:6.2f} ms")
    print(f"raw FTS5 query  p50 {r50:6.2f} ms   p95 {r95:6.2f} ms")
    print(f"ratio           p50 {o50 / r50:6.2f}      p95 {o95 / r95:6.2f}")
    f50, f95 = _ms(full)
    print(f"bm25 over every match (reference) p50 {f50:.1f} ms, p95 {f95:.1f} ms")
    n50, n95 = _ms(naive)
    print(f"cause filter in the WHERE of MATCH (lessons): p50 {n50:.1f} ms, p95 {n95:.1f} ms")
    raw.close()
    _autosave(services)
    services.close()


def _autosave(services: Services) -> None:
    """An autosave of a long live call's notes, index update and fsync included."""
    maker = TextMaker(11)
    account, _deal = services.accounts.find_or_add("Bench autosave")
    call = services.calls.start(account)
    notes = maker.words(1500, 1500)  # about 10,000 characters: a long call
    timings = []
    for n in range(30):
        notes += f" word{n}"
        t = time.perf_counter()
        services.calls.save_notes(call, notes)
        timings.append(time.perf_counter() - t)
    p50, p95 = _ms(timings)
    print(f"autosave of {len(notes):,} characters of notes: p50 {p50:.1f} ms, p95 {p95:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--keep", type=Path, help="build the notebook in DIR and keep it")
    parser.add_argument(
        "--candidates", type=int, default=search_module.CANDIDATES,
        help="newest matches ranked per index (the service's CANDIDATES)",
    )  # fmt: skip
    args = parser.parse_args()
    search_module.CANDIDATES = args.candidates
    print(f"candidates ranked per index: {args.candidates}")
    if args.keep:
        run(args.keep, args.lessons, args.calls, args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(Path(tmp), args.lessons, args.calls, args.runs)


if __name__ == "__main__":
    main()
