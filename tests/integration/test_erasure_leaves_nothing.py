"""After an official's erasure, no column that can hold a person's data still holds theirs."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

from sqlalchemy import select

from routing.answers.hotline import Sender
from routing.tickets.model import Channel, IntakeRequest, OfficialRole
from storage.answers.models import ConversationStateRow, FeedbackRow
from storage.base import Base
from storage.curation.models import NotificationPreferenceRow
from storage.orientation.models import ProfileRow
from storage.safety.models import FailedDeliveryRow
from storage.safety.personal_data import ID, KEPT, NOT_PERSONAL, PERSONAL
from storage.tickets.models import OutboxRow
from tests.e2e import escalation_desk
from tests.e2e.escalation_desk import ALICE, BRUNO

seeded_data_dir = escalation_desk.seeded_data_dir
container = escalation_desk.escalation_container
PERSON = 9101
MARKERS = ("Zorglub", "zorglub", "Zorgville", "612345678", "12 34 56 78")


def _all_tables():
    import storage.backoffice.uow
    import storage.curation.gaps  # noqa: F401

    return Base.metadata.tables


def test_the_registry_places_every_column_of_every_table():
    for name, table in _all_tables().items():
        personal = set(PERSONAL.get(name, {}))
        kept = set(KEPT.get(name, {}))
        other = set(NOT_PERSONAL.get(name, ()))
        assert not (personal & kept or personal & other or kept & other), name
        assert {c.name for c in table.columns} == personal | kept | other, (
            f"{name}: place each column in storage/safety/personal_data.py"
        )


def _request(official: int, question: str) -> IntakeRequest:
    return IntakeRequest(
        official_id=official,
        question=question,
        collectivite="Mairie de Zorgville",
        official_role=OfficialRole.ELU,
        channel=Channel.PHONE,
        phone="06 12 34 56 78",
        email="zorglub@zorgville.fr",
        slots=[datetime(2026, 12, 2, 9) + timedelta(hours=4 * i) for i in range(2)],
        consent=True,
    )


def _everything_about_the_person(container) -> dict[str, int]:
    """A person with a ticket at each status, messages sent, waiting and stuck in retries."""
    tickets, sender = container.tickets, Sender(PERSON, "Zorglub", "zorglub_du_13")
    container.hotline.meet(sender)
    asked = container.hotline.ask(sender, "Zorglub demande : un budget participatif à Zorgville ?")
    container.hotline.ask(sender, "Zorglub cherche où garer son tracteur rouge à Zorgville")
    closed = tickets.open_ticket(_request(PERSON, "Zorglub : concertation ?")).ticket.id
    tickets.claim(closed, ALICE)
    tickets.close(closed, ALICE, "Conseils donnés à Zorglub")
    tickets.rate(closed, PERSON, 4, "Merci, Zorglub est ravi")
    new = tickets.open_ticket(_request(PERSON, "Zorglub : conseil de quartier ?")).ticket.id
    claimed = tickets.open_ticket(_request(PERSON, "Zorglub : budget ?")).ticket.id
    tickets.claim(claimed, ALICE)
    tickets.relay_to_advisor(claimed, PERSON, "Zorglub est joignable le matin")
    tickets.add_detail(claimed, PERSON, "Zorgville a 800 habitants")
    booked = tickets.open_ticket(_request(PERSON, "Zorglub : jury citoyen ?")).ticket.id
    tickets.claim(booked, BRUNO)
    tickets.book(booked, BRUNO, datetime(2026, 12, 3, 14), Channel.PHONE)
    now = container.clock.now()
    for item in container.outbox.due(now, 100)[:5]:
        container.outbox.mark_sent(item.id, 1000 + item.id)  # some went out, some wait
    stuck = {"chat_id": ALICE, "text": f"📂 Demande n° {claimed}\nZorglub, 06 12 34 56 78"}
    container.deliveries.record(ALICE, "SendMessage", stuck, "x", 4, now, claimed)
    container.deliveries.record(PERSON, "SendMessage", {"text": "Bonjour Zorglub"}, "x", 4, now)
    container.moderation.block(PERSON, "Zorglub a insulté un conseiller", by=ALICE)
    with container.uow() as uow:
        uow.session.add(NotificationPreferenceRow(user_id=PERSON, answers=True, updated_at=now))
        uow.session.add(
            ProfileRow(
                user_id=PERSON,
                collectivite="Mairie de Zorgville",
                role="elu",
                email="zorglub@zorgville.fr",
                updated_at=now,
            )
        )
        uow.session.add(
            FeedbackRow(
                question_id=asked.question_id,
                user_id=PERSON,
                slug="budget-participatif",
                useful=False,
                comment="Zorglub trouve que c'est flou",
                created_at=now,
            )
        )
        uow.session.add(
            ConversationStateRow(
                key=f"fsm:{PERSON}:{PERSON}:default",
                state="IntakeFlow:question",
                data={"question": "Zorglub veut savoir"},
                updated_at=now,
            )
        )
        uow.commit()
    return {"new": new, "claimed": claimed, "booked": booked, "closed": closed}


def _holds_the_person(kind: str, value) -> bool:
    if value is None:
        return False
    if kind == ID:
        return value == PERSON
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return any(marker in text for marker in MARKERS) or bool(re.search(rf"\b{PERSON}\b", text))


def test_after_erasure_no_personal_column_holds_anything_of_the_person(container):
    tickets = _everything_about_the_person(container)
    tables = _all_tables()
    with container.uow() as uow:
        before = [
            (name, column)
            for name, columns in PERSONAL.items()
            for column, kind in columns.items()
            if any(
                _holds_the_person(kind, value)
                for value in uow.session.scalars(select(tables[name].c[column]))
            )
        ]
    # The scenario really put the person everywhere erasure must look.
    assert {
        "tickets",
        "ticket_events",
        "outbox",
        "failed_deliveries",
        "questions",
        "gap_items",
    } <= {name for name, _ in before}
    container.privacy.erase(PERSON)
    with container.uow() as uow:
        left = [
            (name, column, value)
            for name, columns in PERSONAL.items()
            for column, kind in columns.items()
            for value in uow.session.scalars(select(tables[name].c[column]))
            if _holds_the_person(kind, value)
        ]
        stuck = list(uow.session.scalars(select(FailedDeliveryRow.id)))
        waiting = uow.session.execute(
            select(OutboxRow.kind, OutboxRow.ticket_id).where(OutboxRow.sent_at.is_(None))
        ).all()
    assert left == []
    assert stuck == []  # the message stuck in retries will never reach the advisor
    # What still waits is only the erasure's own notices, about the tickets, naming nobody.
    assert {row.kind for row in waiting} <= {
        "group_card_update",
        "ticket_message_edit",
        "erased_to_advisor",
    }
    assert {row.ticket_id for row in waiting} <= set(tickets.values())
