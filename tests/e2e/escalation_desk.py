"""Several simulated people around the real bot: officials, advisors, the advisors' group.

Each test gets its own copy of a seeded database (copied, not rebuilt: fast), a FixedClock on a
working Tuesday morning in Paris, two registered advisors (the sandbox's 7001 and 7002) and
the advisors' group (-1001) as HOTLINE_ADVISORS_CHAT_ID.
"""

from __future__ import annotations

import asyncio
import itertools
import shutil
from datetime import UTC, datetime

import pytest

from bot.app.container import build_container
from bot.sandbox import DEFAULT_ADVISOR_IDS, DEFAULT_GROUP_ID
from bot.sandbox.control.client import SandboxClientError
from bot.settings import Settings
from routing.tickets.business_hours import FixedClock
from tests.e2e.harness import Harness, running_bot

# Tuesday 1 December 2026, 10:00 in Paris: the advisors' office is open.
OPEN_TUESDAY = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ALICE, BRUNO = DEFAULT_ADVISOR_IDS
GROUP = DEFAULT_GROUP_ID
PHONE_TYPED = "06 12 34 56 78"
PHONE_FORMS = ("06 12 34 56 78", "+33612345678", "0612345678", "612345678")
EMAIL = "camille.durand@mairie-exemple.fr"
_officials = itertools.count(8101)


