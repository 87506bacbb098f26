"""Hostile or odd input never crashes and never gets a confident wrong answer."""

import pytest

from routing.answers.decision import DecisionKind

ODD_INPUTS = {
    "empty": "",
    "blank": "   \n\t ",
    "very long": "concertation " * 1500 + "x" * 2000,
    "emoji only": "🙂🎉🤔👍",
    "control characters": "\x00\x01\x02\x1b[2J\x7f",
    "query syntax": 'AND OR NOT * ? " ( ) [ ] { } ~ ^ :',
    "field syntax": "title:budget AND body:* OR slug:ccspl^10",
    "sql": "'; DROP TABLE kb_entries; --",
    "html": "<script>alert('x')</script>",
    "unicode soup": "\u202e\u200b\ufeffbudget\u0301",
}


@pytest.mark.parametrize("text", ODD_INPUTS.values(), ids=ODD_INPUTS.keys())
def test_odd_input_gets_a_decision_without_crashing(seeded_container, text):
    decision = seeded_container.answers.answer(text)
    assert decision.kind in set(DecisionKind)
    assert 0.0 <= decision.confidence <= 1.0
    assert all(0.0 <= c.score <= 1.0 for c in decision.candidates)


@pytest.mark.parametrize(
    "text",
    ["", "🙂🎉", "\x00\x01", 'AND OR NOT * ? " ( ) [ ] { } ~ ^ :', "'; DROP TABLE kb_entries; --"],
)
def test_meaningless_input_is_never_answered(seeded_container, text):
    assert seeded_container.answers.answer(text).kind != DecisionKind.ANSWER


def test_the_database_survives_sql_looking_text(seeded_container):
    seeded_container.answers.answer("'; DROP TABLE kb_entries; --")
    assert len(seeded_container.knowledge.list()) >= 51


@pytest.mark.parametrize(
    "text",
    ["What's the weather like in London today?", "How do I renew my passport?"],
)
def test_an_english_question_off_topic_is_out_of_scope(seeded_container, text):
    assert seeded_container.answers.answer(text).kind == DecisionKind.OUT_OF_SCOPE


def test_a_twenty_thousand_character_question_is_handled(seeded_container):
    text = "Bonjour, " + "nous avons un projet de budget participatif. " * 450
    assert len(text) >= 20_000
    decision = seeded_container.answers.answer(text)
    assert decision.best.slug == "budget-participatif"
