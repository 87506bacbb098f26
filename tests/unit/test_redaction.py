"""Phone numbers and e-mail addresses are masked in free text and in every log record."""

from __future__ import annotations

import logging

import pytest

from bot.app.logging_setup import RedactingFilter, install_redaction, redact_record
from routing.safety.redaction import EMAIL, PHONE, redact, redact_capped


@pytest.mark.parametrize(
    "number",
    [
        "06 12 34 56 78",
        "0612345678",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "+33 6 12 34 56 78",
        "+33612345678",
        "0033 6 12 34 56 78",
        "01 23 45 67 89",
        "+44 20 7946 0958",
    ],
)
def test_phone_numbers_in_any_usual_form_are_masked(number):
    masked = redact(f"Rappelez-moi au {number} demain")
    assert masked == f"Rappelez-moi au {PHONE} demain"


def test_email_addresses_are_masked():
    assert redact("écrire à maire.adjoint@saint-ouen.fr svp") == f"écrire à {EMAIL} svp"


@pytest.mark.parametrize(
    "line",
    [
        "Update id=100000123 is handled. Duration 12 ms by bot id=123456",
        "2026-11-26 01:17:00,123 chat -1001234567890 user 7001 ticket 12",
        "outbox 42 (group_card) not delivered",
    ],
)
def test_ids_dates_and_durations_are_left_alone(line):
    assert redact(line) == line


def test_a_log_record_is_masked_in_its_arguments_and_its_exception():
    try:
        raise ValueError("contact: jean@exemple.fr")
    except ValueError as error:
        record = logging.LogRecord(
            "x",
            logging.ERROR,
            __file__,
            1,
            "call %s failed",
            ("06 12 34 56 78",),
            (type(error), error, error.__traceback__),
        )
    redact_record(record)
    assert record.getMessage() == f"call {PHONE} failed"
    assert "jean@exemple.fr" not in record.exc_text and EMAIL in record.exc_text


def test_every_record_of_the_process_is_masked_whatever_the_handler(caplog):
    install_redaction()
    install_redaction()  # twice is harmless
    with caplog.at_level(logging.INFO):
        logging.getLogger("anything.at.all").info("numéro %s", "0612345678")
    assert caplog.records[-1].getMessage() == f"numéro {PHONE}"
    assert "0612345678" not in caplog.text


def test_the_handler_filter_masks_too():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "a@b.fr", None, None)
    assert RedactingFilter().filter(record)
    assert record.getMessage() == EMAIL


# Inputs on which the former e-mail pattern walked the rest of the text from every position
# (quadratic: minutes at this size); the results prove what is masked and what is kept.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a" * 200_000 + " ecrire a x.y@mairie.fr", "a" * 200_000 + f" ecrire a {EMAIL}"),
        ("a." * 100_000 + "@", "a." * 100_000 + "@"),
        ("a@" * 100_000, "a@" * 100_000),
        ("b@" + "c-" * 100_000 + "!", "b@" + "c-" * 100_000 + "!"),
        ("x@y.fr " * 20_000, f"{EMAIL} " * 20_000),
    ],
    ids=["long-word-then-address", "dots-without-domain", "at-signs", "domain-without-dot", "many"],
)
def test_e_mail_masking_is_linear_on_planted_text(text, expected):
    assert redact(text) == expected


def test_phone_like_junk_is_masked_where_it_is_a_number_and_kept_where_it_is_not():
    junk = "06 12 34 56 7 " * 2000 + "+33 1 " * 2000
    assert redact(junk + "appeler le 06 12 34 56 78") == junk + f"appeler le {PHONE}"


def test_a_capped_text_never_keeps_half_a_phone_number_or_address():
    text = "Rappelez-moi au 06 12 34 56 78 ou a.b@mairie.fr"
    for limit in range(10, len(text)):
        capped = redact_capped(text, limit)
        assert capped.endswith("…")
        assert not any(digit in capped for digit in "12345678")
        assert "@" not in capped and "mairie" not in capped
    assert redact_capped(text, 200) == f"Rappelez-moi au {PHONE} ou {EMAIL}"
