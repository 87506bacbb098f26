"""HOTLINE_LOG_FORMAT=json: one JSON object per line, still without personal data."""

from __future__ import annotations

import io
import json
import logging

from bot.app.logging_setup import JsonFormatter, RedactingFilter, install_redaction
from routing.safety.redaction import EMAIL, PHONE


def json_lines(emit) -> list[dict]:
    """Run `emit(logger)` with a JSON handler; return the lines it wrote, parsed."""
    install_redaction()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tests.json_logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        emit(logger)
    finally:
        logger.removeHandler(handler)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_each_record_is_one_json_line_with_time_level_logger_and_message():
    [line] = json_lines(lambda log: log.info("ticket %d claimed", 12))
    assert line["message"] == "ticket 12 claimed"
    assert line["level"] == "INFO"
    assert line["logger"] == "tests.json_logs"
    assert line["time"].endswith("+00:00")


def test_phone_numbers_and_emails_are_masked_in_the_message_and_the_exception():
    def emit(log: logging.Logger) -> None:
        try:
            raise ValueError("bad contact jean.dupont@mairie.fr")
        except ValueError:
            log.exception("rappel au %s", "06 12 34 56 78")

    [line] = json_lines(emit)
    assert line["message"] == f"rappel au {PHONE}"
    assert EMAIL in line["exception"] and "jean.dupont" not in line["exception"]
    assert "06 12" not in json.dumps(line)
