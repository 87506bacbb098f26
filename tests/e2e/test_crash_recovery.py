"""`kill -9` of the bot process in the middle of the intake, claim and booking flows.

The bot runs as a real `hotline run` subprocess, polling a sandbox started here. It is killed
(SIGKILL: no clean-up at all) right after a person acts, and started again. A person whose
message got no answer sends it again, as anyone would. Afterwards no ticket is lost and no
message was sent twice.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.app.container import build_container
from bot.sandbox import SandboxServer
from bot.sandbox.control.client import SandboxClient, SandboxClientError
from bot.settings import Settings
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, BRUNO, GROUP, Desk, buttons

seeded_data_dir = escalation_desk.seeded_data_dir
HOTLINE = Path(sys.executable).with_name("hotline")
TOKEN = "424242:CRASH-TEST"


class BotProcess:
    """`hotline run` against the sandbox, which can be killed and started again."""

    def __init__(self, data_dir: Path, server: SandboxServer, log: Path) -> None:
        self.server = server
        self.log = log
        self.env = {
            **os.environ,
            "HOTLINE_DATA_DIR": str(data_dir),
            "HOTLINE_DATABASE_URL": "",
            "HOTLINE_TELEGRAM_TOKEN": TOKEN,
            "HOTLINE_TELEGRAM_API_BASE": server.base_url,
            "HOTLINE_ADVISORS_CHAT_ID": str(GROUP),
            "HOTLINE_FLOOD_MESSAGES": "200",
            "HOTLINE_BACKOFFICE_PORT": "0",  # any free port: never in the way
        }
        self.cwd = data_dir
        self.process: subprocess.Popen | None = None
        self.kills = 0

    async def start(self) -> None:
        """Start the bot and wait until it polls for updates."""
        polls = self.server.state.updates.poll_generation
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [str(HOTLINE), "run"], env=self.env, cwd=self.cwd, stdout=log, stderr=log
            )
        for _ in range(600):
            if self.server.state.updates.poll_generation > polls:
                return
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            await asyncio.sleep(0.05)
        raise AssertionError("the bot did not start polling in 30 s")

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to finish anything."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.kills += 1

    async def crash_and_restart(self) -> None:
        """kill -9, then start again on the same database."""
        self.kill()
        await self.start()


@pytest.fixture
async def crash_desk(seeded_data_dir, tmp_path):
    """A sandbox, the bot as a subprocess on a copy of the seeded data, two advisors."""
    data_dir = tmp_path / "data"
    shutil.copytree(seeded_data_dir, data_dir)
    container = build_container(Settings(data_dir=data_dir, advisors_chat_id=GROUP))
    container.advisors.add(ALICE, "Alice Martin")
    container.advisors.add(BRUNO, "Bruno Petit")
    async with SandboxServer(port=0) as server, SandboxClient(server.base_url) as control:
        bot = BotProcess(data_dir, server, tmp_path / "bot.log")
        await bot.start()
        desk = Desk(SimpleNamespace(control=control, container=container, dispatcher=None))
        desk.bot = bot
        try:
            yield desk
        finally:
            bot.kill()
            container.close()


async def step(desk, chat: int, act, expect: str, crash: bool) -> dict:
    """Do one step of a flow and return the bot's answer containing `expect`.

    With `crash`, the bot is killed right after the person acts. If the answer never comes
    (the update died with the process), the person acts again once.
    """
    for attempt in range(2):
        after = await desk.revision()
        await act()
        if crash and attempt == 0:
            await desk.bot.crash_and_restart()
        try:
            return await asyncio.wait_for(desk.wait_for(chat, after, expect), 12)
        except (TimeoutError, SandboxClientError):
            continue
    raise AssertionError(f"no answer with {expect!r} in chat {chat}")


async def intake(desk, official: int, crash_at: set[int]) -> int:
    """The whole request flow, killing the bot after the steps listed in `crash_at`."""
    said = {}

    def say(text: str):
        return lambda: desk.control.send_text(official, text)

    def press(name: str, label: str, chat: int = official):
        async def act():
            message = await desk.message(chat, said[name]["message_id"])
            await desk.press(chat, message, label)

        return act

    said["q"] = await step(desk, official, say("/conseiller"), "étape 1/7", 1 in crash_at)
    said["c"] = await step(
        desk, official, say("Comment associer les habitants ?"), "étape 2/7", 2 in crash_at
    )
    said["r"] = await step(
        desk, official, say("Mairie de Saint-Exemple"), "étape 3/7", 3 in crash_at
    )
    said["ch"] = await step(desk, official, press("r", "Élu"), "étape 4/7", 4 in crash_at)
    said["p"] = await step(desk, official, press("ch", "téléphone"), "étape 5/7", 5 in crash_at)
    said["s"] = await step(desk, official, say("06 12 34 56 78"), "étape 6/7", 6 in crash_at)
    for index in range(2):
        await pick_slot(desk, official, said["s"]["message_id"], index, 7 in crash_at and index)
    said["v"] = await step(desk, official, press("s", "Valider"), "étape 7/7", 8 in crash_at)
    said["a"] = await step(desk, official, press("v", "J'accepte"), "Récapitulatif", 9 in crash_at)
    receipt = await step(
        desk, official, press("a", "Envoyer la demande"), "enregistrée", 10 in crash_at
    )
    return int(receipt["text"].split("n° ")[1].split()[0])


async def pick_slot(desk, official: int, message_id: int, index: int, crash: bool) -> None:
    """Tick a half-day (a toggle: pressed again only if it is still not ticked)."""
    for attempt in range(2):
        current = await desk.message(official, message_id)
        label = buttons(current)[index]
        if label.startswith("✅"):
            return
        await desk.press(official, current, label)
        if crash and attempt == 0:
            await desk.bot.crash_and_restart()
        for _ in range(120):
            if buttons(await desk.message(official, message_id))[index].startswith("✅"):
                return
            await asyncio.sleep(0.1)
    raise AssertionError(f"half-day {index} never ticked")


async def exactly_once(desk, chat: int, text: str) -> None:
    found = [t for t in await desk.bot_texts(chat) if text in t]
    assert len(found) == 1, (text, found)


async def test_a_crash_at_any_step_of_the_intake_loses_no_ticket_and_repeats_nothing(crash_desk):
    desk = crash_desk
    numbers = []
    for official, crash_at in ((8801, {1, 4, 6}), (8802, {2, 5, 8}), (8803, {3, 7, 9, 10})):
        numbers.append(await intake(desk, official, crash_at))
        [ticket] = desk.container.tickets.tickets_of_official(official)
        assert ticket.number == numbers[-1] and ticket.phone == "+33612345678"
        await exactly_once(desk, official, "est enregistrée")
    assert desk.bot.kills == 10
    await asyncio.sleep(2)  # the dispatch loop posts the cards
    for number in numbers:
        await desk.wait_for(GROUP, 0, f"Demande n° {number}\n")
        await exactly_once(desk, GROUP, f"Demande n° {number}\n")


async def test_a_crash_during_claim_and_booking_loses_nothing_and_repeats_nothing(crash_desk):
    desk = crash_desk
    official = 8811
    number = await intake(desk, official, set())
    card = await desk.wait_for(GROUP, 0, f"Demande n° {number}\n")

    async def claim():
        current = await desk.message(GROUP, card["message_id"])
        if "Prendre en charge" in " ".join(buttons(current)):  # not taken yet, as seen
            await desk.press(GROUP, current, "Prendre en charge", user_id=ALICE)

    ticket = await step(desk, ALICE, claim, f"demande n° {number}", crash=True)
    await desk.wait_for(official, 0, "a pris en charge")

    async def book():
        await desk.press(ALICE, ticket, "Fixer le rendez-vous", user_id=ALICE)

    await step(desk, ALICE, book, "Date", crash=True)
    channels = await step(
        desk,
        ALICE,
        lambda: desk.control.send_text(ALICE, "demain 14h30", user_id=ALICE),
        "Par quel moyen",
        crash=True,
    )
    contact = await step(
        desk,
        ALICE,
        lambda: desk.press(ALICE, channels, "téléphone", user_id=ALICE),
        "numéro",
        crash=True,
    )
    await step(
        desk,
        ALICE,
        lambda: desk.press(ALICE, contact, "06 12 34 56 78", user_id=ALICE),
        "Rendez-vous proposé :",
        crash=True,
    )
    await desk.wait_for(official, 0, "Rendez-vous proposé")
    await asyncio.sleep(2)  # anything sent twice would be there by now
    held = desk.container.tickets.get(number, ALICE)
    assert held.status == "scheduled" and held.advisor_id == ALICE
    await exactly_once(desk, official, "a pris en charge")
    await exactly_once(desk, official, "Rendez-vous proposé")
    await exactly_once(desk, ALICE, "Rendez-vous proposé :")
    assert desk.bot.kills == 5
