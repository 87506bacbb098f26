"""Cited texts and their changes, feedback on entries, guarded ticket drafts, journal in words."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import update

from bot.app.container import build_container
from bot.backoffice.server import build_backoffice_app
from bot.backoffice.web import paris_today
from bot.settings import Settings
from bot.views.rendering import answer_entry
from bot.views.texts import UNDER_REVIEW
from knowledge.entries.records import EntryStatus
from routing.answers.hotline import Sender
from routing.records import Role
from routing.tickets.business_hours import FixedClock
from routing.tickets.model import Channel, IntakeRequest, OfficialRole
from storage.answers.models import FeedbackRow
from tests.integration.backoffice.conftest import OFFICIAL, STAFF, sign_in, text_of

PETITION = (
    "Des habitants m'ont remis une pétition : suis-je obligé de l'inscrire à l'ordre du jour ?"
)


async def test_the_cited_texts_page_lists_articles_with_their_entries_and_check_dates(staff):
    page = await text_of(await staff.get("/textes"))
    assert "CGCT L1112-16" in page
    assert "Le droit de pétition des habitants" in page
    assert "29/11/2026" in page
    found = await text_of(await staff.get("/textes?q=cgct+l1112-16"))
    assert "1 texte(s) cité(s)" in found
    assert "/fiches/droit-de-petition" in found and "/fiches/consultation-locale" in found
    assert "/fiches/conseils-de-quartier" not in found


async def test_reporting_a_change_puts_every_citing_entry_under_review_until_checked(staff, env):
    response = await staff.post(
        "/textes/signaler", data={"text": "CGCT", "article": "L1112-16", "note": "loi 3DS"}
    )
    assert response.status == 303
    citing = {"droit-de-petition", "consultation-locale"}
    assert {e.slug for e in env.backoffice.editor.knowledge.list() if e.under_review} == citing
    home = await text_of(await staff.get("/"))
    assert home.index("Fiches en cours de mise à jour") < home.index("À relire cette semaine")
    assert "CGCT L1112-16 — loi 3DS" in home and "/fiches/droit-de-petition" in home
    listed = await text_of(await staff.get("/fiches?q=petition"))
    assert "en cours de mise à jour" in listed
    cited = await text_of(await staff.get("/textes?q=L1112-16"))
    assert "loi 3DS" in cited and "en cours de mise à jour" in cited

    asked = env.container.hotline.ask(Sender(OFFICIAL, "Camille"), PETITION)
    shown = answer_entry(asked.entries["droit-de-petition"], asked.question_id).text
    assert UNDER_REVIEW in shown

    entry_page = await text_of(await staff.get("/fiches/droit-de-petition"))
    assert "Marquer comme vérifiée" in entry_page
    response = await staff.post("/fiches/droit-de-petition/verifier")
    assert response.status == 303
    checked = env.backoffice.editor.get("droit-de-petition")
    assert not checked.under_review
    assert {c.checked_on for c in checked.cites} == {paris_today()}
    assert env.backoffice.editor.get("consultation-locale").under_review
    asked = env.container.hotline.ask(Sender(OFFICIAL, "Camille"), PETITION)
    assert UNDER_REVIEW not in answer_entry(asked.entries["droit-de-petition"], 1).text


async def test_reporting_a_change_without_saying_what_changed_is_refused_in_french(staff, env):
    response = await staff.post(
        "/textes/signaler", data={"text": "CGCT", "article": "L1112-16", "note": "  "}
    )
    assert response.status == 400
    assert "indiquez ce qui a changé" in await text_of(response)
    assert not any(e.under_review for e in env.backoffice.editor.knowledge.list())


async def test_a_not_useful_remark_appears_on_its_entry_page_without_the_phone_number(staff, env):
    hotline, official = env.container.hotline, Sender(OFFICIAL, "Camille")
    asked = hotline.ask(official, PETITION)
    hotline.feedback(official, asked.question_id, "droit-de-petition", False)
    hotline.comment(
        official, asked.question_id, "Il manque le délai, rappelez-moi au 06 12 34 56 78"
    )
    page = await text_of(await staff.get("/fiches/droit-de-petition"))
    assert "0 « Utile » · 1 « Pas utile »" in " ".join(
        page.replace("<strong>", "").replace("</strong>", "").split()
    )
    assert "Il manque le délai" in page
    assert "06 12 34 56 78" not in page
    other = await text_of(await staff.get("/fiches/budget-participatif"))
    assert "Il manque le délai" not in other


async def test_the_edit_form_saves_cited_texts_and_explains_a_bad_date(staff, env):
    from tests.integration.backoffice.test_entries import form_of

    entry = env.backoffice.editor.get("ccspl")
    cites = "CGCT | L1413-1 | 2026-11-30\nCode de la commande publique | L3131-5 | 2026-11-30"
    response = await staff.post("/fiches/ccspl", data=form_of(entry, cites=cites))
    assert response.status == 303
    assert [c.key for c in env.backoffice.editor.get("ccspl").cites] == [
        "CGCT L1413-1",
        "Code de la commande publique L3131-5",
    ]
    bad = await staff.post("/fiches/ccspl", data=form_of(entry, cites="CGCT | L1413-1 | demain"))
    assert bad.status == 400
    assert "« checked_on » date AAAA-MM-JJ attendue" in await text_of(bad)


START = datetime(2026, 12, 1, 9, tzinfo=UTC)
ALICE = 7001
LONG_QUESTION = (
    "Comment organiser une fête de la soupe entre voisins avec les associations du quartier, "
    "les écoles, le comité des fêtes et la bibliothèque municipale, sans budget ni salle ?"
)


@pytest.fixture
def desk(seeded_template, tmp_path):
    """A seeded database where Alice closed a ticket with "À ajouter à la base" and got a rating."""
    data = tmp_path / "var"
    shutil.copytree(seeded_template, data)
    clock = FixedClock(START)
    container = build_container(Settings(data_dir=data, database_url=None), clock=clock)
    with container.uow() as uow:
        uow.users.set_role(STAFF, Role.STAFF, "Sophie")
        uow.users.seen(OFFICIAL, "Jeanne", None)
        uow.commit()
    container.advisors.add(ALICE, "Alice Conseil", "advisor")
    request = IntakeRequest(
        official_id=OFFICIAL,
        question=LONG_QUESTION,
        collectivite="Commune de Saint-Exemple",
        official_role=OfficialRole.ELU,
        channel=Channel.PHONE,
        phone="06 12 34 56 78",
        slots=[START + timedelta(days=1)],
        consent=True,
    )
    ticket = container.tickets.open_ticket(request).ticket.id
    container.tickets.claim(ticket, ALICE)
    note = "Note interne : rappeler mardi, voir avec le comité des fêtes."
    container.tickets.close(ticket, ALICE, note, True)
    container.tickets.rate(ticket, OFFICIAL, 2, "Trop lent, écrivez à jeanne@mairie-exemple.fr")
    (draft,) = container.knowledge.list(EntryStatus.DRAFT)
    yield container, ticket, draft
    container.close()


@pytest.fixture
async def desk_staff(desk):
    container, ticket, draft = desk
    async with TestClient(TestServer(build_backoffice_app(container.backoffice))) as client:
        yield await sign_in(client, container.backoffice, STAFF), ticket, draft


async def test_a_ticket_draft_opens_with_the_fields_to_fix_flagged(desk_staff):
    browser, _ticket, draft = desk_staff
    page = await text_of(await browser.get(f"/fiches/{draft.slug}"))
    assert "À corriger avant publication" in page
    for flagged in (
        "⚠ le titre se termine par « … »",
        "⚠ le texte contient encore le modèle du ticket",
        "⚠ 1 question(s) alternative(s) : 3 au moins pour publier",
        "⚠ aucune source citée",
        "⚠ la réponse courte reprend telle quelle la note interne du conseiller",
    ):
        assert flagged in page


async def test_publishing_a_ticket_draft_unedited_is_refused_with_the_reasons(desk_staff, desk):
    browser, _ticket, draft = desk_staff
    response = await browser.post(f"/fiches/{draft.slug}/publier")
    assert response.status == 400
    page = await text_of(response)
    assert "La fiche n'a pas été publiée" in page
    assert "⚠ le titre se termine par « … »" in page and "⚠ aucune source citée" in page
    assert desk[0].knowledge.get(draft.slug).status == EntryStatus.DRAFT


async def test_a_published_entry_cannot_be_saved_with_a_blocking_problem(staff, env):
    from tests.integration.backoffice.test_entries import form_of

    entry = env.backoffice.editor.get("ccspl")
    response = await staff.post("/fiches/ccspl", data=form_of(entry, sources=""))
    assert response.status == 400
    page = await text_of(response)
    assert "La fiche n'a pas été publiée" in page and "⚠ aucune source citée" in page
    assert env.backoffice.editor.get("ccspl").sources == entry.sources


async def test_the_feedback_page_lists_remarks_and_ratings_newest_first_with_csv(desk_staff, desk):
    browser, ticket, _draft = desk_staff
    container = desk[0]
    official = Sender(OFFICIAL, "Jeanne")
    asked = container.hotline.ask(official, PETITION)
    container.hotline.feedback(official, asked.question_id, "droit-de-petition", False)
    container.hotline.comment(official, asked.question_id, "Et pour une intercommunalité ?")
    with container.session_factory() as session:
        # Newer than the rating (given on the fixed clock): it must come first.
        session.execute(update(FeedbackRow).values(created_at=START + timedelta(days=2)))
        session.commit()
    page = await text_of(await browser.get("/retours"))
    assert "2 retour(s)" in page
    assert page.index("Et pour une intercommunalité ?") < page.index("Trop lent")
    assert f"demande n° {ticket}" in page and "2/5" in page
    assert "jeanne@mairie-exemple.fr" not in page
    only_notes = await text_of(await browser.get("/retours?type=note"))
    assert "Trop lent" in only_notes and "Et pour une intercommunalité" not in only_notes
    only_entry = await text_of(await browser.get("/retours?fiche=droit-de-petition"))
    assert "Et pour une intercommunalité" in only_entry and "Trop lent" not in only_entry
    csv = await browser.get("/retours.csv?type=remarque")
    body = (await csv.read()).decode("utf-8")
    assert body.startswith("\ufeffdate;type;fiche;avis;note;demande;commentaire")
    assert "Remarque sur une réponse;Le droit de pétition des habitants;pas utile" in body
    assert "Trop lent" not in body


async def test_the_journal_says_who_did_what_on_which_entry_in_words(staff, env):
    await staff.post("/fiches/budget-participatif/archiver")
    await staff.post(
        "/textes/signaler", data={"text": "CGCT", "article": "L1112-16", "note": "3DS"}
    )
    await staff.post("/fiches/droit-de-petition/verifier")
    page = await text_of(await staff.get("/journal"))
    assert "Sophie" in page
    assert "a archivé la fiche" in page and 'href="/fiches/budget-participatif"' in page
    assert "a signalé une modification du texte" in page and "CGCT L1112-16" in page
    assert "a marqué comme vérifiée la fiche" in page
    assert "s'est connecté·e au back-office" in page
    for raw in (
        "fiche_archivee",
        "texte_signale",
        "fiche_verifiee",
        "connexion</td>",
        f">{STAFF}<",
    ):
        assert raw not in page


async def test_a_ticket_draft_once_fixed_is_published(desk_staff, desk):
    from tests.integration.backoffice.test_entries import form_of

    browser, _ticket, draft = desk_staff
    fixed = form_of(
        draft,
        title="Organiser une fête de la soupe entre voisins",
        short_answer="Une fête de la soupe se prépare avec les associations du quartier.",
        body="## Étapes\n\nTrouver un lieu, inviter les associations, prévoir les soupes.",
        questions="Comment organiser une fête de la soupe ?\nfete de la soupe quartier\n"
        "Organiser un repas de quartier sans budget ?",
        sources="Guide des fêtes de quartier",
    )
    assert (await browser.post(f"/fiches/{draft.slug}", data=fixed)).status == 303
    page = await text_of(await browser.get(f"/fiches/{draft.slug}"))
    assert "À corriger avant publication" not in page
    assert (await browser.post(f"/fiches/{draft.slug}/publier")).status == 303
    assert desk[0].knowledge.get(draft.slug).status == EntryStatus.PUBLISHED
