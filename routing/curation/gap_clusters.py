"""Group similar gap questions so staff see one line per missing subject, not one per question.

A question joins a cluster when it is stored (`routing/curation/gap_recorder.py`): it is
compared with the representative of a bounded number of clusters, never with every question,
so storing costs the same whatever outsiders stored before.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz, process

from knowledge.search.analysis import clean_text, stems, words
from routing.curation.records import GapQuestion

# token_set_ratio on stemmed, stop-word-free text: 100 when one question's words are all in
# the other, ~60 for two questions sharing one word of three. 70 keeps rephrasings together.
SIMILARITY = 70.0
# A representative is compared on its first words: questions are short, and a long planted
# text must neither cost more nor swallow every short question as a "subset" of its words.
KEY_TERMS = 24
# Sets of very different sizes are not one subject even when the small one is a subset.
SIZE_RATIO = 1 / 3
# Words that carry no question: greetings, thanks, acknowledgements (folded, unstemmed).
_SMALL_TALK = """bonjour bonsoir salut coucou hello hey bjr slt cc allo merci mrc thanks beaucoup
bien tres super parfait top genial ok okay oki daccord accord dac oui ouais non nan bonne journee
soiree revoir bye cordialement svp stp plait test essai hein ah oh bon voila entendu compris cool"""
SMALL_TALK_WORDS = frozenset(_SMALL_TALK.split())


@dataclass(frozen=True)
class GapGroup:
    """Questions on one subject, most recent first, as a page shows them."""

    questions: tuple[GapQuestion, ...]
    total: int = 0  # how many open questions the cluster holds (may exceed those listed)
    cluster_id: int = 0

    @property
    def count(self) -> int:
        """Return how many questions the group holds."""
        return max(self.total, len(self.questions))

    @property
    def hidden(self) -> int:
        """Return how many questions of the group are not listed."""
        return self.count - len(self.questions)

    @property
    def latest(self) -> datetime:
        """Return when the most recent listed question of the group was asked."""
        return max(q.asked_at for q in self.questions)

    @property
    def label(self) -> str:
        """Return the text that names the group: its most recent question."""
        return self.questions[0].text

    @property
    def ids(self) -> tuple[int, ...]:
        """Return the ids of the listed questions."""
        return tuple(q.id for q in self.questions)

    def reasons(self) -> Counter:
        """Count the listed questions by why they are gaps."""
        return Counter("not_useful" if q.not_useful else q.decision for q in self.questions)


def analysed(text: str) -> str:
    """Return the stems of a question, the form questions are compared in."""
    return " ".join(stems(clean_text(text)))


def cluster_key(text: str) -> str:
    """Return the form a question is compared in as a cluster representative (bounded)."""
    key = " ".join(analysed(text).split()[:KEY_TERMS])
    # Nothing left after analysis (only stop words or symbols): the raw text, folded, decides.
    return key or "=" + " ".join(text.casefold().split())[:200]


def key_hash(key: str) -> str:
    """Return a short fixed-size digest of a key, to find an identical representative."""
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def is_small_talk(text: str) -> bool:
    """Tell whether a text holds no question at all: a greeting, thanks, "ok", a symbol."""
    found = words(clean_text(text, 400))
    return not [w for w in found if w not in SMALL_TALK_WORDS and not w.isdigit()]


def similar(key: str, other: str, threshold: float = SIMILARITY) -> bool:
    """Tell whether two keys (see `cluster_key`) speak of the same subject."""
    if key.startswith("=") or other.startswith("="):
        return key == other
    return fuzz.token_set_ratio(key, other) >= threshold and _comparable(key, other)


def best_match(
    key: str, candidates: list[tuple[int, str]], threshold: float = SIMILARITY
) -> int | None:
    """Return the id of the most similar candidate representative, or None if none is."""
    if key.startswith("="):
        return next((cid for cid, other in candidates if other == key), None)
    keys = [other for _cid, other in candidates]
    found = process.extract(
        key, keys, scorer=fuzz.token_set_ratio, score_cutoff=threshold, limit=None
    )
    for _other, _score, index in sorted(found, key=lambda f: (-f[1], f[2])):
        if not keys[index].startswith("=") and _comparable(key, keys[index]):
            return candidates[index][0]
    return None


def _comparable(key: str, other: str) -> bool:
    small, large = sorted((len(set(key.split())), len(set(other.split()))))
    return small >= large * SIZE_RATIO
