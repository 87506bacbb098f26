"""The issue's own examples, decided on the seeded knowledge base and its trained classifier."""

import pytest

from routing.answers.decision import DecisionKind


def decide(container, text, open_ticket=False):
    return container.answers.answer(text, open_ticket=open_ticket)


@pytest.mark.parametrize(
    "text",
    [
        "Peut-on faire un référendum local sur la fermeture d'une école ?",
        "Je suis maire d'une commune de 800 habitants, par où commencer pour impliquer les "
        "habitants ?",
    ],
)
def test_legitimate_questions_are_not_out_of_scope(seeded_container, text):
    assert decide(seeded_container, text).kind in (DecisionKind.ANSWER, DecisionKind.CLARIFY)


def test_the_referendum_question_proposes_the_referendum_entry_first(seeded_container):
    decision = decide(
        seeded_container, "Peut-on faire un référendum local sur la fermeture d'une école ?"
    )
    assert decision.best.slug == "referendum-local"


def test_a_phone_subscription_is_out_of_scope_however_confident_the_search(seeded_container):
    decision = decide(seeded_container, "Combien coûte un abonnement de téléphone ?")
    assert decision.kind == DecisionKind.OUT_OF_SCOPE


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Personne n'est venu à notre dernier atelier", "mobiliser-participants"),
        ("une réunion publique a dégénéré", "gerer-les-conflits"),
    ],
)
def test_situations_told_without_the_entries_words_reach_the_right_entry(
    seeded_container, text, slug
):
    decision = decide(seeded_container, text)
    assert decision.kind in (DecisionKind.ANSWER, DecisionKind.CLARIFY)
    if decision.kind == DecisionKind.ANSWER:
        assert decision.best.slug == slug
    else:
        assert slug in [c.slug for c in decision.choices(3)]


@pytest.mark.parametrize("text", ["bonjour", "merci", "?", "qui êtes-vous ?"])
def test_greetings_thanks_and_questions_about_the_bot_are_small_talk(seeded_container, text):
    assert decide(seeded_container, text).kind == DecisionKind.SMALL_TALK


def test_an_english_question_is_out_of_scope_with_its_language(seeded_container):
    decision = decide(seeded_container, "How can we involve residents in our town's budget?")
    assert decision.kind == DecisionKind.OUT_OF_SCOPE
    assert decision.language == "en"


@pytest.mark.parametrize(
    "text", ["rappel téléphonique demain matin possible ?", "pouvez-vous me rappeler ?"]
)
def test_call_backs_worded_without_advisor_escalate(seeded_container, text):
    assert decide(seeded_container, text).kind == DecisionKind.ESCALATE


def test_a_follow_up_is_one_only_for_someone_with_an_open_request(seeded_container):
    text = "Avez-vous pu regarder ma demande ?"
    assert decide(seeded_container, text, open_ticket=True).kind == DecisionKind.FOLLOW_UP
    assert decide(seeded_container, text).kind != DecisionKind.FOLLOW_UP
