"""The real answer engine on any text: a decision, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routing.answers.decision import DecisionKind

french = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéèàçùâêîôû'’-?!.,;: 0123456789")),
    max_size=120,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), french))
def test_any_text_gets_a_decision_with_a_confidence_between_zero_and_one(seeded_container, text):
    decision = seeded_container.answers.answer(text)
    assert decision.kind in set(DecisionKind)
    assert 0 <= decision.confidence <= 1
    assert all(0 <= c.score <= 1 for c in decision.candidates)
