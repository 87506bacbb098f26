"""Phone numbers and e-mail addresses are masked in free text and in every log record."""

from __future__ import annotations

import logging

import pytest

from bot.app.logging_setup import RedactingFilter, install_redaction, redact_record
from routing.safety.redaction import EMAIL, PHONE, redact


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
