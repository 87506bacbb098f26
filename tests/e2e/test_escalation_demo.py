"""`hotline run` without a token: the sandbox's cast can play official and advisor at once."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
from types import SimpleNamespace

from bot.app.container import build_container
from bot.app.runner import run_polling
from bot.sandbox import DEFAULT_OFFICIAL_ID
from bot.sandbox.control.client import SandboxClient
from bot.sandbox.demo import prepare_demo
from bot.settings import Settings
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, BRUNO, GROUP, Desk
from tests.e2e.harness import eventually

seeded_data_dir = escalation_desk.seeded_data_dir


async def test_the_sandbox_demo_has_advisors_and_their_group_and_a_claim_works(
    seeded_data_dir, tmp_path
):
    shutil.copytree(seeded_data_dir, tmp_path / "data")
    settings = Settings(
        _env_file=None, data_dir=tmp_path / "data", telegram_token=None, sandbox_port=0
    )
    container = build_container(settings)
    assert container.advisors.list() == []
    said: list[str] = []
    task = asyncio.create_task(run_polling(container, said.append))
    try:
        assert await eventually(lambda: len(said) >= 3 or task.done()) and not task.done(), said
        [url] = re.findall(r"http://127\.0\.0\.1:\d+/", said[0])
        assert any("Alice (7001)" in line for line in said)
        async with SandboxClient(url) as control:
            desk = Desk(SimpleNamespace(control=control, container=container))
            after = await desk.revision()
            number = await desk.open_ticket(DEFAULT_OFFICIAL_ID)
            card = await desk.card_of(number, after)
            after = await desk.revision()
            await desk.press(GROUP, card, "Prendre en charge", user_id=ALICE)
            ticket = await desk.wait_for(ALICE, after, "Vous avez pris en charge")
            assert "06 12 34 56 78" in ticket["text"]
            # Alice is also staff in the demo: she can open the back-office from her chat.
            after = await desk.revision()
            await control.send_text(ALICE, "/backoffice", user_id=ALICE)
            link = await desk.wait_for(ALICE, after, "/connexion?jeton=")
            assert "http://" in link["text"]
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.wait_for(task, 15)
    finally:
        if not task.done():
            task.cancel()
    assert {a.user_id for a in container.advisors.list()} == {ALICE, BRUNO}
    # Started later with a real token, the made-up demo advisors are taken off.
    prepare_demo(container, sandbox=False)
    assert container.advisors.list() == []
    container.close()
