"""The conversation service on in-memory fakes: ownership, availability, themes."""

import pytest

from knowledge.entries.records import EntryStatus
from knowledge.search.engine import Candidate
from knowledge.search.ranking import Features
from routing.answers.decision import Decision, DecisionKind
from routing.answers.hotline import HotlineService, Sender
from routing.errors import EntryUnavailable, NotYourQuestion, QuestionNotFound
from tests.fakes import FakeConversationUnitOfWork, make_entry

ALICE, BOB = Sender(1, "Alice"), Sender(2, "Bob")


class FixedAnswers:
    """An answer service that always decides the same (a fake, not a mock)."""

    def __init__(self, slug: str) -> None:
        features = Features(bm25=1, coverage=1, fuzzy=1, known=1)
        self.decision = Decision(
            DecisionKind.ANSWER, 0.9, (Candidate(slug, "t", "methode", 0.9, features),), "ok"
        )

    def answer(self, text: str, open_ticket: bool = False) -> Decision:
        return self.decision


def service(*entries) -> tuple[HotlineService, FakeConversationUnitOfWork]:
    uow = FakeConversationUnitOfWork(list(entries) or [make_entry()])
    return HotlineService(uow, FixedAnswers("budget-participatif")), uow


def test_asking_stores_the_question_and_returns_the_published_entries():
    hotline, uow = service()
    asked = hotline.ask(ALICE, "budget participatif ?")
    assert uow.questions.get(asked.question_id).decision == "answer"
    assert list(asked.entries) == ["budget-participatif"]
    assert uow.users.get(1).first_name == "Alice"


def test_a_draft_entry_is_never_shown():
    hotline, _ = service(make_entry(status=EntryStatus.DRAFT))
    assert hotline.ask(ALICE, "budget").entries == {}
    with pytest.raises(EntryUnavailable):
        hotline.entry("budget-participatif")


def test_feedback_on_someone_elses_question_is_refused():
    hotline, _ = service()
    asked = hotline.ask(ALICE, "budget")
    with pytest.raises(NotYourQuestion):
        hotline.feedback(BOB, asked.question_id, "budget-participatif", True)


def test_feedback_on_an_unknown_question_is_refused():
    hotline, _ = service()
    with pytest.raises(QuestionNotFound):
        hotline.feedback(ALICE, 404, "budget-participatif", False)


def test_a_comment_needs_feedback_first():
    hotline, uow = service()
    asked = hotline.ask(ALICE, "budget")
    with pytest.raises(QuestionNotFound):
        hotline.comment(ALICE, asked.question_id, "il manque les délais")
    hotline.feedback(ALICE, asked.question_id, "budget-participatif", False)
    hotline.comment(ALICE, asked.question_id, "il manque les délais")
    assert uow.questions.feedbacks[(asked.question_id, 1)] == [
        "budget-participatif",
        False,
        "il manque les délais",
    ]


def test_choosing_none_records_a_dash_and_returns_nothing():
    hotline, uow = service()
    asked = hotline.ask(ALICE, "budget")
    assert hotline.choose(ALICE, asked.question_id, None) is None
    assert uow.questions.get(asked.question_id).chosen_slug == "-"


def test_an_advisor_request_is_numbered():
    hotline, _ = service()
    assert hotline.request_advisor(ALICE, None, "commande") == 1
    assert hotline.request_advisor(ALICE, None, "commande") == 2


def test_themes_list_published_entries_by_group_in_catalogue_order():
    hotline, _ = service(
        make_entry("b", title="Bêta", group="methode"),
        make_entry("a", title="alpha", group="methode"),
        make_entry("c", title="Gamma", group="droit"),
        make_entry("d", title="Delta", group="droit", status=EntryStatus.ARCHIVED),
    )
    themes = hotline.themes()
    assert list(themes) == ["droit", "methode"]
    assert [e.slug for e in themes["methode"]] == ["a", "b"]
    assert [e.slug for e in themes["droit"]] == ["c"]


def test_a_question_is_read_back_only_by_the_person_who_asked_it():
    hotline, _ = service()
    asked = hotline.ask(ALICE, "budget participatif ?")
    assert hotline.question_text(ALICE, asked.question_id) == "budget participatif ?"
    with pytest.raises(NotYourQuestion):
        hotline.question_text(BOB, asked.question_id)
