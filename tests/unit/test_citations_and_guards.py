"""Cited texts in the front matter, reference look-ups, and what blocks publication."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from knowledge.catalogue.service import SEED_DIR, read_entries
from knowledge.entries.checks import check_entries
from knowledge.entries.forms import entry_from_form, form_from_entry
from knowledge.entries.guards import NotPublishable, ensure_publishable, publication_problems
from knowledge.entries.markdown_format import parse_markdown, to_markdown
from knowledge.entries.records import Citation, EntryStatus, entry_from_dict, entry_to_dict
from knowledge.entries.references import Reference
from knowledge.entries.validation import InvalidEntry, entry_from_mapping
from routing.curation.drafts import draft_entry
from tests.fakes import make_entry

CHECKED = date(2026, 11, 29)


def mapping(**changes) -> dict:
    data = entry_to_dict(make_entry())
    data.update(changes)
    return data


def test_cites_are_read_with_text_article_and_check_date():
    entry = entry_from_mapping(
        mapping(
            cites=[
                {"text": "CGCT", "article": "L1112-16", "checked_on": CHECKED},
                {"text": "Loi 2014-173", "article": 7, "checked_on": "2026-11-29"},
                {"text": "Décret 2024-1036", "article": "", "checked_on": CHECKED},
            ]
        )
    )
    assert entry.cites == (
        Citation("CGCT", "L1112-16", CHECKED),
        Citation("Loi 2014-173", "7", CHECKED),
        Citation("Décret 2024-1036", "", CHECKED),
    )
    assert [c.key for c in entry.cites] == ["CGCT L1112-16", "Loi 2014-173 7", "Décret 2024-1036"]


@pytest.mark.parametrize(
    ("cites", "reason"),
    [
        ("CGCT L1112-16", "champ « cites » : liste attendue"),
        (["CGCT L1112-16"], "objet {text, article, checked_on} attendu"),
        ([{"article": "L1112-16", "checked_on": CHECKED}], "« text » (code ou texte, ex. CGCT)"),
        ([{"text": "CGCT", "article": "L1112-16"}], "« checked_on » date AAAA-MM-JJ attendue"),
        ([{"text": "CGCT", "article": "L1", "checked_on": "hier"}], "« checked_on » date"),
        ([{"text": "CGCT", "article": ["L1"], "checked_on": CHECKED}], "« article » doit être"),
        (
            [
                {"text": "CGCT", "article": "L1112-16", "checked_on": CHECKED},
                {"text": "cgct", "article": "l1112-16", "checked_on": CHECKED},
            ],
            "« cgct l1112-16 » cité deux fois",
        ),
    ],
)
def test_invalid_cites_are_refused_with_a_french_reason(cites, reason):
    with pytest.raises(InvalidEntry) as refused:
        entry_from_mapping(mapping(cites=cites))
    assert any(reason in r for r in refused.value.reasons), refused.value.reasons


def test_cites_survive_the_markdown_and_dict_round_trips():
    entry = make_entry(
        cites=(Citation("CGCT", "L2143-1", CHECKED), Citation("Loi 2002-276", "", CHECKED))
    )
    again = parse_markdown(to_markdown(entry))
    assert again == entry and to_markdown(again) == to_markdown(entry)
    assert entry_from_dict(entry_to_dict(entry)) == entry


def test_the_form_edits_cites_one_per_line_and_keeps_them_when_the_field_is_absent():
    entry = make_entry(cites=(Citation("CGCT", "L2143-1", CHECKED),))
    form = form_from_entry(entry)
    assert form["cites"] == "CGCT | L2143-1 | 2026-11-29"
    edited = entry_from_form(
        {**form, "cites": "CGCT | L2143-2 | 2026-12-01\nLoi 2002-276 | | 2026-12-01"}, entry
    )
    assert [c.key for c in edited.cites] == ["CGCT L2143-2", "Loi 2002-276"]
    without = {k: v for k, v in form.items() if k != "cites"}
    assert entry_from_form(without, entry).cites == entry.cites


@pytest.mark.parametrize("typed", ["L1112-16", "l1112-16", "CGCT L1112-16", "cgct  art. L1112-16"])
def test_a_reference_is_found_however_it_is_typed(typed):
    assert Reference.parse(typed).matches(Citation("CGCT", "L1112-16", CHECKED))


def test_a_reference_does_not_match_another_article_or_code():
    petition = Reference.parse("CGCT L1112-16")
    assert not petition.matches(Citation("CGCT", "L1112-15", CHECKED))
    assert not petition.matches(Citation("Code électoral", "L1112-16", CHECKED))
    assert Reference.parse("decret 2024-1036").matches(Citation("Décret 2024-1036", "", CHECKED))
    assert not Reference.parse("").matches(Citation("CGCT", "", CHECKED))


class Ticket:
    id = 12
    question = (
        "Comment organiser une fête de la soupe entre voisins avec les associations du quartier, "
        "les écoles, le comité des fêtes et la bibliothèque municipale, sans budget ni salle ?"
    )


def test_a_draft_from_a_ticket_has_every_blocking_problem_flagged_on_its_field():
    draft = draft_entry(Ticket(), "Note interne : rappeler mardi.", None, lambda slug: False)
    fields = {p.field for p in publication_problems(draft)}
    assert fields == {"title", "short_answer", "body", "questions", "sources"}
    with pytest.raises(NotPublishable) as refused:
        ensure_publishable(replace(draft, status=EntryStatus.PUBLISHED))
    assert "aucune source citée" in refused.value.by_field["sources"]


def test_a_short_answer_over_the_limit_or_still_to_write_blocks_publication():
    assert [p.field for p in publication_problems(make_entry(short_answer="x" * 701))] == [
        "short_answer"
    ]
    to_write = publication_problems(make_entry(short_answer="(réponse à rédiger)"))
    assert [p.message for p in to_write] == ["la réponse courte est encore à rédiger"]


def test_kb_check_makes_blocking_problems_errors_when_published_and_reminders_on_drafts():
    thin = make_entry(questions=("une seule question ?",), sources=())
    published = check_entries([("a.md", thin)], CHECKED)
    assert {p.level for p in published} == {"erreur"}
    draft = check_entries([("a.md", replace(thin, status=EntryStatus.DRAFT))], CHECKED)
    assert {p.level for p in draft} == {"alerte"}
    assert all("(à corriger avant publication)" in p.message for p in draft)


def test_four_questions_only_warn_and_do_not_block():
    entry = make_entry(questions=("a ?", "b ?", "c ?", "d ?"))
    assert publication_problems(entry) == []
    assert [p.level for p in check_entries([("a.md", entry)], CHECKED)] == ["alerte"]


def test_kb_check_passes_on_every_seed_entry_with_no_warning():
    items = list(read_entries(SEED_DIR))
    entries = [item for _where, item in items if not isinstance(item, InvalidEntry)]
    assert len(entries) == len(items) >= 56
    # Checked on the day of the legal review, so the result does not depend on today's date.
    reviewed = max(e.reviewed_on for e in entries if e.reviewed_on)
    assert check_entries(items, reviewed) == []
    assert all(e.cites for e in entries if e.group == "droit")
