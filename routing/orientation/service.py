"""Officials' side of the ateliers: list, register, wait, be promoted, confirm, cancel.

Every registration runs under a lock on its cycle (taken before anything is read), so the
capacity and the one-place-per-collectivité rule hold when two people press at once; unique
constraints in the database back this up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from routing.orientation import notices
from routing.orientation.model import (
    JOB_KINDS,
    OFFER_DELAY,
    OFFER_JOB,
    REMINDER_JOB,
    Cycle,
    CycleUnavailable,
    Outcome,
    PlaceConflict,
    Profile,
    Registration,
    RegistrationChanged,
    RegistrationNotFound,
    RegistrationStatus,
    can_move,
    collectivite_key,
)
from routing.tickets.business_hours import Clock

S = RegistrationStatus


class OrientationService:
    """What the bot's orientation routers and the dispatch loop call."""

    def __init__(self, uow_factory: Callable, clock: Clock, timezone: str) -> None:
        self.uow_factory = uow_factory
        self.clock = clock
        self.notices = notices.Notices(timezone)

    # -- reading -------------------------------------------------------------------------
    def open_cycles(self) -> list[Cycle]:
        """Cycles still taking registrations, soonest first."""
        now = self.clock.now()
        with self.uow_factory() as uow:
            return [c for c in uow.orientation.cycles() if c.open_at(now)]

    def cycle(self, cycle_id: int) -> Cycle:
        """One cycle, open or not; CycleUnavailable when unknown."""
        with self.uow_factory() as uow:
            cycle = uow.orientation.cycle(cycle_id)
        if cycle is None:
            raise CycleUnavailable(cycle_id)
        return cycle

    def open_cycle(self, cycle_id: int) -> Cycle:
        """A cycle taking registrations now; CycleUnavailable otherwise."""
        with self.uow_factory() as uow:
            return self._open_cycle(uow, cycle_id)

    def remember_collectivite(self, user_id: int, collectivite: str) -> None:
        """Keep the collectivité given for a projet partagé, for the next registrations."""
        with self.uow_factory() as uow:
            known = uow.orientation.profile(user_id) or Profile()
            changed = Profile(collectivite, known.role, known.email)
            uow.orientation.save_profile(user_id, changed, self.clock.now())
            uow.commit()

    def cycles_for_topic(self, slug: str) -> list[Cycle]:
        """Open cycles an answer on this knowledge-base entry should lead to."""
        return [c for c in self.open_cycles() if slug in c.topics]

    def profile(self, user_id: int) -> Profile:
        """What the person gave when registering before (nothing when never)."""
        with self.uow_factory() as uow:
            return uow.orientation.profile(user_id) or Profile()

    def my_registrations(self, user_id: int) -> list[tuple[Registration, Cycle]]:
        """The person's registrations still active, with their cycles."""
        with self.uow_factory() as uow:
            found = uow.orientation.registrations_of(user_id)
            pairs = [(r, uow.orientation.cycle(r.cycle_id)) for r in found if r.status.is_active]
        return [(r, c) for r, c in pairs if c is not None]

    def position(self, registration: Registration) -> int:
        """Rank on the waiting list (1 = next in line); 0 when not waiting."""
        if registration.status != S.WAITING:
            return 0
        with self.uow_factory() as uow:
            waiting = uow.orientation.registrations(registration.cycle_id, (S.WAITING,))
        return next((i for i, r in enumerate(waiting, 1) if r.id == registration.id), 0)

    def preview(self, user_id: int, cycle_id: int, collectivite: str) -> Outcome:
        """What registering would give now, without writing (the real check is `register`)."""
        with self.uow_factory() as uow:
            return self._blocked(uow, self._open_cycle(uow, cycle_id), user_id, collectivite)

    # -- registering ---------------------------------------------------------------------
    def register(
        self, user_id: int, cycle_id: int, profile: Profile, waitlist: bool, name: str = ""
    ) -> Outcome:
        """Take a place, or (with `waitlist`) the waiting list when the place is not free.

        `name` (the Telegram first name) is what a colleague of the same collectivité is told.
        """
        now = self.clock.now()
        with self.uow_factory() as uow:
            uow.orientation.lock_cycle(cycle_id)  # first statement: serialises this cycle
            cycle = self._open_cycle(uow, cycle_id)
            uow.orientation.save_profile(user_id, profile, now)
            if name:
                known = uow.users.get(user_id)
                uow.users.seen(user_id, name, known.username if known else None)
            blocked = self._blocked(uow, cycle, user_id, profile.collectivite)
            if blocked.status == "already" or (blocked.status != "confirmed" and not waitlist):
                uow.commit()
                return blocked
            status = S.CONFIRMED if blocked.status == "confirmed" else S.WAITING
            try:
                added = uow.orientation.add_registration(cycle, user_id, profile, status, now)
            except PlaceConflict:
                # Only reachable without the lock (another process on an old schema): retell.
                return self._retry_outcome(user_id, cycle_id, profile)
            if status == S.CONFIRMED:
                self.notices.confirmed(uow, added, cycle, now)
            uow.commit()
        position = self.position(added) if status == S.WAITING else 0
        return Outcome(str(status), added, blocked.holder, position)

    def _retry_outcome(self, user_id: int, cycle_id: int, profile: Profile) -> Outcome:
        with self.uow_factory() as uow:
            cycle = self._open_cycle(uow, cycle_id)
            return self._blocked(uow, cycle, user_id, profile.collectivite)

    def _blocked(self, uow, cycle: Cycle, user_id: int, collectivite: str | None) -> Outcome:
        repo = uow.orientation
        mine = repo.active_of(cycle.id, user_id)
        if mine is not None:
            return Outcome("already", mine)
        holder = repo.holder(cycle.id, collectivite_key(collectivite or ""))
        if holder is not None:
            person = uow.users.get(holder.user_id)
            return Outcome("taken", holder=person.first_name if person else "")
        if cycle.places_left <= 0:
            return Outcome("full")
        return Outcome("confirmed")

    def _open_cycle(self, uow, cycle_id: int) -> Cycle:
        cycle = uow.orientation.cycle(cycle_id)
        if cycle is None or not cycle.open_at(self.clock.now()):
            raise CycleUnavailable(cycle_id)
        return cycle

    # -- cancelling, offers --------------------------------------------------------------
    def cancel(self, user_id: int, registration_id: int) -> Registration:
        """Leave a cycle (or its waiting list); a freed place is offered to the next in line."""
        return self._change(user_id, registration_id, S.CANCELLED)

    def confirm_offer(self, user_id: int, registration_id: int) -> Registration:
        """Take the place offered after a cancellation; the dates and calendar follow."""
        return self._change(user_id, registration_id, S.CONFIRMED)

    def _change(self, user_id: int, registration_id: int, target: S) -> Registration:
        now = self.clock.now()
        with self.uow_factory() as uow:
            found = uow.orientation.registration(registration_id)
            if found is None or found.user_id != user_id:
                raise RegistrationNotFound(registration_id)
            uow.orientation.lock_cycle(found.cycle_id)
            current = uow.orientation.registration(registration_id)
            if current.status == target:
                return current  # a second press of the same button: already done
            if not can_move(current.status, target):
                raise RegistrationChanged(registration_id)
            if target == S.CONFIRMED and current.offered_until and current.offered_until < now:
                raise RegistrationChanged(registration_id)  # lapsed; its job is about to run
            changed = uow.orientation.move(current, target, now)
            cycle = uow.orientation.cycle(current.cycle_id)
            if target == S.CONFIRMED:
                self.notices.confirmed(uow, changed, cycle, now)
            if current.status.holds_place:
                self._promote(uow, cycle, now)
            uow.commit()
        return changed

    def _promote(self, uow, cycle: Cycle, now: datetime) -> Registration | None:
        """Offer a freed place to the first waiting person whose collectivité holds none."""
        cycle = uow.orientation.cycle(cycle.id)
        if cycle.places_left <= 0:
            return None
        for waiting in uow.orientation.registrations(cycle.id, (S.WAITING,)):
            if uow.orientation.holder(cycle.id, collectivite_key(waiting.collectivite)):
                continue
            until = now + OFFER_DELAY
            offered = uow.orientation.move(waiting, S.OFFERED, now, offered_until=until)
            key = f"ori:offer:{offered.id}:{until.isoformat()}"
            uow.jobs.add(OFFER_JOB, None, until, {"registration": offered.id}, key)
            self.notices.offered(uow, offered, cycle, now)
            return offered
        return None

    # -- scheduled work ------------------------------------------------------------------
    def run_due_jobs(self, now: datetime | None = None, limit: int = 100) -> int:
        """Run due reminders and lapsed offers; return how many notifications were queued."""
        now = now or self.clock.now()
        queued = 0
        with self.uow_factory() as uow:
            for job in uow.jobs.due_of_kinds(now, JOB_KINDS, limit):
                if not uow.jobs.done(job.id, now):
                    continue
                if job.kind == REMINDER_JOB:
                    queued += self._remind(uow, job, now)
                elif job.kind == OFFER_JOB:
                    queued += self._lapse(uow, job, now)
                else:
                    queued += self._promote_freed(uow, int(job.payload["cycle"]), now)
            uow.commit()
        return queued

    def _remind(self, uow, job, now: datetime) -> int:
        session = uow.orientation.session_of(int(job.payload["session"]))
        if session is None or session.starts_at.isoformat() != job.payload.get("at"):
            return 0  # the session moved: the job made for its new time will remind
        if now >= session.starts_at:
            return 0  # the bot was down past the session: a late reminder would mislead
        cycle = uow.orientation.cycle(uow.orientation.cycle_of_session(session.id))
        confirmed = uow.orientation.registrations(cycle.id, (S.CONFIRMED,))
        which = job.payload["which"]
        return sum(self.notices.reminder(uow, r, cycle, session, which) for r in confirmed)

    def _promote_freed(self, uow, cycle_id: int, now: datetime) -> int:
        if not uow.orientation.lock_cycle(cycle_id):
            return 0  # the cycle was deleted
        return int(self._promote(uow, uow.orientation.cycle(cycle_id), now) is not None)

    def _lapse(self, uow, job, now: datetime) -> int:
        found = uow.orientation.registration(int(job.payload["registration"]))
        if found is None or found.status != S.OFFERED or found.offered_until > now:
            return 0  # confirmed, cancelled, or offered again later
        uow.orientation.lock_cycle(found.cycle_id)
        lapsed = uow.orientation.move(found, S.EXPIRED, now)
        cycle = uow.orientation.cycle(found.cycle_id)
        self.notices.expired(uow, lapsed, cycle, now)
        self._promote(uow, cycle, now)
        return 1
