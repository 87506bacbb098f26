"""The dispatch loop: one bad message never stops the others, failures are kept and retried."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from routing.outbox import Notification
from storage.tickets_models import OutboxRow
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE

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
