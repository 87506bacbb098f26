"""Session reminders the day before and an hour before, at Paris times across a DST change."""

from __future__ import annotations

from datetime import UTC, datetime

from routing.orientation.model import Profile
from tests.e2e import escalation_desk
from tests.e2e.orientation_desk import LINK, make_cycle

seeded_data_dir = escalation_desk.seeded_data_dir
escalation_container = escalation_desk.escalation_container
desk = escalation_desk.desk

# 18:00 in Paris each time: winter time (UTC+1) on 23 March 2027, summer time (UTC+2) from
# Sunday 28 March 2027, the day the clocks go forward.
STARTS = (
    datetime(2027, 3, 23, 17, tzinfo=UTC),
    datetime(2027, 3, 28, 16, tzinfo=UTC),
    datetime(2027, 4, 6, 16, tzinfo=UTC),
    datetime(2027, 4, 13, 16, tzinfo=UTC),
)


async def reminders_at(desk, official: int, moment: datetime) -> list[str]:
    """Move the clock, run the dispatch loop once, return the reminders received so far."""
    desk.container.clock.set(moment)
    await desk.loop.run_once()
    return [t for t in await desk.bot_texts(official) if t.startswith("⏰")]


async def test_reminders_come_the_day_before_and_an_hour_before_at_paris_times_across_dst(desk):
    cycle = make_cycle(desk.container, starts=STARTS)
    official = desk.new_official()
    await desk.control.register_user(official, "Camille")
    profile = Profile("Mairie de Saint-Exemple", "elu", "camille@se.fr")
    assert desk.container.orientation.register(official, cycle.id, profile, False).status == (
        "confirmed"
    )

    assert await reminders_at(desk, official, datetime(2027, 3, 22, 16, 59, tzinfo=UTC)) == []
    [day] = await reminders_at(desk, official, datetime(2027, 3, 22, 17, tzinfo=UTC))
    assert "séance 1/4" in day and "demain, mardi 23 mars à 18h" in day and LINK in day
    assert len(await reminders_at(desk, official, datetime(2027, 3, 23, 15, 59, tzinfo=UTC))) == 1
    hour = (await reminders_at(desk, official, datetime(2027, 3, 23, 16, tzinfo=UTC)))[-1]
    assert "Dans une heure" in hour and "mardi 23 mars à 18h" in hour and LINK in hour

    # 24 hours before the Sunday session is 17:00 in Paris on Saturday: too early. The day-before
    # reminder comes at 18:00 Paris time, which is 17:00 UTC in winter time.
    assert len(await reminders_at(desk, official, datetime(2027, 3, 27, 16, tzinfo=UTC))) == 2
    day = (await reminders_at(desk, official, datetime(2027, 3, 27, 17, tzinfo=UTC)))[-1]
    assert "séance 2/4" in day and "demain, dimanche 28 mars à 18h" in day
    # The hour-before one comes at 17:00 in Paris, now 15:00 UTC (summer time).
    assert len(await reminders_at(desk, official, datetime(2027, 3, 28, 14, 59, tzinfo=UTC))) == 3
    hour = (await reminders_at(desk, official, datetime(2027, 3, 28, 15, tzinfo=UTC)))[-1]
    assert "Dans une heure" in hour and "dimanche 28 mars à 18h" in hour
    # Running the loop again repeats nothing.
    assert len(await reminders_at(desk, official, datetime(2027, 3, 28, 15, 30, tzinfo=UTC))) == 4


async def test_a_cancelled_registration_gets_no_reminder(desk):
    cycle = make_cycle(desk.container, starts=STARTS)
    official = desk.new_official()
    await desk.control.register_user(official, "Dominique")
    profile = Profile("Commune d'Aval", "agent", "d@aval.fr")
    outcome = desk.container.orientation.register(official, cycle.id, profile, False)
    desk.container.orientation.cancel(official, outcome.registration.id)
    assert await reminders_at(desk, official, datetime(2027, 3, 23, 16, 30, tzinfo=UTC)) == []
