"""Run the hostile-input cases and count them by outcome, for docs/RELIABILITY.md.

    .venv/bin/python -m tests.hostile.tally           # run tests/hostile, print the table
    .venv/bin/python -m tests.hostile.tally --write   # and put it in docs/RELIABILITY.md

Every case records what the app did (tests/hostile/record.py): a refusal in one clear line,
or the input used as meant (a BOM, an offset, a defused export, a settings default); whether
it crashed (a traceback, an unexpected exception or exit code); and whether a refused input
changed the notebook file. Exits 1 if any test failed: then the counts are not to be trusted.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.hostile.record import OUTCOMES

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "RELIABILITY.md"
AREAS = ("import", "export", "settings", "search", "suggest")
PROPERTY_TESTS = {"test_import_fuzz.py"}  # said in words below the table, not counted


class _Failures:
    """Failed tests, and the tests of each file that recorded no outcome."""

    def __init__(self) -> None:
        self.failed: list[str] = []
        self.silent: Counter[str] = Counter()
        self.recording: set[str] = set()
        self._before = 0

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed:
            self.failed.append(report.nodeid)
        file = report.nodeid.split("::")[0].rsplit("/", 1)[-1]
        if report.when == "setup":
            self._before = len(OUTCOMES)
        elif report.when == "call":
            if len(OUTCOMES) > self._before:
                self.recording.add(file)
            else:
                self.silent[file] += 1

    def others(self) -> str:
        """The files none of whose tests record an outcome (another engineer's cases)."""
        files = {
            f: n
            for f, n in sorted(self.silent.items())
            if f not in self.recording and f not in PROPERTY_TESTS
        }
        if not files:
            return ""
        return (
            "Also run, not counted above (they record no outcome): "
            + ", ".join(f"{n} cases in `{f}`" for f, n in files.items())
            + "."
        )


def section(failed: int, others: str = "") -> str:
    rows = ["| area | tried | clear error | used as meant | crash | data changed |"]
    rows.append("|---|---:|---:|---:|---:|---:|")
    totals: Counter[str] = Counter()
    for area in (*AREAS, *sorted({o.area for o in OUTCOMES} - set(AREAS))):
        cases = [o for o in OUTCOMES if o.area == area]
        counts = Counter(
            tried=len(cases),
            clear=sum(o.handled == "clear error" for o in cases),
            meant=sum(o.handled == "accepted" for o in cases),
            crash=sum(o.crashed for o in cases),
            changed=sum(o.data_changed for o in cases),
        )
        totals.update(counts)
        rows.append(_row(area, counts))
    rows.append(_row("**all**", totals))
    return "\n".join(
        [
            "## Hostile input",
            "",
            "Bad import files, export payloads (HTML, links, spreadsheet formulas), garbled",
            "`settings.ini` values, and what a terminal or a pipe can hand `lessons search` and",
            "`lessons suggest`: each case in `tests/hostile/` asserts the exit code, the message",
            "(table, row and field for an import) and, for anything that writes, the notebook's",
            "hash before and after. An import is tried twice, into an empty notebook and with",
            "`--replace` into a full one, and counts once per try. *Clear error*: refused in one",
            "line with exit code 2. *Used as meant*: a BOM, a time zone offset, a defused export",
            "or a settings default. Counted by `python -m tests.hostile.tally --write`, which",
            "runs the cases and writes this table. Two property tests run beside them and are",
            "not counted: any value in any field of an import is refused in words or taken by",
            "the database (never refused by it), and any soup of markup and links exports inert.",
            "",
            *rows,
            "",
            *([others, ""] if others else []),
            f"Failed tests in that run: {failed}.",
            "",
        ]
    )


def _row(area: str, c: Counter[str]) -> str:
    cells = (c["tried"], c["clear"], c["meant"], c["crash"], c["changed"])
    return f"| {area} | " + " | ".join(str(n) for n in cells) + " |"


def write(text: str) -> None:
    old = DOC.read_text("utf-8") if DOC.exists() else "# Reliability\n"
    pattern = re.compile(r"^## Hostile input\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    new = (
        pattern.sub(lambda _: text + "\n", old)
        if pattern.search(old)
        else (old.rstrip("\n") + "\n\n" + text)
    )
    DOC.write_text(new.rstrip("\n") + "\n", "utf-8")


def main(argv: list[str]) -> int:
    failures = _Failures()
    pytest.main(["-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "hostile")], [failures])
    text = section(len(failures.failed), failures.others())
    print(text)
    if "--write" in argv and not failures.failed:
        write(text)
        print(f"written to {DOC.relative_to(ROOT)}")
    return 1 if failures.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
