"""Three `hotline run --webhook` processes on one PostgreSQL behave as one bot.

Sizes come from HOTLINE_CLUSTER_OFFICIALS (200) and HOTLINE_CLUSTER_REQUESTS (6): 200
officials ask a question at once, 6 of them then go through the whole call-back request,
while the leader is killed with SIGKILL and another process is stopped with SIGTERM and
started again. Requests are few because each posts a card and a reminder in the advisors'
group, where Telegram allows 20 messages a minute: 20 requests (the issue's figure) take
two minutes more, all of it waiting for that limit (HOTLINE_CLUSTER_REQUESTS=20 runs it).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.load import Official
from bot.app.container import build_container
from bot.sandbox import DEFAULT_GROUP_ID
from bot.settings import Settings
from knowledge.entries.records import EntryStatus
from tests.e2e.cluster_rig import ClusterRig
from tests.integration import pg

pytestmark = pytest.mark.skipif(not pg.available(), reason="PostgreSQL binaries not installed")
QUESTIONS = Path(__file__).parents[1] / "data" / "validation.jsonl"
OFFICIALS = int(os.environ.get("HOTLINE_CLUSTER_OFFICIALS", "200"))
REQUESTS = int(os.environ.get("HOTLINE_CLUSTER_REQUESTS", "6"))
FIRST_OFFICIAL = 700_000


def questions() -> list[str]:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def card_numbers(group: list[dict]) -> Counter:
    """How many times each ticket's card was posted in the advisors' group."""
    return Counter(
        int(found.group(1))
        for m in group
        if (found := re.match(r"\S*\s*Demande n° (\d+)\n", m.get("text", "")))
    )


def reminder_numbers(group: list[dict]) -> Counter:
    """How many times each ticket's "waiting for an advisor" reminder was posted."""
    return Counter(
        int(found.group(1))
        for m in group
        if (found := re.search(r"La demande n° (\d+) attend un conseiller", m.get("text", "")))
    )


async def test_three_processes_answer_each_question_once_through_a_kill_and_a_restart(tmp_path):
    settings = {
        # Open every day, all day, and remind after 15 s: reminders fall due during the run.
        "HOTLINE_BUSINESS_HOURS": "00:00-23:59",
        "HOTLINE_BUSINESS_DAYS": "0-6",
        "HOTLINE_CLAIM_REMINDER_MINUTES": "0.25",
    }
    with pg.temporary_postgres() as url:
        started = time.monotonic()
        async with ClusterRig(tmp_path, url, count=3, **settings) as rig:
            print("phase rig up", time.monotonic() - started, flush=True)
            control = rig.control
            people = [Official(control, FIRST_OFFICIAL + n, 120) for n in range(OFFICIALS)]
            for person in people:
                await control.register_user(person.id, f"Élu {person.id}")
            rng = random.Random(15)
            asked = questions()
            requesters = set(rng.sample(range(OFFICIALS), REQUESTS))
            load = asyncio.gather(
                *(p.run(rng.choice(asked), n in requesters) for n, p in enumerate(people))
            )
            began = time.monotonic()
            leader = await rig.leader()
            await asyncio.sleep(3)
            leader.kill()  # mid-run, updates in hand
            others = [p for p in rig.processes if p is not leader]
            successor = await rig.leader()
            assert successor in others
            await asyncio.sleep(2)
            restarted = others[0]
            code, took = await restarted.stop()
            assert code == 0, rig.tail()
            assert took < 10, restarted.log.read_text()[-4000:]  # HOTLINE_SHUTDOWN_SECONDS
            print("phase SIGTERM exit took", took, flush=True)
            await restarted.start()
            print("phase restarted", time.monotonic() - began, flush=True)
            opened = await load
            print("phase load done", time.monotonic() - began, flush=True)
            assert sum(opened) == REQUESTS, rig.tail()

            # Every question (and every step of the requests) answered, none twice.
            assert sum(p.lost for p in people) == 0, rig.tail()
            for person in people:
                texts = [
                    m.get("text", "")
                    for m in (await control.chat(person.id))["messages"]
                    if m["from"]["is_bot"]
                ]
                # A question handled twice would repeat its reply word for word (a long answer
                # comes in two different parts). A requester whose question already started a
                # request sees its first step again after /conseiller: that one may repeat.
                if opened[person.id - FIRST_OFFICIAL]:
                    texts = [t for t in texts if "étape 1/7" not in t]
                assert texts and len(texts) == len(set(texts)), (person.id, texts)

            # Every card once, then every reminder once (they fall due 15 s later).
            async def reminded() -> bool:
                group = (await control.chat(DEFAULT_GROUP_ID))["messages"]
                return len(reminder_numbers(group)) >= REQUESTS

            await rig.until(reminded, 150, "reminders missing")
            print("phase reminders done", time.monotonic() - began, flush=True)
            await asyncio.sleep(3)  # a repeat would have come by now
            group = (await control.chat(DEFAULT_GROUP_ID))["messages"]
            cards = card_numbers(group)
            assert len(cards) == REQUESTS and set(cards.values()) == {1}, cards
            reminders = reminder_numbers(group)
            assert set(reminders) == set(cards) and set(reminders.values()) == {1}, reminders

            # The purge ran once for the whole cluster, and one process led at a time.
            logs = rig.logs()
            assert logs.count("daily purge:") == 1, rig.tail()
            limits = await control.limits()
            assert limits["bot_per_second"] <= 30, limits
            assert limits["group_per_minute"] <= 20, limits
            assert limits["private_per_second"] <= 6, limits
            assert len(limits["updates_by_url"]) >= 2, limits  # spread (one was killed early)


