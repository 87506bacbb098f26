"""Grouping gap questions by subject, one question at a time against representatives."""

from __future__ import annotations

from routing.curation.gap_clusters import (
    analysed,
    best_match,
    cluster_key,
    is_small_talk,
    key_hash,
    similar,
)


def file_all(texts: list[str]) -> list[int]:
    """File questions one by one as the recorder does; return each one's cluster number."""
    representatives: list[tuple[int, str]] = []
    homes = []
    for text in texts:
        key = cluster_key(text)
        home = best_match(key, representatives)
        if home is None:
            home = len(representatives)
            representatives.append((home, key))
        homes.append(home)
    return homes


def test_rephrasings_of_one_subject_join_the_first_question_s_cluster():
    homes = file_all(
        [
            "Comment organiser une fête des voisins ?",
            "organiser la fete des voisins dans ma commune",
            "Fête des voisins : quelle assurance ?",
            "Comment recruter un agent de développement local ?",
        ]
    )
    assert homes == [0, 0, 0, 1]


def test_different_subjects_open_different_clusters():
    homes = file_all(
        [
            "Quel budget pour un conseil de quartier ?",
            "Peut-on filmer un conseil municipal ?",
            "Comment mobiliser les jeunes ?",
            "budget du conseil de quartier",
        ]
    )
    assert homes == [0, 1, 2, 0]


def test_accents_case_and_stop_words_do_not_separate_questions():
    assert analysed("Les RÉUNIONS publiques") == analysed("reunion publique")
    assert similar(cluster_key("Les RÉUNIONS publiques"), cluster_key("reunion publique"))


def test_questions_with_no_content_word_group_only_with_the_same_text():
    assert file_all(["???", "???", "!!!"]) == [0, 0, 1]


def test_a_long_text_does_not_swallow_short_questions_sharing_its_words():
    long_text = " ".join(
        [
            "fête",
            "voisins",
            "budget",
            "quartier",
            "jeunes",
            "conseil",
            "municipal",
            "assurance",
            "salle",
            "subvention",
            "association",
            "école",
            "cantine",
            "piscine",
            "marché",
            "stade",
        ]
        * 3
    )
    assert not similar(cluster_key(long_text), cluster_key("fête des voisins"))
    assert file_all([long_text, "fête des voisins"]) == [0, 1]


def test_a_representative_is_compared_on_a_bounded_number_of_words():
    key = cluster_key(" ".join(f"mot{n}" for n in range(5000)))
    assert len(key.split()) == 24
    assert len(key_hash(key)) == 16


def test_the_best_of_several_similar_representatives_is_chosen():
    candidates = [(1, cluster_key("budget du quartier")), (2, cluster_key("fête des voisins"))]
    assert best_match(cluster_key("la fête des voisins"), candidates) == 2
    assert best_match(cluster_key("recruter un agent"), candidates) is None


def test_greetings_thanks_and_acknowledgements_are_small_talk_and_questions_are_not():
    for text in ("bonjour", "Merci beaucoup !", "ok", "Bonne journée", "au revoir", "??", "12"):
        assert is_small_talk(text), text
    for text in (
        "Bonjour, comment organiser une fête ?",
        "budget participatif",
        "Merci, et l'ERP ?",
    ):
        assert not is_small_talk(text), text
