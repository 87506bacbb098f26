"""Typed button payloads; each packs to far less than Telegram's 64 bytes."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class EntryAction(CallbackData, prefix="e"):
    """An action on an entry: "f" full text, "s" its short answer (a linked entry), "t" the
    short answer picked from a theme's list (the list then shows the pick)."""

    a: str
    s: str
    q: int = 0


class Feedback(CallbackData, prefix="fb"):
    """ "Utile" (u=1) or "Pas utile" (u=0) on the answer to question q."""

    q: int
    s: str
    u: int


class Choice(CallbackData, prefix="ch"):
    """The entry picked when the bot asked which topic was meant; "-" means none of them."""

    q: int
    s: str


class Advisor(CallbackData, prefix="adv"):
    """ "Parler à un conseiller", about question q (0 when not about a question)."""

    q: int = 0


class Example(CallbackData, prefix="ex"):
    """One of the example questions shown by /start."""

    n: int


class Theme(CallbackData, prefix="th"):
    """Theme browsing: a group (empty for the list of groups) and a page."""

    g: str = ""
    p: int = 0


class SkipComment(CallbackData, prefix="skip"):
    """Skip the "what was missing?" comment after "Pas utile"."""

    q: int


class IntakeStep(CallbackData, prefix="it"):
    """A button of the call-back request flow: a is the step action, v its value."""

    a: str
    v: str = ""


class Claim(CallbackData, prefix="cl"):
    """ "Prendre en charge" ticket t; who may claim is read from the database, never from here."""

    t: int


class TicketAction(CallbackData, prefix="tk"):
    """An advisor's action on ticket t: open, reply, book, release, transfer, close."""

    a: str
    t: int


class TransferTo(CallbackData, prefix="tr"):
    """Transfer ticket t to advisor u."""

    t: int
    u: int


class BookingStep(CallbackData, prefix="bk"):
    """A button of the booking flow: a is the action (channel, contact, cancel), v its value."""

    a: str
    v: str = ""


class ClosingStep(CallbackData, prefix="cz"):
    """A button of the closing flow: toggle "à ajouter à la base", confirm or cancel."""

    a: str


class OfficialTicket(CallbackData, prefix="ot"):
    """An official's action on their ticket t: detail, cancel, confirm, reslot, relay yes/no."""

    a: str
    t: int


class Rating(CallbackData, prefix="rt"):
    """The official's rating s (1 to 5) of the help received on ticket t."""

    t: int
    s: int


class EraseMyData(CallbackData, prefix="rgpd"):
    """The answer to "Supprimer vos données ?": ok=1 erase, 0 cancel; t the request's time."""

    ok: int
    t: int


class Atelier(CallbackData, prefix="at"):
    """Ateliers interactifs: a is the action, c the cycle, r the registration, v a value."""

    a: str
    c: int = 0
    r: int = 0
    v: str = ""


class Projet(CallbackData, prefix="pj"):
    """Projets partagés: a is the action, t the theme, k participant ("p") or observer ("o")."""

    a: str
    t: int = 0
    k: str = ""


class Rephrase(CallbackData, prefix="rf"):
    """ "Reformuler" after "Aucune de ces réponses": the next message is a new question."""

    q: int = 0
