"""The dispatch loop: one bad message never stops the others, failures are kept and retried."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from routing.tickets.model import Channel, IntakeRequest, OfficialRole
from routing.tickets.outbox import Notification
from storage.tickets.models import OutboxRow
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, GROUP, PHONE_TYPED
from tests.e2e.harness import eventually

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk


def enqueue(container, chat_id: int, kind: str, payload: dict, key: str) -> None:
    now = container.clock.now()
    with container.uow() as uow:
        uow.outbox.add(Notification(chat_id, kind, payload, now, key), now)
        uow.commit()


def outbox_row(container, key: str) -> OutboxRow:
    with container.uow() as uow:
        row = uow.session.scalars(select(OutboxRow).where(OutboxRow.dedupe_key == key)).one()
        uow.session.expunge(row)
        return row


async def test_a_bad_message_is_kept_as_failed_while_the_next_ones_go_out(desk, caplog):
    caplog.set_level(logging.INFO)
    container = desk.container
    enqueue(container, ALICE, "no_such_kind", {"ticket_id": 1}, "bad-kind")
    enqueue(container, 424242, "cancelled_to_advisor", {"ticket_id": 1, "number": 1}, "no-chat")
    enqueue(container, ALICE, "relay_to_official", {"text": "?"}, "bad-payload")  # no number
    enqueue(container, ALICE, "cancelled_to_advisor", {"ticket_id": 9, "number": 9}, "good")
    after = await desk.revision()
    await desk.loop.run_once()
    told = await desk.wait_for(ALICE, after, "a annulé la demande n° 9")
    assert told
    assert outbox_row(container, "good").sent_at is not None
    unknown, missing_chat = outbox_row(container, "bad-kind"), outbox_row(container, "no-chat")
    assert unknown.sent_at is None and unknown.last_error == "NoRenderer"
    assert outbox_row(container, "bad-payload").last_error == "KeyError"
    assert missing_chat.sent_at is None and "chat not found" in missing_chat.last_error
    assert missing_chat.attempts == 1
    # Not tried again before its retry time, then tried again once the clock has moved on.
    await desk.loop.run_once()
    assert outbox_row(container, "no-chat").attempts == 1
    container.clock.advance(timedelta(minutes=1))
    await desk.loop.run_once()
    assert outbox_row(container, "no-chat").attempts == 2
    logged = [r.getMessage() for r in caplog.records if "not delivered" in r.getMessage()]
    assert logged and all("424242" not in line for line in logged)


async def test_a_blocked_officials_ticket_is_never_posted_to_the_advisors_group(desk):
    container = desk.container
    official = desk.new_official()
    number = await desk.open_ticket(official)
    await desk.card_of(number)  # posted while the official was not blocked
    container.moderation.block(official, "test")
    # A ticket reaching the domain another way while blocked (e.g. queued before the block).
    ticket = container.tickets.open_ticket(
        IntakeRequest(
            official_id=official,
            question="Une seconde demande pendant le blocage",
            collectivite="Mairie de Saint-Exemple",
            official_role=OfficialRole.ELU,
            channel=Channel.PHONE,
            phone=PHONE_TYPED,
            slots=[s.start for s in container.tickets.slots(2)],
            consent=True,
        )
    ).ticket
    await desk.loop.run_once()
    assert outbox_row(container, f"card:{ticket.id}").sent_at is not None  # handled, not retried
    group = await desk.bot_texts(GROUP)
    assert any(f"n° {number}\n" in text for text in group)  # the check below can fail
    assert not any(f"n° {ticket.number}\n" in text for text in group)


async def test_a_message_a_crash_left_half_sent_is_not_repeated_after_a_restart(desk):
    container = desk.container
    enqueue(container, ALICE, "cancelled_to_advisor", {"ticket_id": 7, "number": 7}, "half-sent")
    [item] = [i for i in container.outbox.due(container.clock.now(), 50) if i.id]
    assert container.outbox.start_sending(item.id)  # the process dies right after this
    await desk.harness.stop_bot()
    await desk.harness.start_bot()
    assert await eventually(lambda: desk.loop.bot is not None)  # started: interrupted ones given up
    await desk.loop.run_once()
    assert not [text for text in await desk.bot_texts(ALICE) if "n° 7" in text]
    assert outbox_row(container, "half-sent").last_error.startswith("interrupted")
