"""Synonym expansion from data, and typo correction against the index vocabulary."""

from knowledge.search.analysis import stems
from knowledge.search.spelling import SpellingCorrector
from knowledge.search.synonyms import SynonymTable


def test_an_abbreviation_brings_the_terms_of_its_spelled_out_form():
    table = SynonymTable([["CMJ", "conseil municipal des jeunes"]])
    [expansion] = table.expansions("creer un cmj")
    assert expansion.found == ("cmj",)
    assert set(stems("conseil municipal des jeunes")) <= set(expansion.synonyms)


def test_a_synonym_matches_whole_words_only():
    table = SynonymTable([["PLU", "plan local d'urbanisme"]])
    assert table.expansions("plusieurs pluies") == []


def test_multiword_expressions_match_without_accents_or_hyphens():
    table = SynonymTable([["éclairage public", "lampadaires"]])
    assert table.expansions("Eclairage-public la nuit")


def test_the_shipped_table_knows_the_usual_acronyms():
    table = SynonymTable.load()
    for acronym in ("PLU", "PLUi", "CMJ", "QPV", "EPCI", "codev", "CCSPL", "AMO", "RGPD", "DPO"):
        assert table.expansions(acronym), acronym


def test_a_typo_is_corrected_to_the_closest_known_word():
    speller = SpellingCorrector({"budget", "participatif", "referendum"})
    assert speller.correct("budjet") == "budget"
    assert speller.correct("particpatif") == "participatif"
    assert speller.correct("referundum") == "referendum"


def test_a_real_french_word_is_never_corrected_into_another():
    speller = SpellingCorrector({"reperer"}, dictionary=frozenset({"reparer"}))
    assert speller.correct("reparer") is None


def test_short_words_and_numbers_are_left_alone():
    speller = SpellingCorrector({"plan", "2024"})
    assert speller.correct("pla") is None
    assert speller.correct("2023") is None


def test_a_word_far_from_everything_is_not_corrected():
    speller = SpellingCorrector({"budget", "concertation"})
    assert speller.correct("ratatouille") is None
