"""Random sequences of updates fed to the real dispatcher: nothing escapes, nothing breaks.

Texts, commands, contact details, media, edits, and button presses: current buttons, stale
ones from old messages, buttons of other people, and forged payloads of every button class.
The bot talks to a recording session that refuses what Telegram would refuse.
"""

from __future__ import annotations

import itertools
import json
import logging
import time

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.methods import SendDocument
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.app.dispatcher import build_dispatcher
from routing.answers.hotline import Sender
from routing.errors import TooManyOpenRequests
from routing.tickets.model import Channel, IntakeRequest, OfficialRole, TicketStatus
from storage.tickets.models import TicketEventRow, TicketRow
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, BRUNO, GROUP
from tests.telegram_fake import Call, RecordingSession
from tests.unit.test_properties import CALLBACK_CLASSES, payloads

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container

OFFICIALS = (5001, 5002)
PEOPLE = (*OFFICIALS, ALICE, BRUNO, 6666)  # 6666: a stranger to the hotline
TEXTS = (
    "/start",
    "/aide",
    "/themes",
    "/conseiller",
    "/annuler",
    "/mes_demandes",
    "/mes_donnees",
    "/supprimer_mes_donnees",
    "/confidentialite",
    "/file",
    "/mes_tickets",
    "/rejoindre ABCD",
    "Comment organiser un budget participatif ?",
    "les conseils de quartier sont obligatoires ?",
    "je veux parler à un conseiller",
    "Mairie de Saint-Exemple",
    "06 12 34 56 78",
    "camille@mairie-exemple.fr",
    "demain 14h30",
    "12/12 10h",
    "oui",
    "<b>gras</b> & <i>",
    "x" * 5000,
)
update_ids = itertools.count(7_000_000_000)
message_ids = itertools.count(50_000)

text_content = st.one_of(st.sampled_from(TEXTS), st.text(max_size=60))
media = st.sampled_from(
    [
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "s",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        },
        {"location": {"latitude": 45.7, "longitude": 4.8}},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 2}},
    ]
)
action = st.one_of(
    st.tuples(st.just("ticket"), st.sampled_from(OFFICIALS), st.sampled_from(list(Channel))),
    st.tuples(st.just("say"), st.sampled_from(PEOPLE), text_content),
    st.tuples(st.just("group"), st.sampled_from((ALICE, BRUNO, 6666)), text_content),
    st.tuples(st.just("media"), st.sampled_from(OFFICIALS), media),
    st.tuples(st.just("edit"), st.sampled_from(OFFICIALS), text_content),
    # A button the person can see (their chat, or the group), recent ones more often...
    st.tuples(st.just("press_mine"), st.sampled_from(PEOPLE), st.integers(0, 10_000)),
    # ...and any button ever sent, pressed by anyone: stale, out of order, someone else's.
    st.tuples(st.just("press_seen"), st.sampled_from(PEOPLE), st.integers(0, 10_000)),
    st.tuples(
        st.just("press_forged"),
        st.sampled_from(PEOPLE),
        st.sampled_from(CALLBACK_CLASSES).flatmap(payloads).map(lambda p: p.pack()),
    ),
)


