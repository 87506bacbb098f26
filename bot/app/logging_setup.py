"""Logging of the bot process, with phone numbers and e-mail addresses masked everywhere."""

from __future__ import annotations

import logging
from pathlib import Path

from routing.safety.redaction import redact

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
_exception_formatter = logging.Formatter()


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """Mask personal data in a record's message, exception text and stack, in place."""
    try:
        message = record.getMessage()
    except Exception:  # a malformed call: keep the template, never the arguments
        message = str(record.msg)
    record.msg, record.args = redact(message), None
    if record.exc_info and not record.exc_text:
        record.exc_text = _exception_formatter.formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


class RedactingFilter(logging.Filter):
    """A handler filter masking personal data (for handlers added outside `setup_logging`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


def install_redaction() -> None:
    """Mask personal data in every record this process creates, whatever handler gets it."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "redacting", False):
        return

    def redacting_factory(*args, **kwargs) -> logging.LogRecord:
        return redact_record(factory(*args, **kwargs))

    redacting_factory.redacting = True
    logging.setLogRecordFactory(redacting_factory)


def setup_logging(level: int = logging.INFO, log_file: Path | None = None) -> None:
    """Configure the root logger for `hotline run`: console, optional file, redaction on."""
    install_redaction()
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if log_file is not None:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    for handler in handlers:
        handler.addFilter(RedactingFilter())
    logging.basicConfig(level=level, format=FORMAT, handlers=handlers, force=True)
