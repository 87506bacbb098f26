"""The decision function on hand-made search results."""

import pytest

from knowledge.search.engine import Candidate, SearchResult
from knowledge.search.ranking import Features
from routing.answers.decision import DecisionKind, Thresholds, decide

THRESHOLDS = Thresholds(answer=0.72, clarify=0.66, margin=0.06)
F = Features(bm25=1, coverage=1, fuzzy=1, known=1)


def result(*scores: float) -> SearchResult:
    candidates = tuple(
        Candidate(f"fiche-{i}", f"Fiche {i}", "droit", s, F) for i, s in enumerate(scores)
    )
    return SearchResult(text="q", terms=("q",), candidates=candidates)


def test_a_clear_leader_above_the_answer_threshold_is_answered():
    decision = decide(result(0.9, 0.7), False, THRESHOLDS)
    assert decision.kind == DecisionKind.ANSWER
    assert decision.best.slug == "fiche-0"


def test_close_candidates_lead_to_a_clarifying_question():
    decision = decide(result(0.9, 0.87, 0.5), False, THRESHOLDS)
    assert decision.kind == DecisionKind.CLARIFY
    assert [c.slug for c in decision.choices(2)] == ["fiche-0", "fiche-1"]


def test_a_middling_confidence_leads_to_a_clarifying_question():
    assert decide(result(0.69), False, THRESHOLDS).kind == DecisionKind.CLARIFY


def test_a_low_confidence_is_out_of_scope():
    assert decide(result(0.5, 0.4), False, THRESHOLDS).kind == DecisionKind.OUT_OF_SCOPE


def test_no_candidate_is_out_of_scope():
    assert decide(result(), False, THRESHOLDS).kind == DecisionKind.OUT_OF_SCOPE


def test_asking_for_a_human_escalates_even_with_a_perfect_match():
    decision = decide(result(1.0), True, THRESHOLDS)
    assert decision.kind == DecisionKind.ESCALATE
    assert decision.candidates  # the advisor still sees what the bot found


def test_thresholds_must_be_ordered():
    with pytest.raises(ValueError):
        Thresholds(answer=0.5, clarify=0.6)
