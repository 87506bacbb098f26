"""Cycles, sessions, registrations and their allowed transitions; projets partagés interests."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from routing.errors import HotlineError

SESSIONS_PER_CYCLE = 4
DEFAULT_CAPACITY = 15
SESSION_LENGTH = timedelta(hours=2)
OFFER_DELAY = timedelta(hours=48)  # a promoted person has this long to confirm
REMINDER_JOB = "ori_reminder"
OFFER_JOB = "ori_offer_expiry"
PROMOTE_JOB = "ori_promote"  # a place freed outside the service (erasure): offer it
JOB_KINDS = (REMINDER_JOB, OFFER_JOB, PROMOTE_JOB)


class CycleStatus(StrEnum):
    """Whether a cycle takes registrations."""

    OPEN = "open"
    CLOSED = "closed"


class RegistrationStatus(StrEnum):
    """Where a person stands in a cycle."""

    CONFIRMED = "confirmed"  # holds a place
    WAITING = "waiting"  # on the waiting list
    OFFERED = "offered"  # promoted: a place is kept for them until `offered_until`
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # let an offer lapse

    @property
    def holds_place(self) -> bool:
        """A confirmed or offered registration counts against the capacity."""
        return self in (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)

    @property
    def is_active(self) -> bool:
        """Still in the cycle (holding a place or waiting for one)."""
        return self.holds_place or self == RegistrationStatus.WAITING


S = RegistrationStatus
TRANSITIONS: dict[RegistrationStatus, frozenset[RegistrationStatus]] = {
    S.WAITING: frozenset({S.OFFERED, S.CANCELLED}),
    S.OFFERED: frozenset({S.CONFIRMED, S.EXPIRED, S.CANCELLED}),
    S.CONFIRMED: frozenset({S.CANCELLED}),
    S.CANCELLED: frozenset(),
    S.EXPIRED: frozenset(),
}


class InterestKind(StrEnum):
    """How a collectivité wants to take part in a projet partagé."""

    PARTICIPANT = "participant"
    OBSERVER = "observer"


class OrientationError(HotlineError):
    """Base of the orientation errors a person is told about."""


class CycleUnavailable(OrientationError):
    """Raised for an unknown cycle, a closed one, or one past its registration deadline."""

    def __init__(self, cycle_id: int) -> None:
        super().__init__(cycle_id)
        self.cycle_id = cycle_id


class RegistrationNotFound(OrientationError):
    """Raised when a registration does not exist or belongs to someone else."""


class RegistrationChanged(OrientationError):
    """Raised when a button no longer fits the registration (already cancelled, offer lapsed)."""


class ThemeUnavailable(OrientationError):
    """Raised for an unknown or closed projet partagé theme."""


class InvalidCycle(OrientationError):
    """Raised when staff give a cycle that cannot be (missing session, past date...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PlaceConflict(Exception):
    """Raised by storage when a unique place or collectivité rule stopped a write."""


def can_move(current: RegistrationStatus, target: RegistrationStatus) -> bool:
    """Tell whether a registration may go from `current` to `target`."""
    return target in TRANSITIONS[current]


def collectivite_key(name: str) -> str:
    """Fold a collectivité name so "Mairie de Saint-Étienne" and "mairie de saint etienne" match."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in text).split()
    return " ".join(words)[:200]


@dataclass(frozen=True)
class Session:
    """One two-hour visio session of a cycle (times in UTC)."""

    id: int
    number: int
    starts_at: datetime

    @property
    def ends_at(self) -> datetime:
        """When the session ends."""
        return self.starts_at + SESSION_LENGTH


@dataclass(frozen=True)
class CycleDraft:
    """What staff give to create or edit a cycle."""

    theme: str
    description: str
    starts: tuple[datetime, ...]
    visio_link: str
    deadline: datetime
    capacity: int = DEFAULT_CAPACITY
    topics: tuple[str, ...] = ()  # knowledge-base slugs whose answers lead to this cycle


@dataclass(frozen=True)
class Cycle:
    """A cycle of four sessions and its places."""

    id: int
    theme: str
    description: str
    sessions: tuple[Session, ...]
    visio_link: str
    capacity: int
    deadline: datetime
    status: CycleStatus
    topics: tuple[str, ...] = ()
    taken: int = 0  # places held (confirmed or offered)

    @property
    def places_left(self) -> int:
        """Places not held by anyone."""
        return max(0, self.capacity - self.taken)

    def open_at(self, now: datetime) -> bool:
        """Tell whether registrations are accepted at `now`."""
        return self.status == CycleStatus.OPEN and now <= self.deadline


@dataclass(frozen=True)
class Profile:
    """What registering needs to know of a person; any field may still be missing."""

    collectivite: str | None = None
    role: str | None = None
    email: str | None = None

    def missing(self) -> list[str]:
        """The fields still to ask, in the order they are asked."""
        return [name for name in ("collectivite", "role", "email") if not getattr(self, name)]


@dataclass(frozen=True)
class Registration:
    """A person's place (or wait) in a cycle."""

    id: int
    cycle_id: int
    user_id: int
    collectivite: str
    role: str
    email: str
    status: RegistrationStatus
    created_at: datetime
    offered_until: datetime | None = None
    name: str = ""
    attended: frozenset[int] = field(default_factory=frozenset)  # session numbers present


@dataclass(frozen=True)
class Outcome:
    """What registering gave: a place, the waiting list, or why not (and who holds it)."""

    status: str  # "confirmed", "waiting", "taken", "full", "already"
    registration: Registration | None = None
    holder: str = ""
    position: int = 0


@dataclass(frozen=True)
class SharedTheme:
    """A projet partagé theme open for expressions of interest."""

    id: int
    slug: str
    title: str
    description: str
    open: bool = True


@dataclass(frozen=True)
class Interest:
    """A collectivité's interest in a projet partagé theme."""

    id: int
    theme_id: int
    user_id: int
    collectivite: str
    kind: InterestKind
    created_at: datetime
