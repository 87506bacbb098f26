"""Typed button payloads; each packs to far less than Telegram's 64 bytes."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class EntryAction(CallbackData, prefix="e"):
    """An action on an entry: "f" full text, "s" show the short answer (theme browsing)."""

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
