"""Logging of the bot process, with phone numbers and e-mail addresses masked everywhere."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
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


class JsonFormatter(logging.Formatter):
    """One JSON object per line (HOTLINE_LOG_FORMAT=json), for log collectors.

    Records are redacted before they reach any formatter (see install_redaction), so the
    message, exception and stack here carry no phone number or e-mail address.
    """

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as a JSON line: time, level, logger, message, and any exception."""
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(self.formatException(record.exc_info))
        if record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = record.stack_info
        return json.dumps(line, ensure_ascii=False)


def setup_logging(
    level: int = logging.INFO, log_file: Path | None = None, fmt: str = "text"
) -> None:
    """Configure the root logger for `hotline run`: console, optional file, redaction on."""
    install_redaction()
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if log_file is not None:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        if fmt == "json":
            handler.setFormatter(JsonFormatter())
    logging.basicConfig(level=level, format=FORMAT, handlers=handlers, force=True)
