"""Accented names: "Ärzte GmbH" and "ärzte gmbh" are one account, deal or person."""

from __future__ import annotations

import unicodedata

import pytest

from sales_notebook.core.names import name_key
from sales_notebook.paths import DataPaths
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.migrate import HEAD_REVISION, prepare, stored_revision
from sales_notebook.store.sqlite_lib import sqlite3
from tests.store.test_migrations import load_frozen

DECOMPOSED = unicodedata.normalize("NFD", "Ärzte GmbH")  # A + combining diaeresis


def test_the_key_folds_case_accents_forms_and_spaces() -> None:
    assert name_key("Ärzte GmbH") == name_key("ärzte gmbh") == name_key("ÄRZTE  GMBH")
    assert name_key(DECOMPOSED) == name_key("Ärzte GmbH")
    assert name_key("Straße") == name_key("STRASSE")
    assert name_key("Ａｃｍｅ") == name_key("acme")  # full-width letters
    assert name_key("Ärzte") != name_key("Arzte")  # an accent is still a different letter


@pytest.mark.parametrize("typed", ["ärzte gmbh", "ÄRZTE GMBH", DECOMPOSED, " Ärzte  GmbH "])
def test_an_existing_account_is_found_whatever_its_case(services, typed: str) -> None:
    first = services.accounts.add("Ärzte GmbH")
    assert services.accounts.find_or_add(typed) == (first, None)
    with pytest.raises(InvalidInput, match="already an account"):
        services.accounts.add(typed)
    other = services.accounts.add("Zahnärzte AG")
    with pytest.raises(InvalidInput, match="already an account"):
        services.accounts.rename(other, typed)
    assert [a.name for a in services.accounts.all()] == ["Ärzte GmbH", "Zahnärzte AG"]


def test_deals_and_people_are_matched_the_same_way(services) -> None:
    account, deal = services.accounts.find_or_add("Ärzte GmbH", "Öffentliche Ausschreibung")
    assert services.accounts.find_or_add("ärzte gmbh", "öffentliche ausschreibung") == (
        account,
        deal,
    )
    with pytest.raises(InvalidInput, match="already has a deal"):
        services.accounts.add_deal(account, "ÖFFENTLICHE AUSSCHREIBUNG")
    call_id = services.calls.start(account)
    jurgen = services.attendance.add_person(account, "Jürgen Müller, CFO", call_id)
    again = services.attendance.add_person(account, "jürgen müller", call_id)
    assert again.id == jurgen.id


def test_the_migration_keys_old_rows_and_keeps_duplicates_apart(paths: DataPaths) -> None:
    load_frozen(paths, "0003_search_index")
    con = sqlite3.connect(paths.database)
    con.executemany(
        "INSERT INTO account (name, created_at) VALUES (?, '2026-01-01 00:00:00')",
        [("Ärzte GmbH",), ("ärzte gmbh",)],  # what the ASCII-only lower() let in
    )
    con.commit()
    con.close()
    prepare(paths)
    assert stored_revision(paths.database) == HEAD_REVISION
    con = sqlite3.connect(paths.database)
    keys = dict(con.execute("SELECT name, name_key FROM account"))
    con.close()
    assert keys["Ärzte GmbH"] == "ärzte gmbh"  # the first keeps the plain key: it is found
    assert keys["ärzte gmbh"].startswith("ärzte gmbh #")  # nothing merged, nothing lost
    assert all(key == name_key(name) for name, key in keys.items() if "#" not in key)


def test_an_export_from_before_the_keys_imports_with_keys(services) -> None:
    from sales_notebook.store.transfer import export_document, import_document, parse_document

    services.accounts.find_or_add("Ärzte GmbH", "Öffentliche Ausschreibung")
    document = export_document(services.db)
    for table in ("account", "deal", "stakeholder"):
        for row in document["tables"][table]:
            row.pop("name_key")  # what an older version wrote
    import_document(services.db, parse_document(document), replace=True)
    assert services.accounts.find_or_add("ÄRZTE GMBH", "öffentliche ausschreibung") == (1, 1)


def test_a_row_inserted_by_plain_sql_gets_a_key(services, paths: DataPaths) -> None:
    con = sqlite3.connect(paths.database)
    con.executemany(
        "INSERT INTO account (name, created_at) VALUES (?, '2026-01-01')",
        [("Account 001",), ("Account 002",)],
    )
    con.commit()
    con.close()
    assert services.accounts.find_or_add("ACCOUNT 002")[0] == 2
    assert len(services.accounts.all()) == 2
