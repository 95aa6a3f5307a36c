"""The notebook's side of publishing: which lessons are shared, the outbox, and sync state.

Publishing and unpublishing only write to the notebook (one transaction each), so they work
offline; sync pushes the outbox when the server answers. A shared lesson that is edited or
deleted queues its own change (triggers of migration 0007).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.models import Lesson
from sales_notebook.store.team_models import TeamOutbox, TeamShare, TeamState

PUBLISH = "publish"
UNPUBLISH = "unpublish"


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class OutboxItem:
    id: int
    lesson_uuid: str
    action: str
    queued_at: datetime


class TeamLocal:
    """Publish, unpublish, the outbox and the few sync settings, in the notebook file."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def db(self) -> Database:
        return self._db

    def publish(self, lesson_ids: Iterable[int], share_account: bool | None = None) -> int:
        """Share these lessons at the next sync; `share_account` None keeps each one's choice.

        Returns how many were queued. An unknown id is refused and nothing is queued.
        """
        ids = list(dict.fromkeys(lesson_ids))
        with self._db.session() as s:
            uuids = self._uuids(s, ids)
            for lesson_id in ids:
                share = s.get(TeamShare, lesson_id)
                if share is None:
                    s.add(TeamShare(lesson_id=lesson_id, share_account=bool(share_account)))
                elif share_account is not None:
                    share.share_account = share_account
                s.add(
                    TeamOutbox(lesson_uuid=uuids[lesson_id], action=PUBLISH, queued_at=now_text())
                )
        return len(ids)

    def publish_all(self) -> int:
        """Share every lesson not shared yet (the account's name is not shared)."""
        with self._db.session() as s:
            shared = select(TeamShare.lesson_id)
            ids = list(s.scalars(select(Lesson.id).where(Lesson.id.not_in(shared))))
        return self.publish(ids) if ids else 0

    def unpublish(self, lesson_ids: Iterable[int]) -> int:
        """Take these lessons back from the team at the next sync; returns how many were shared."""
        ids = list(dict.fromkeys(lesson_ids))
        with self._db.session() as s:
            uuids = self._uuids(s, ids)
            shared = set(s.scalars(select(TeamShare.lesson_id).where(TeamShare.lesson_id.in_(ids))))
            s.execute(delete(TeamShare).where(TeamShare.lesson_id.in_(ids)))
            for lesson_id in ids:
                s.add(
                    TeamOutbox(lesson_uuid=uuids[lesson_id], action=UNPUBLISH, queued_at=now_text())
                )
        return len(shared)

    @staticmethod
    def _uuids(s: Session, ids: list[int]) -> dict[int, str]:
        found = dict(s.execute(select(Lesson.id, Lesson.uuid).where(Lesson.id.in_(ids))).all())
        missing = [str(i) for i in ids if i not in found]
        if missing:
            raise InvalidInput(f"No lesson with id {', '.join(missing)}.")
        return found

    def shares(self) -> dict[int, bool]:
        """Every shared lesson's id, with whether its account's name is shared."""
        with self._db.session() as s:
            return dict(s.execute(select(TeamShare.lesson_id, TeamShare.share_account)).all())

    def outbox(self) -> list[OutboxItem]:
        """The changes not yet on the server, oldest first."""
        with self._db.session() as s:
            rows = s.execute(select(TeamOutbox).order_by(TeamOutbox.id)).scalars()
            return [
                OutboxItem(r.id, r.lesson_uuid, r.action, _parse_time(r.queued_at)) for r in rows
            ]

    def outbox_size(self) -> int:
        with self._db.session() as s:
            return int(s.scalar(select(func.count()).select_from(TeamOutbox)) or 0)

    def forget_sent(self, last_id: int) -> None:
        """Drop the outbox up to `last_id`, once the server has committed those changes."""
        with self._db.session() as s:
            s.execute(delete(TeamOutbox).where(TeamOutbox.id <= last_id))

    def get(self, key: str) -> str | None:
        with self._db.session() as s:
            row = s.get(TeamState, key)
            return row.value if row else None

    def put(self, **values: str | None) -> None:
        with self._db.session() as s:
            for key, value in values.items():
                if value is None:
                    s.execute(delete(TeamState).where(TeamState.key == key))
                else:
                    s.merge(TeamState(key=key, value=value))


def _parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