def _user(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": f"P{user_id}"}


def _chat(chat_id: int) -> dict:
    if chat_id < 0:
        return {"id": chat_id, "type": "supergroup", "title": "Conseillers"}
    return {"id": chat_id, "type": "private", "first_name": f"P{chat_id}"}


def _message(chat_id: int, user_id: int, **content) -> dict:
    return {
        "message_id": next(message_ids),
        "date": int(time.time()),
        "chat": _chat(chat_id),
        "from": _user(user_id),
        **content,
    }


def _text(text: str) -> dict:
    content = {"text": text}
    if text.startswith("/"):
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return content


def open_ticket(container, official: int, channel: Channel) -> None:
    """What a completed intake does: the domain opens the ticket and queues its card.

    An official at the cap of open requests is refused: that is the domain's answer, not a crash.
    """
    container.hotline.meet(Sender(official, f"P{official}"))
    try:
        opened = container.tickets.open_ticket(
            IntakeRequest(
                official_id=official,
                question="Comment lancer un budget participatif ?",
                collectivite="Mairie de Saint-Exemple",
                official_role=OfficialRole.ELU,
                channel=channel,
                phone="0612345678" if channel == Channel.PHONE else None,
                email="c@mairie-exemple.fr" if channel == Channel.VIDEO else None,
                slots=[slot.start for slot in container.tickets.slots()[:2]],
                consent=True,
            )
        )
    except TooManyOpenRequests as full:
        assert full.count >= container.tickets.policy.max_open_requests
        return
    assert opened.ticket.official_id == official


def update_for(step, buttons: list[tuple[int, int, str]]) -> dict | None:
    kind, user, value = step
    update_id = next(update_ids)
    if kind == "say":
        return {"update_id": update_id, "message": _message(user, user, **_text(value))}
    if kind == "group":
        return {"update_id": update_id, "message": _message(GROUP, user, **_text(value))}
    if kind == "media":
        return {"update_id": update_id, "message": _message(user, user, **value)}
    if kind == "edit":
        edited = _message(user, user, text=value or "?", edit_date=int(time.time()))
        return {"update_id": update_id, "edited_message": edited}
    if kind in ("press_mine", "press_seen"):
        if kind == "press_mine":
            buttons = [b for b in buttons if b[0] in (user, GROUP)][-6:]
        if not buttons:
            return None
        chat_id, message_id, data = buttons[value % len(buttons)]
    else:
        chat_id, message_id, data = (user, 1, value)
    bot_message = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": _chat(chat_id),
        "from": {"id": 42, "is_bot": True, "first_name": "Hotline"},
        "text": "…",
    }
    query = {
        "id": f"q{update_id}",
        "from": _user(user),
        "chat_instance": "1",
        "message": bot_message,
        "data": data,
    }
    return {"update_id": update_id, "callback_query": query}


class Telegram(RecordingSession):
    """The recording session, also answering sendDocument (/mes_donnees) with a message."""

    async def make_request(self, bot, method, timeout=None):
        if not isinstance(method, SendDocument):
            return await super().make_request(bot, method, timeout)
        self.calls.append(Call(method.__api_method__, {"chat_id": method.chat_id}))
        document = {"file_id": "d", "file_unique_id": "d", "file_name": "x.json"}
        message = {
            "message_id": next(message_ids),
            "date": int(time.time()),
            "chat": _chat(int(method.chat_id)),
            "document": document,
        }
        body = json.dumps({"ok": True, "result": message})
        return self.check_response(bot, method, 200, body).result


def buttons_sent(session) -> list[tuple[int, int, str]]:
    seen = []
    for number, call in enumerate(session.calls):
        for button in call.buttons:
            if "callback_data" in button:
                chat_id = int(call.params.get("chat_id", 0))
                seen.append(
                    (
                        chat_id,
                        int(call.params.get("message_id", 1000 + number)),
                        button["callback_data"],
                    )
                )
    return seen


def check_tickets(container) -> None:
    advisors = {ALICE, BRUNO}
    with container.uow() as uow:
        for row in uow.session.scalars(select(TicketRow)):
            status = TicketStatus(row.status)
            if status.is_held:
                assert row.advisor_id in advisors, row.id
            if status == TicketStatus.NEW:
                assert row.advisor_id is None, row.id
            assert row.consent, row.id
            if row.official_id:
                contact = row.phone if row.channel == Channel.PHONE else row.email
                assert contact, row.id
            kinds = list(
                uow.session.scalars(
                    select(TicketEventRow.kind)
                    .where(TicketEventRow.ticket_id == row.id)
                    .order_by(TicketEventRow.id)
                )
            )
            assert kinds[0] == "created", (row.id, kinds)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(action, min_size=5, max_size=25))
async def test_random_updates_never_crash_the_bot_nor_corrupt_a_ticket(
    escalation_container, caplog, steps
):
    caplog.clear()  # the fixture lives across examples: only this sequence's records count
    caplog.set_level(logging.ERROR, logger="bot.telegram.errors")
    dispatcher = build_dispatcher(escalation_container)
    session = Telegram()
    bot = Bot(
        token="42:TEST",
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    outbox = dispatcher["dispatch_loop"]
    outbox.bot = bot  # cards, relays and notices go out after each update, with their buttons
    for step in steps:
        if step[0] == "ticket":
            open_ticket(escalation_container, step[1], step[2])
        elif (update := update_for(step, buttons_sent(session))) is not None:
            await dispatcher.feed_raw_update(bot, update)
        await outbox.run_once()
    assert session.refused == [], "Telegram would have refused a message"
    crashes = [r.getMessage() for r in caplog.records if r.name == "bot.telegram.errors"]
    assert crashes == [], crashes
    check_tickets(escalation_container)
