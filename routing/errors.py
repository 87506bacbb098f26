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


class TicketNotFound(HotlineError):
    """Raised when a ticket number does not exist."""

    def __init__(self, ticket_id: int) -> None:
        super().__init__(ticket_id)
        self.ticket_id = ticket_id


class NotAllowed(HotlineError):
    """Raised when the database role or the ticket's owner/holder forbids an action."""

    def __init__(self, action: str, user_id: int | None = None) -> None:
        super().__init__(action)
        self.action = action
        self.user_id = user_id


class AlreadyClaimed(HotlineError):
    """Raised when an advisor tries to claim a ticket someone else already holds."""

    def __init__(self, ticket_id: int, holder_name: str) -> None:
        super().__init__(ticket_id)
        self.ticket_id = ticket_id
        self.holder_name = holder_name


class InvalidTransition(HotlineError):
    """Raised when an action does not fit the ticket's current status."""

    def __init__(self, ticket_id: int, status: str, action: str) -> None:
        super().__init__(ticket_id, status, action)
        self.ticket_id = ticket_id
        self.status = status
        self.action = action


class InvalidContact(HotlineError):
    """Raised when a phone number or e-mail address is not valid; `reason` is French."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


class InvalidInvitation(HotlineError):
    """Raised when an invitation code is unknown, expired or already used."""


class InvalidRating(HotlineError):
    """Raised when a rating is not a whole number of stars from 1 to 5."""


class UnknownAdvisor(HotlineError):
    """Raised when a user id is not a registered advisor or staff member."""

    def __init__(self, user_id: int) -> None:
        super().__init__(user_id)
        self.user_id = user_id


class UnknownSkill(HotlineError):
    """Raised when a skill is neither a knowledge-base slug nor a group."""

    def __init__(self, skill: str) -> None:
        super().__init__(skill)
        self.skill = skill


class InvalidAppointment(HotlineError):
    """Raised when a call is booked in the past or with a missing link or number."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotStaff(HotlineError):
    """Raised when someone who is not registered as staff asks for the back-office."""

    def __init__(self, user_id: int) -> None:
        super().__init__(user_id)
        self.user_id = user_id


class SignInRefused(HotlineError):
    """Raised when a back-office sign-in link is unknown, expired or already used."""


class IncompleteIntake(HotlineError):
    """Raised when a ticket request lacks the question, the collectivité or the consent."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


class EmptyMessage(HotlineError):
    """Raised when a message to relay or a resolution note is empty."""


class ErasureRefused(HotlineError):
    """Raised when a registered advisor or staff member asks to erase their data themselves."""

    def __init__(self, user_id: int) -> None:
        super().__init__(user_id)
        self.user_id = user_id


class NotHolder(HotlineError):
    """Raised when an advisor acts on a ticket another advisor now holds."""

    def __init__(self, ticket_id: int, holder_name: str) -> None:
        super().__init__(ticket_id)
        self.ticket_id = ticket_id
        self.holder_name = holder_name


class NoLongerHeld(HotlineError):
    """Raised when an advisor acts on a ticket that went back to the queue."""

    def __init__(self, ticket_id: int) -> None:
        super().__init__(ticket_id)
        self.ticket_id = ticket_id


class TooManyOpenRequests(HotlineError):
    """Raised when an official already has as many open requests as allowed."""

    def __init__(self, official_id: int, open_numbers: list[int]) -> None:
        super().__init__(official_id)
        self.official_id = official_id
        self.open_numbers = open_numbers
        self.count = len(open_numbers)