SLUG = "accueil-refugies"
TITLE = "Accueillir et intégrer des réfugiés avec les habitants"
QUESTION = (
    "Comment accueillir des familles réfugiées dans notre village avec l'aide des habitants ?"
)


async def ask(rig: ClusterRig, official: int) -> tuple[str, str]:
    """Ask QUESTION as a new official; return the reply and the URL of the process that gave it."""
    deliveries = rig.server.state.deliveries
    before = len(deliveries)
    receipt = await rig.control.send_text(official, QUESTION, user_id=official)
    event = await rig.control.wait_bot_message(official, after=receipt["revision"], timeout=20)
    while len(deliveries) == before:  # recorded once the process answered the POST
        await asyncio.sleep(0.01)
    return event["message"].get("text", ""), deliveries[before][1]


async def sign_in(rig: ClusterRig, process, staff_id: int, token: str) -> str:
    """Open a back-office session on one process; return its address."""
    found = re.search(r"Back-office de l'équipe : (http://\S+?)/ ", process.log.read_text())
    base = found.group(1)
    async with rig.http.post(
        f"{base}/connexion", data={"jeton": token}, allow_redirects=False
    ) as response:
        assert response.status in (302, 303), await response.text()
    return base


async def test_a_publish_in_one_process_changes_the_answer_of_another_within_5_s(tmp_path):
    with pg.temporary_postgres() as url:
        setup = build_container(
            Settings(_env_file=None, database_url=url, data_dir=tmp_path / "staff")
        )
        setup.backoffice.editor.set_status(SLUG, EntryStatus.ARCHIVED, "staff")
        setup.advisors.add(9001, "Équipe test", role="staff")
        token = setup.backoffice.access.issue_link(9001)
        setup.close()
        async with ClusterRig(tmp_path, url, count=2) as rig:
            first, second = rig.processes
            reply, _ = await ask(rig, 800_001)
            assert TITLE not in reply
            base = await sign_in(rig, first, 9001, token)
            async with rig.http.get(f"{base}/fiches/{SLUG}") as page:
                csrf = re.search(r'name="csrf" value="([^"]+)"', await page.text()).group(1)
            async with rig.http.post(
                f"{base}/fiches/{SLUG}/publier", data={"csrf": csrf}, allow_redirects=False
            ) as response:
                assert response.status in (302, 303)
            published = time.monotonic()
            official, answered_by_second = 800_002, None
            while time.monotonic() - published < 5 and answered_by_second is None:
                reply, process_url = await ask(rig, official)
                official += 1
                if process_url == second.url and TITLE in reply:
                    answered_by_second = time.monotonic() - published
            assert answered_by_second is not None, rig.tail()
            assert answered_by_second < 5

            # What operators see: health, readiness and the Prometheus metrics of a process.
            assert await rig.get_status(f"http://127.0.0.1:{second.metrics_port}/healthz") == 200
            async with rig.http.get(f"http://127.0.0.1:{second.metrics_port}/readyz") as ready:
                assert await ready.json() == {"database": True, "index": True, "telegram": True}
            page = await second.metrics()
            for line in (
                'hotline_updates_total{type="message"}',
                'hotline_decisions_total{kind="answer"}',
                'hotline_bot_api_calls_total{code="200",method="SendMessage"}',
                "hotline_update_handling_seconds_bucket",
                "hotline_outbox_backlog 0.0",
                'hotline_tickets{status="new"} 0.0',
                "hotline_index_rebuilds_total 1.0",
                "hotline_database_up 1.0",
                "process_cpu_seconds_total",
            ):
                assert line in page, line
            leaders = [await p.leads() for p in rig.processes]
            assert sorted(leaders) == [False, True]
