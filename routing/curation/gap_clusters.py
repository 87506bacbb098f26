"""Group similar gap questions so staff see one line per missing subject, not one per question."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz

from knowledge.search.analysis import clean_text, stems
from routing.curation.records import GapQuestion

# token_set_ratio on stemmed, stop-word-free text: 100 when one question's words are all in
# the other, ~60 for two questions sharing one word of three. 70 keeps rephrasings together.
SIMILARITY = 70.0


@dataclass(frozen=True)
class GapGroup:
    """Questions on one subject, most recent first."""

    questions: tuple[GapQuestion, ...]

    @property
    def count(self) -> int:
        """Return how many questions the group holds."""
        return len(self.questions)

    @property
    def latest(self) -> datetime:
        """Return when the most recent question of the group was asked."""
        return max(q.asked_at for q in self.questions)

    @property
    def label(self) -> str:
        """Return the text that names the group: its most recent question."""
        return self.questions[0].text

    @property
    def ids(self) -> tuple[int, ...]:
        """Return the ids of the questions."""
        return tuple(q.id for q in self.questions)

    def reasons(self) -> Counter:
        """Count the questions by why they are gaps."""
        return Counter("not_useful" if q.not_useful else q.decision for q in self.questions)


def analysed(text: str) -> str:
    """Return the stems of a question, the form questions are compared in."""
    return " ".join(stems(clean_text(text)))


def cluster(questions: Iterable[GapQuestion], threshold: float = SIMILARITY) -> list[GapGroup]:
    """Group questions greedily: each joins the first group holding a similar question.

    Questions are taken most recent first; groups come out largest first, then most recent.
    """
    ordered = sorted(questions, key=lambda q: (q.asked_at, q.id), reverse=True)
    groups: list[tuple[list[GapQuestion], list[str]]] = []
    for question in ordered:
        key = analysed(question.text)
        home = None
        for members, keys in groups:
            if _similar(key, question.text, keys, members, threshold):
                home = (members, keys)
                break
        if home is None:
            groups.append(([question], [key]))
        else:
            home[0].append(question)
            home[1].append(key)
    result = [GapGroup(tuple(members)) for members, _keys in groups]
    result.sort(key=lambda g: (g.count, g.latest), reverse=True)
    return result


def _similar(key: str, text: str, keys: list[str], members, threshold: float) -> bool:
    for other_key, other in zip(keys, members, strict=True):
        if not key or not other_key:
            # Nothing left after analysis (only stop words or symbols): compare the raw text.
            if text.strip().casefold() == other.text.strip().casefold():
                return True
            continue
        if fuzz.token_set_ratio(key, other_key) >= threshold:
            return True
    return False
