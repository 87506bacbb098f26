"""Every outbox notification renders to French HTML, user text escaped, contacts kept private."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.views.notification_views import RENDERERS, NoRenderer, render
from routing.tickets.outbox import NotificationKind, OutboxItem

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
CARD = {
    "ticket_id": 12,
    "number": 12,
    "status": "new",
    "question": "Comment faire <b>vite</b> & bien ?",
    "topics": [{"slug": "budget-participatif", "title": "Budget <participatif>"}],
    "collectivite": "Mairie d'<Exemple>",
    "official_role": "elu",
    "channel": "telephone",
    "slots": ["2026-12-01T13:30:00+01:00", "2026-12-02T09:00:00+01:00"],
    "created_at": "2026-12-01T10:00:00+01:00",
    "suggested_advisor": "Alice <Martin>",
    "holder": None,
    "holder_id": None,
    "appointment": None,
}
PRIVATE = CARD | {
    "status": "claimed",
    "holder": "Alice",
    "official_id": 8101,
    "official_name": "Camille",
    "phone": "+33612345678",
    "email": None,
    "appointment_channel": None,
    "appointment_link": None,
}
PAYLOADS = {
    "released_to_official": {"ticket_id": 12, "number": 12},
    "ticket_message_edit": {"ticket_id": 12, "number": 12, "holder": "Bruno <P>", "message_id": 7},
    "erased_to_advisor": {"ticket_id": 12, "number": 12, "change": "erase"},
    "group_card": CARD,
    "group_card_update": CARD | {"status": "claimed", "holder": "Bruno"},
    "sla_reminder_group": CARD | {"waiting_minutes": 75},
    "sla_reminder_staff": CARD | {"waiting_minutes": 250},
    "ticket_to_advisor": PRIVATE,
    "transferred": PRIVATE | {"from_advisor": "Alice"},
    "claimed_to_official": {"ticket_id": 12, "number": 12, "advisor": "Alice"},
    "relay_to_official": {"ticket_id": 12, "number": 12, "advisor": "A", "text": "<i>x</i>"},
    "relay_to_advisor": {"ticket_id": 12, "number": 12, "official": "C", "text": "a < b"},
    "appointment_to_official": {
        "ticket_id": 12,
        "number": 12,
        "advisor": "Alice",
        "at": "2026-12-02T14:30:00+01:00",
        "channel": "visio",
        "link": "https://visio.example.org/a?b=1&c=2",
    },
    "appointment_confirmed": {
        "ticket_id": 12,
        "number": 12,
        "official": "Camille",
        "at": "2026-12-02T14:30:00+01:00",
    },
    "reslot_asked": {"ticket_id": 12, "number": 12, "official": "C", "slots": CARD["slots"]},
    "reminder": {
        "ticket_id": 12,
        "number": 12,
        "which": "soon",
        "at": "2026-12-02T14:30:00+01:00",
        "channel": "telephone",
        "link": "+33612345678",
        "advisor": "Alice",
        "audience": "advisor",
        "official": "Camille",
        "phone": "+33612345678",
        "email": None,
    },
    "rating_request": {"ticket_id": 12, "number": 12, "advisor": "Alice"},
    "released_to_group": {"ticket_id": 12, "number": 12, "advisor": "Alice"},
    "cancelled_to_advisor": {"ticket_id": 12, "number": 12},
    "rating_to_advisor": {"ticket_id": 12, "number": 12, "stars": 4, "comment": "<3"},
}


def item(kind: str, payload: dict) -> OutboxItem:
    return OutboxItem(1, 5001, kind, payload, NOW)


def test_every_kind_the_domain_sends_has_a_renderer():
    assert {str(kind) for kind in NotificationKind} <= set(RENDERERS)
    assert set(PAYLOADS) == {str(kind) for kind in NotificationKind}


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_each_notification_names_its_ticket_and_escapes_what_people_typed(kind):
    reply = render(item(kind, PAYLOADS[kind]), NOW)
    assert "n° 12" in reply.text
    assert len(reply.text) <= 4096
    for raw in ("<b>vite</b>", "<participatif>", "<Exemple>", "<Martin>", "<i>x</i>", "a < b"):
        assert raw not in reply.text
    assert "<3" not in reply.text


def test_the_group_card_shows_topics_slots_and_the_clock_time_but_never_contacts():
    reply = render(item("group_card", PRIVATE | {"status": "new"}), NOW)
    assert "Budget &lt;participatif&gt;" in reply.text
    assert "mardi 1er décembre, après-midi" in reply.text
    assert "mercredi 2 décembre, matin" in reply.text
    assert "Déposée le mardi 1er décembre à 10h" in reply.text
    assert "🆕 <b>À prendre</b>" in reply.text and "depuis" not in reply.text
    assert "+336" not in reply.text and "06 12" not in reply.text
    [[claim]] = reply.markup.inline_keyboard
    assert claim.callback_data == "cl:12"


def test_a_claimed_card_names_the_holder_and_has_no_button():
    reply = render(item("group_card_update", PAYLOADS["group_card_update"]), NOW)
    assert "Suivie par Bruno" in reply.text
    assert reply.markup is None


def test_the_advisor_gets_the_phone_and_the_actions():
    reply = render(item("ticket_to_advisor", PRIVATE), NOW)
    assert "06 12 34 56 78" in reply.text
    labels = [b.text for row in reply.markup.inline_keyboard for b in row]
    assert labels == [
        "💬 Répondre",
        "📅 Fixer le rendez-vous",
        "↩️ Libérer",
        "🔀 Transférer",
        "✅ Clore",
    ]
    assert all(
        len(b.callback_data.encode()) <= 64 for row in reply.markup.inline_keyboard for b in row
    )


def test_the_appointment_has_confirm_and_other_slot_buttons_and_the_link():
    reply = render(item("appointment_to_official", PAYLOADS["appointment_to_official"]), NOW)
    assert "mercredi 2 décembre à 14h30" in reply.text
    assert "https://visio.example.org/a?b=1&amp;c=2" in reply.text
    assert [b.callback_data for row in reply.markup.inline_keyboard for b in row] == [
        "ot:ok:12",
        "ot:re:12",
    ]


def test_the_official_reminder_tells_them_the_number_they_will_be_called_on():
    official = PAYLOADS["reminder"] | {"audience": "official", "which": "day_before"}
    del official["official"], official["phone"]
    reply = render(item("reminder", official), NOW)
    assert "demain" in reply.text
    assert "vous appellera au 06 12 34 56 78" in reply.text


def test_an_unknown_kind_is_refused_rather_than_sent_empty():
    with pytest.raises(NoRenderer):
        render(item("no_such_kind", {}), NOW)
