"""Personal data rights and retention: export, erasure, and the daily purge."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from routing.errors import ErasureRefused
from routing.records import Role, aware
from routing.safety.redaction import redact

PURGE_JOB = "purge"
BATCH = 500


@dataclass(frozen=True)
class Retention:
    """How long each kind of data is kept (from settings)."""

    contact_details: timedelta = timedelta(days=90)  # after the ticket is resolved
    conversations: timedelta = timedelta(days=365)  # then questions are pseudonymised
    update_ids: timedelta = timedelta(days=7)  # long enough to catch any redelivery
    delivered_messages: timedelta = timedelta(days=30)
    outbox: timedelta = timedelta(days=30)  # sent or given-up notifications


class PrivacyService:
    """What the hotline holds about a person: give it to them, erase it, and purge the old."""

    def __init__(
        self, uow_factory: Callable, retention: Retention | None = None, tickets=None
    ) -> None:
        self.uow_factory = uow_factory
        self.retention = retention or Retention()
        # The ticket service: it tells the group and the holder, in the erasure's transaction.
        self.tickets = tickets

    def export(self, user_id: int, now: datetime | None = None) -> dict:
        """Return every record about a person, ready to be written as JSON."""
        with self.uow_factory() as uow:
            data = uow.privacy.export(user_id)
        return {
            "user_id": user_id,
            "generated_at": (now or datetime.now(UTC)).isoformat(),
            "retention_days": {
                "contact_details_after_resolution": self.retention.contact_details.days,
                "conversations": self.retention.conversations.days,
            },
            **data,
        }

    def check_erasable(self, user_id: int) -> None:
        """Raise ErasureRefused for advisors and staff (the team removes them first)."""
        with self.uow_factory() as uow:
            person = uow.users.get(user_id)
        if person is not None and person.role != Role.OFFICIAL:
            raise ErasureRefused(user_id)

    def erase(self, user_id: int) -> dict[str, int]:
        """Erase an official's data in one transaction; statistics are kept anonymised."""
        self.check_erasable(user_id)
        with self.uow_factory() as uow:
            plan = self.tickets.erasure_plan(uow, user_id) if self.tickets else []
            counts = uow.privacy.erase(user_id)
            if self.tickets:
                counts["notices"] = self.tickets.announce_erasure(uow, plan)
            uow.commit()
        return counts

    def purge(self, now: datetime) -> dict[str, int]:
        """Apply every retention delay now and record the run, in one transaction."""
        with self.uow_factory() as uow:
            report = self._purge(uow, now)
            uow.maintenance.record(PURGE_JOB, now, report)
            uow.commit()
        return report

    def purge_if_due(self, now: datetime, every: timedelta = timedelta(days=1)) -> dict | None:
        """Run the purge when the last run is older than `every`; None when not due.

        The run and its date are committed together, so a crash re-runs it and a restart
        does not repeat it.
        """
        with self.uow_factory() as uow:
            last = uow.maintenance.last_run(PURGE_JOB)
            if last is not None and aware(last) > now - every:
                return None
            report = self._purge(uow, now)
            uow.maintenance.record(PURGE_JOB, now, report)
            uow.commit()
        return report

    def last_purge(self) -> datetime | None:
        """Return when the daily purge last ran."""
        with self.uow_factory() as uow:
            last = uow.maintenance.last_run(PURGE_JOB)
        return aware(last) if last else None

    def _purge(self, uow, now: datetime) -> dict[str, int]:
        keep = self.retention
        old = now - keep.conversations
        report = {
            "contact_details_erased": uow.privacy.tickets.erase_contacts_closed_before(
                now - keep.contact_details
            ),
            # The outbox keeps messages 30 days; those of tickets closed that long ago go too.
            "ticket_messages_deleted": uow.privacy.tickets.forget_messages_closed_before(
                now - keep.outbox
            ),
            "tickets_texts_pseudonymised": uow.privacy.tickets.pseudonymise_closed_before(
                old, redact
            ),
            "questions_pseudonymised": 0,
            "comments_scrubbed": 0,
        }
        while batch := uow.privacy.questions_to_pseudonymise(old, BATCH):
            for question_id, text in batch:
                uow.privacy.pseudonymise_question(question_id, redact(text))
            report["questions_pseudonymised"] += len(batch)
        for feedback_id, comment in uow.privacy.comments_before(old):
            scrubbed = redact(comment)
            if scrubbed != comment:
                uow.privacy.replace_comment(feedback_id, scrubbed)
                report["comments_scrubbed"] += 1
        report["advisor_requests_anonymised"] = uow.privacy.detach_advisor_requests(old)
        report["conversation_states_deleted"] = uow.privacy.forget_states(old)
        # Ateliers (issue 14): e-mails go with the cycle, profiles with the conversations.
        orientation = uow.privacy.orientation
        report["atelier_emails_erased"] = orientation.erase_emails_of_cycles_before(
            now - keep.contact_details
        )
        report["orientation_profiles_deleted"] = orientation.forget_profiles_before(old)
        report["update_ids_forgotten"] = uow.updates.prune(now - keep.update_ids)
        report["delivered_messages_deleted"] = uow.deliveries.prune_delivered(
            now - keep.delivered_messages
        )
        report["given_up_deliveries_deleted"] = uow.deliveries.prune_given_up(
            now - keep.delivered_messages
        )
        report["outbox_deleted"] = uow.outbox.prune(now - keep.outbox)
        return report
