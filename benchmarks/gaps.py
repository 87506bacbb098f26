"""Gaps at scale: storing questions, the home and "Lacunes" pages, and the bot meanwhile.

Run with `make bench` (or `python -m benchmarks.gaps --questions 20000`). On a seeded
database it stores N unanswered questions through the bot's own storing path
(`HotlineService.store`: the question, its redaction, its cluster), a tenth of them 4,000
characters of the planted kind (a long word run, e-mail- and phone-like junk, a real address
and number), the others validation questions with two words of the knowledge base's own
vocabulary added, from 500 people. It then serves the back-office over HTTP as the bot does
and measures:

- storing: the wall-clock time of each `store` call (one transaction, committed);
- pages: sequential loads of "/" and "/lacunes" by a signed-in staff member, each read from
  the database, then reloads (a page is kept 3 s while no question is filed);
- the bot: the time from an official's question reaching the event loop to the decision
  stored, first idle, then while two staff members (other processes) reload both pages
  without pause, as the bot and the back-office share one process and one event loop;
  once as served, once with every page read from the database.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import random
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from bot.app.container import build_container
from bot.backoffice.server import BackofficeServer
from bot.backoffice.web import COOKIE
from bot.settings import Settings
from routing.answers.decision import Decision, DecisionKind
from routing.answers.hotline import Sender
from routing.curation.gap_pages import GapReader
from routing.records import Role

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE.parent / "tests" / "data" / "validation.jsonl"
STAFF = 900
OUT = Decision(DecisionKind.OUT_OF_SCOPE, 0.1, (), "aucune fiche proche")


def percentile(values: list[float], share: float) -> float:
    """Return the value below which `share` of the values fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def planted(rng: random.Random, words: list[str]) -> str:
    """A 4,000-character question of the kind one user planted: junk around a few words."""
    head = " ".join(rng.choices(words, k=4))
    junk = "a" * 300 + " b.c@d " + "06 12 34 56 7 " * 20 + "+33 1 " * 30
    return ((f"{head} jean.dupont@mairie-exemple.fr 06 12 34 56 78 " + junk) * 8)[:4000]


def question_texts(count: int, words: list[str]) -> list[str]:
    """Return `count` questions: a tenth planted, the rest varied real questions."""
    rng = random.Random(count)
    real = [json.loads(line)["text"] for line in QUESTIONS.read_text().splitlines() if line]
    texts = []
    for number in range(count):
        if number % 10 == 0:
            texts.append(planted(rng, words))
        else:
            texts.append(f"{rng.choice(real)} {' '.join(rng.choices(words, k=2))}")
    return texts


