"""Report computations: per day in Paris time, shares, medians and satisfaction."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from routing.curation.records import TicketFacts
from routing.curation.reports import (
    days_between,
    decision_shares,
    delays,
    feedback_shares,
    median_minutes,
    questions_per_day,
    satisfaction,
    share,
    tickets_per_day,
)


def at(day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def ticket(created, claimed=None, resolved=None, rating=None, status="new") -> TicketFacts:
    return TicketFacts(created, claimed, resolved, status, rating)


def test_questions_are_counted_per_paris_day_with_empty_days_kept():
    days = days_between(date(2026, 3, 1), date(2026, 3, 3))
    asked = [
        (at(1, 10), "answer"),
        (at(1, 23, 30), "clarify"),  # 00:30 on the 2nd in Paris (UTC+1 in March)
        (at(1, 22, 59), "out_of_scope"),
    ]
    table = questions_per_day(asked, days)
    assert table.columns[:2] == ("jour", "questions")
    assert table.rows == (
        ("2026-03-01", 2, 1, 0, 0, 1, 0, 0),
        ("2026-03-02", 1, 0, 1, 0, 0, 0, 0),
        ("2026-03-03", 0, 0, 0, 0, 0, 0, 0),
    )


def test_decision_shares_add_up_and_read_in_french():
    asked = [(at(1), "answer")] * 3 + [(at(1), "escalate")]
    rows = {row[0]: row[1:] for row in decision_shares(asked).rows}
    assert rows["Répondues"] == (3, "75,0 %")
    assert rows["Conseiller demandé"] == (1, "25,0 %")
    assert rows["Hors du champ"] == (0, "0,0 %")
    assert share(0, 0) == "0,0 %"


def test_feedback_counts_useful_and_not_useful():
    table = feedback_shares([(at(1), True), (at(1), False), (at(2), True)])
    assert table.rows == (("Utile", 2, "66,7 %"), ("Pas utile", 1, "33,3 %"))


def test_tickets_opened_and_resolved_are_counted_on_their_own_days():
    days = days_between(date(2026, 3, 1), date(2026, 3, 2))
    tickets = [ticket(at(1), resolved=at(2)), ticket(at(2)), ticket(at(2), resolved=at(2))]
    assert tickets_per_day(tickets, days).rows == (("2026-03-01", 1, 0), ("2026-03-02", 2, 2))


def test_median_times_to_claim_and_resolve_use_tickets_opened_in_the_period():
    start, end = at(1, 0), at(3, 0)
    tickets = [
        ticket(at(1, 9), claimed=at(1, 9, 10), resolved=at(1, 11)),
        ticket(at(1, 9), claimed=at(1, 9, 30)),
        ticket(at(2, 9), claimed=at(2, 10), resolved=at(2, 15)),
        ticket(at(5, 9), claimed=at(5, 9, 1)),  # opened after the period
    ]
    table = delays(tickets, start, end)
    assert table.rows == (
        ("Délai de prise en charge", 3, "30,0"),
        ("Délai de résolution", 2, "240,0"),
    )
    assert median_minutes([]) is None
    assert median_minutes([timedelta(minutes=3), timedelta(minutes=4)]) == 3.5


def test_satisfaction_counts_each_rating_and_the_average():
    tickets = [
        ticket(at(1), resolved=at(1), rating=5),
        ticket(at(1), resolved=at(1), rating=4),
        ticket(at(1), resolved=at(1), rating=4),
        ticket(at(1), resolved=at(1)),
    ]
    rows = satisfaction(tickets).rows
    assert rows[3] == ("4 / 5", 2)
    assert rows[4] == ("5 / 5", 1)
    assert rows[-1] == ("Moyenne", "4,33")
    assert satisfaction([]).rows[-1] == ("Moyenne", "–")
