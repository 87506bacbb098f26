"""The line officials see while an entry is under review after a change of the texts it cites."""

from __future__ import annotations

from dataclasses import replace

from bot.views.answer_notices import render_answer_notice
from bot.views.rendering import answer_entry, full_text
from bot.views.texts import UNDER_REVIEW
from tests.fakes import make_entry


def test_an_entry_under_review_carries_the_line_in_its_answer_and_full_text():
    entry = replace(make_entry(), under_review=True)
    assert f"<i>{UNDER_REVIEW}</i>" in answer_entry(entry, 3).text
    assert UNDER_REVIEW in full_text(entry)[0]


def test_an_entry_checked_again_has_no_such_line():
    entry = make_entry()
    assert UNDER_REVIEW not in answer_entry(entry, 3).text
    assert UNDER_REVIEW not in "".join(full_text(entry))


def test_the_answer_notice_says_so_too_when_the_entry_was_under_review():
    payload = {"slug": "a", "title": "T", "short_answer": "S", "asked_on": "01/12/2026"}
    assert UNDER_REVIEW not in render_answer_notice(payload).text
    assert UNDER_REVIEW in render_answer_notice({**payload, "under_review": True}).text


def test_being_under_review_is_state_not_content():
    entry = make_entry()
    assert replace(entry, under_review=True).same_content(entry)
    assert replace(entry, under_review=True) == entry
