"""The decision function on hand-made search results."""

import pytest

from knowledge.search.engine import Candidate, SearchResult
from knowledge.search.ranking import Features
from routing.answers.decision import DecisionKind, Signals, Thresholds, decide

THRESHOLDS = Thresholds(answer=0.72, clarify=0.66, margin=0.06)
F = Features(bm25=1, coverage=1, fuzzy=1, known=1)


def result(*scores: float) -> SearchResult:
    candidates = tuple(
        Candidate(f"fiche-{i}", f"Fiche {i}", "droit", s, F) for i, s in enumerate(scores)
    )
    return SearchResult(text="q", terms=("q",), candidates=candidates)


def test_a_clear_leader_above_the_answer_threshold_is_answered():
    decision = decide(result(0.9, 0.7), Signals(), THRESHOLDS)
    assert decision.kind == DecisionKind.ANSWER
    assert decision.best.slug == "fiche-0"


def test_close_candidates_lead_to_a_clarifying_question():
    decision = decide(result(0.9, 0.87, 0.5), Signals(), THRESHOLDS)
    assert decision.kind == DecisionKind.CLARIFY
    assert [c.slug for c in decision.choices(2)] == ["fiche-0", "fiche-1"]


def test_a_middling_confidence_on_a_participation_question_leads_to_a_clarifying_question():
    assert decide(result(0.69), Signals(in_scope=0.9), THRESHOLDS).kind == DecisionKind.CLARIFY


def test_a_low_confidence_is_out_of_scope():
    assert decide(result(0.5, 0.4), Signals(), THRESHOLDS).kind == DecisionKind.OUT_OF_SCOPE


def test_no_candidate_is_out_of_scope():
    assert decide(result(), Signals(), THRESHOLDS).kind == DecisionKind.OUT_OF_SCOPE


def test_asking_for_a_human_escalates_even_with_a_perfect_match():
    decision = decide(result(1.0), Signals(asks_for_human=True), THRESHOLDS)
    assert decision.kind == DecisionKind.ESCALATE
    assert decision.candidates  # the advisor still sees what the bot found


def test_thresholds_must_be_ordered():
    with pytest.raises(ValueError):
        Thresholds(answer=0.5, clarify=0.6)


def test_a_low_confidence_with_strong_domain_evidence_still_proposes_the_likeliest_entries():
    decision = decide(result(0.45, 0.4, 0.3), Signals(in_scope=0.999), THRESHOLDS)
    assert decision.kind == DecisionKind.CLARIFY
    assert [c.slug for c in decision.choices(3)] == ["fiche-0", "fiche-1", "fiche-2"]


def test_a_confident_search_is_out_of_scope_when_the_classifier_says_so_firmly():
    # "Combien coûte un abonnement de téléphone ?" finds a budget entry at 0.76.
    assert (
        decide(result(0.76), Signals(in_scope=0.01), THRESHOLDS).kind == DecisionKind.OUT_OF_SCOPE
    )


def test_a_clear_leader_needs_no_help_from_a_doubtful_classifier():
    assert decide(result(0.95, 0.6), Signals(in_scope=0.3), THRESHOLDS).kind == DecisionKind.ANSWER


def test_small_talk_comes_first_even_before_a_request_for_a_human():
    signals = Signals(small_talk="identity", asks_for_human=True)
    decision = decide(result(), signals, THRESHOLDS)
    assert decision.kind == DecisionKind.SMALL_TALK
    assert decision.small_talk == "identity"


def test_a_follow_up_on_an_open_request_beats_an_answer_and_a_request_for_a_human():
    signals = Signals(follows_up=True, asks_for_human=True, in_scope=0.99)
    assert decide(result(0.95), signals, THRESHOLDS).kind == DecisionKind.FOLLOW_UP


def test_another_language_is_out_of_scope_and_says_which():
    decision = decide(result(0.9), Signals(language="en", in_scope=0.99), THRESHOLDS)
    assert decision.kind == DecisionKind.OUT_OF_SCOPE
    assert decision.language == "en"


def test_the_scope_weight_cannot_be_negative():
    with pytest.raises(ValueError):
        Thresholds(scope_weight=-1)