def store_all(container, texts: list[str]) -> tuple[list[float], list[float]]:
    """Store the questions through the bot's path; return each call's CPU and wall seconds.

    The CPU time is the cost; the wall-clock time adds the waits of a machine shared with
    other work (2 cores here).
    """
    hotline, cpu, wall = container.hotline, [], []
    for number, text in enumerate(texts):
        sender = Sender(10_000 + number % 500, "Camille")
        start, start_cpu = time.perf_counter(), time.thread_time()
        hotline.store(sender, text, OUT)
        cpu.append(time.thread_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return cpu, wall


def load_pages(url: str, cookie: str, seconds: float, results) -> None:
    """Reload the home and gaps pages for `seconds` (a staff member in another process)."""
    opener = urllib.request.build_opener()
    opener.addheaders = [("Cookie", f"{COOKIE}={cookie}")]
    loads, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in ("/", "/lacunes"):
            with opener.open(url + path) as response:
                response.read()
            loads += 1
    results.put(loads)


def page_times(url: str, cookie: str, path: str, count: int, before=None) -> list[float]:
    """Load a page `count` times in a row (calling `before` first each time, untimed);
    return each load's seconds."""
    opener = urllib.request.build_opener()
    opener.addheaders = [("Cookie", f"{COOKIE}={cookie}")]
    times = []
    for _load in range(count):
        if before is not None:
            before()
        start = time.perf_counter()
        with opener.open(url + path) as response:
            assert response.status == 200
            response.read()
        times.append(time.perf_counter() - start)
    return times


async def bot_latencies(container, questions: list[str], pause: float) -> list[float]:
    """Ask questions as the bot's handlers do (on the event loop); return each one's seconds
    from arrival to decision stored, waiting for the loop included."""
    hotline, times = container.hotline, []

    async def handle(text: str, arrived: float) -> None:
        await asyncio.sleep(0)  # an update handler starts when the loop gets to it
        hotline.ask(Sender(STAFF + 1, "Camille"), text)
        times.append(time.perf_counter() - arrived)

    tasks = []
    for text in questions:
        tasks.append(asyncio.create_task(handle(text, time.perf_counter())))
        await asyncio.sleep(pause)
    await asyncio.gather(*tasks)
    return times


async def under_load(container, asked, url: str, cookie: str, args) -> tuple[list[float], int]:
    """Measure the bot while two staff members (other processes) reload both pages."""
    results = multiprocessing.Queue()
    staff = [
        multiprocessing.Process(target=load_pages, args=(url, cookie, args.busy, results))
        for _member in range(2)
    ]
    for process in staff:
        process.start()
    await asyncio.sleep(1.0)  # both staff members are loading pages by now
    busy = await bot_latencies(container, asked, args.pause)
    loads = 0
    for process in staff:
        while process.is_alive():
            await asyncio.sleep(0.2)
        loads += results.get()
    return busy, loads


async def serve_and_measure(container, args) -> dict:
    """Serve the back-office, then measure the pages and the bot idle and under load."""
    server = BackofficeServer(container.backoffice, "127.0.0.1", 0)
    await server.start()
    try:
        access = container.backoffice.access
        cookie = (await asyncio.to_thread(access.redeem, access.issue_link(STAFF))).token
        url = server.local_url
        pages, forget = {}, container.backoffice.curation.reader.forget
        for path in ("/", "/lacunes"):
            # Read from the database every time, then as staff reloading within 3 s do.
            pages[path] = await asyncio.to_thread(page_times, url, cookie, path, args.loads, forget)
            pages[path + " again"] = await asyncio.to_thread(
                page_times, url, cookie, path, args.loads
            )
        real = [json.loads(line)["text"] for line in QUESTIONS.read_text().splitlines() if line]
        asked = real[: args.asks]
        await bot_latencies(container, asked[:5], args.pause)  # load the word lists first
        idle = await bot_latencies(container, asked, args.pause)
        busy, loads = await under_load(container, asked, url, cookie, args)
        # The same, every page read from the database (nothing kept between loads).
        curation = container.backoffice.curation
        curation.reader = GapReader(curation.uow_factory, curation.now, fresh=0)
        busy_cold, loads_cold = await under_load(container, asked, url, cookie, args)
        return {
            "pages": pages,
            "idle": idle,
            "busy": busy,
            "loads": loads,
            "busy_cold": busy_cold,
            "loads_cold": loads_cold,
        }
    finally:
        await server.stop()


def main() -> None:
    """Print the figures as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=20_000)
    parser.add_argument("--loads", type=int, default=30, help="loads of each page")
    parser.add_argument("--asks", type=int, default=120, help="questions asked idle and busy")
    parser.add_argument("--pause", type=float, default=0.05, help="seconds between questions")
    parser.add_argument("--busy", type=float, default=12.0, help="seconds staff load pages")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        container = build_container(Settings(data_dir=Path(folder), database_url=None))
        with container.uow() as uow:
            uow.users.set_role(STAFF, Role.STAFF, "Sophie")
            uow.commit()
        entries = container.knowledge.list()
        words = sorted({w for e in entries for q in (e.title, *e.questions) for w in q.split()})
        texts = question_texts(args.questions, words)
        stored, stored_wall = store_all(container, texts)
        questions, subjects = container.backoffice.curation.gap_counts()
        figures = asyncio.run(serve_and_measure(container, args))
        container.close()
    ms = 1000
    print(
        f"{args.questions:,} unanswered questions stored ({args.questions // 10:,} of 4,000 "
        f"characters): {questions:,} on the gaps list in {subjects:,} subjects.\n"
    )
    print("| measure | median | p99 | max |")
    print("|---|---|---|---|")
    for name, times in (("CPU", stored), ("wall clock", stored_wall)):
        print(
            f"| storing a question, {name} | {statistics.median(times) * ms:.2f} ms | "
            f"{percentile(times, 0.99) * ms:.2f} ms | {max(times) * ms:.1f} ms |"
        )
    for path, name in (
        ("/", "home page"),
        ("/lacunes", "Lacunes page"),
        ("/ again", "home page, reloaded within 3 s"),
        ("/lacunes again", "Lacunes page, reloaded within 3 s"),
    ):
        times = figures["pages"][path]
        print(
            f"| {name} ({len(times)} loads) | {statistics.median(times) * ms:.0f} ms | "
            f"{percentile(times, 0.99) * ms:.0f} ms | {max(times) * ms:.0f} ms |"
        )
    idle = figures["idle"]
    for name, times in (
        (f"bot answer, idle ({len(idle)} questions)", idle),
        (f"bot answer, 2 staff reloading ({figures['loads']} page loads)", figures["busy"]),
        (
            f"bot answer, 2 staff reloading, pages never kept ({figures['loads_cold']} loads)",
            figures["busy_cold"],
        ),
    ):
        print(
            f"| {name} | {statistics.median(times) * ms:.1f} ms | "
            f"{percentile(times, 0.99) * ms:.1f} ms | {max(times) * ms:.1f} ms |"
        )
    print()
    for name, times in (("", figures["busy"]), (", pages never kept", figures["busy_cold"])):
        ratio = statistics.median(times) / statistics.median(idle)
        print(f"Bot answer while staff reload pages{name}: {ratio:.2f}x idle (median).")


if __name__ == "__main__":
    main()
