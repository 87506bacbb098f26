"""An advisor's "À ajouter à la base" draft: staff cannot publish it unedited; the rating shows."""

from __future__ import annotations

import html

from aiohttp.test_utils import TestClient, TestServer

from bot.backoffice.server import build_backoffice_app
from knowledge.entries.records import EntryStatus
from routing.records import Role
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, GROUP
from tests.integration.backoffice.conftest import sign_in

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk
STAFF = 4343


async def test_a_ticket_draft_published_unedited_is_refused_with_the_reasons(desk):
    official = desk.new_official()
    after = await desk.revision()
    number = await desk.open_ticket(official)
    card = await desk.card_of(number, after)
    after = await desk.revision()
    await desk.press(GROUP, card, "Prendre en charge", user_id=ALICE)
    ticket = await desk.wait_for(ALICE, after, f"demande n° {number}")
    await desk.wait_for(official, after, "a pris en charge votre demande")
    await desk.press_then(ALICE, ticket, "Clore", "Note de résolution", user_id=ALICE)
    note = "Note interne : rappeler le maire mardi, voir le comité des fêtes."
    summary = await desk.say_then(ALICE, note, "Clore la demande", user_id=ALICE)
    toggled = await desk.press_then(ALICE, summary, "À ajouter", "Clore la demande", user_id=ALICE)
    after = await desk.revision()
    await desk.press_then(ALICE, toggled, "Clore la demande", "brouillon", user_id=ALICE)
    request = await desk.wait_for(official, after, "Comment évaluez-vous")
    await desk.press_then(official, request, "2 ⭐", "2/5")
    await desk.say_then(official, "Réponse trop tardive pour notre conseil.", "commentaire")

    container = desk.container
    (draft,) = container.knowledge.list(EntryStatus.DRAFT)
    with container.uow() as uow:
        uow.users.set_role(STAFF, Role.STAFF, "Sophie")
        uow.commit()
    async with TestClient(TestServer(build_backoffice_app(container.backoffice))) as client:
        staff = await sign_in(client, container.backoffice, STAFF)
        opened = html.unescape(await (await staff.get(f"/fiches/{draft.slug}")).text())
        assert "À corriger avant publication" in opened
        assert "⚠ le texte contient encore le modèle du ticket" in opened
        response = await staff.post(f"/fiches/{draft.slug}/publier")
        assert response.status == 400
        refused = html.unescape(await response.text())
        assert "La fiche n'a pas été publiée" in refused
        for reason in (
            "⚠ aucune source citée",
            "⚠ 1 question(s) alternative(s) : 3 au moins pour publier",
            "⚠ la réponse courte reprend telle quelle la note interne du conseiller",
            "⚠ le texte contient encore la note interne « ## Réponse du conseiller »",
        ):
            assert reason in refused
        assert container.knowledge.get(draft.slug).status == EntryStatus.DRAFT
        feedback = html.unescape(await (await staff.get("/retours?type=note")).text())
        assert "Réponse trop tardive pour notre conseil." in feedback and "2/5" in feedback
        assert f"demande n° {number}" in feedback
