"""Put a question on the gaps list when it is stored: redacted once, capped, clustered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from routing.curation.closing_loop import utc_now
from routing.curation.gap_clusters import best_match, cluster_key, is_small_talk, key_hash
from routing.safety.redaction import EMAIL, PHONE, redact_capped

# A question is a gap when the bot did not answer it, or answered without being sure.
UNANSWERED = frozenset({"out_of_scope", "escalate", "clarify"})
# Decisions on what is no question for the base: greetings, thanks, "where is my request?".
NEVER_GAPS = frozenset({"small_talk", "follow_up"})
LOW_CONFIDENCE = 0.8
# Staff read one line per question; longer texts are cut (and redacted) to this.
TEXT_LIMIT = 500
# How many clusters a new question is compared with: those with the same key, then the most
# recently fed ones. Fixed, so storing costs the same whatever outsiders stored before.
CANDIDATES = 100
CHOSEN = "choisie"


class GapRecorder:
    """Decide whether a stored question is a gap and file it in a cluster, in the caller's
    unit of work (which must give `gaps`, see storage/curation/gap_store.py)."""

    def __init__(
        self,
        now: Callable[[], datetime] = utc_now,
        low_confidence: float = LOW_CONFIDENCE,
        candidates: int = CANDIDATES,
    ) -> None:
        self.now = now
        self.low_confidence = low_confidence
        self.candidates = candidates

    def is_gap(self, text: str, decision: str, confidence: float) -> bool:
        """Tell whether a question with this decision belongs on the gaps list."""
        if decision in NEVER_GAPS or is_small_talk(text):
            return False
        return decision in UNANSWERED or confidence < self.low_confidence

    def stored(self, uow, question_id: int, text: str, decision: str, confidence: float) -> bool:
        """File a just-stored question if it is a gap; tell whether it was."""
        if not self.is_gap(text, decision, confidence):
            return False
        self._file(uow, question_id, text, decision)
        return True

    def chosen(self, uow, question_id: int, user_id: int, slug: str | None) -> None:
        """A choice pressed after a clarification settles the question (not "none of them")."""
        item = uow.gaps.item(question_id)
        if slug and item and item[0]:
            uow.gaps.resolve([question_id], CHOSEN, slug, user_id, self.now())

    def judged(self, uow, question_id: int, text: str, useful: bool) -> None:
        """A "Pas utile" puts the question on the list (again, if a click had settled it)."""
        if useful or is_small_talk(text):
            return
        item = uow.gaps.item(question_id)
        if item is None:
            self._file(uow, question_id, text, "not_useful")
        else:
            reopen = uow.gaps.resolution(question_id) in (None, CHOSEN)
            uow.gaps.mark_not_useful(question_id, reopen)

    def _file(self, uow, question_id: int, text: str, reason: str) -> None:
        now = self.now()
        shown = redact_capped(text, TEXT_LIMIT)
        # Compared without the masks: a phone number says nothing of the subject.
        key = cluster_key(shown.replace(PHONE, " ").replace(EMAIL, " "))
        digest = key_hash(key)
        home = best_match(key, uow.gaps.candidates(digest, self.candidates))
        if home is None:
            home = uow.gaps.add_cluster(key, digest, now)
        uow.gaps.add(question_id, home, shown, reason, now)
