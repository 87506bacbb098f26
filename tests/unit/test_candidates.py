"""Bounded candidate retrieval: which clauses are read, and scores equal to whoosh's."""

import pytest
from whoosh import query as wq

from knowledge.search.candidates import (
    BuildScores,
    Clause,
    clauses_for,
    field_frequencies,
    within_budget,
)
from knowledge.search.engine import Searcher
from knowledge.search.index import IndexStore
from knowledge.search.synonyms import SynonymTable
from tests.fakes import make_entry

FREQUENCIES = {
    "title": {"budget": 2, "habit": 40},
    "lead": {"budget": 5, "habit": 90},
    "text": {"budget": 9, "habit": 100, "eclairag": 1},
}


def common_and_rare_entries() -> list:
    """Many entries about the same everyday things, and one about a rare one."""
    entries = [
        make_entry(
            f"reunion-{n}",
            title=f"Réunion des habitants de la commune numéro {n}",
            questions=("Comment réunir les habitants de la commune ?",),
            body="Les habitants de la commune se réunissent. " * (1 + n % 3),
        )
        for n in range(30)
    ]
    entries.append(
        make_entry(
            "eclairage-public",
            title="Éteindre l'éclairage public la nuit",
            questions=("Les habitants de la commune veulent éteindre les lampadaires",),
            body="L'extinction de l'éclairage public se décide en conseil municipal.",
        )
    )
    return entries


def test_every_clause_found_in_the_index_is_read_when_the_budget_allows():
    clauses = clauses_for(["budget", "absent"], [], 0.4)
    read, complete = within_budget(clauses, FREQUENCIES, documents=100, budget=1000)
    assert complete
    assert [(c.field, c.term) for c in read] == [
        ("title", "budget"),
        ("lead", "budget"),
        ("text", "budget"),
    ]


def test_past_the_budget_the_telling_clauses_are_read_first():
    clauses = clauses_for(["habit", "budget"], [], 0.4)
    read, complete = within_budget(clauses, FREQUENCIES, documents=100, budget=30)
    assert not complete
    assert {c.term for c in read} == {"budget"}
    # The order of the question is kept: the sums come out as the full query's.
    assert read == [c for c in clauses if c in read]


def test_the_most_telling_clause_is_read_even_alone_past_the_budget():
    read, complete = within_budget(clauses_for(["habit"], [], 0.4), FREQUENCIES, 100, budget=10)
    assert not complete
    assert read == [Clause("title", "habit")]


def test_the_scores_are_whooshs_bm25f_scores_in_whooshs_order(tmp_path):
    store = IndexStore(tmp_path)
    store.build(common_and_rare_entries())
    searcher = store.open().searcher()
    scores = BuildScores(searcher)
    clauses = clauses_for(["habit", "commun", "eclairag"], ["lampadair"], 0.4)
    read, _ = within_budget(clauses, field_frequencies(searcher.reader()), 31, budget=None)
    query = wq.Or([wq.Term(c.field, c.term, boost=c.boost) for c in read])
    expected = [(hit.docnum, hit.score) for hit in searcher.search(query, limit=12)]
    ours = scores.top(read, 12)
    assert [docnum for docnum, _ in ours] == [docnum for docnum, _ in expected]
    assert [score for _, score in ours] == pytest.approx([score for _, score in expected])
    for docnum, score in ours:
        freqs = searcher.stored_fields(docnum)["freqs"]
        assert scores.score(docnum, freqs, read) == pytest.approx(score)


def test_a_search_with_a_small_budget_finds_the_entry_the_exhaustive_search_finds(tmp_path):
    store = IndexStore(tmp_path)
    store.build(common_and_rare_entries())
    question = "les habitants de la commune veulent couper l'éclairage public"
    bounded = Searcher(store, SynonymTable([]), posting_budget=5).search(question)
    exhaustive = Searcher(store, SynonymTable([]), posting_budget=None).search(question)
    assert bounded.candidates[0].slug == exhaustive.candidates[0].slug == "eclairage-public"
    assert bounded.candidates[0].score == pytest.approx(exhaustive.candidates[0].score)
