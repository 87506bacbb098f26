"""The answering service: read what the text says, search the knowledge base, then decide."""

from __future__ import annotations

from knowledge.search.engine import Searcher, SearchResult
from routing.answers.decision import Decision, DecisionKind, Signals, Thresholds, decide
from routing.answers.intent import EscalationDetector, FollowUpDetector
from routing.answers.language import LanguageGuesser
from routing.answers.scope import ScopeClassifier
from routing.answers.smalltalk import SmallTalkDetector


class AnswerService:
    """Turn a free-text question into a decision; the bot and the CLI both go through here."""

    def __init__(
        self,
        searcher: Searcher,
        detector: EscalationDetector,
        thresholds: Thresholds,
        *,
        small_talk: SmallTalkDetector | None = None,
        follow_up: FollowUpDetector | None = None,
        languages: LanguageGuesser | None = None,
        scope: ScopeClassifier | None = None,
    ) -> None:
        self.searcher = searcher
        self.detector = detector
        self.thresholds = thresholds
        # Each reads its examples or patterns from routing/answers/data/ unless given.
        self.small_talk = small_talk or SmallTalkDetector.load()
        self.follow_up = follow_up or FollowUpDetector.load()
        self.languages = languages or LanguageGuesser.load()
        self.scope = scope or ScopeClassifier.load()
        self._scope_build: str | None = None

    def answer(self, text: str, limit: int = 5, open_ticket: bool = False) -> Decision:
        """Decide what to do with a message; any text, however odd, gets a decision.

        `open_ticket`: the person has a request in progress, so "des nouvelles ?" is about it.
        """
        if not isinstance(text, str) or not text.strip():
            return Decision(DecisionKind.OUT_OF_SCOPE, 0.0, (), "question vide")
        small_talk = self.small_talk.kind(text)
        if small_talk:
            # Nothing to search for: a greeting or a thank-you has no entry.
            return decide(SearchResult(text, ()), Signals(small_talk=small_talk), self.thresholds)
        result = self.searcher.search(text, limit=limit)
        signals = Signals(
            asks_for_human=self.detector.asks_for_human(text),
            language=self.languages.guess(text),
            follows_up=open_ticket and self.follow_up.follows_up(text),
            in_scope=self._in_scope(result),
        )
        return decide(result, signals, self.thresholds)

    def _in_scope(self, result: SearchResult) -> float:
        build, asked = self.searcher.asked_terms()
        if build != self._scope_build:
            # A new index build brings the knowledge base's current questions: train again.
            self.scope.fit(asked)
            self._scope_build = build
        return self.scope.in_scope(result.terms)
