"""Masking phone numbers and e-mail addresses in free text (logs, old questions)."""

from __future__ import annotations

import re

from phonenumbers import Leniency, PhoneNumberMatcher

PHONE = "[téléphone]"
EMAIL = "[e-mail]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# French-looking numbers the library may deem invalid (unassigned ranges) are masked anyway.
_FRENCH = re.compile(r"(?<![\d+])(?:\+33|0033|0)\s?[1-9](?:[\s.\-]?\d{2}){4}(?!\d)")
_DIGITS = re.compile(r"\d")


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
