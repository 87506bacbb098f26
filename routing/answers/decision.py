"""The one decision function: answer, clarify, escalate or out of scope."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from knowledge.search.engine import Candidate, SearchResult


class DecisionKind(StrEnum):
    """What the bot does with a question."""

    ANSWER = "answer"
    CLARIFY = "clarify"
    ESCALATE = "escalate"
    OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True)
class Thresholds:
    """Confidence levels that separate the decisions (from settings)."""

    answer: float = 0.72
    clarify: float = 0.66
    margin: float = 0.06
    choices: int = 3

    def __post_init__(self) -> None:
        if not 0 <= self.clarify <= self.answer <= 1:
            raise ValueError("thresholds must satisfy 0 <= clarify <= answer <= 1")


@dataclass(frozen=True)
class Decision:
    """The decision on a question, with the candidates it rests on, best first."""

    kind: DecisionKind
    confidence: float
    candidates: tuple[Candidate, ...]
    reason: str

    @property
    def best(self) -> Candidate | None:
        """Return the first candidate, if any."""
        return self.candidates[0] if self.candidates else None

    def choices(self, count: int = 3) -> tuple[Candidate, ...]:
        """Return the candidates to offer when clarifying."""
        return self.candidates[:count]


def decide(result: SearchResult, asks_for_human: bool, thresholds: Thresholds) -> Decision:
    """Decide what to do with a searched question."""
    candidates = result.candidates
    confidence = candidates[0].score if candidates else 0.0
    if asks_for_human:
        return Decision(DecisionKind.ESCALATE, confidence, candidates, "demande un conseiller")
    if not candidates or confidence < thresholds.clarify:
        return Decision(DecisionKind.OUT_OF_SCOPE, confidence, candidates, "aucune fiche proche")
    runner_up = candidates[1].score if len(candidates) > 1 else 0.0
    close = [c for c in candidates[1:] if confidence - c.score < thresholds.margin]
    if confidence >= thresholds.answer and not close:
        return Decision(DecisionKind.ANSWER, confidence, candidates, "fiche nettement en tête")
    if confidence >= thresholds.answer:
        reason = f"plusieurs fiches proches (écart {confidence - runner_up:.2f})"
    else:
        reason = "confiance moyenne"
    return Decision(DecisionKind.CLARIFY, confidence, candidates, reason)
