"""Accounts and their deals: the sidebar's aggregate."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sales_notebook.core.names import name_key, sort_key
from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.models import Account, Deal

MAX_NAME = 200


@dataclass(frozen=True)
class DealRow:
    id: int
    account_id: int
    name: str


@dataclass(frozen=True)
class AccountRow:
    id: int
    name: str
    deals: tuple[DealRow, ...]


def clean_name(name: str, what: str) -> str:
    """Trim a name and refuse an empty or overlong one with a message the user understands."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput(f"The {what} needs a name.")
    if len(cleaned) > MAX_NAME:
        raise InvalidInput(f"The {what} name is too long (at most {MAX_NAME} characters).")
    return cleaned


class AccountsService:
    """Create, rename, list and delete accounts and deals."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[AccountRow]:
        """Every account with its deals, in name order (case and accents aside)."""
        with self._db.session() as s:
            accounts = sorted(s.scalars(select(Account)), key=lambda a: sort_key(a.name))
            deals = sorted(s.scalars(select(Deal)), key=lambda d: sort_key(d.name))
        by_account: dict[int, list[DealRow]] = {}
        for d in deals:
            by_account.setdefault(d.account_id, []).append(DealRow(d.id, d.account_id, d.name))
        return [AccountRow(a.id, a.name, tuple(by_account.get(a.id, ()))) for a in accounts]

    def names(self) -> list[str]:
        """Account names, for completion."""
        with self._db.session() as s:
            return sorted(s.scalars(select(Account.name)), key=sort_key)

    def add(self, name: str) -> int:
        """Create an account; refuses a duplicate name."""
        name = clean_name(name, "account")
        try:
            with self._db.session() as s:
                account = Account(name=name)
                s.add(account)
                s.flush()
                return account.id
        except IntegrityError as exc:
            raise InvalidInput(f"There is already an account called “{name}”.") from exc

    def find_or_add(self, account_name: str, deal_name: str = "") -> tuple[int, int | None]:
        """The ids of the named account and deal, creating either if it is new."""
        account_name = clean_name(account_name, "account")
        deal = " ".join(deal_name.split())
        with self._db.session() as s:
            account = s.scalar(select(Account).where(Account.name_key == name_key(account_name)))
            if account is None:
                account = Account(name=account_name)
                s.add(account)
                s.flush()
            if not deal:
                return account.id, None
            deal = clean_name(deal, "deal")
            found = s.scalar(
                select(Deal).where(Deal.account_id == account.id, Deal.name_key == name_key(deal))
            )
            if found is None:
                found = Deal(account_id=account.id, name=deal)
                s.add(found)
                s.flush()
            return account.id, found.id

    def rename(self, account_id: int, name: str) -> None:
        """Rename an account; refuses a name another account already has."""
        name = clean_name(name, "account")
        try:
            with self._db.session() as s:
                s.get_one(Account, account_id).name = name
        except IntegrityError as exc:
            raise InvalidInput(f"There is already an account called “{name}”.") from exc

    def delete(self, account_id: int) -> None:
        """Delete an account with its deals, people and calls."""
        with self._db.session() as s:
            s.delete(s.get_one(Account, account_id))

    def add_deal(self, account_id: int, name: str) -> int:
        """Create a deal on an account; refuses a duplicate name on the same account."""
        name = clean_name(name, "deal")
        try:
            with self._db.session() as s:
                deal = Deal(account_id=account_id, name=name)
                s.add(deal)
                s.flush()
                return deal.id
        except IntegrityError as exc:
            raise InvalidInput(f"This account already has a deal called “{name}”.") from exc

    def rename_deal(self, deal_id: int, name: str) -> None:
        """Rename a deal."""
        name = clean_name(name, "deal")
        try:
            with self._db.session() as s:
                s.get_one(Deal, deal_id).name = name
        except IntegrityError as exc:
            raise InvalidInput(f"This account already has a deal called “{name}”.") from exc

    def delete_deal(self, deal_id: int) -> None:
        """Delete a deal; its calls stay on the account."""
        with self._db.session() as s:
            s.delete(s.get_one(Deal, deal_id))
