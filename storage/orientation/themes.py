"""Registration profiles and projets partagés themes and interests (part of the repository)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from routing.orientation.model import Interest, InterestKind, Profile, SharedTheme
from storage.orientation.models import InterestRow, ProfileRow, SharedThemeRow


class SqlProfilesAndThemes:
    """The profile and projets partagés half of the orientation repository."""

    session: Session

    # -- profiles ------------------------------------------------------------------------
    def profile(self, user_id: int) -> Profile | None:
        """What the person gave last time."""
        row = self.session.get(ProfileRow, user_id)
        return None if row is None else Profile(row.collectivite, row.role, row.email)

    def save_profile(self, user_id: int, profile: Profile, now: datetime) -> None:
        """Keep the person's collectivité, role and e-mail for next time."""
        row = self.session.get(ProfileRow, user_id) or ProfileRow(user_id=user_id)
        row.collectivite, row.role, row.email = profile.collectivite, profile.role, profile.email
        row.updated_at = now
        self.session.add(row)
        self.session.flush()

    # -- projets partagés ----------------------------------------------------------------
    def add_theme(self, slug: str, title: str, description: str) -> SharedTheme:
        """Store a projet partagé theme (or return the one with this slug)."""
        row = self.session.scalars(select(SharedThemeRow).where(SharedThemeRow.slug == slug))
        row = row.first() or SharedThemeRow(slug=slug, open=True)
        row.title, row.description = title, description
        self.session.add(row)
        self.session.flush()
        return _theme(row)

    def theme(self, theme_id: int) -> SharedTheme | None:
        """One theme."""
        row = self.session.get(SharedThemeRow, theme_id)
        return None if row is None else _theme(row)

    def themes(self, open_only: bool) -> list[SharedTheme]:
        """The themes, in creation order."""
        query = select(SharedThemeRow).order_by(SharedThemeRow.id)
        if open_only:
            query = query.where(SharedThemeRow.open.is_(True))
        return [_theme(row) for row in self.session.scalars(query)]

    def add_interest(
        self, theme_id: int, user_id: int, collectivite: str, kind: InterestKind, now: datetime
    ) -> Interest:
        """Record or update a person's interest in a theme."""
        row = self.session.scalars(
            select(InterestRow).where(
                InterestRow.theme_id == theme_id, InterestRow.user_id == user_id
            )
        ).first() or InterestRow(theme_id=theme_id, user_id=user_id, created_at=now)
        row.collectivite, row.kind = collectivite, kind.value
        self.session.add(row)
        self.session.flush()
        return _interest(row)

    def interests(self, theme_id: int) -> list[Interest]:
        """A theme's interests in arrival order."""
        rows = self.session.scalars(
            select(InterestRow).where(InterestRow.theme_id == theme_id).order_by(InterestRow.id)
        )
        return [_interest(row) for row in rows]


def _theme(row: SharedThemeRow) -> SharedTheme:
    return SharedTheme(row.id, row.slug, row.title, row.description, bool(row.open))


def _interest(row: InterestRow) -> Interest:
    return Interest(
        row.id, row.theme_id, row.user_id, row.collectivite, InterestKind(row.kind), row.created_at
    )
