"""The group card through a ticket's life: one status, one emoji, who, and clock times."""

from __future__ import annotations

import re

import pytest

from bot.views.cards.group_card import group_card

CARD = {
    "ticket_id": 12,
    "number": 12,
    "status": "new",
    "question": "Comment associer les habitants ?",
    "topics": [],
    "collectivite": "Mairie de Saint-Exemple",
    "official_role": "elu",
    "channel": "telephone",
    "slots": [],
    "created_at": "2026-12-01T14:05:00+01:00",
    "claimed_at": None,
    "closed_at": None,
    "suggested_advisor": "Alice Martin",
    "holder": None,
    "claimed_by": None,
    "appointment": None,
    "appointment_status": None,
}
CLAIMED = CARD | {
    "status": "claimed",
    "holder": "Alice",
    "claimed_by": "Alice",
    "claimed_at": "2026-12-01T14:20:00+01:00",
}
EMOJIS = ("🆕", "🧑\u200d💼", "📅", "💬", "✅", "✖️", "🗑")


def emojis_in(text: str) -> list[str]:
    return [e for e in EMOJIS if e in text for _ in range(text.count(e))]


@pytest.mark.parametrize(
    ("card", "status_line"),
    [
        (CARD, "🆕 <b>À prendre</b>"),
        (CLAIMED, "🧑\u200d💼 <b>Suivie par Alice</b>"),
        (
            CLAIMED
            | {
                "status": "scheduled",
                "appointment": "2026-12-03T10:00:00+01:00",
                "appointment_status": "confirmed",
            },
            "📅 <b>Rendez-vous confirmé</b> — suivie par Alice",
        ),
        (CLAIMED | {"status": "waiting_official"}, "💬 <b>En attente de la réponse de l'élu·e"),
        (
            CLAIMED | {"status": "resolved", "closed_at": "2026-12-01T15:00:00+01:00"},
            "✅ <b>Traitée par Alice</b>",
        ),
        (CARD | {"status": "cancelled", "closed_at": "2026-12-01T14:30:00+01:00"}, "✖️ <b>Annulée"),
    ],
)
def test_each_status_is_said_once_with_one_emoji(card, status_line):
    text = group_card(card).text
    assert status_line in text
    assert len(emojis_in(text)) == 1, text


def test_a_claimed_card_says_when_and_by_whom_in_clock_times():
    text = group_card(CLAIMED).text
    assert "Déposée le mardi 1er décembre à 14h05" in text
    assert "Prise en charge à 14h20 par Alice" in text
    assert not re.search(r"\d+ min|depuis", text)
    assert group_card(CLAIMED).markup is None


def test_a_closed_card_keeps_who_handled_it_and_when():
    closed = CLAIMED | {"status": "resolved", "closed_at": "2026-12-02T09:15:00+01:00"}
    text = group_card(closed).text
    assert "Prise en charge à 14h20 par Alice" in text
    assert "Close le mercredi 2 décembre à 9h15 par Alice" in text


def test_only_a_new_card_has_the_claim_button_and_the_suggestion():
    new = group_card(CARD)
    assert [b.text for row in new.markup.inline_keyboard for b in row] == ["🙋 Prendre en charge"]
    assert "Conseiller suggéré" in new.text
    assert "Conseiller suggéré" not in group_card(CLAIMED).text


def test_an_erased_card_keeps_only_its_number():
    reply = group_card({"ticket_id": 12, "number": 12, "status": "erased"})
    assert reply.text == "<b>Demande n° 12</b>\n🗑 Demande retirée par la personne"
    assert reply.markup is None
