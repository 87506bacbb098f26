"""Load: N simulated officials asking questions and opening tickets at once, through the sandbox.

Run with `make bench` (or `python -m benchmarks.load --users 100 500 1000`). The bot runs as a
real `hotline run` process with Telegram's limits on (30 messages a second for the whole bot,
20 a minute in the advisors' group), the sandbox in another process, the simulated people here.
Printed as a Markdown table: messages per second, update-to-reply p50 and p99, the bot's own
handling time, its peak memory, and the lost and duplicated messages (both must be 0).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import aiohttp

from bot.app.container import build_container
from bot.sandbox import DEFAULT_GROUP_ID
from bot.sandbox.control.client import SandboxClient, SandboxClientError
from bot.settings import Settings

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE.parent / "tests" / "data" / "validation.jsonl"
BIN = Path(sys.executable).parent
TOKEN = "777000:LOAD-BENCH"
FIRST_USER = 600_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_until(probe, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not await probe():
        if time.monotonic() > deadline:
            raise TimeoutError("not ready in time")
        await asyncio.sleep(0.1)


class Official:
    """One simulated person: acts, waits for the bot's answer, notes how long it took."""

    def __init__(self, control: SandboxClient, user_id: int, timeout: float) -> None:
        self.control, self.id, self.timeout = control, user_id, timeout
        self.latencies: list[float] = []
        self.lost = 0

    async def act(self, send, expect: str) -> dict | None:
        """Do something; return the bot's first message or edit after it containing `expect`."""
        started = time.monotonic()
        receipt = await send()
        after, deadline = receipt["revision"], started + self.timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                event = await self.control.wait_bot_message(self.id, after=after, timeout=left)
            except SandboxClientError:
                break
            if expect in event["message"].get("text", ""):
                self.latencies.append(time.monotonic() - started)
                return event["message"]
            after = event["revision"]
        self.lost += 1
        return None

    def say(self, text: str, expect: str = ""):
        return self.act(lambda: self.control.send_text(self.id, text), expect)

    def press(self, message: dict, label: str, expect: str):
        rows = message.get("reply_markup", {}).get("inline_keyboard", [])
        data = next(b["callback_data"] for row in rows for b in row if label in b["text"])
        return self.act(
            lambda: self.control.press(self.id, message["message_id"], data=data), expect
        )

    async def run(self, question: str, opens_ticket: bool) -> bool:
        """Ask a question; some then go through the whole request for a call-back."""
        await self.say(question)
        if not opens_ticket:
            return False
        steps = [
            ("say", "/conseiller", "étape 1/7"),
            ("say", "Comment associer les habitants au budget ?", "étape 2/7"),
            ("say", "Mairie de Saint-Exemple", "étape 3/7"),
            ("press", "Élu", "étape 4/7"),
            ("press", "téléphone", "étape 5/7"),
            ("say", "06 12 34 56 78", "étape 6/7"),
            ("press", "▫️", "créneaux"),
            ("press", "▫️", "créneaux"),
            ("press", "Valider", "étape 7/7"),
            ("press", "J'accepte", "Récapitulatif"),
            ("press", "Envoyer la demande", "enregistrée"),
        ]
        message: dict | None = None
        for kind, value, expect in steps:
            if kind == "say":
                message = await self.say(value, expect)
            elif message is not None:
                message = await self.press(message, value, expect)
            if message is None:
                return False
        return True


def duplicates(texts: list[str]) -> int:
    """Bot messages sent more than once in one chat (no step of the scenario repeats a text)."""
    return sum(count - 1 for count in Counter(texts).values() if count > 1)


def peak_memory_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def updates_handled(log: Path) -> int:
    return len(re.findall(r"Update id=\d+ is (?:not )?handled", log.read_text(encoding="utf-8")))


