"""The advisors' directory: registration, skills, one-time invitation codes."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import timedelta

from knowledge.entries.records import GROUPS
from routing.errors import InvalidInvitation, NotAllowed, UnknownAdvisor, UnknownSkill
from routing.records import Role
from routing.tickets.business_hours import Clock, SystemClock
from routing.tickets.model import Advisor

INVITATION_LIFETIME = timedelta(days=7)
# No 0/O nor 1/I: the code is read aloud or copied by hand.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
HELPER_ROLES = (Role.ADVISOR, Role.STAFF)


def normalise_code(code: str) -> str:
    """Return an invitation code without spaces or dashes, in capitals."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:64]


def hash_code(code: str) -> str:
    """Return the stored form of an invitation code (only the hash is kept)."""
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def new_code() -> str:
    """Return a fresh random code, grouped by four for reading: ABCD-EFGH-JKLM."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


class AdvisorDirectory:
    """Who the advisors and staff are, what they know, and how newcomers join."""

    def __init__(self, uow_factory: Callable, clock: Clock | None = None) -> None:
        self.uow_factory = uow_factory
        self.clock = clock or SystemClock()

    def add(self, user_id: int, name: str, role: Role | str = Role.ADVISOR) -> Advisor:
        """Register (or re-activate) someone as advisor or staff."""
        role = Role(role)
        if role not in HELPER_ROLES:
            raise ValueError("role must be advisor or staff")
        name = " ".join(name.split())[:120] or f"Conseiller {user_id}"
        with self.uow_factory() as uow:
            self._role_changes(uow, user_id, role)
            uow.users.set_role(user_id, role, name)
            uow.advisors.upsert(user_id, name, active=True)
            uow.commit()
            return uow.advisors.get(user_id)

    def remove(self, user_id: int) -> int:
        """Take someone off the advisors; return how many open tickets they still hold."""
        with self.uow_factory() as uow:
            advisor = uow.advisors.get(user_id)
            if advisor is None or not advisor.active:
                raise UnknownAdvisor(user_id)
            uow.access.revoke(user_id, self.clock.now())
            uow.users.set_role(user_id, Role.OFFICIAL)
            uow.advisors.deactivate(user_id)
            held = uow.tickets.open_count_by_advisor().get(user_id, 0)
            uow.commit()
        return held

    def _role_changes(self, uow, user_id: int, role: Role) -> None:
        """End the person's back-office sessions and links when their role is about to change."""
        person = uow.users.get(user_id)
        if person is not None and person.role != role:
            uow.access.revoke(user_id, self.clock.now())

    def get(self, user_id: int) -> Advisor | None:
        """Return an active advisor or staff member, or None."""
        with self.uow_factory() as uow:
            advisor = uow.advisors.get(user_id)
        return advisor if advisor and advisor.active and advisor.role in HELPER_ROLES else None

    def role_of(self, user_id: int) -> Role:
        """Return a person's role as the database says (official when unknown)."""
        with self.uow_factory() as uow:
            person = uow.users.get(user_id)
        return person.role if person else Role.OFFICIAL

    def list(self) -> list[Advisor]:
        """Return the active advisors and staff with their open ticket counts, by name."""
        with self.uow_factory() as uow:
            advisors = uow.advisors.list(active_only=True)
            counts = uow.tickets.open_count_by_advisor()
        found = [
            _with_count(a, counts.get(a.user_id, 0)) for a in advisors if a.role in HELPER_ROLES
        ]
        return sorted(found, key=lambda a: (a.name.lower(), a.user_id))

    def set_skills(self, user_id: int, skills: Iterable[str]) -> Advisor:
        """Replace someone's skills by knowledge-base slugs or groups (unknown ones refused)."""
        wanted = list(dict.fromkeys(s.strip().lower() for s in skills if s.strip()))
        with self.uow_factory() as uow:
            advisor = uow.advisors.get(user_id)
            if advisor is None or not advisor.active:
                raise UnknownAdvisor(user_id)
            for skill in wanted:
                if skill not in GROUPS and uow.entries.get(skill) is None:
                    raise UnknownSkill(skill)
            uow.advisors.set_skills(user_id, wanted)
            uow.commit()
            return uow.advisors.get(user_id)

    def create_invitation(self, staff_id: int | None, role: Role | str = Role.ADVISOR) -> str:
        """Return a one-time code valid 7 days; `staff_id` None means the staff's terminal."""
        role = Role(role)
        if role not in HELPER_ROLES:
            raise ValueError("role must be advisor or staff")
        code, now = new_code(), self.clock.now()
        with self.uow_factory() as uow:
            if staff_id is not None:
                person = uow.users.get(staff_id)
                if person is None or person.role != Role.STAFF:
                    raise NotAllowed("invite", staff_id)
            uow.advisors.add_invitation(
                hash_code(code), role, staff_id, now, now + INVITATION_LIFETIME
            )
            uow.commit()
        return code

    def join(self, user_id: int, first_name: str, code: str) -> Advisor:
        """Use an invitation code: the person becomes advisor (or staff) at once."""
        if len(normalise_code(code)) != CODE_LENGTH:
            raise InvalidInvitation()
        name = " ".join((first_name or "").split())[:120] or f"Conseiller {user_id}"
        with self.uow_factory() as uow:
            role = uow.advisors.use_invitation(hash_code(code), user_id, self.clock.now())
            if role is None:
                raise InvalidInvitation()
            current = uow.users.get(user_id)
            if current is not None and current.role == Role.STAFF:
                role = Role.STAFF  # an invitation never demotes anyone
            self._role_changes(uow, user_id, Role(role))
            uow.users.set_role(user_id, Role(role), name)
            existing = uow.advisors.get(user_id)
            uow.advisors.upsert(user_id, existing.name if existing else name, active=True)
            uow.commit()
            return uow.advisors.get(user_id)


def _with_count(advisor: Advisor, count: int) -> Advisor:
    return replace(advisor, open_tickets=count)
