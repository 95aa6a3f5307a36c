"""the default root causes (the user may edit them later)

Revision ID: 0002_default_root_causes
Revises: 0001_initial
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_default_root_causes"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# Frozen here on purpose: a revision must insert the same rows whatever the code says later.
DEFAULTS = (
    ("no-boundaries", "No boundaries",
     "Did you propose a concrete starting option?",
     "Open with \u201cWe propose you start with\u2026\u201d and two or three defined choices"),
    ("missed-boss", "Missed the boss",
     "Do you know who makes the final decision, and did you reach them?",
     "Ask who else decides and how decisions like this get made"),
    ("avoided-hard-talk", "Avoided hard talk",
     "Did you discuss risks, failure and what happens if things go wrong?",
     "Raise how a failure would be handled, before they ask"),
    ("wrong-priority", "Wrong priority",
     "Do you know where this ranks among their priorities?",
     "Ask where this sits; aim for a credible number three"),
    ("no-insight", "No insight",
     "Did you bring an idea they had not considered?",
     "Bring one idea about what should keep them awake"),
    ("product-pitch", "Product pitch",
     "Was most of the call about their situation rather than your product?",
     "Talk about their goals before your product"),
    ("no-discovery", "No discovery",
     "Did you ask what they want, rather than assume?",
     "Ask what they want, and listen"),
    ("no-next-step", "No next step",
     "Did you agree a dated next step?",
     "Leave with a dated next step"),
    ("slow-decision", "Not ready to move fast",
     "Did you help them prepare to move fast once they decide?",
     "Offer the resources that let them move fast"),
    ("brand-trust", "Lost on familiarity",
     "Did you address the decision maker\u2019s need for safety and legitimacy?",
     "Bring references and a case study for the non-technical buyer"),
    ("poor-listening", "Talked more than listened",
     "Did they talk more than you did?",
     "Ask, then stop talking; summarise what you heard"),
    ("no-urgency", "No reason to act now",
     "Is there a dated event that makes them act?",
     "Find the compelling event and its date"),
    ("no-value-case", "Price without value",
     "Did you put a number on what the problem costs them?",
     "Quantify the cost of doing nothing before you name a price"),
    ("no-preparation", "Unprepared",
     "Did you research the account and the people before the call?",
     "Spend ten minutes on the account and the attendees first"),
)  # fmt: skip

root_cause = sa.table(
    "root_cause",
    sa.column("id", sa.String),
    sa.column("name", sa.String),
    sa.column("question", sa.Text),
    sa.column("prompt", sa.Text),
    sa.column("retired", sa.Boolean),
    sa.column("sort_order", sa.Integer),
)


def upgrade() -> None:
    op.bulk_insert(
        root_cause,
        [
            {"id": i, "name": n, "question": q, "prompt": p, "retired": False, "sort_order": k}
            for k, (i, n, q, p) in enumerate(DEFAULTS)
        ],
    )


def downgrade() -> None:
    ids = [row[0] for row in DEFAULTS]
    op.execute(root_cause.delete().where(root_cause.c.id.in_(ids)))
