"""A deal's qualification checklist, carried from call to call."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from sales_notebook.core.qualification import FRAMEWORKS, Framework, framework
from sales_notebook.core.vocabulary import Knowledge
from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.models import Deal, QualificationItem, utcnow

MAX_ITEM_NOTE = 500


@dataclass(frozen=True)
class ChecklistItem:
    state: Knowledge = Knowledge.UNKNOWN
    note: str = ""


@dataclass(frozen=True)
class Checklist:
    framework: Framework
    items: dict[str, ChecklistItem] = field(default_factory=dict)

    def item(self, key: str) -> ChecklistItem:
        """The stored state of a field; unknown with no note if never touched."""
        return self.items.get(key, ChecklistItem())


class QualificationService:
    """Reads and writes QualificationItem rows; each framework keeps its own answers."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def checklist(self, deal_id: int) -> Checklist:
        """The deal's chosen framework with what is known so far."""
        with self._db.session() as s:
            deal = s.get_one(Deal, deal_id)
            fw = framework(deal.checklist)
            rows = s.scalars(
                select(QualificationItem).where(
                    QualificationItem.deal_id == deal_id, QualificationItem.framework == fw.key
                )
            )
            items = {r.field: ChecklistItem(Knowledge(r.state), r.note) for r in rows}
        return Checklist(fw, items)

    def set_framework(self, deal_id: int, key: str) -> Checklist:
        """Qualify the deal with another framework; answers given under the old one stay."""
        if key not in FRAMEWORKS:
            raise InvalidInput(f"There is no checklist called “{key}”.")
        with self._db.session() as s:
            s.get_one(Deal, deal_id).checklist = key
        return self.checklist(deal_id)

    def set_item(
        self, deal_id: int, framework_key: str, field_key: str, state: Knowledge, note: str
    ) -> None:
        """Record what is known about one field of the deal."""
        fw = FRAMEWORKS.get(framework_key)
        if fw is None or fw.field(field_key) is None:
            raise InvalidInput(f"“{field_key}” is not a field of the {framework_key} checklist.")
        note = " ".join(note.split())[:MAX_ITEM_NOTE]
        with self._db.session() as s:
            row = s.scalar(
                select(QualificationItem).where(
                    QualificationItem.deal_id == deal_id,
                    QualificationItem.framework == framework_key,
                    QualificationItem.field == field_key,
                )
            )
            if row is None:
                row = QualificationItem(deal_id=deal_id, framework=framework_key, field=field_key)
                s.add(row)
            row.state = Knowledge(state).value
            row.note = note
            row.updated_at = utcnow()
