"""Generated notebooks for bench/search.py: plausible call notes and lessons, written fast.

Rows go in through raw sqlite3 executemany on a notebook at schema 0004 (the previous
search index's triggers index them as they land); `prepare()` then upgrades it to the current
schema, and that migration is timed: it is what a seller with a large notebook waits for.

The 300,000-document notebook takes about ten minutes to generate, so `cached()` keeps both
files (the generated 0004 one and the upgraded one) in a cache folder outside the repo, keyed
by GENERATOR (bump it whenever the rows written change) and the seed. A file is put in place
only once whole, so an interrupted run leaves nothing half-made to be reused.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command

from sales_notebook.paths import DataPaths
from sales_notebook.store.database import make_engine
from sales_notebook.store.migrate import HEAD_REVISION, alembic_config, needs_prepare, prepare
from sales_notebook.store.sqlite_lib import sqlite3

# The version of what generate() writes: a cached notebook is reused only for the same one.
GENERATOR = 1
SEED = 7
PREVIOUS = "0004_live_call_index"  # the schema the rows are written at

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


def cached(
    cache: Path, lessons: int, calls: int, seed: int = SEED
) -> tuple[DataPaths, Path, dict[str, float]]:
    """The notebook of that size and seed at the current schema, made only when the cache does
    not hold it yet: its paths, the generated (0004) file, and the timings of what was done now
    (seconds). Another app version's migrations bring the cached notebook to its schema when
    it opens it."""
    folder = cache / f"search-g{GENERATOR}-seed{seed}" / f"{lessons}l-{calls}c"
    paths = DataPaths(folder)
    timings: dict[str, float] = {}
    generated = folder / f"notebook-{PREVIOUS[:4]}.db"
    if not generated.exists():
        timings.update(_generated(generated, lessons, calls, seed))
    if not paths.database.exists():
        timings.update(upgrade(generated, paths))
    elif needs_prepare(paths):  # a newer migration since it was cached
        t0 = time.perf_counter()
        prepare(paths)
        timings[f"cached notebook upgraded to {HEAD_REVISION}"] = time.perf_counter() - t0
        shutil.rmtree(paths.backups, ignore_errors=True)
    return paths, generated, timings


def upgrade(generated: Path, paths: DataPaths) -> dict[str, float]:
    """Copy the generated notebook to `paths` and upgrade it as the app does (backup first),
    timed; the file is put in place once upgraded and analysed."""
    scratch = DataPaths(paths.root / "upgrading")
    shutil.rmtree(scratch.root, ignore_errors=True)
    scratch.ensure()
    shutil.copyfile(generated, scratch.database)
    t0 = time.perf_counter()
    prepare(scratch)
    timings = {f"upgrade to {HEAD_REVISION} (backup + migration)": time.perf_counter() - t0}
    conn = sqlite3.connect(scratch.database)
    conn.execute("ANALYZE")
    conn.close()
    paths.ensure()
    scratch.database.rename(paths.database)
    shutil.rmtree(scratch.root)
    return timings


def _generated(target: Path, lessons: int, calls: int, seed: int) -> dict[str, float]:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"generating-{os.getpid()}.db")
    partial.unlink(missing_ok=True)
    engine = make_engine(partial)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), PREVIOUS)
    engine.dispose()
    timings = generate(partial, lessons, calls, accounts=max(50, (lessons + calls) // 150),
                       seed=seed)  # fmt: skip
    for suffix in ("-wal", "-shm"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    partial.rename(target)
    return timings


def generate(
    db: Path, lessons: int, calls: int, accounts: int = 2000, seed: int = SEED
) -> dict[str, float]:
    """Fill a 0004 notebook with raw executemany; returns timings in seconds."""
    maker = TextMaker(seed)
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
            "VALUES (?, ?, ?, 1)",
            (
                (i, cause, maker.words(0, 8))
                for i in range(1, lessons + 1)
                for cause in rng.sample(CAUSES, rng.choice((1, 1, 2, 2, 3)))
            ),
        )
        timings["lessons inserted and indexed"] = time.perf_counter() - t1
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return timings
