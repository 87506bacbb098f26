"""Speed and memory of the answer engine: index build and per-question decision latency.

Run with `make bench`. Measures the seed base and generated bases of 1,000 and 10,000 entries
(sizes can be chosen with --sizes). Figures are printed as a Markdown table.

The questions are those of tests/data/validation.jsonl (long stories, typos, slang, requests
for a human, out-of-scope questions), each timed through the whole decision function.

A generated base holds the seed entries plus entries recombined from the seed's real text:
each takes its title from a seed question, a body of 12 sentences drawn from all the seed
bodies, 8 alternate questions drawn from all the seed questions, and the group, short answer,
keywords and sources of a seed entry. Its vocabulary stays the seed's, so the common words of
a question match thousands of entries at 10,000: harder for the search than a real base of
that size, whose vocabulary would grow with it.

Past a budget of postings the search reads only a question's most telling terms first
(knowledge/search/candidates.py); "same decision" is the share of questions on which it decides as
the exhaustive search (every posting read) does, with the same first entry.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from knowledge.catalogue.service import SEED_DIR, read_entries
from knowledge.entries.records import Entry
from knowledge.search.candidates import POSTING_BUDGET
from knowledge.search.engine import Searcher
from knowledge.search.index import IndexStore
from knowledge.search.spelling import french_words
from knowledge.search.synonyms import SynonymTable
from routing.answers.answering import AnswerService
from routing.answers.decision import Thresholds
from routing.answers.intent import EscalationDetector

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE.parent / "tests" / "data" / "validation.jsonl"


def seed_entries() -> list[Entry]:
    """Return the shipped entries."""
    return [item for _where, item in read_entries(SEED_DIR) if isinstance(item, Entry)]


def generated_entries(count: int, seed: list[Entry]) -> list[Entry]:
    """Make `count` plausible entries by recombining sentences and questions of the seed."""
    rng = random.Random(count)
    sentences = [s.strip() for e in seed for s in e.body.split(".") if len(s.strip()) > 30]
    questions = [q for e in seed for q in e.questions]
    entries = list(seed)
    for number in range(count - len(seed)):
        model = rng.choice(seed)
        entries.append(
            replace(
                model,
                slug=f"{model.slug}-{number}",
                title=f"{rng.choice(questions)} ({number})",
                body=". ".join(rng.sample(sentences, 12)),
                questions=tuple(rng.sample(questions, 8)),
            )
        )
    return entries[:count]


def percentile(values: list[float], share: float) -> float:
    """Return the value below which `share` of the sorted values fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(make_entries: Callable[[], list[Entry]], questions: list[str], rounds: int) -> dict:
    """Build an index of the entries made, then time the decision function on the questions.

    Times are taken without tracing; memory is measured in a second, traced pass, because
    tracemalloc slows Python down several times. The entries are dropped before the
    questions are asked: a running bot keeps them in its database, not in memory, and the
    pauses of Python's garbage collector (timed with the questions) grow with what the
    process holds.
    """
    with tempfile.TemporaryDirectory() as folder:
        store = IndexStore(Path(folder))
        entries = make_entries()
        count = len(entries)
        started = time.perf_counter()
        store.build(entries)
        build_seconds = time.perf_counter() - started
        del entries
        service = make_service(store)
        gc.collect()  # what earlier sizes and the build left behind is not this size's cost
        latencies = []
        for _ in range(rounds):
            for text in questions:
                started = time.perf_counter()
                service.answer(text)
                latencies.append((time.perf_counter() - started) * 1000)
        same = agreement(service, make_service(store, posting_budget=None), questions)
    with tempfile.TemporaryDirectory() as folder:
        store = IndexStore(Path(folder))
        tracemalloc.start()
        store.build(make_entries())
        _, build_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        service = make_service(store)
        for text in questions:
            service.answer(text)
        _, query_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {
        "entries": count,
        "build_s": build_seconds,
        "median_ms": statistics.median(latencies),
        "p99_ms": percentile(latencies, 0.99),
        "build_peak_mb": build_peak / 2**20,
        "query_peak_mb": query_peak / 2**20,
        "same_decision": same,
    }


def make_service(store: IndexStore, posting_budget: int | None = POSTING_BUDGET) -> AnswerService:
    """Return the answer service on an index, warmed up (index opened, vocabularies read)."""
    searcher = Searcher(store, SynonymTable.load(), posting_budget=posting_budget)
    service = AnswerService(searcher, EscalationDetector.load(), Thresholds())
    service.answer("préchauffage")
    return service


def agreement(service: AnswerService, exhaustive: AnswerService, questions: list[str]) -> float:
    """Return the share of questions both services decide alike, with the same first entry."""
    same = 0
    for text in questions:
        ours, reference = service.answer(text), exhaustive.answer(text)
        first = ours.best.slug if ours.best else None
        expected = reference.best.slug if reference.best else None
        same += ours.kind == reference.kind and first == expected
    return same / len(questions)


def main() -> None:
    """Run the benchmarks and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="seed,1000,10000")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    questions = [json.loads(line)["text"] for line in QUESTIONS.read_text().splitlines() if line]
    french_words()  # the word list is loaded once per process, at start-up: not a query cost
    seed = seed_entries()
    rows = []
    for size in args.sizes.split(","):
        if size == "seed":
            rows.append(measure(lambda: seed, questions, args.rounds))
        else:
            entries = partial(generated_entries, int(size), seed)
            rows.append(measure(entries, questions, rounds=1))
        print(f"measured {rows[-1]['entries']} entries", flush=True)
    print(f"\n{len(questions)} questions per round (tests/data/validation.jsonl)\n")
    print(
        "| entries | index build | decision median | decision p99 | build peak | query peak "
        "| same decision |"
    )
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['entries']:,} | {row['build_s']:.2f} s | {row['median_ms']:.2f} ms "
            f"| {row['p99_ms']:.2f} ms | {row['build_peak_mb']:.0f} MiB "
            f"| {row['query_peak_mb']:.0f} MiB | {row['same_decision']:.0%} |"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
