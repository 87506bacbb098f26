"""Domain errors of the hotline; the bot turns each into a French message in one place."""

from __future__ import annotations


class HotlineError(Exception):
    """Base of the errors a person can cause and should be told about."""


class QuestionNotFound(HotlineError):
    """Raised when a button refers to a question that does not exist."""


class NotYourQuestion(HotlineError):
    """Raised when someone presses a button attached to another person's question."""


class EntryUnavailable(HotlineError):
    """Raised when an entry is unknown, archived or still a draft."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug
