"""`hotline run` without a token: a newcomer finds an open cycle and a projet partagé theme."""

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
from tests.e2e.escalation_desk import Desk, buttons
from tests.e2e.harness import eventually

seeded_data_dir = escalation_desk.seeded_data_dir


async def test_the_demo_offers_a_cycle_to_register_for_and_a_theme_to_join(
    seeded_data_dir, tmp_path
):
    shutil.copytree(seeded_data_dir, tmp_path / "data")
    settings = Settings(
        _env_file=None, data_dir=tmp_path / "data", telegram_token=None, sandbox_port=0
    )
    container = build_container(settings)
    said: list[str] = []
    task = asyncio.create_task(run_polling(container, said.append))
    try:
        assert await eventually(lambda: len(said) >= 4 or task.done()) and not task.done(), said
        [url] = re.findall(r"http://127\.0\.0\.1:\d+/", said[0])
        async with SandboxClient(url) as control:
            desk = Desk(SimpleNamespace(control=control, container=container))
            me = DEFAULT_OFFICIAL_ID
            listing = await desk.say_then(me, "/ateliers", "Cycles ouverts")
            assert "15 places sur 15" in listing["text"]
            detail = await desk.press_then(me, listing, "Gestion des tensions", "Inscriptions")
            await desk.press_then(me, detail, "S'inscrire", "collectivité")
            roles = await desk.say_then(me, "Mairie de Démoville", "Vous êtes")
            await desk.press_then(me, roles, "Agent", "e-mail")
            commitments = await desk.say_then(me, "agent@demoville.fr", "Avant de confirmer")
            await desk.press_then(me, commitments, "Je m'engage", "Inscription confirmée")
            themes = await desk.say_then(me, "/projets", "Projets partagés")
            assert "Démocratie culturelle" in themes["text"]
            kinds = await desk.press_then(me, themes, "Je suis intéressé", "votre collectivité")
            assert buttons(kinds) == ["Participante", "Observatrice"]
            # The collectivité given when registering is not asked again.
            await desk.press_then(me, kinds, "Participante", "Intérêt enregistré")
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.wait_for(task, 15)
    finally:
        if not task.done():
            task.cancel()
    [interests] = container.orientation_staff.interests()
    assert [i.collectivite for i in interests.participants] == ["Mairie de Démoville"]
    # Started later with a real token, the demo cycle stops taking registrations.
    prepare_demo(container, sandbox=False)
    assert container.orientation.open_cycles() == []
    container.close()
