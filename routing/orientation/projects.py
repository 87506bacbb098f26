"""Projets partagés: the open themes, "Je suis intéressé(e)", and groups of 3 to 5."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from routing.orientation.model import Interest, InterestKind, SharedTheme, ThemeUnavailable
from routing.tickets.business_hours import Clock

GROUP_MIN, GROUP_MAX = 3, 5  # a projet partagé gathers 3 to 5 collectivités


@dataclass(frozen=True)
class ThemeInterests:
    """A theme's interests, participants split into suggested groups of 3 to 5."""

    theme: SharedTheme
    participants: tuple[Interest, ...]
    observers: tuple[Interest, ...]

    def groups(self) -> list[list[Interest]]:
        """Participants in arrival order, in as few groups of 3 to 5 as fit (rest last)."""
        people = list(self.participants)
        if len(people) < GROUP_MIN:
            return [people] if people else []
        count = -(-len(people) // GROUP_MAX)  # ceil: the fewest groups of at most 5
        size, extra = divmod(len(people), count)
        groups, start = [], 0
        for index in range(count):
            end = start + size + (1 if index < extra else 0)
            groups.append(people[start:end])
            start = end
        return groups


class SharedProjects:
    """Officials' side of the projets partagés: the themes, and "Je suis intéressé(e)"."""

    def __init__(self, uow_factory: Callable, clock: Clock) -> None:
        self.uow_factory = uow_factory
        self.clock = clock

    def themes(self) -> list[SharedTheme]:
        """Themes open for expressions of interest."""
        with self.uow_factory() as uow:
            return uow.orientation.themes(open_only=True)

    def theme(self, theme_id: int) -> SharedTheme:
        """One open theme; ThemeUnavailable otherwise."""
        with self.uow_factory() as uow:
            theme = uow.orientation.theme(theme_id)
        if theme is None or not theme.open:
            raise ThemeUnavailable(theme_id)
        return theme

    def express(self, user_id: int, theme_id: int, collectivite: str, kind: InterestKind):
        """Record (or change) the collectivité's interest, as participant or observer."""
        self.theme(theme_id)
        with self.uow_factory() as uow:
            interest = uow.orientation.add_interest(
                theme_id, user_id, collectivite, kind, self.clock.now()
            )
            uow.commit()
        return interest
