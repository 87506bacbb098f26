"""Back-office ateliers and projets partagés: create, roster, attendance, CSV, interest groups."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import UTC, datetime

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app.container import build_container
from bot.backoffice.server import build_backoffice_app
from bot.settings import Settings
from routing.orientation.model import InterestKind, Profile
from routing.records import Role
from routing.tickets.business_hours import FixedClock
from tests.integration.backoffice.conftest import STAFF, sign_in, text_of

START = datetime(2026, 12, 1, 9, tzinfo=UTC)
FORM = {
    "theme": "Non-recours aux droits sociaux",
    "description": "Aller vers les habitants qui ne demandent pas leurs droits.",
    "seance1": "2027-01-12T14:00",
    "seance2": "2027-01-26T14:00",
    "seance3": "2027-02-09T14:00",
    "seance4": "2027-02-23T14:00",
    "lien": "https://visio.example.org/non-recours",
    "limite": "2027-01-08T18:00",
    "capacite": "2",
    "fiches": "non-recours-droits",
}


@pytest.fixture
def container(seeded_template, tmp_path):
    """A seeded database with a fixed clock and a staff member."""
    data = tmp_path / "var"
    shutil.copytree(seeded_template, data)
    container = build_container(Settings(data_dir=data, database_url=None), clock=FixedClock(START))
    with container.uow() as uow:
        uow.users.set_role(STAFF, Role.STAFF, "Sophie")
        uow.commit()
    yield container
    container.close()


@pytest.fixture
async def browser(container):
    """The back-office signed in as staff."""
    async with TestClient(TestServer(build_backoffice_app(container.backoffice))) as client:
        yield await sign_in(client, container.backoffice, STAFF)


async def test_staff_create_a_cycle_see_the_waiting_list_tick_attendance_and_export(
    container, browser
):
    created = await browser.post("/ateliers", FORM)
    assert created.status == 303
    path = created.headers["Location"].split("?")[0]
    cycle_id = int(path.rsplit("/", 1)[1])
    orientation = container.orientation
    for user, town in ((11, "Ville A"), (12, "Ville B"), (13, "Ville C")):
        orientation.register(user, cycle_id, Profile(town, "elu", f"{user}@v.fr"), True, f"P{user}")
    page = await text_of(await browser.get(path))
    assert "2/2 places prises" in page and "12/01/2027 14:00" in page
    assert "Liste d'attente" in page and "Ville C — P13" in page
    assert "une fois la séance commencée" in page  # no checklist before the first session

    container.clock.set(datetime(2027, 1, 12, 15, tzinfo=UTC))
    browser = await sign_in(browser.client, container.backoffice, STAFF)  # a new day's session
    page = await text_of(await browser.get(path))
    assert "Séance 1 — 12/01/2027 14:00" in page and "Enregistrer les présences" in page
    holders = [r.id for r in container.orientation_staff.roster(cycle_id).registrations][:2]
    for number in (1, 2, 3, 4):
        present = [("present", str(holders[0]))] + (
            [("present", str(holders[1]))] if number < 4 else []
        )
        done = await browser.post(f"/ateliers/{cycle_id}/presences/{number}", present)
        assert done.status == 303
    response = await browser.get(f"/ateliers/{cycle_id}/export.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    body = (await response.read()).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body[1:]), delimiter=";"))
    by_town = {row["collectivite"]: row for row in rows}
    assert by_town["Ville A"]["complet"] == "oui" and by_town["Ville B"]["complet"] == ""
    assert by_town["Ville B"]["seance_3"] == "oui" and by_town["Ville B"]["seance_4"] == ""
    assert by_town["Ville C"]["statut"] == "liste d'attente"
    assert by_town["Ville A"]["role"] == "élu·e" and by_town["Ville A"]["email"] == "11@v.fr"


async def test_a_cycle_form_with_a_bad_link_is_refused_with_the_reason(browser):
    refused = await browser.post("/ateliers", FORM | {"lien": "visio"})
    assert refused.status == 400 and "https://" in await text_of(refused)


async def test_interests_are_grouped_by_three_to_five_with_the_observers_apart(container, browser):
    await browser.post("/projets", {"slug": "ados", "titre": "Participation des adolescents"})
    [theme] = container.projects.themes()
    for n in range(7):
        container.projects.express(100 + n, theme.id, f"Commune {n}", InterestKind.PARTICIPANT)
    container.projects.express(200, theme.id, "Observatoire", InterestKind.OBSERVER)
    page = await text_of(await browser.get("/projets"))
    assert "7 participante(s), 1 observatrice(s)" in page
    assert "Groupe 1" in page and "Groupe 2" in page and "Groupe 3" not in page
    assert page.index("Commune 3") < page.index("Groupe 2") < page.index("Commune 4")
    assert "Observatoire" in page


def test_groups_never_fall_below_three_once_there_are_three(container):
    from routing.orientation.projects import ThemeInterests

    theme = container.orientation_staff.add_theme("t", "Thème", "")
    for count in range(3, 23):
        people = tuple(
            container.projects.express(1000 + i, theme.id, f"C{i}", InterestKind.PARTICIPANT)
            for i in range(count)
        )[:count]
        sizes = [len(g) for g in ThemeInterests(theme, people, ()).groups()]
        assert sum(sizes) == count and all(3 <= size <= 5 for size in sizes), sizes


async def test_staff_edit_close_and_delete_cycles(container, browser):
    created = await browser.post("/ateliers", FORM)
    path = created.headers["Location"].split("?")[0]
    moved = await browser.post(f"{path}/modifier", FORM | {"seance2": "2027-01-27T10:30"})
    assert moved.headers["Location"].endswith("?ok=saved")
    page = await text_of(await browser.get(path))
    assert "27/01/2027 10:30" in page and "26/01/2027 14:00" not in page
    await browser.post(f"{path}/clore", {})
    assert container.orientation.open_cycles() == []
    # An empty cycle can be deleted; one with registrations only closed.
    other = await browser.post("/ateliers", FORM | {"theme": "Eau en montagne"})
    other_path = other.headers["Location"].split("?")[0]
    container.orientation.register(
        21, int(other_path.rsplit("/", 1)[1]), Profile("V", "elu", "v@v.fr"), False
    )
    refused = await browser.post(f"{other_path}/supprimer", {})
    assert refused.status == 400 and "Clore les inscriptions" in await text_of(refused)
    deleted = await browser.post(f"{path}/supprimer", {})
    assert deleted.headers["Location"] == "/ateliers?ok=deleted"
    assert [c.theme for c in container.orientation_staff.cycles()] == ["Eau en montagne"]
    assert (await browser.get(path)).status == 404
