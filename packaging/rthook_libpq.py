"""PyInstaller runtime hook (Linux): psycopg's pure-Python libpq wrapper looks libpq up with
`ctypes.util.find_library("pq")`, which asks the system (ldconfig) and finds nothing on a laptop
without libpq5. In the bundle the answer is the libpq copied beside the program
(packaging/sales-notebook.spec), whatever the system has."""

import ctypes.util
import os
import sys

_find_library = ctypes.util.find_library


def _find_bundled_libpq(name: str) -> str | None:
    if name == "pq":
        return os.path.join(sys._MEIPASS, "libpq.so.5")  # type: ignore[attr-defined]
    return _find_library(name)


ctypes.util.find_library = _find_bundled_libpq
