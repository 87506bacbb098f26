"""Cited texts, reviews, feedback and names on SQLite, and on PostgreSQL if installed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import inspect

from knowledge.entries.records import Citation
from knowledge.entries.references import Reference
from routing.records import Role
from storage.backoffice.uow import BackofficeUnitOfWork
from storage.database import make_session_factory
from tests.fakes import make_entry

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
CHECKED = date(2026, 11, 29)


@pytest.fixture
def uow(engine):
    factory = make_session_factory(engine)
    return lambda: BackofficeUnitOfWork(factory)


def test_the_migration_creates_the_citation_and_review_tables(engine):
    tables = set(inspect(engine).get_table_names())
    assert {"entry_citations", "cited_text_changes", "entry_reviews"} <= tables
    indexed = {i["name"] for i in inspect(engine).get_indexes("entry_citations")}
    assert "ix_entry_citations_article_key" in indexed


def test_citations_are_stored_found_by_article_and_replaced_on_save(uow):
    petition = make_entry(
        "storage-petition",
        cites=(Citation("CGCT", "L1112-16", CHECKED), Citation("Loi 2022-217", "14", CHECKED)),
    )
    with uow() as unit:
        unit.entries.save(petition)
        unit.entries.save(
            make_entry("storage-other", cites=(Citation("CGCT", "L2143-2", CHECKED),))
        )
        unit.commit()
    with uow() as unit:
        assert unit.entries.get("storage-petition").cites == petition.cites
        for typed in ("l1112-16", "CGCT L1112-16", "Loi 2022-217"):
            found = unit.citations.citing(Reference.parse(typed).folded)
            assert {c.slug for c in found} == {"storage-petition"}, typed
        unit.entries.save(replace(petition, cites=(), version=2))
        unit.commit()
    with uow() as unit:
        assert unit.citations.citing(Reference.parse("L1112-16").folded) == []
        assert unit.entries.get("storage-petition").cites == ()


def test_a_reported_change_opens_reviews_until_they_are_closed(uow):
    with uow() as unit:
        unit.entries.save(make_entry("review-a"))
        unit.entries.save(make_entry("review-b"))
        change = unit.citations.report_change("CGCT", "L1", "loi 3DS", 41, ["review-a"], NOW)
        unit.commit()
    with uow() as unit:
        flagged = {
            e.slug: e.under_review for e in unit.entries.list() if e.slug.startswith("review")
        }
        assert flagged == {"review-a": True, "review-b": False}
        [review] = [r for r in unit.citations.open_reviews() if r.change.id == change]
        assert (review.slug, review.change.note, review.change.key) == (
            "review-a",
            "loi 3DS",
            "CGCT L1",
        )
        assert unit.citations.close_reviews("review-a", 41, NOW) == 1
        unit.commit()
    with uow() as unit:
        assert not unit.entries.get("review-a").under_review
        assert unit.citations.close_reviews("review-a", 41, NOW) == 0


def test_feedback_counts_remarks_ratings_and_names_read_on_every_backend(uow):
    with uow() as unit:
        unit.users.set_role(51, Role.STAFF, "Sophie")
        unit.users.seen(52, "Camille", None)
        question = unit.questions.add(52, "pétition ?", "answer", 0.9, [("fb-entry", 0.9)])
        unit.questions.feedback(question.id, 52, "fb-entry", False)
        unit.questions.comment(question.id, 52, "Il manque le délai")
        other = unit.questions.add(52, "pétition 2 ?", "answer", 0.9, [("fb-entry", 0.9)])
        unit.questions.feedback(other.id, 52, "fb-entry", True)
        unit.commit()
    with uow() as unit:
        counts = unit.feedback.counts("fb-entry")
        assert (counts.useful, counts.not_useful) == (1, 1)
        [remark] = unit.feedback.remarks(None, "fb-entry")
        assert (remark.kind, remark.text, remark.useful) == (
            "remarque",
            "Il manque le délai",
            False,
        )
        assert isinstance(unit.feedback.ratings(None), list)
        assert unit.people.names([51, 52, 999]) == {51: "Sophie", 52: "Camille"}
