"""Local stand-in for the Telegram Bot API, with a control API and a browser page."""

from bot.sandbox.server import SandboxServer, build_app
from bot.sandbox.state import (
    DEFAULT_ADVISOR_IDS,
    DEFAULT_GROUP_ID,
    DEFAULT_OFFICIAL_ID,
    SandboxState,
)

__all__ = [
    "DEFAULT_ADVISOR_IDS",
    "DEFAULT_GROUP_ID",
    "DEFAULT_OFFICIAL_ID",
    "SandboxServer",
    "SandboxState",
    "build_app",
]
