"""Staff sign-in to the back-office: one-time links, sessions, CSRF tokens, the action log."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from routing.errors import NotStaff, SignInRefused
from routing.records import Role
from routing.safety.records import StaffAction

LINK_LIFETIME = timedelta(minutes=10)


def utc_now() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


def digest(token: str) -> str:
    """Return the SHA-256 of a secret token: only this is stored, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class StaffMember:
    """A signed-in staff member, as checked against the database on this request."""

    id: int
    first_name: str
    csrf_token: str

    def csrf_ok(self, submitted: str | None) -> bool:
        """Tell whether a submitted form carries this session's CSRF token."""
        if not isinstance(submitted, str) or not submitted:
            return False
        # Bytes: compare_digest refuses str with non-ASCII characters (a TypeError, so a 500).
        return hmac.compare_digest(submitted.encode(), self.csrf_token.encode())


@dataclass(frozen=True)
class OpenedSession:
    """A new session: the token for the cookie and when it ends."""

    token: str
    expires_at: datetime


class StaffAccess:
    """Issue sign-in links to staff, open sessions from them, and check every request."""

    def __init__(
        self,
        uow_factory: Callable,
        session_lifetime: timedelta = timedelta(hours=8),
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.uow_factory = uow_factory
        self.session_lifetime = session_lifetime
        self.now = now

    def issue_link(self, user_id: int) -> str:
        """Return a new one-time sign-in token for a staff member; raise NotStaff otherwise."""
        now = self.now()
        token = secrets.token_urlsafe(32)
        with self.uow_factory() as uow:
            self._staff(uow, user_id)
            uow.backoffice.add_link(digest(token), user_id, now, now + LINK_LIFETIME)
            uow.backoffice.log(user_id, "lien_connexion", "", now)
            uow.commit()
        return token

    def redeem(self, token: str) -> OpenedSession:
        """Use a sign-in token once and open a session; raise SignInRefused or NotStaff."""
        now = self.now()
        with self.uow_factory() as uow:
            user_id = uow.backoffice.use_link(digest(token or ""), now)
            if user_id is None:
                raise SignInRefused()
            # The link is spent even if the role was withdrawn meanwhile: commit that first.
            uow.commit()
            self._staff(uow, user_id)
            session_token = secrets.token_urlsafe(32)
            expires_at = now + self.session_lifetime
            uow.backoffice.add_session(
                digest(session_token), user_id, secrets.token_urlsafe(32), now, expires_at
            )
            uow.backoffice.log(user_id, "connexion", "", now)
            uow.commit()
        return OpenedSession(session_token, expires_at)

    def authenticate(self, session_token: str | None) -> StaffMember | None:
        """Return the staff member of a live session (None if none); NotStaff if no longer staff."""
        if not session_token:
            return None
        with self.uow_factory() as uow:
            stored = uow.backoffice.live_session(digest(session_token), self.now())
            if stored is None:
                return None
            person = self._staff(uow, stored.user_id)
        return StaffMember(person.id, person.first_name, stored.csrf_token)

    def sign_out(self, session_token: str, staff_id: int) -> None:
        """End a session."""
        now = self.now()
        with self.uow_factory() as uow:
            uow.backoffice.end_session(digest(session_token), now)
            uow.backoffice.log(staff_id, "deconnexion", "", now)
            uow.commit()

    def record(self, staff_id: int, action: str, target: str = "") -> None:
        """Log a staff action: an action name and a slug or a number, never free text."""
        with self.uow_factory() as uow:
            uow.backoffice.log(staff_id, action, target, self.now())
            uow.commit()

    def journal(self, limit: int = 100) -> list[StaffAction]:
        """Return the latest staff actions, newest first."""
        with self.uow_factory() as uow:
            return uow.backoffice.actions(limit)

    @staticmethod
    def _staff(uow, user_id: int):
        person = uow.users.get(user_id)
        if person is None or person.role != Role.STAFF:
            raise NotStaff(user_id)
        return person
