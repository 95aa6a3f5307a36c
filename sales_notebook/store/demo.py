"""A realistic demo notebook: accounts, people, calls with notes and lessons from failed calls."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.models import (
    Account,
    Call,
    CallAttendee,
    CallMarker,
    Deal,
    Lesson,
    LessonCause,
    NextStep,
    Stakeholder,
    StakeholderLink,
)

# (account, deal, [(name, title, role, attitude, influence, coverage, reports_to)])
Person = tuple[str, str, str, str, int, str, int | None]
PEOPLE: dict[tuple[str, str], list[Person]] = {
    ("Northwind Clinics", "Patient outreach platform"): [
        ("Priya Raman", "Head of Digital Marketing", "champion", "supporter", 3, "in_depth", 2),
        ("Tom Okafor", "Marketing Analytics Lead", "user", "neutral", 2, "multiple", 0),
        (
            "Helen Brandt",
            "Chief Marketing Officer",
            "decision_maker",
            "unknown",
            5,
            "no_contact",
            None,
        ),
    ],
    ("Kestrel Logistics", "Fleet telemetry pilot"): [
        ("Marco Bellini", "Senior Developer", "technical_evaluator", "supporter", 3, "in_depth", 1),
        ("Ruth Ng", "Operations Director", "decision_maker", "skeptic", 5, "brief", None),
        ("Sam Patel", "Procurement Manager", "gatekeeper", "neutral", 2, "no_contact", 1),
    ],
    ("Harbor Mutual", "Claims automation"): [
        ("Ines Duarte", "VP Claims", "economic_buyer", "supporter", 5, "multiple", None),
        ("Owen Fitzgerald", "IT Security Lead", "blocker", "opponent", 4, "brief", 0),
        ("Lena Sorensen", "Claims Team Lead", "user", "supporter", 2, "multiple", 0),
        ("Raj Mehta", "Enterprise Architect", "influencer", "skeptic", 3, "brief", 0),
    ],
    ("Blue Fern Foods", "Supplier portal"): [
        ("Chloe Martin", "Supply Chain Analyst", "champion", "supporter", 2, "in_depth", None),
    ],
    ("Altamira Schools", "District licence renewal"): [
        ("Daniel Ortiz", "IT Coordinator", "technical_evaluator", "neutral", 2, "multiple", 1),
        ("Grace Liu", "Superintendent", "decision_maker", "neutral", 5, "brief", None),
        ("Noah Fischer", "Finance Officer", "economic_buyer", "skeptic", 4, "no_contact", 1),
    ],
}

# (account, days ago, minutes, outcome, title, notes, attendees by index, markers)
CALLS = [
    ("Northwind Clinics", 62, 35, "advanced", "Intro with Priya",
     "# Intro call\n- Priya runs digital campaigns for 14 clinics\n- Pain: no-shows cost them "
     "about 8% of slots\n- She wants ideas, open to a pilot\n\nNext: send overview deck",
     [0], [("pain", 240), ("next_step", 1900)]),
    ("Northwind Clinics", 41, 50, "stalled", "Follow-up with marketing",
     "Walked through the deck again. They asked about our web traffic and how we engage "
     "patients, got into a lot of platform detail.\n\nI kept it open on purpose, no package "
     "or price on the table, thought they'd design the pilot themselves. They didn't. "
     "Call drifted, no clear next step, 'we'll think about it'.",
     [0, 1], [("objection", 1200), ("risk", 2400)]),
    ("Northwind Clinics", 12, 25, None, "Reset call",
     "Opened with: we propose you start with the reminders pilot in two clinics, 90 days, "
     "fixed fee. Priya liked having something concrete.\n- CMO Helen signs anything over 50k\n"
     "- Timeline: budget cycle closes in March",
     [0], [("decision_maker", 600), ("timeline", 900), ("next_step", 1400)]),
    ("Kestrel Logistics", 80, 60, "advanced", "Architecture deep dive",
     "Marco took us through the whole stack: Kafka, Postgres, their deploy scripts. Great "
     "rapport, he loved that we asked about everything. My colleague was lost.\n\nNever asked who "
     "signs off.", [0], [("pain", 800), ("competitor", 2700)]),
    ("Kestrel Logistics", 30, 20, "lost", "Decision call",
     "Marco called: Ruth (ops director) picked the big-name vendor. 'Nobody gets fired for "
     "choosing them.' We never met Ruth. She wanted references from companies like theirs.",
     [0], [("decision_maker", 120), ("competitor", 300)]),
    ("Harbor Mutual", 55, 45, "advanced", "Discovery with Ines",
     "- Claims backlog 6 weeks, regulator watching\n- Ines owns budget\n- Owen worried about "
     "data residency\n- Asked what happens if the rollout fails: agreed a rollback plan",
     [0, 2], [("pain", 300), ("budget", 1100), ("risk", 1800), ("next_step", 2600)]),
    ("Harbor Mutual", 34, 40, "stalled", "Security review",
     "Owen grilled us on encryption. I pitched features for most of the call, slides on "
     "our roadmap. Didn't ask what their real concern was. He left unconvinced.",
     [1, 3], [("objection", 500), ("objection", 1500)]),
    ("Harbor Mutual", 9, 30, "advanced", "Pilot scoping",
     "Agreed pilot scope with Ines and Lena. Raj wants an architecture review first. "
     "Next step: workshop on the 14th, dated and in calendars.",
     [0, 2, 3], [("next_step", 1500), ("decision_process", 900)]),
    ("Blue Fern Foods", 70, 30, "no_decision", "Portal demo",
     "Demoed the supplier portal to Chloe. Nice chat, she'll 'socialise it internally'. "
     "No date, no next meeting, no idea who else is involved.",
     [0], [("next_step", 1700)]),
    ("Blue Fern Foods", 44, 15, "stalled", "Check-in",
     "Chloe says there's no rush, maybe next year. Nothing forcing a decision. I didn't "
     "quantify what late supplier data costs them.",
     [0], [("timeline", 400)]),
    ("Blue Fern Foods", 5, 20, None, "Value conversation",
     "Worked out with Chloe that late supplier updates cost ~120k/year in spoilage. "
     "She'll bring the number to her VP.",
     [0], [("pain", 300), ("budget", 800)]),
    ("Altamira Schools", 90, 40, "advanced", "Renewal kickoff",
     "Daniel happy with the product. Grace (superintendent) decides, Noah controls budget. "
     "Renewal due in June.", [0], [("decision_maker", 500), ("timeline", 1000)]),
    ("Altamira Schools", 60, 35, "stalled", "Pricing",
     "Sent the price before we talked value. Noah said it's too expensive compared to last "
     "year. I talked most of the call, they barely got a word in.",
     [0], [("budget", 600), ("objection", 1200)]),
    ("Altamira Schools", 21, 30, "lost", "Board outcome",
     "Board cut the budget line during the reorg. Grace apologised; nothing we could have "
     "done on price. We also never discussed what a failed rollout would mean for them.",
     [1], [("risk", 700)]),
    ("Altamira Schools", 2, 25, None, "Re-engagement",
     "New fiscal year. Prepared this time: read the board minutes and Grace's priorities. "
     "Proposed two options with dates.", [0, 1], [("next_step", 1300)]),
]  # fmt: skip

# (account, index into CALLS, title, outcome, happened, differently, causes)
LESSONS = [
    ("Northwind Clinics", 1, "Open-ended offer to expert marketers", "stalled",
     "I left the collaboration open so they could shape it; the call wandered into details.",
     "Propose a concrete starting option with two or three defined choices.",
     [("no-boundaries", "Kept it open on purpose, no package on the table", True),
      ("no-next-step", "Ended on 'we'll think about it'", True)]),
    ("Kestrel Logistics", 4, "Won the developer, lost to the ops director", "lost",
     "We won over the senior developer and never met the director who chose a big brand.",
     "Ask who signs off in the first call; bring references for the non-technical buyer.",
     [("missed-boss", "Never asked who signs off", True),
      ("brand-trust", "Ops director picked the household name", True)]),
    ("Harbor Mutual", 6, "Feature tour for a security skeptic", "stalled",
     "I answered a security concern with a roadmap pitch.",
     "Ask what the real concern is; talk about their risk before our features.",
     [("product-pitch", "Pitched features for most of the call", True),
      ("no-discovery", "Didn't ask what their real concern was", True)]),
    ("Blue Fern Foods", 8, "Friendly demo, no next step", "no_decision",
     "Pleasant demo with a champion, ended with nothing dated.",
     "Leave every call with a dated next step and the names of the other deciders.",
     [("no-next-step", "No date, no next meeting", True),
      ("missed-boss", "No idea who else is involved", True)]),
    ("Blue Fern Foods", 9, "No reason to move this year", "stalled",
     "Nothing made them act now, and I never put a number on the cost of waiting.",
     "Find the compelling event; quantify the cost of doing nothing.",
     [("no-urgency", "'No rush, maybe next year'", True),
      ("no-value-case", "Didn't quantify what late data costs", True)]),
    ("Altamira Schools", 12, "Price before value", "stalled",
     "I sent the price first and talked over them.",
     "Quantify value before price; ask, then stop talking.",
     [("no-value-case", "Sent the price before we talked value", True),
      ("poor-listening", "They barely got a word in", True)]),
    ("Altamira Schools", 13, "Budget cut in a reorg", "lost",
     "The board cut the budget during a reorganisation.",
     "Raise how a failure or a budget change would be handled, early.",
     [("avoided-hard-talk", "Never discussed a failed rollout", True),
      ("wrong-priority", "Budget line cut in the reorg", False)]),
    ("Northwind Clinics", 0, "Deck instead of an idea", "advanced",
     "The intro went fine but I brought a deck, not a point of view.",
     "Bring one idea about what should keep them awake.",
     [("no-insight", "Brought the overview deck only", True)]),
]  # fmt: skip


def fill_demo(db: Database, today: date | None = None) -> dict[str, int]:
    """Fill an empty notebook with the demo; refuses a notebook that already has accounts."""
    now = datetime.combine(today or date.today(), datetime.min.time(), UTC)
    now += timedelta(hours=10)
    with db.session() as s:
        if s.scalar(select(func.count()).select_from(Account)):
            raise InvalidInput("The demo only fills an empty notebook; this one has accounts.")
        accounts: dict[str, Account] = {}
        people: dict[str, list[Stakeholder]] = {}
        for (account_name, deal_name), rows in PEOPLE.items():
            account = Account(name=account_name, created_at=now - timedelta(days=120))
            account.deals.append(Deal(name=deal_name))
            s.add(account)
            s.flush()
            accounts[account_name] = account
            cards = [
                Stakeholder(
                    account_id=account.id, name=n, title=t, decision_role=r, attitude=a,
                    influence=i, coverage=c,
                )
                for n, t, r, a, i, c, _ in rows
            ]  # fmt: skip
            s.add_all(cards)
            s.flush()
            for card, row in zip(cards, rows, strict=True):
                if row[6] is not None:
                    s.add(
                        StakeholderLink(
                            source_id=card.id, target_id=cards[row[6]].id, kind="reports_to"
                        )
                    )
            people[account_name] = cards
        calls: list[Call] = []
        for account_name, days, minutes, outcome, title, notes, who, markers in CALLS:
            account = accounts[account_name]
            started = now - timedelta(days=days)
            call = Call(
                account_id=account.id, deal_id=account.deals[0].id, title=title,
                started_at=started, ended_at=started + timedelta(minutes=minutes),
                notes=notes, notes_saved_at=started + timedelta(minutes=minutes),
                outcome=outcome,
            )  # fmt: skip
            s.add(call)
            s.flush()
            calls.append(call)
            for index in who:
                person = people[account_name][index]
                s.add(CallAttendee(call_id=call.id, stakeholder_id=person.id))
                if person.last_contact is None or person.last_contact < started.date():
                    person.last_contact = started.date()
            for kind, seconds in markers:
                s.add(CallMarker(call_id=call.id, kind=kind, elapsed_seconds=seconds))
            if outcome == "advanced":
                s.add(
                    NextStep(
                        call_id=call.id, text="Follow up", due=(started + timedelta(days=7)).date()
                    )
                )
        for _account, index, title, outcome, happened, differently, causes in LESSONS:
            call = calls[index]
            lesson = Lesson(
                call_id=call.id, account_id=call.account_id, title=title, outcome=outcome,
                what_happened=happened, do_differently=differently,
                created_at=call.started_at + timedelta(hours=2),
            )  # fmt: skip
            lesson.causes = [
                LessonCause(cause_id=c, evidence=e, controllable=k) for c, e, k in causes
            ]
            s.add(lesson)
        return {"accounts": len(accounts), "calls": len(calls), "lessons": len(LESSONS)}
