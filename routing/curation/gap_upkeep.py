"""Take off the gaps list the questions a saved entry now answers, at save time, bounded."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from rapidfuzz import fuzz, process

from knowledge.entries.records import EntryStatus
from routing.answers.answering import AnswerService
from routing.answers.decision import DecisionKind
from routing.curation.gap_clusters import cluster_key

ANSWERED = "repondue"
# A cluster whose representative shares this little with every question of the entry cannot
# be answered by it: the search is only run on the clusters above it.
PREFILTER = 50.0
# At most so many clusters, and so many of their questions, are re-decided per save: the
# save's cost does not grow with what outsiders stored (the rest waits for the next save).
CLUSTERS = 100
QUESTIONS = 300


class GapUpkeep:
    """Re-decide the open gap questions close to changed entries; settle those now answered."""

    def __init__(
        self,
        uow_factory: Callable,
        answers: AnswerService,
        now: Callable[[], datetime],
        window: timedelta,
        lock: threading.Lock | None = None,
    ) -> None:
        self.uow_factory = uow_factory
        self.answers = answers
        self.now = now
        self.window = window
        # The searcher is not meant to be shared between threads: one pass at a time.
        self.lock = lock or threading.Lock()

    def entries_changed(self, slugs: Iterable[str], user_id: int) -> int:
        """Settle the gap questions the bot now answers confidently with one of these
        published entries; return how many left the list."""
        slugs = list(slugs)
        return self.settle(slugs, self.near(slugs), user_id)

    def near(self, slugs: Iterable[str], lookback: timedelta | None = None) -> list[int]:
        """Return the clusters fed within `lookback` (the gaps window by default) whose
        representative is close to the title or a question of one of these published
        entries, closest first, at most CLUSTERS: the only ones worth re-deciding."""
        since = self.now() - (lookback or self.window)
        with self.uow_factory() as uow:
            entries = [uow.entries.get(slug) for slug in set(slugs)]
            published = [e for e in entries if e and e.status == EntryStatus.PUBLISHED]
            clusters = uow.gaps.clusters_since(since) if published else []
        if not clusters:
            return []
        keys = [cluster_key(t) for e in published for t in (e.title, *e.questions)]
        representatives = [key for _id, key in clusters]
        scores: dict[int, float] = {}
        for key in keys:
            for _rep, score, index in process.extract(
                key,
                representatives,
                scorer=fuzz.token_set_ratio,
                score_cutoff=PREFILTER,
                limit=CLUSTERS,
            ):
                scores[index] = max(score, scores.get(index, 0.0))
        return [clusters[i][0] for i in sorted(scores, key=lambda i: -scores[i])[:CLUSTERS]]

    def settle(self, slugs: Iterable[str], clusters: list[int], user_id: int) -> int:
        """Re-decide the open questions of these clusters; settle those now answered with
        one of these published entries; return how many left the list."""
        if not clusters:
            return 0
        since = self.now() - self.window
        with self.uow_factory() as uow:
            entries = [uow.entries.get(slug) for slug in set(slugs)]
            published = {e.slug for e in entries if e and e.status == EntryStatus.PUBLISHED}
            questions = uow.gaps.open_questions(clusters, since, QUESTIONS)
        answered: dict[str, list[int]] = {}
        with self.lock:
            for question_id, text in questions:
                decision = self.answers.answer(text)
                best = decision.best
                if decision.kind == DecisionKind.ANSWER and best and best.slug in published:
                    answered.setdefault(best.slug, []).append(question_id)
        with self.uow_factory() as uow:
            for slug, ids in answered.items():
                uow.gaps.resolve(ids, ANSWERED, slug, user_id, self.now())
            uow.commit()
        return sum(len(ids) for ids in answered.values())
