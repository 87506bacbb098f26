"""The entry edit form, the entry filter, version diffs and the SVG charts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.backoffice.svg import bar_chart, line_chart
from knowledge.catalogue.filters import EntryFilter, filter_entries
from knowledge.entries.forms import diff_entries, entry_from_form, form_from_entry
from knowledge.entries.records import EntryStatus, Source
from knowledge.entries.validation import InvalidEntry
from tests.fakes import make_entry


def test_an_entry_round_trips_through_its_form():
    entry = make_entry(
        sources=(Source("CGCT, art. L2143-1", "https://www.legifrance.gouv.fr"), Source("Guide")),
        reviewed_on=date(2026, 1, 2),
        review_by=date(2027, 1, 2),
        status=EntryStatus.DRAFT,
        version=4,
    )
    assert entry_from_form(form_from_entry(entry), entry) == entry


def test_the_form_reads_one_item_per_line_and_windows_line_ends():
    entry = make_entry()
    form = form_from_entry(entry) | {
        "questions": "  Première ?\r\n\r\nDeuxième ?  ",
        "body": "ligne 1\r\nligne 2",
    }
    edited = entry_from_form(form, entry)
    assert edited.questions == ("Première ?", "Deuxième ?")
    assert edited.body == "ligne 1\nligne 2"


def test_an_invalid_form_gives_every_reason():
    entry = make_entry()
    form = form_from_entry(entry) | {"group": "inconnu", "sources": "Lien | ftp://x", "title": ""}
    with pytest.raises(InvalidEntry) as raised:
        entry_from_form(form, entry)
    assert raised.value.reasons == [
        "champ « title » manquant",
        "groupe « inconnu » inconnu (attendu : droit, methode, theme, offre)",
        "source « Lien » : adresse web invalide",
    ]


def test_the_filter_matches_words_without_accents_group_status_and_review_date():
    today = date(2026, 6, 1)
    entries = [
        make_entry("budget-participatif"),
        make_entry("reunion", title="Réussir une réunion publique", group="methode"),
        make_entry("droit-petition", title="Droit de pétition", group="droit"),
        replace(make_entry("vieille"), title="Vieille fiche", review_by=date(2026, 1, 1)),
    ]
    assert [e.slug for e in filter_entries(entries, EntryFilter(text="REUNION"), today)] == [
        "reunion"
    ]
    by_group = filter_entries(entries, EntryFilter(group="droit"), today)
    assert [e.slug for e in by_group] == ["droit-petition"]
    overdue = filter_entries(entries, EntryFilter(overdue=True), today)
    assert [e.slug for e in overdue] == ["vieille"]
    assert filter_entries(entries, EntryFilter(status="draft"), today) == []


def test_a_diff_shows_removed_and_added_lines():
    old = make_entry()
    new = replace(old, title="Autre titre", version=2)
    lines = diff_entries(old, new)
    assert ("del", f"title: {old.title}") in [(x.kind, x.text) for x in lines]
    assert ("add", "title: Autre titre") in [(x.kind, x.text) for x in lines]
    assert diff_entries(old, old) == []


def test_charts_escape_their_labels_and_scale_to_the_largest_value():
    svg = bar_chart(["<b>", "b"], [3, 7], "Titre & co")
    assert "&lt;b&gt;" in svg
    assert "<b>" not in svg
    assert "Titre &amp; co" in svg
    assert svg.count("<rect") == 2
    assert ">10<" in svg  # the axis goes up to a round 10
    lines = line_chart(["1", "2", "3"], {"ouvertes": [1, 2, 0], "résolues": [0, 1, 1]}, "T")
    assert lines.count("<polyline") == 2
    assert "résolues" in lines


def test_an_empty_chart_still_draws():
    assert "<svg" in bar_chart([], [], "Vide")