async def scenario(base: str, users: int, ticket_share: float, timeout: float) -> dict:
    """Register the people, let them all act at once, then count what arrived."""
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["text"] for line in lines if line]
    rng = random.Random(users)
    connector = aiohttp.TCPConnector(limit=0)  # one connection per waiting person
    async with aiohttp.ClientSession(connector=connector) as http:
        control = SandboxClient(base, session=http)
        people = [Official(control, FIRST_USER + n, timeout) for n in range(users)]
        for person in people:
            await control.register_user(person.id, f"Élu {person.id}")
        ticket_takers = set(rng.sample(range(users), round(users * ticket_share)))
        started = time.monotonic()
        opened = await asyncio.gather(
            *(
                person.run(rng.choice(questions), n in ticket_takers)
                for n, person in enumerate(people)
            )
        )
        elapsed = time.monotonic() - started
        await asyncio.sleep(2)  # anything sent twice would have arrived by now
        dup = 0
        for person in people:
            dup += duplicates(
                [
                    m.get("text", "")
                    for m in (await control.chat(person.id))["messages"]
                    if m["from"]["is_bot"]
                ]
            )
        tickets = sum(opened)
        cards: list[str] = []
        deadline = time.monotonic() + 20 + tickets * 3.5  # 20 a minute in a group
        while time.monotonic() < deadline:
            group = (await control.chat(DEFAULT_GROUP_ID))["messages"]
            cards = [m["text"].split("\n")[0] for m in group if "Demande n° " in m["text"]]
            if len(cards) >= tickets:
                break
            await asyncio.sleep(1)
        cards_lost = max(0, tickets - len(set(cards)))
        latencies = [x for p in people for x in p.latencies]
        return {
            "users": users,
            "replies": len(latencies),
            "elapsed": elapsed,
            "latencies": latencies,
            "lost": sum(p.lost for p in people) + cards_lost,
            "duplicated": dup + duplicates(cards),
            "tickets": tickets,
        }


async def run_once(users: int, ticket_share: float, timeout: float) -> dict:
    """One measurement on a fresh database, bot and sandbox."""
    with tempfile.TemporaryDirectory(prefix="hotline-load-") as tmp:
        data = Path(tmp) / "data"
        build_container(Settings(data_dir=data, database_url=None)).close()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = Path(tmp) / "bot.log"
        sandbox = subprocess.Popen(
            [sys.executable, "-m", "bot.sandbox", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        env = {
            **os.environ,
            "HOTLINE_DATA_DIR": str(data),
            "HOTLINE_DATABASE_URL": "",
            "HOTLINE_TELEGRAM_TOKEN": TOKEN,
            "HOTLINE_TELEGRAM_API_BASE": base,
            "HOTLINE_ADVISORS_CHAT_ID": str(DEFAULT_GROUP_ID),
            "HOTLINE_FLOOD_MESSAGES": "1000",  # simulated people type faster than anyone
            "HOTLINE_LOG_FILE": str(log),
            "HOTLINE_BACKOFFICE_PORT": "0",  # any free port: never in the way
        }
        bot = None
        try:
            async with aiohttp.ClientSession() as http:

                async def up(url: str) -> bool:
                    try:
                        async with http.get(url) as response:
                            return response.status == 200
                    except aiohttp.ClientError:
                        return False

                await wait_until(lambda: up(f"{base}/control/state"), 30)
                bot = subprocess.Popen(
                    [str(BIN / "hotline"), "run"],
                    env=env,
                    cwd=tmp,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )

                async def polling() -> bool:
                    calls = json.loads(await (await http.get(f"{base}/control/calls")).read())
                    return any(c["method"] == "getUpdates" for c in calls["result"])

                await wait_until(polling, 60)
            cpu_before, updates_before = cpu_seconds(bot.pid), updates_handled(log)
            result = await scenario(base, users, ticket_share, timeout)
            result["memory"] = peak_memory_mb(bot.pid)
            updates = updates_handled(log) - updates_before
            result["cpu_per_update"] = (cpu_seconds(bot.pid) - cpu_before) / max(1, updates)
            return result
        finally:
            for process in (bot, sandbox):
                if process is not None:
                    process.terminate()
                    process.wait(timeout=30)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    """Parse the command line, run each size, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--tickets", type=float, default=0.05, help="share opening a ticket")
    parser.add_argument("--timeout", type=float, default=300.0, help="per answer, seconds")
    args = parser.parse_args()
    print(
        "| officials | tickets | replies | replies/s | update→reply p50 | p99 "
        "| bot CPU per update | bot peak RSS | lost | duplicated |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for users in args.users:
        r = asyncio.run(run_once(users, args.tickets, args.timeout))
        lat = r["latencies"]
        print(
            f"| {users} | {r['tickets']} | {r['replies']} | {r['replies'] / r['elapsed']:.1f} "
            f"| {statistics.median(lat):.2f} s | {percentile(lat, 0.99):.2f} s "
            f"| {r['cpu_per_update'] * 1000:.1f} ms | {r['memory']:.0f} MB "
            f"| {r['lost']} | {r['duplicated']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
