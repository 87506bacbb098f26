"""Orientation storage on SQLite and PostgreSQL: simultaneous registrations, seats, migrations."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from routing.orientation.model import (
    CycleDraft,
    CycleUnavailable,
    PlaceConflict,
    Profile,
    RegistrationStatus,
)
from routing.orientation.service import OrientationService
from routing.orientation.staff import OrientationStaff
from routing.tickets.business_hours import FixedClock
from storage.database import make_session_factory
from storage.uow import SqlUnitOfWork

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
STARTS = tuple(datetime(2027, 1, 12, 13, tzinfo=UTC) + timedelta(weeks=2 * i) for i in range(4))


@pytest.fixture
def services(engine):
    """The officials' and staff's services on a migrated database of each backend."""
    factory = make_session_factory(engine)
    uow = lambda: SqlUnitOfWork(factory)  # noqa: E731
    clock = FixedClock(NOW)
    return OrientationService(uow, clock, "Europe/Paris"), OrientationStaff(
        uow, clock, "Europe/Paris"
    )


def at_once(count: int, work) -> list:
    """Run `work(n)` in `count` threads released together; return their results in order."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(n: int) -> None:
        barrier.wait()
        results[n] = work(n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_simultaneous_registrations_of_one_collectivite_give_it_exactly_one_place(services):
    orientation, staff = services
    cycle = staff.create(
        CycleDraft(
            "Gestion des tensions", "", STARTS, "https://v.example.org/t", NOW + timedelta(days=9)
        )
    )
    towns = [
        "Mairie de Saint-Exemple",
        "mairie de saint exemple",
        "MAIRIE DE SAINT-EXEMPLE",
        "Mairie de Saint Exemple",
    ]
    outcomes = at_once(
        4,
        lambda n: orientation.register(
            100 + n, cycle.id, Profile(towns[n], "elu", "x@y.fr"), False
        ),
    )
    assert sorted(o.status for o in outcomes) == ["confirmed", "taken", "taken", "taken"]
    assert staff.roster(cycle.id).cycle.taken == 1


def test_simultaneous_registrations_never_exceed_the_capacity(services):
    orientation, staff = services
    cycle = staff.create(
        CycleDraft(
            "Non-recours",
            "",
            STARTS,
            "https://v.example.org/n",
            NOW + timedelta(days=9),
            capacity=3,
        )
    )
    outcomes = at_once(
        8,
        lambda n: orientation.register(
            200 + n, cycle.id, Profile(f"Commune {n}", "agent", "a@b.fr"), True
        ),
    )
    assert sorted(o.status for o in outcomes) == ["confirmed"] * 3 + ["waiting"] * 5
    roster = staff.roster(cycle.id)
    assert roster.cycle.taken == 3 and roster.cycle.places_left == 0
    positions = sorted(
        orientation.position(r) for r in roster.registrations if r.status == "waiting"
    )
    assert positions == [1, 2, 3, 4, 5]


def test_the_database_itself_refuses_a_second_holder_for_a_collectivite(services, engine):
    _orientation, staff = services
    cycle = staff.create(
        CycleDraft("Eau", "", STARTS, "https://v.example.org/e", NOW + timedelta(days=9))
    )
    factory = make_session_factory(engine)
    with SqlUnitOfWork(factory) as uow:
        repo = uow.orientation
        profile = Profile("Bourg", "elu", "b@b.fr")
        repo.add_registration(cycle, 301, profile, RegistrationStatus.CONFIRMED, NOW)
        with pytest.raises(PlaceConflict):
            # Bypassing the service's checks: the unique (cycle, holder) constraint still holds.
            repo.add_registration(cycle, 302, profile, RegistrationStatus.CONFIRMED, NOW)


def test_orientation_jobs_live_in_the_jobs_table_without_a_ticket(services, engine):
    _orientation, staff = services
    cycle = staff.create(
        CycleDraft("Jobs", "", STARTS, "https://v.example.org/j", NOW + timedelta(days=9))
    )
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT kind, ticket_id FROM jobs WHERE kind = 'ori_reminder'")
        ).all()
    mine = [r for r in rows if r.ticket_id is None]
    assert len(mine) >= 8 and cycle.id


def test_registrations_stop_at_the_deadline_and_when_staff_close_the_cycle(services):
    orientation, staff = services
    deadline = NOW + timedelta(days=1)
    cycle = staff.create(CycleDraft("Délais", "", STARTS, "https://v.example.org/d", deadline))
    profile = Profile("Bourg", "elu", "b@b.fr")
    orientation.clock.set(deadline + timedelta(minutes=1))
    with pytest.raises(CycleUnavailable):
        orientation.register(401, cycle.id, profile, False)
    orientation.clock.set(NOW)
    staff.close(cycle.id)
    with pytest.raises(CycleUnavailable):
        orientation.register(401, cycle.id, profile, False)
    assert cycle.id not in [c.id for c in orientation.open_cycles()]


def test_a_freed_place_skips_waiting_people_whose_collectivite_already_holds_one(services):
    orientation, staff = services
    cycle = staff.create(
        CycleDraft("Saut", "", STARTS, "https://v.example.org/s", NOW + timedelta(days=9), 2)
    )
    register = lambda user, town: orientation.register(  # noqa: E731
        user, cycle.id, Profile(town, "elu", "x@x.fr"), True
    )
    assert register(501, "Ville X").status == "confirmed"
    leaving = register(502, "Ville Z").registration
    assert register(503, "Ville X").status == "waiting"  # X holds a place already
    assert register(504, "Ville W").status == "waiting"  # the cycle is full
    orientation.cancel(502, leaving.id)
    statuses = {r.user_id: r.status for r in staff.roster(cycle.id).registrations}
    assert statuses[504] == RegistrationStatus.OFFERED
    assert statuses[503] == RegistrationStatus.WAITING
