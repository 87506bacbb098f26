"""`kb check` findings: duplicates, broken links, overdue reviews, missing topics."""

from datetime import date

from knowledge.entries.checks import check_entries
from knowledge.entries.records import EntryStatus
from knowledge.entries.validation import InvalidEntry
from tests.fakes import make_entry

TODAY = date(2026, 11, 25)


def messages(problems):
    return [f"{p.level}:{p.message}" for p in problems]


def test_a_clean_entry_with_enough_questions_and_sources_has_no_problem():
    from knowledge.entries.records import Source

    entry = make_entry(questions=tuple(f"q{i}" for i in range(6)), sources=(Source("CGCT"),))
    assert check_entries([("a.md", entry)], TODAY) == []


def test_duplicate_slugs_are_errors():
    found = messages(check_entries([("a.md", make_entry()), ("b.md", make_entry())], TODAY))
    assert any("en double" in m and m.startswith("erreur") for m in found)


def test_a_link_to_a_missing_entry_is_an_error():
    entry = make_entry(body="[voir](fiche:nulle-part)")
    assert any("nulle-part" in m for m in messages(check_entries([("a.md", entry)], TODAY)))


def test_an_entry_past_its_review_date_is_flagged():
    entry = make_entry(review_by=date(2026, 1, 1))
    assert any("relecture dépassée" in m for m in messages(check_entries([("a", entry)], TODAY)))


def test_archived_entries_are_not_nagged_about_reviews():
    entry = make_entry(review_by=date(2026, 1, 1), status=EntryStatus.ARCHIVED)
    assert not any("relecture" in m for m in messages(check_entries([("a", entry)], TODAY)))


def test_invalid_files_are_reported_with_their_reasons():
    found = check_entries([("x.md", InvalidEntry(["champ « title » manquant"]))], TODAY)
    assert found[0].where == "x.md" and "title" in found[0].message


def test_a_catalogue_topic_without_entry_is_an_error():
    found = messages(check_entries([("a", make_entry())], TODAY, {"budget-participatif", "ccspl"}))
    assert "erreur:sujet du catalogue sans fiche" in found
