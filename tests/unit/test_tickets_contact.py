"""Phone numbers and e-mail addresses officials give for the call-back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from routing.errors import InvalidContact
from routing.tickets.contact import format_phone, parse_email, parse_phone


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("0612345678", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033 1 42 68 53 00", "+33142685300"),
        ("+33 (0)1 42 68 53 00", "+33142685300"),
        ("+32 2 512 34 56", "+3225123456"),
        ("+41 44 668 18 00", "+41446681800"),
        ("0590 27 12 34", "+590590271234"),
    ],
)
def test_french_and_international_numbers_are_stored_in_e164(typed, e164):
    assert parse_phone(typed) == e164


@pytest.mark.parametrize(
    "typed", ["", "   ", "bonjour", "06 12 34", "12345678901234567890", "+99 123", "0" * 300]
)
def test_what_is_not_a_phone_number_is_refused_with_a_french_reason(typed):
    with pytest.raises(InvalidContact) as caught:
        parse_phone(typed)
    assert caught.value.field == "phone"
    assert caught.value.reason and caught.value.reason[0].islower()


def test_a_stored_number_is_shown_the_way_people_read_it():
    assert format_phone("+33612345678") == "06 12 34 56 78"
    assert format_phone("+3225123456") == "+32 2 512 34 56"


def test_an_email_is_normalised_without_any_dns_lookup():
    assert parse_email("  Jean.Dupont@Mairie-Exemple.FR ") == "Jean.Dupont@mairie-exemple.fr"
    assert parse_email("élue@commune.fr") == "élue@commune.fr"


@pytest.mark.parametrize(
    "typed",
    ["", "jean", "jean@", "@mairie.fr", "jean dupont@mairie.fr", "a@b", "x" * 300 + "@a.fr"],
)
def test_what_is_not_an_email_is_refused_with_a_french_reason(typed):
    with pytest.raises(InvalidContact) as caught:
        parse_email(typed)
    assert caught.value.field == "email"
    assert "e-mail" in caught.value.reason


@given(st.text(max_size=60))
def test_any_text_either_parses_to_e164_or_is_refused_cleanly(text):
    try:
        number = parse_phone(text)
    except InvalidContact:
        return
    assert number.startswith("+") and number[1:].isdigit()
    assert parse_phone(number) == number


@given(st.text(max_size=80))
def test_any_text_either_is_a_valid_address_or_is_refused_cleanly(text):
    try:
        address = parse_email(text)
    except InvalidContact:
        return
    assert "@" in address and parse_email(address) == address
