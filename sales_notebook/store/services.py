"""The services over one notebook file, built once at start-up and handed to the panes."""

from __future__ import annotations

from dataclasses import dataclass

from sales_notebook.paths import DataPaths
from sales_notebook.store.accounts import AccountsService
from sales_notebook.store.attendance import AttendanceService
from sales_notebook.store.call_facts import CallFactsService
from sales_notebook.store.calls import CallsService
from sales_notebook.store.database import Database
from sales_notebook.store.lessons import LessonsService
from sales_notebook.store.library import LibraryService
from sales_notebook.store.live_call import LiveCallService
from sales_notebook.store.next_steps import NextStepsService
from sales_notebook.store.qualification import QualificationService
from sales_notebook.store.search import SearchService
from sales_notebook.store.stakeholders import StakeholdersService
from sales_notebook.store.taxonomy import TaxonomyService


@dataclass(frozen=True)
class Services:
    """Each pane takes only the services it needs from this bundle."""

    paths: DataPaths
    db: Database
    accounts: AccountsService
    calls: CallsService
    taxonomy: TaxonomyService
    lessons: LessonsService
    next_steps: NextStepsService
    call_facts: CallFactsService
    live_call: LiveCallService
    attendance: AttendanceService
    qualification: QualificationService
    stakeholders: StakeholdersService
    search: SearchService
    library: LibraryService

    @classmethod
    def open(cls, paths: DataPaths) -> Services:
        """Services over an already prepared (migrated) notebook file."""
        db = Database(paths.database)
        return cls(
            paths=paths,
            db=db,
            accounts=AccountsService(db),
            calls=CallsService(db),
            taxonomy=TaxonomyService(db),
            lessons=LessonsService(db),
            next_steps=NextStepsService(db),
            call_facts=CallFactsService(db),
            live_call=LiveCallService(db),
            attendance=AttendanceService(db),
            qualification=QualificationService(db),
            stakeholders=StakeholdersService(db),
            search=SearchService(db),
            library=LibraryService(db),
        )

    def close(self) -> None:
        """Release the database."""
        self.db.dispose()
