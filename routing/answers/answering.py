"""The answering service: search the knowledge base, then take the decision."""

from __future__ import annotations

from knowledge.search.engine import Searcher
from routing.answers.decision import Decision, DecisionKind, Thresholds, decide
from routing.answers.intent import EscalationDetector


class AnswerService:
    """Turn a free-text question into a decision; the bot and the CLI both go through here."""

    def __init__(
        self, searcher: Searcher, detector: EscalationDetector, thresholds: Thresholds
    ) -> None:
        self.searcher = searcher
        self.detector = detector
        self.thresholds = thresholds

    def answer(self, text: str, limit: int = 5) -> Decision:
        """Decide what to do with a question; any text, however odd, gets a decision."""
        if not isinstance(text, str) or not text.strip():
            return Decision(DecisionKind.OUT_OF_SCOPE, 0.0, (), "question vide")
        result = self.searcher.search(text, limit=limit)
        return decide(result, self.detector.asks_for_human(text), self.thresholds)
