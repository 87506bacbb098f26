"""The one decision function: small talk, follow-up, escalate, answer, clarify or out of scope."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from knowledge.search.engine import Candidate, SearchResult


class DecisionKind(StrEnum):
    """What the bot does with a question."""

    ANSWER = "answer"
    CLARIFY = "clarify"
    ESCALATE = "escalate"
    OUT_OF_SCOPE = "out_of_scope"
    SMALL_TALK = "small_talk"
    # Only when the person has an open ticket: the message asks where that request stands.
    FOLLOW_UP = "follow_up"


@dataclass(frozen=True)
class Thresholds:
    """Confidence levels that separate the decisions (from settings)."""

    answer: float = 0.72
    clarify: float = 0.66
    margin: float = 0.06
    choices: int = 3
    # How retrieval confidence weighs against the scope classifier: at `scope_pivot` the
    # classifier decides alone; each 0.1 of confidence above (below) it counts as 1.5 nats of
    # in-scope (out-of-scope) evidence.
    scope_weight: float = 15.0
    scope_pivot: float = 0.70

    def __post_init__(self) -> None:
        if not 0 <= self.clarify <= self.answer <= 1:
            raise ValueError("thresholds must satisfy 0 <= clarify <= answer <= 1")
        if self.scope_weight < 0:
            raise ValueError("scope_weight must be positive")


@dataclass(frozen=True)
class Signals:
    """What the text says besides its search results, each read by its own detector."""

    asks_for_human: bool = False
    small_talk: str = ""  # the kind of small talk ("greeting", "thanks"...), "" when none
    language: str = "fr"  # "fr", or the other language the question is written in
    follows_up: bool = False  # reads as "where is my request?" and the person has an open one
    in_scope: float = 0.5  # probability the question is about participation (scope classifier)


@dataclass(frozen=True)
class Decision:
    """The decision on a question, with the candidates it rests on, best first."""

    kind: DecisionKind
    confidence: float
    candidates: tuple[Candidate, ...]
    reason: str
    small_talk: str = ""
    language: str = "fr"

    @property
    def best(self) -> Candidate | None:
        """Return the first candidate, if any."""
        return self.candidates[0] if self.candidates else None

    def choices(self, count: int = 3) -> tuple[Candidate, ...]:
        """Return the candidates to offer when clarifying."""
        return self.candidates[:count]


def scope_evidence(in_scope: float, confidence: float, thresholds: Thresholds) -> float:
    """Return the log-odds that a question is about participation, classifier and search combined.

    The classifier speaks alone at the pivot confidence; a search that finds an entry clearly
    above it can outweigh a doubtful classifier, and a poor search a mildly confident one.
    """
    p = min(max(in_scope, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p)) + thresholds.scope_weight * (confidence - thresholds.scope_pivot)


def decide(result: SearchResult, signals: Signals, thresholds: Thresholds) -> Decision:
    """Decide what to do with a searched question."""
    candidates = result.candidates
    confidence = candidates[0].score if candidates else 0.0

    def made(kind: DecisionKind, reason: str) -> Decision:
        return Decision(kind, confidence, candidates, reason, signals.small_talk, signals.language)

    if signals.small_talk:
        return made(DecisionKind.SMALL_TALK, f"échange courant ({signals.small_talk})")
    if signals.follows_up:
        return made(DecisionKind.FOLLOW_UP, "demande où en est sa demande")
    if signals.asks_for_human:
        return made(DecisionKind.ESCALATE, "demande un conseiller")
    if signals.language != "fr":
        return made(DecisionKind.OUT_OF_SCOPE, f"écrit dans une autre langue ({signals.language})")
    if not candidates:
        return made(DecisionKind.OUT_OF_SCOPE, "aucune fiche proche")
    evidence = scope_evidence(signals.in_scope, confidence, thresholds)
    if evidence < 0:
        return made(DecisionKind.OUT_OF_SCOPE, f"hors du champ (indice {evidence:.1f})")
    runner_up = candidates[1].score if len(candidates) > 1 else 0.0
    close = [c for c in candidates[1:] if confidence - c.score < thresholds.margin]
    if confidence >= thresholds.answer and not close:
        return made(DecisionKind.ANSWER, "fiche nettement en tête")
    if confidence >= thresholds.answer:
        reason = f"plusieurs fiches proches (écart {confidence - runner_up:.2f})"
    elif confidence >= thresholds.clarify:
        reason = "confiance moyenne"
    else:
        # Rasa's two-stage fallback: propose the likeliest entries before giving up.
        reason = "confiance faible, question du domaine"
    return made(DecisionKind.CLARIFY, reason)
