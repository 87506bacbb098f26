"""Masking phone numbers and e-mail addresses in free text (logs, old questions)."""

from __future__ import annotations

import re

from phonenumbers import Leniency, PhoneNumberMatcher

PHONE = "[téléphone]"
EMAIL = "[e-mail]"
# Every pattern here runs in linear time on any text (a Telegram user chooses the text):
# - the local part may only start where a run of its characters starts (the look-behind), so
#   a long run without "@" is walked once, not once per starting position as before;
# - the domain's repeated group starts with a "." its atoms cannot hold, so it never backtracks
#   into itself.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# French-looking numbers the library may deem invalid (unassigned ranges) are masked anyway.
# Bounded repetitions only: a constant amount of work per starting position.
_FRENCH = re.compile(r"(?<![\d+])(?:\+33|0033|0)\s?[1-9](?:[\s.\-]?\d{2}){4}(?!\d)")
_DIGITS = re.compile(r"\d")
# Characters a phone number or an e-mail address may end with, stripped from a cut text.
_CUT_TAIL = "0123456789 \t\n.-+()/@"


def redact(text: str) -> str:
    """Return `text` with e-mail addresses and phone numbers replaced by placeholders."""
    if not text:
        return text
    text = _EMAIL.sub(EMAIL, text)
    if len(_DIGITS.findall(text)) < 8:  # no phone number has fewer digits: skip the matcher
        return text
    for match in reversed(list(PhoneNumberMatcher(text, "FR", leniency=Leniency.VALID))):
        text = text[: match.start] + PHONE + text[match.end :]
    return _FRENCH.sub(PHONE, text)


def redact_capped(text: str, limit: int) -> str:
    """Return at most about `limit` characters of `text`, redacted, "…" marking a cut.

    The text is cut before redaction (the phone matcher's cost grows with the text), at a
    word boundary, and what could be the start of a phone number or an address is dropped
    with the cut word, so no half number escapes the masks.
    """
    if len(text) <= limit:
        return redact(text)
    head = text[:limit]
    if not text[limit].isspace():
        head = head.rsplit(None, 1)[0] if len(head.split(None, 1)) > 1 else ""
    return redact(head.rstrip(_CUT_TAIL)) + "…"
