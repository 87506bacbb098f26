"""Messages that could not be delivered: recorded, retried later with growing delays."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from routing.safety.records import FailedDelivery


class DeliveryService:
    """The book of failed Bot API calls that the retry loop works through."""

    def __init__(
        self,
        uow_factory: Callable,
        first_retry: timedelta = timedelta(seconds=30),
        longest_wait: timedelta = timedelta(hours=1),
    ) -> None:
        self.uow_factory = uow_factory
        self.first_retry = first_retry
        self.longest_wait = longest_wait

    def wait_after(self, attempts: int) -> timedelta:
        """Return the wait before the next try: doubling from `first_retry`, capped."""
        factor = 2 ** max(0, min(attempts - 1, 20))
        return min(self.first_retry * factor, self.longest_wait)

    def record(
        self,
        chat_id: int,
        method: str,
        payload: dict,
        error: str,
        attempts: int,
        now: datetime,
        ticket_id: int | None = None,
    ) -> int:
        """Record a call that failed `attempts` times; return its id."""
        with self.uow_factory() as uow:
            retry_at = now + self.first_retry
            delivery_id = uow.deliveries.add(
                chat_id, method, payload, error, attempts, retry_at, ticket_id, created_at=now
            )
            uow.commit()
        return delivery_id

    def due(self, now: datetime, limit: int = 20) -> list[FailedDelivery]:
        """Return the calls to try again now."""
        with self.uow_factory() as uow:
            return uow.deliveries.due(now, limit)

    def delivered(self, delivery_id: int, now: datetime) -> None:
        """Mark a call as delivered."""
        with self.uow_factory() as uow:
            uow.deliveries.delivered(delivery_id, now)
            uow.commit()

    def failed_again(
        self, delivery: FailedDelivery, error: str, now: datetime, permanent: bool = False
    ) -> None:
        """Count a failed retry; a permanent error (chat gone, bot blocked) stops the retries."""
        retry_at = None if permanent else now + self.wait_after(delivery.attempts + 1)
        with self.uow_factory() as uow:
            uow.deliveries.failed_again(delivery.id, error, retry_at)
            uow.commit()

    def pending(self, chat_id: int) -> list[FailedDelivery]:
        """Return the recorded calls to a chat (delivered or not)."""
        with self.uow_factory() as uow:
            return uow.deliveries.of_chat(chat_id)
