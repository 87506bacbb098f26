"""Registration statuses and transitions, collectivité matching, Paris reminder times, labels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from bot.views.callbacks import Atelier, Projet
from bot.views.orientation_views import short
from routing.orientation.calendar import cycle_calendar
from routing.orientation.model import (
    TRANSITIONS,
    Profile,
    RegistrationStatus,
    can_move,
    collectivite_key,
)
from routing.orientation.notices import Notices

S = RegistrationStatus


def test_only_confirmed_and_offered_registrations_hold_a_place():
    assert {s for s in S if s.holds_place} == {S.CONFIRMED, S.OFFERED}
    assert {s for s in S if s.is_active} == {S.CONFIRMED, S.OFFERED, S.WAITING}


def test_an_offer_is_confirmed_lapses_or_is_declined_and_ended_registrations_stay_ended():
    assert can_move(S.WAITING, S.OFFERED) and can_move(S.OFFERED, S.CONFIRMED)
    assert can_move(S.OFFERED, S.EXPIRED) and can_move(S.CONFIRMED, S.CANCELLED)
    assert not can_move(S.WAITING, S.CONFIRMED)  # a waiting person is offered first
    assert not can_move(S.EXPIRED, S.CONFIRMED) and not can_move(S.CANCELLED, S.CONFIRMED)
    assert set(TRANSITIONS) == set(S)


def test_spellings_of_one_collectivite_match_and_different_ones_do_not():
    same = {"Mairie de Saint-Étienne", "mairie de saint etienne", " MAIRIE  DE SAINT ÉTIENNE "}
    assert len({collectivite_key(name) for name in same}) == 1
    assert collectivite_key("Mairie de Saint-Étienne-de-Tinée") != collectivite_key(
        "Mairie de Saint-Étienne"
    )


def test_a_profile_says_what_is_missing_in_the_order_it_is_asked():
    assert Profile().missing() == ["collectivite", "role", "email"]
    assert Profile("Bourg", None, "a@b.fr").missing() == ["role"]


def test_the_day_before_reminder_keeps_the_paris_time_across_both_dst_changes():
    notices = Notices("Europe/Paris")
    # Sunday 28 March 2027 18:00 (UTC+2) → Saturday 18:00 (UTC+1): 23 hours before.
    assert notices.day_before(datetime(2027, 3, 28, 16, tzinfo=UTC)) == datetime(
        2027, 3, 27, 17, tzinfo=UTC
    )
    # Sunday 31 October 2027 18:00 (UTC+1) → Saturday 18:00 (UTC+2): 25 hours before.
    assert notices.day_before(datetime(2027, 10, 31, 17, tzinfo=UTC)) == datetime(
        2027, 10, 30, 16, tzinfo=UTC
    )


def test_labels_are_shortened_at_a_word_boundary():
    label = short("Annuler : Gestion des tensions et des conflits d'usage (démo)")
    assert label == "Annuler : Gestion des tensions et des conflits…"
    assert short("Court") == "Court"


def test_button_payloads_fit_telegram_limit():
    biggest = Atelier(a="role", c=10**9, r=10**9, v="autre").pack()
    assert len(biggest.encode()) <= 64
    assert len(Projet(a="k", t=10**9, k="p").pack().encode()) <= 64


def test_the_calendar_has_one_event_per_session_and_escapes_the_text():
    starts = [datetime(2027, 1, 12, 13, tzinfo=UTC) + timedelta(weeks=n) for n in range(4)]
    data = cycle_calendar(3, "Eau, montagne; partage", starts, "https://v.example.org/a")
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == starts
    assert str(events[0]["summary"]) == "Atelier interactif « Eau, montagne; partage » — séance 1/4"
    assert cycle_calendar(3, "Eau", starts, "https://x") == cycle_calendar(
        3, "Eau", starts, "https://x"
    )
