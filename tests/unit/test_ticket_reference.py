"""A stuck message is tied to its ticket, so erasure can find it by SQL."""

import pytest

from bot.delivery.method_codec import ticket_of


def _buttons(*data: str) -> dict:
    return {"inline_keyboard": [[{"text": "x", "callback_data": d}] for d in data]}


@pytest.mark.parametrize(
    ("payload", "ticket"),
    [
        ({"text": "x", "reply_markup": _buttons("tk:reply:12", "tk:book:12")}, 12),
        ({"text": "x", "reply_markup": _buttons("cl:7")}, 7),
        ({"text": "x", "reply_markup": _buttons("tr:9:7001")}, 9),
        ({"text": "x", "reply_markup": _buttons("rt:5:4")}, 5),
        ({"text": "📂 <b>Demande n° 31</b> — prise en charge"}, 31),
        ({"caption": "Votre demande n°4 est enregistrée"}, 4),
        ({"text": "Bonjour, voici la réponse.", "reply_markup": _buttons("fb:3:slug:1")}, None),
    ],
)
def test_the_ticket_of_a_stored_call_is_read_from_its_buttons_or_its_text(payload, ticket):
    assert ticket_of(payload) == ticket
