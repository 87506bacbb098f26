"""Validate the phone number and e-mail address an official gives for the call-back."""

from __future__ import annotations

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from routing.errors import InvalidContact

# Longer input is not a phone number or an address anyone types; refuse before parsing.
MAX_INPUT = 254
# Overseas departments and collectivités have their own country codes but French-style
# national numbers; officials there type 0590… or 0262… as in mainland France.
OVERSEAS = ("GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF")


def parse_phone(text: str, region: str = "FR") -> str:
    """Return the number in E.164 form (+33612345678); French numbers need no prefix."""
    raw = (text or "").strip()
    if not raw:
        raise InvalidContact("phone", "le numéro de téléphone est vide")
    if len(raw) > MAX_INPUT:
        raise InvalidContact("phone", "ce texte est trop long pour un numéro de téléphone")
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise InvalidContact(
            "phone", "ce n'est pas un numéro de téléphone (exemple : 06 12 34 56 78)"
        ) from None
    if not phonenumbers.is_valid_number(number) and region == "FR":
        number = _overseas(raw) or number
    if not phonenumbers.is_valid_number(number):
        raise InvalidContact(
            "phone",
            "ce numéro n'existe pas ; vérifiez les chiffres ou ajoutez l'indicatif du pays (+32…)",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _overseas(raw: str) -> phonenumbers.PhoneNumber | None:
    """Read a national number of an overseas collectivité (0590…, 0262…) typed without +."""
    if raw.lstrip().startswith(("+", "00")):
        return None
    for region in OVERSEAS:
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def format_phone(e164: str) -> str:
    """Return a stored E.164 number the way people read it (06 12 34 56 78, +32 …)."""
    try:
        number = phonenumbers.parse(e164, "FR")
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def parse_email(text: str) -> str:
    """Return the address normalised (domain in lower case); no DNS look-up is made."""
    raw = (text or "").strip()
    if not raw:
        raise InvalidContact("email", "l'adresse e-mail est vide")
    if len(raw) > MAX_INPUT:
        raise InvalidContact("email", "ce texte est trop long pour une adresse e-mail")
    try:
        checked = validate_email(raw, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidContact(
            "email", "ce n'est pas une adresse e-mail valide (exemple : prenom.nom@mairie.fr)"
        ) from None
    return checked.normalized
