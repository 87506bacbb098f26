"""Validation of untrusted entry data, and the Markdown exchange format."""

from datetime import date

import pytest

from knowledge.entries.markdown_format import parse_markdown, to_markdown
from knowledge.entries.records import entry_from_dict, entry_to_dict
from knowledge.entries.validation import InvalidEntry, entry_from_mapping, linked_slugs
from tests.fakes import make_entry


def valid_mapping(**changes) -> dict:
    data = entry_to_dict(make_entry())
    data.update(changes)
    return data


def test_a_complete_mapping_makes_an_entry():
    entry = entry_from_mapping(valid_mapping(reviewed_on="2026-01-01", review_by="2027-01-01"))
    assert entry.slug == "budget-participatif"
    assert entry.review_by == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"title": ""}, "title"),
        ({"slug": "Budget Participatif"}, "slug"),
        ({"group": "cuisine"}, "groupe"),
        ({"short_answer": "x" * 701}, "trop longue"),
        ({"questions": []}, "question"),
        ({"questions": "une seule"}, "questions"),
        ({"review_by": "demain"}, "review_by"),
        ({"reviewed_on": "2027-01-02", "review_by": "2027-01-01"}, "antérieure"),
        ({"status": "brouillon"}, "statut"),
        ({"version": 0}, "version"),
        ({"sources": [{"label": "x", "url": "javascript:alert(1)"}]}, "adresse"),
    ],
)
def test_each_invalid_field_is_reported_with_a_reason(changes, reason):
    with pytest.raises(InvalidEntry) as raised:
        entry_from_mapping(valid_mapping(**changes))
    assert any(reason in r for r in raised.value.reasons)


def test_markdown_round_trip_keeps_every_field():
    entry = make_entry(reviewed_on=date(2026, 1, 1), review_by=date(2027, 1, 1))
    assert parse_markdown(to_markdown(entry)) == entry


def test_markdown_without_front_matter_is_invalid():
    with pytest.raises(InvalidEntry, match="en-tête"):
        parse_markdown("# Juste un titre\n")


def test_broken_yaml_is_invalid_not_a_crash():
    with pytest.raises(InvalidEntry, match="YAML"):
        parse_markdown("---\nslug: [oops\n---\ncorps\n")


def test_links_between_entries_are_found_in_the_body():
    entry = make_entry(body="Voir [la consultation](fiche:consultation-locale) et [x](http://a)")
    assert linked_slugs(entry) == ["consultation-locale"]


def test_dict_round_trip_is_lossless():
    entry = make_entry(review_by=date(2027, 5, 1))
    assert entry_from_dict(entry_to_dict(entry)) == entry
