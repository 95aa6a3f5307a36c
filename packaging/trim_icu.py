"""Rebuilds the bundle's ICU data library without the parts Qt never reads (32 -> 9.0 MB).

Qt Core links ICU, whose data library holds every locale's data for every ICU service. Qt
itself formats numbers, dates and language names from its own CLDR tables and finds word and
line breaks with its own Unicode code; what it asks ICU for is collation (QCollator, the file
dialog's sorting), locale-aware case mapping, time-zone names and, on request, legacy text
encodings. So the number, unit and currency names, language names, rule-based number
spelling, transliteration, break-iterator rules and dictionaries, the legacy converter tables,
character names, StringPrep, IDNA, NFKC, the spoof checker's data and each locale's formatting
data go (Qt 6.11's libraries call ICU's u_strToUpper/Lower, ucal_*, ucnv_* and ucol_* only:
`nm -D --undefined-only`); collation, time zones, region names, the root locale and
the Unicode properties stay. tests/packaging/test_bundle_features.py compares Qt's answers with
the full data. One answer differs, in no text the app shows: without the locale's own data
ICU writes the GMT offset of a time-zone name in Latin digits ("GMT+1") where Arabic, Persian,
Bengali or Burmese write their own ("غرينتش+١").

ICU's own `icupkg` (Debian: icu-devtools) removes the items from the package; binutils' `as`
and `ld` wrap it back into a shared library under the same name and entry point.

    python packaging/trim_icu.py dist/sales-notebook/_internal/PySide6/Qt/lib/libicudata.so.73
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
from fnmatch import fnmatch
from pathlib import Path

# Items, as icupkg lists them (relative to the package's prefix).
UNUSED = (
    "brkitr/*",  # break iterators: Qt has its own (qunicodetools)
    "unit/*",  # measure-unit names (MeasureFormat)
    "curr/*",  # currency names (NumberFormat)
    "lang/*",  # language and script names (LocaleDisplayNames)
    "rbnf/*",  # spelled-out numbers
    "translit/*",  # transliterators
    "*.cnv",  # legacy code pages; UTF-8/16/32, Latin-1 and ASCII are built into ICU's code
    "unames.icu",  # character names (u_charName)
    "*.spp",  # StringPrep profiles
    "uts46.nrm",  # IDNA (Qt has its own)
    "nfkc.nrm",  # NFKC and NFKC_Casefold (NFC and NFD, which collation uses, are built in)
    "nfkc_cf.nrm",
    "*.cfu",  # the spoof checker's confusables
    "ulayout.icu",  # text layout properties (break iterators)
    "uemoji.icu",  # emoji properties (break iterators)
)
# The locales' own data (calendars' and numbers' symbols and patterns, layout, ...: what ICU's
# formatters read), one file per locale at the top of the package: Qt formats with its own
# CLDR tables. root.res stays, for what ICU falls back to; so do the collation, time-zone and
# region trees and the supplemental files (likely subtags, week data, the zone database).
LOCALE_DATA = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]+)*\.res")


def run(*argv: str | Path) -> str:
    return subprocess.run([str(a) for a in argv], check=True, capture_output=True, text=True).stdout


def entry_point(library: Path) -> tuple[str, int, int]:
    """The data symbol (icudtNN_dat), its file offset and its size."""
    symbols = run("nm", "-D", "--defined-only", "-S", library)
    found = re.search(r"^([0-9a-f]+) ([0-9a-f]+) \w (icudt\d+_dat)$", symbols, re.M)
    if not found:
        raise SystemExit(f"{library}: no icudtNN_dat symbol, not an ICU data library")
    address, size, name = int(found[1], 16), int(found[2], 16), found[3]
    headers = run("readelf", "-lW", library)
    for offset, vaddr, filesz in re.findall(
        r"LOAD\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+0x[0-9a-f]+\s+(0x[0-9a-f]+)", headers
    ):
        start = int(vaddr, 16)
        if start <= address < start + int(filesz, 16):
            return name, int(offset, 16) + address - start, size
    raise SystemExit(f"{library}: {name} lies in no loaded segment")


TOOLS = {"icupkg": "icu-devtools", "nm": "binutils", "readelf": "binutils", "as": "binutils",
         "ld": "binutils"}  # fmt: skip


def trim(library: Path) -> None:
    missing = sorted({package for tool, package in TOOLS.items() if not shutil.which(tool)})
    if missing:
        raise SystemExit(f"trim_icu: install {' and '.join(missing)} (Debian packages) first")
    name, offset, size = entry_point(library)
    soname = re.search(r"\(SONAME\).*\[(.+)\]", run("readelf", "-d", library))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        full, trimmed = work / "full.dat", work / "trimmed.dat"
        with library.open("rb") as source:
            source.seek(offset)
            full.write_bytes(source.read(size))
        items = run("icupkg", "--auto_toc_prefix", "-l", full).split()
        unused = [
            item
            for item in items
            if any(fnmatch(item, p) for p in UNUSED) or LOCALE_DATA.fullmatch(item)
        ]
        (work / "unused.txt").write_text("\n".join(unused) + "\n", "ascii")
        run("icupkg", "--auto_toc_prefix", "-r", work / "unused.txt", full, trimmed)
        (work / "data.s").write_text(
            f"\t.section .rodata\n\t.globl {name}\n\t.type {name}, @object\n\t.balign 16\n"
            f'{name}:\n\t.incbin "{trimmed}"\n\t.size {name}, . - {name}\n'
            '\t.section .note.GNU-stack,"",@progbits\n',
            "ascii",
        )
        run("as", "-o", work / "data.o", work / "data.s")
        built = work / library.name
        soname_args = ["-soname", soname[1]] if soname else []
        run("ld", "-shared", *soname_args, "-o", built, work / "data.o")
        before = library.stat().st_size
        shutil.copyfile(built, library)
    print(f"{library.name}: {before / 1e6:.1f} MB -> {library.stat().st_size / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("library", type=Path)
    trim(parser.parse_args().library)


if __name__ == "__main__":
    main()
