"""`hotline kb cites` and the publication guard of `hotline kb import`, on a temp data dir."""

from __future__ import annotations

import pytest

from knowledge.entries.markdown_format import parse_markdown


@pytest.mark.parametrize(
    "typed", [["L1112-16"], ["l1112-16"], ["CGCT", "L1112-16"], ["cgct art. L1112-16"]]
)
def test_kb_cites_lists_the_entries_relying_on_an_article_however_it_is_typed(hotline, typed):
    result = hotline("kb", "cites", *typed)
    assert result.exit_code == 0, result.output
    assert "CGCT L1112-16" in result.output
    assert "droit-de-petition" in result.output
    assert "consultation-locale" in result.output
    assert "conseils-de-quartier" not in result.output
    assert "vérifiée le 29/11/2026" in result.output


def test_kb_cites_a_text_alone_lists_every_entry_citing_it(hotline):
    result = hotline("kb", "cites", "Décret 2024-1036")
    assert result.exit_code == 0
    assert "conseils-citoyens" in result.output


def test_kb_cites_an_article_nobody_cites_says_so_in_french(hotline):
    result = hotline("kb", "cites", "L9999-1")
    assert result.exit_code == 1
    assert "Aucune fiche ne cite « L9999-1 »" in result.output


def test_exported_cites_come_back_identical_on_import(hotline, tmp_path):
    hotline("kb", "export", "--out", str(tmp_path))
    text = (tmp_path / "droit-de-petition.md").read_text(encoding="utf-8")
    assert "cites:" in text and "article: L1112-16" in text
    cites = parse_markdown(text).cites
    assert [c.key for c in cites] == ["Constitution 72-1", "CGCT L1112-16", "Loi 2022-217 14"]
    again = hotline("kb", "import", str(tmp_path / "droit-de-petition.md"))
    assert "1 fiche(s) inchangées" in again.output


TICKET_DRAFT = """---
slug: brouillon-de-ticket
title: Peut-on organiser une votation citoyenne sur le projet de la salle polyvalente…
group: methode
status: {status}
questions:
  - Peut-on organiser une votation citoyenne ?
short_answer: Note interne, rappeler le maire mardi.
---
## Question (ticket n° 12)

Peut-on organiser une votation citoyenne ?

## Réponse du conseiller

Note interne, rappeler le maire mardi.
"""


def test_import_refuses_to_publish_a_raw_ticket_draft_and_says_why(hotline, tmp_path):
    page = tmp_path / "brouillon-de-ticket.md"
    page.write_text(TICKET_DRAFT.format(status="published"), encoding="utf-8")
    result = hotline("kb", "import", str(page))
    assert result.exit_code == 1
    assert "0 fiche(s) créées" in result.output
    for reason in (
        "publication refusée",
        "le titre se termine par « … »",
        "modèle du ticket",
        "note interne « ## Réponse du conseiller »",
        "1 question(s) alternative(s) : 3 au moins pour publier",
        "aucune source citée",
        "reprend telle quelle la note interne du conseiller",
    ):
        assert reason in result.output
    assert "brouillon-de-ticket" not in hotline("kb", "list").output


def test_import_accepts_the_same_text_as_a_draft_and_check_only_reminds(hotline, tmp_path):
    page = tmp_path / "brouillon-de-ticket.md"
    page.write_text(TICKET_DRAFT.format(status="draft"), encoding="utf-8")
    result = hotline("kb", "import", str(page))
    assert result.exit_code == 0, result.output
    assert "1 fiche(s) créées : brouillon-de-ticket" in result.output
    check = hotline("kb", "check", str(page))
    assert check.exit_code == 0
    assert "alerte  " in check.output and "(à corriger avant publication)" in check.output


def test_kb_show_lists_the_cited_texts_with_their_check_dates(hotline):
    result = hotline("kb", "show", "droit-de-petition")
    assert "Textes cités :" in result.output
    assert "  - CGCT L1112-16 (vérifié le 29/11/2026)" in result.output