def buttons(message: dict) -> list[str]:
    """The labels of a message's inline buttons."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button["text"] for row in rows for button in row]


class Desk:
    """Acts as any person in any chat and waits for what the bot says there."""

    def __init__(self, harness: Harness) -> None:
        self.harness = harness
        self.control = harness.control
        self.container = harness.container

    @property
    def loop(self):
        """The running bot's dispatch loop (outbox and scheduled jobs)."""
        return self.harness.dispatcher["dispatch_loop"]

    async def revision(self) -> int:
        """The sandbox's current revision, to wait for what comes after it."""
        return (await self.control.state())["revision"]

    async def say(self, chat_id: int, text: str, user_id: int | None = None) -> list[dict]:
        """Write in a chat and return the bot's messages that follow there."""
        receipt = await self.control.send_text(chat_id, text, user_id=user_id)
        return await self.replies(chat_id, receipt["revision"])

    async def press(
        self, chat_id: int, message: dict, label: str, user_id: int | None = None
    ) -> dict:
        """Press the button whose label contains `label`; return the sandbox receipt."""
        rows = message.get("reply_markup", {}).get("inline_keyboard", [])
        matching = [b for row in rows for b in row if label in b["text"]]
        assert matching, f"no button {label!r} in {buttons(message)}"
        return await self.control.press(
            chat_id, message["message_id"], data=matching[0]["callback_data"], user_id=user_id
        )

    async def press_and_read(
        self, chat_id: int, message: dict, label: str, user_id: int | None = None
    ) -> list[dict]:
        """Press a button and return the bot's messages (or edits) that follow in the chat."""
        receipt = await self.press(chat_id, message, label, user_id)
        return await self.replies(chat_id, receipt["revision"])

    async def press_then(
        self, chat_id: int, message: dict, label: str, expect: str, user_id: int | None = None
    ) -> dict:
        """Press a button; return the first bot message or edit after it containing `expect`.

        Waiting for a known text, not for "the next message", keeps tests exact while
        notifications from the dispatch loop arrive in the same chats at their own pace.
        """
        after = await self.revision()
        await self.press(chat_id, message, label, user_id)
        return await self.wait_for(chat_id, after, expect)

    async def say_then(
        self, chat_id: int, text: str, expect: str, user_id: int | None = None
    ) -> dict:
        """Write in a chat; return the first bot message after it containing `expect`."""
        receipt = await self.control.send_text(chat_id, text, user_id=user_id)
        return await self.wait_for(chat_id, receipt["revision"], expect)

    async def replies(self, chat_id: int, after: int, settle: float = 0.4) -> list[dict]:
        """The bot's first message or edit after a revision, then any that follow quickly."""
        messages = []
        event = await self.control.wait_bot_message(chat_id, after=after, timeout=10)
        while True:
            messages.append(event["message"])
            try:
                event = await self.control.wait_bot_message(
                    chat_id, after=event["revision"], timeout=settle
                )
            except SandboxClientError as error:
                if error.status != 408:
                    raise
                return messages

    async def wait_for(self, chat_id: int, after: int, contains: str, newer_than: int = 0) -> dict:
        """The first bot message or edit in a chat after revision `after` whose text has
        `contains` (and, with `newer_than`, whose message id is above it)."""
        while True:
            event = await self.control.wait_bot_message(chat_id, after=after, timeout=10)
            message = event["message"]
            if contains in message.get("text", "") and message["message_id"] > newer_than:
                return message
            after = event["revision"]

    async def message(self, chat_id: int, message_id: int) -> dict:
        """A message as it is now (after edits)."""
        transcript = await self.control.chat(chat_id)
        return next(m for m in transcript["messages"] if m["message_id"] == message_id)

    async def callback_answers(self, chat_id: int) -> list[dict]:
        """The answers the bot gave to button presses in a chat."""
        return (await self.control.chat(chat_id))["callback_answers"]

    async def answer_to(self, chat_id: int, receipt: dict) -> dict:
        """The bot's answer to the button press of `receipt` (waiting for it)."""
        wanted = receipt["callback"]["callback_query_id"]
        for _ in range(200):
            for answer in await self.callback_answers(chat_id):
                if answer["callback_query_id"] == wanted and answer["answered"]:
                    return answer
            await asyncio.sleep(0.05)
        raise AssertionError("the bot never answered the button")

    async def bot_texts(self, chat_id: int) -> list[str]:
        """Every text the bot sent in a chat (current versions)."""
        transcript = await self.control.chat(chat_id)
        return [m.get("text", "") for m in transcript["messages"] if m["from"]["is_bot"]]

    def new_official(self) -> int:
        """A user id never seen before (each test's officials start afresh)."""
        return next(_officials)

    async def open_ticket(
        self,
        official: int,
        question: str = "Comment associer les habitants à la rénovation de la place du marché ?",
        channel: str = "téléphone",
        contact: str = PHONE_TYPED,
    ) -> int:
        """Run the whole request flow as `official`; return the ticket number."""
        await self.say_then(official, "/conseiller", "étape 1/7")
        await self.say_then(official, question, "étape 2/7")
        prompt = await self.say_then(official, "Mairie de Saint-Exemple", "étape 3/7")
        prompt = await self.press_then(official, prompt, "Élu", "étape 4/7")
        await self.press_then(official, prompt, channel, "étape 5/7")
        slots = await self.say_then(official, contact, "étape 6/7")
        await self.pick_slots(official, slots, 2)
        slots = await self.message(official, slots["message_id"])
        consent = await self.press_then(official, slots, "Valider", "étape 7/7")
        summary = await self.press_then(official, consent, "J'accepte", "Récapitulatif")
        receipt = await self.press_then(official, summary, "Envoyer la demande", "enregistrée")
        return int(receipt["text"].split("n° ")[1].split()[0])

    async def pick_slots(self, official: int, slots: dict, count: int) -> None:
        """Toggle the first `count` half-days of the slots prompt."""
        for index in range(count):
            current = await self.message(official, slots["message_id"])
            label = buttons(current)[index].removeprefix("▫️ ")
            await self.press_then(official, current, label, "créneaux")
            updated = await self.message(official, slots["message_id"])
            assert buttons(updated)[index].startswith("✅"), buttons(updated)

    async def card_of(self, number: int, after: int = 0) -> dict:
        """The ticket's card in the advisors' group (waiting for it to be posted)."""
        return await self.wait_for(GROUP, after, f"Demande n° {number}\n")


def _template(tmp_path_factory) -> object:
    path = tmp_path_factory.mktemp("escalation-template")
    build_container(Settings(data_dir=path)).close()
    return path


@pytest.fixture(scope="session")
def seeded_data_dir(tmp_path_factory):
    """A seeded database and search index, built once and copied for each test."""
    return _template(tmp_path_factory)


@pytest.fixture
def escalation_container(seeded_data_dir, tmp_path):
    """A fresh copy of the seeded database, a FixedClock, two advisors and their group."""
    data_dir = tmp_path / "data"
    shutil.copytree(seeded_data_dir, data_dir)
    # Simulated people type faster than anyone: flood control is tested elsewhere.
    settings = Settings(data_dir=data_dir, advisors_chat_id=GROUP, flood_messages=200)
    container = build_container(settings, clock=FixedClock(OPEN_TUESDAY))
    container.advisors.add(ALICE, "Alice Martin")
    container.advisors.add(BRUNO, "Bruno Petit")
    yield container
    container.close()


@pytest.fixture
async def desk(escalation_container):
    """The real bot polling a fresh sandbox, and a Desk to act as everyone."""
    async with running_bot(escalation_container) as harness:
        yield Desk(harness)
