"""Grouping gap questions by subject (rapidfuzz on analysed text, greedy)."""

from __future__ import annotations

from datetime import UTC, datetime

from routing.curation.gap_clusters import analysed, cluster
from routing.curation.records import GapQuestion


def question(number: int, text: str, day: int = 1, decision: str = "out_of_scope", **kw):
    return GapQuestion(number, text, decision, 0.3, datetime(2026, 3, day, tzinfo=UTC), **kw)


def test_rephrasings_of_one_subject_fall_in_one_group():
    groups = cluster(
        [
            question(1, "Comment organiser une fête des voisins ?", day=1),
            question(2, "organiser la fete des voisins dans ma commune", day=3),
            question(3, "Fête des voisins : quelle assurance ?", day=2),
            question(4, "Comment recruter un agent de développement local ?", day=4),
        ]
    )
    assert [g.ids for g in groups] == [(2, 3, 1), (4,)]


def test_groups_come_largest_first_then_most_recent_with_their_latest_date():
    groups = cluster(
        [
            question(1, "Quel budget pour un conseil de quartier ?", day=1),
            question(2, "budget du conseil de quartier", day=2),
            question(3, "Peut-on filmer un conseil municipal ?", day=9),
            question(4, "Comment mobiliser les jeunes ?", day=5),
        ]
    )
    assert [g.count for g in groups] == [2, 1, 1]
    assert groups[0].latest == datetime(2026, 3, 2, tzinfo=UTC)
    assert groups[0].label == "budget du conseil de quartier"
    assert groups[1].ids == (3,)


def test_accents_case_and_stop_words_do_not_separate_questions():
    assert analysed("Les RÉUNIONS publiques") == analysed("reunion publique")
    groups = cluster([question(1, "Les RÉUNIONS publiques"), question(2, "reunion publique")])
    assert len(groups) == 1


def test_questions_with_no_content_word_group_only_with_the_same_text():
    groups = cluster([question(1, "???"), question(2, "???"), question(3, "!!!")])
    assert sorted(g.count for g in groups) == [1, 2]


def test_a_group_counts_its_questions_by_reason():
    groups = cluster(
        [
            question(1, "fête des voisins", decision="clarify"),
            question(2, "fête des voisins ?", decision="answer", not_useful=True),
            question(3, "la fête des voisins", decision="out_of_scope"),
        ]
    )
    assert dict(groups[0].reasons()) == {"clarify": 1, "not_useful": 1, "out_of_scope": 1}


def test_no_question_makes_no_group():
    assert cluster([]) == []
