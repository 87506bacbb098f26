"""The out-of-scope classifier on hand-made classes: counts, balance and unknown words."""

import pytest

from knowledge.search.analysis import stems
from routing.answers.scope import ScopeClassifier

OUT = [
    "prix du carburant cette semaine",
    "résilier mon abonnement de téléphone",
    "horaires de la piscine municipale",
    "recette de la tarte aux pommes",
]
IN_SCOPE = ["organiser une concertation avec les habitants", "budget participatif des habitants"]


def trained(in_scope=IN_SCOPE) -> ScopeClassifier:
    classifier = ScopeClassifier(OUT)
    counts: dict[str, int] = {}
    for question in in_scope:
        for term in stems(question):
            counts[term] = counts.get(term, 0) + 1
    classifier.fit(counts)
    return classifier


def test_a_question_in_the_words_of_the_entries_is_in_scope():
    assert trained().in_scope(stems("concertation des habitants")) > 0.8


def test_a_question_in_the_words_of_the_examples_is_out_of_scope():
    assert trained().in_scope(stems("abonnement téléphone prix")) < 0.2


def test_words_neither_class_knows_say_nothing():
    assert trained().in_scope(stems("zorglub wibble")) == pytest.approx(0.5)


def test_an_untrained_classifier_has_no_opinion():
    assert ScopeClassifier(OUT).in_scope(stems("concertation")) == 0.5


def test_a_larger_knowledge_base_does_not_turn_its_rare_words_into_out_of_scope_evidence():
    large = trained(IN_SCOPE * 50 + ["chantier participatif"])
    assert large.in_scope(stems("chantier")) >= 0.5
    assert large.in_scope(stems("concertation des habitants")) > 0.8


def test_the_shipped_examples_load():
    classifier = ScopeClassifier.load()
    assert classifier.out_counts
