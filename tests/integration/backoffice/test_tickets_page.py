"""The ticket board: queue, waiting time, advisor, SLA breaches, event log, never contacts."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app.container import build_container
from bot.backoffice.server import build_backoffice_app
from bot.settings import Settings
from routing.records import Role
from routing.tickets.business_hours import FixedClock
from routing.tickets.model import Channel, IntakeRequest, OfficialRole
from tests.integration.backoffice.conftest import STAFF, sign_in, text_of

START = datetime(2026, 12, 1, 9, tzinfo=UTC)  # a Tuesday, 10:00 in Paris
OFFICIAL, ALICE = 5001, 7001
PHONE, EMAIL = "06 12 34 56 78", "jeanne.martin@mairie-exemple.fr"


@pytest.fixture
def desk(seeded_template, tmp_path):
    """A seeded database with a fixed clock, an advisor, a staff member and two tickets."""
    data = tmp_path / "var"
    shutil.copytree(seeded_template, data)
    clock = FixedClock(START)
    container = build_container(Settings(data_dir=data, database_url=None), clock=clock)
    with container.uow() as uow:
        uow.users.set_role(STAFF, Role.STAFF, "Sophie")
        uow.users.seen(OFFICIAL, "Jeanne", None)
        uow.commit()
    container.advisors.add(ALICE, "Alice", "advisor")
    tickets = container.tickets

    def open_ticket(question: str) -> int:
        request = IntakeRequest(
            official_id=OFFICIAL,
            question=question,
            collectivite="Commune de Saint-Exemple",
            official_role=OfficialRole.ELU,
            channel=Channel.PHONE,
            phone=PHONE,
            slots=[START + timedelta(days=1)],
            consent=True,
        )
        return tickets.open_ticket(request).ticket.id

    waiting = open_ticket(f"Rappelez-moi au {PHONE} pour le budget participatif")
    handled = open_ticket("Comment organiser une fête de la soupe entre voisins ?")
    clock.advance(timedelta(minutes=20))
    tickets.claim(handled, ALICE)
    tickets.relay_to_advisor(handled, OFFICIAL, f"Écrivez-moi plutôt à {EMAIL}")
    clock.advance(timedelta(minutes=40))
    tickets.close(handled, ALICE, "Une fête de la soupe se prépare en trois étapes.", True)
    tickets.rate(handled, OFFICIAL, 5)
    clock.advance(timedelta(hours=2))
    yield container, waiting, handled
    container.close()


@pytest.fixture
async def staff_desk(desk):
    container, waiting, handled = desk
    async with TestClient(TestServer(build_backoffice_app(container.backoffice))) as client:
        browser = await sign_in(client, container.backoffice, STAFF)
        yield browser, waiting, handled


def assert_no_contact(html: str) -> None:
    for secret in (PHONE, PHONE.replace(" ", ""), "+33612345678", EMAIL, "Saint-Exemple"):
        assert secret not in html


async def test_the_queue_shows_status_waiting_time_advisor_and_breaches(staff_desk):
    browser, waiting, handled = staff_desk
    page = await text_of(await browser.get("/demandes"))
    assert f"n° {waiting}" in page
    assert "En attente d'un conseiller" in page
    assert "3 h 00" in page  # opened at 10:00, it is now 13:00
    assert "prise en charge tardive" in page
    assert f"n° {handled}" not in page  # resolved tickets only on request
    everything = await text_of(await browser.get("/demandes?toutes=1"))
    assert f"n° {handled}" in everything
    assert "Alice" in everything
    assert "Résolue" in everything
    assert_no_contact(everything)


async def test_a_ticket_shows_its_event_log_without_contact_details(staff_desk):
    browser, waiting, handled = staff_desk
    page = await text_of(await browser.get(f"/demandes/{handled}"))
    for label in ("Demande créée", "Prise en charge", "Résolue", "Note donnée"):
        assert label in page
    assert "Message de l'élu·e relayé au conseiller" in page
    assert "message de 52 caractère(s)" in page
    assert "Brouillon de fiche créé" in page
    assert_no_contact(page)
    first = await text_of(await browser.get(f"/demandes/{waiting}"))
    assert "Rappelez-moi au [téléphone] pour le budget participatif" in first
    assert_no_contact(first)
    assert (await browser.get("/demandes/999")).status == 404


async def test_a_draft_made_from_a_resolved_ticket_is_listed_with_the_gaps(staff_desk, desk):
    browser, _waiting, handled = staff_desk
    container = desk[0]
    [draft] = container.backoffice.curation.drafts()
    page = await text_of(await browser.get("/lacunes"))
    assert f'href="/fiches/{draft.slug}"' in page
    log = await text_of(await browser.get(f"/demandes/{handled}"))
    assert f'href="/fiches/{draft.slug}"' in log


async def test_reports_count_tickets_delays_and_satisfaction(staff_desk):
    browser, _waiting, _handled = staff_desk
    delays = (await (await browser.get("/rapports/delais.csv?jours=7")).read()).decode("utf-8-sig")
    assert "Délai de prise en charge;1;20,0" in delays
    assert "Délai de résolution;1;60,0" in delays
    ratings = (await (await browser.get("/rapports/satisfaction.csv")).read()).decode("utf-8-sig")
    assert "5 / 5;1" in ratings
    assert "Moyenne;5,00" in ratings
    per_day = await (await browser.get("/rapports/tickets_par_jour.csv?jours=7")).read()
    assert "2026-12-01;2;1" in per_day.decode("utf-8-sig")
