"""Staff's side of the ateliers and projets partagés: cycles, attendance, exports, interests."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from routing.orientation.model import (
    SESSIONS_PER_CYCLE,
    Cycle,
    CycleDraft,
    CycleStatus,
    CycleUnavailable,
    InterestKind,
    InvalidCycle,
    Registration,
    RegistrationStatus,
    SharedTheme,
)
from routing.orientation.notices import Notices
from routing.orientation.projects import ThemeInterests
from routing.tickets.business_hours import Clock

MAX_CAPACITY = 200
STATUS_ORDER = ("confirmed", "offered", "waiting", "expired", "cancelled")
CSV_STATUS = {
    "confirmed": "place confirmée",
    "offered": "place proposée",
    "waiting": "liste d'attente",
    "expired": "délai dépassé",
    "cancelled": "annulée",
}
CSV_ROLE = {"elu": "élu·e", "agent": "agent·e", "autre": "autre"}


@dataclass(frozen=True)
class Roster:
    """A cycle with its registrations in list order (places first, then the waiting list)."""

    cycle: Cycle
    registrations: tuple[Registration, ...]

    def completed(self, registration: Registration) -> bool:
        """Attended all four sessions."""
        numbers = {s.number for s in self.cycle.sessions}
        return bool(numbers) and numbers <= registration.attended


def local_time(text: str, timezone: str) -> datetime:
    """Read "2027-01-12 14:00" (or the HTML form's "2027-01-12T14:00") as a Paris time."""
    try:
        moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        raise InvalidCycle(f"« {text} » n'est pas une date AAAA-MM-JJ HH:MM") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    return moment.astimezone(UTC)


class OrientationStaff:
    """What the back-office and the `hotline ateliers` command do."""

    def __init__(self, uow_factory: Callable, clock: Clock, timezone: str) -> None:
        self.uow_factory = uow_factory
        self.clock = clock
        self.tz = ZoneInfo(timezone)
        self.notices = Notices(timezone)

    def validate(self, draft: CycleDraft, creating: bool = True) -> CycleDraft:
        """Check a cycle before saving it; raise InvalidCycle with the reason."""
        if not 3 <= len(draft.theme.strip()) <= 200:
            raise InvalidCycle("le thème doit faire entre 3 et 200 caractères")
        if len(draft.starts) != SESSIONS_PER_CYCLE:
            raise InvalidCycle("un cycle compte exactement quatre séances")
        starts = tuple(sorted(draft.starts))
        if len(set(starts)) != SESSIONS_PER_CYCLE:
            raise InvalidCycle("deux séances ont la même date")
        if creating and starts[0] <= self.clock.now():
            raise InvalidCycle("la première séance est déjà passée")
        if draft.deadline > starts[0]:
            raise InvalidCycle("la date limite d'inscription doit précéder la première séance")
        if not 1 <= draft.capacity <= MAX_CAPACITY:
            raise InvalidCycle(f"la capacité doit être entre 1 et {MAX_CAPACITY}")
        link = urlparse(draft.visio_link.strip())
        if link.scheme != "https" or not link.netloc:
            raise InvalidCycle("le lien de visio doit commencer par https://")
        return replace(draft, theme=draft.theme.strip(), starts=starts)

    def create(self, draft: CycleDraft) -> Cycle:
        """Create an open cycle and schedule its reminders."""
        draft = self.validate(draft)
        with self.uow_factory() as uow:
            cycle = uow.orientation.add_cycle(draft, self.clock.now())
            self.notices.schedule(uow, cycle)
            uow.commit()
        return cycle

    def update(self, cycle_id: int, draft: CycleDraft) -> Cycle:
        """Edit a cycle; moved sessions get new reminders (the old ones see the change)."""
        draft = self.validate(draft, creating=False)
        with self.uow_factory() as uow:
            uow.orientation.lock_cycle(cycle_id)
            self._cycle(uow, cycle_id)
            cycle = uow.orientation.update_cycle(cycle_id, draft)
            self.notices.schedule(uow, cycle)
            uow.commit()
        return cycle

    def close(self, cycle_id: int) -> Cycle:
        """Stop registrations (the registered keep their places and reminders)."""
        with self.uow_factory() as uow:
            self._cycle(uow, cycle_id)
            uow.orientation.set_status(cycle_id, CycleStatus.CLOSED)
            cycle = uow.orientation.cycle(cycle_id)
            uow.commit()
        return cycle

    def delete(self, cycle_id: int) -> None:
        """Delete a cycle nobody registered for (one with registrations is closed instead)."""
        with self.uow_factory() as uow:
            uow.orientation.lock_cycle(cycle_id)
            self._cycle(uow, cycle_id)
            if uow.orientation.registrations(cycle_id, tuple(RegistrationStatus)):
                raise InvalidCycle(
                    "des personnes s'y sont inscrites : "
                    "fermez-le plutôt (« Clore les inscriptions »)"
                )
            uow.orientation.delete_cycle(cycle_id)  # its reminders find no session and stop
            uow.commit()

    def cycles(self) -> list[Cycle]:
        """Every cycle, soonest first."""
        with self.uow_factory() as uow:
            return uow.orientation.cycles()

    def roster(self, cycle_id: int) -> Roster:
        """A cycle's registrations, places first, then the waiting list in order."""
        with self.uow_factory() as uow:
            cycle = self._cycle(uow, cycle_id)
            found = uow.orientation.registrations(cycle_id, tuple(RegistrationStatus))
        found.sort(key=lambda r: (STATUS_ORDER.index(r.status), r.id))
        return Roster(cycle, tuple(found))

    def set_attendance(self, cycle_id: int, number: int, present: set[int]) -> None:
        """Record who attended session `number` (registration ids; the others were absent)."""
        with self.uow_factory() as uow:
            cycle = self._cycle(uow, cycle_id)
            session = next((s for s in cycle.sessions if s.number == number), None)
            if session is None:
                raise InvalidCycle("séance inconnue")
            holders = uow.orientation.registrations(cycle_id, (RegistrationStatus.CONFIRMED,))
            for registration in holders:
                uow.orientation.set_attendance(
                    session.id, registration.id, registration.id in present
                )
            uow.commit()

    def export_csv(self, cycle_id: int) -> str:
        """The roster as CSV (";") for staff, contacts included (staff only), with attendance."""
        roster = self.roster(cycle_id)
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")  # as the reports: French spreadsheets
        numbers = [s.number for s in roster.cycle.sessions]
        writer.writerow(
            ["statut", "collectivite", "role", "nom", "email", "inscrit_le"]
            + [f"seance_{n}" for n in numbers]
            + ["complet"]
        )
        for r in roster.registrations:
            writer.writerow(
                [
                    CSV_STATUS[r.status],
                    r.collectivite,
                    CSV_ROLE.get(r.role, r.role),
                    r.name,
                    r.email,
                    self.local(r.created_at),
                ]
                + ["oui" if n in r.attended else "" for n in numbers]
                + ["oui" if roster.completed(r) else ""]
            )
        return out.getvalue()

    def local(self, moment: datetime) -> str:
        """A time in Paris, as staff read it."""
        return moment.astimezone(self.tz).strftime("%d/%m/%Y %H:%M")

    def _cycle(self, uow, cycle_id: int) -> Cycle:
        cycle = uow.orientation.cycle(cycle_id)
        if cycle is None:
            raise CycleUnavailable(cycle_id)
        return cycle

    # -- projets partagés ----------------------------------------------------------------
    def add_theme(self, slug: str, title: str, description: str) -> SharedTheme:
        """Open a projet partagé theme for expressions of interest."""
        with self.uow_factory() as uow:
            theme = uow.orientation.add_theme(slug, title.strip(), description.strip())
            uow.commit()
        return theme

    def themes(self) -> list[SharedTheme]:
        """Every projet partagé theme."""
        with self.uow_factory() as uow:
            return uow.orientation.themes(open_only=False)

    def interests(self) -> list[ThemeInterests]:
        """Each theme with its participants (grouped) and observers."""
        with self.uow_factory() as uow:
            result = []
            for theme in uow.orientation.themes(open_only=False):
                found = uow.orientation.interests(theme.id)
                result.append(
                    ThemeInterests(
                        theme,
                        tuple(i for i in found if i.kind == InterestKind.PARTICIPANT),
                        tuple(i for i in found if i.kind == InterestKind.OBSERVER),
                    )
                )
        return result
