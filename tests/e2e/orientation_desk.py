"""Helpers of the orientation end-to-end tests: a cycle, and the whole "S'inscrire" flow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import aiohttp

from routing.orientation.model import CycleDraft
from tests.e2e.escalation_desk import Desk, buttons

# Four Tuesdays at 14:00 in Paris (13:00 UTC in winter), from mid-January 2027.
WINTER_STARTS = tuple(
    datetime(2027, 1, 12, 13, tzinfo=UTC) + timedelta(weeks=2 * i) for i in range(4)
)
LINK = "https://visio.example.org/atelier-eau"


def make_cycle(container, capacity: int = 15, starts=WINTER_STARTS, theme="Eau en montagne"):
    """Create an open cycle as staff would."""
    draft = CycleDraft(
        theme=theme,
        description="Partager les solutions des communes de montagne face aux tensions sur l'eau.",
        starts=starts,
        visio_link=LINK,
        deadline=starts[0] - timedelta(days=3),
        capacity=capacity,
        topics=("gestion-eau-montagne",),
    )
    return container.orientation_staff.create(draft)


async def up_to_commitments(
    desk: Desk, official: int, name: str, collectivite: str, email: str
) -> dict:
    """/ateliers, the cycle, "S'inscrire", the three profile answers; return the next prompt."""
    await desk.control.register_user(official, name)
    listing = await desk.say_then(official, "/ateliers", "Cycles ouverts")
    detail = await desk.press_then(official, listing, "Eau en montagne", "Inscriptions jusqu")
    await desk.press_then(official, detail, "S'inscrire", "collectivité")
    roles = await desk.say_then(official, collectivite, "Vous êtes")
    await desk.press_then(official, roles, "Élu", "e-mail")
    after = await desk.revision()
    await desk.control.send_text(official, email)
    return await desk.wait_for(official, after, "")


async def next_document(desk: Desk, chat_id: int, after: int) -> dict:
    """The first document the bot sends in a chat after a revision."""
    while True:
        event = await desk.control.wait_bot_message(chat_id, after=after, timeout=10)
        if "document" in event["message"]:
            return event["message"]
        after = event["revision"]


async def download(desk: Desk, document: dict) -> bytes:
    """The bytes of a file the bot sent."""
    url = f"{desk.harness.server.base_url}/control/files/{document['file_id']}"
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return await response.read()


__all__ = ["buttons"]
