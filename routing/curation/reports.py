"""Figures for staff: questions, decisions, feedback, tickets, delays and satisfaction."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from routing.curation.closing_loop import utc_now
from routing.curation.records import TicketFacts

PARIS = ZoneInfo("Europe/Paris")
DECISIONS = {
    "answer": "Répondues",
    "clarify": "Précision demandée",
    "escalate": "Conseiller demandé",
    "out_of_scope": "Hors du champ",
    "small_talk": "Échanges courants",
    "follow_up": "Suivi d'une demande",
}


@dataclass(frozen=True)
class Table:
    """A table of a report: shown on the page, exported as CSV, drawn as a chart."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class Report:
    """All the tables of a period."""

    start: date
    end: date
    tables: dict[str, Table]


def days_between(start: date, end: date) -> list[date]:
    """Return every day from start to end, both included."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def local_day(moment: datetime) -> date:
    """Return the Paris calendar day of a moment."""
    return moment.astimezone(PARIS).date()


def share(part: int, whole: int) -> str:
    """Return a percentage with one decimal, French style ("12,5 %")."""
    return f"{100 * part / whole:.1f} %".replace(".", ",") if whole else "0,0 %"


def questions_per_day(asked: Iterable[tuple[datetime, str]], days: list[date]) -> Table:
    """Count the questions of each day, in total and by decision."""
    counts = Counter((local_day(at), decision) for at, decision in asked)
    rows = []
    for day in days:
        by_kind = [counts[(day, kind)] for kind in DECISIONS]
        rows.append((day.isoformat(), sum(by_kind), *by_kind))
    return Table(
        "questions_par_jour",
        "Questions par jour",
        ("jour", "questions", *DECISIONS.values()),
        tuple(rows),
    )


def decision_shares(asked: Iterable[tuple[datetime, str]]) -> Table:
    """Share of questions answered, clarified, escalated and out of scope."""
    counts = Counter(decision for _at, decision in asked)
    total = sum(counts.values())
    rows = tuple(
        (label, counts[kind], share(counts[kind], total)) for kind, label in DECISIONS.items()
    )
    return Table("decisions", "Décisions du bot", ("décision", "questions", "part"), rows)


def feedback_shares(given: Iterable[tuple[datetime, bool]]) -> Table:
    """Counts of "Utile" and "Pas utile"."""
    counts = Counter(useful for _at, useful in given)
    total = counts[True] + counts[False]
    rows = (
        ("Utile", counts[True], share(counts[True], total)),
        ("Pas utile", counts[False], share(counts[False], total)),
    )
    return Table("avis", "Avis sur les réponses", ("avis", "nombre", "part"), rows)


def tickets_per_day(tickets: Iterable[TicketFacts], days: list[date]) -> Table:
    """Tickets opened and resolved each day."""
    opened = Counter(local_day(t.created_at) for t in tickets)
    resolved = Counter(local_day(t.resolved_at) for t in tickets if t.resolved_at)
    rows = tuple((d.isoformat(), opened[d], resolved[d]) for d in days)
    return Table(
        "tickets_par_jour", "Demandes ouvertes et résolues", ("jour", "ouvertes", "résolues"), rows
    )


def median_minutes(delays: list[timedelta]) -> float | None:
    """Return the median of delays in minutes, or None when there is none."""
    if not delays:
        return None
    return round(statistics.median(d.total_seconds() for d in delays) / 60, 1)


def delays(tickets: Iterable[TicketFacts], start: datetime, end: datetime) -> Table:
    """Median time to claim and to resolve, over the tickets opened in the period."""
    opened = [t for t in tickets if start <= t.created_at < end]
    to_claim = [t.claimed_at - t.created_at for t in opened if t.claimed_at]
    to_resolve = [t.resolved_at - t.created_at for t in opened if t.resolved_at]
    rows = (
        ("Délai de prise en charge", len(to_claim), _minutes(median_minutes(to_claim))),
        ("Délai de résolution", len(to_resolve), _minutes(median_minutes(to_resolve))),
    )
    return Table("delais", "Délais médians", ("indicateur", "demandes", "médiane (minutes)"), rows)


def satisfaction(tickets: Iterable[TicketFacts]) -> Table:
    """Ratings from 1 to 5 given after a call, with their count and the average."""
    ratings = [t.rating for t in tickets if t.rating and t.resolved_at]
    counts = Counter(ratings)
    rows = [(f"{stars} / 5", counts[stars]) for stars in range(1, 6)]
    average = f"{statistics.mean(ratings):.2f}".replace(".", ",") if ratings else "–"
    rows.append(("Moyenne", average))
    return Table("satisfaction", "Satisfaction des élus", ("note", "nombre"), tuple(rows))


def _minutes(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


class ReportService:
    """Compute the report tables of the last days from the database."""

    def __init__(self, uow_factory: Callable, now: Callable[[], datetime] = utc_now) -> None:
        self.uow_factory = uow_factory
        self.now = now

    def report(self, days: int = 30) -> Report:
        """Return the tables of the last `days` days (today included, Paris time)."""
        days = max(1, min(days, 366))
        end_day = local_day(self.now())
        start_day = end_day - timedelta(days=days - 1)
        start = datetime.combine(start_day, time(), PARIS)
        end = datetime.combine(end_day + timedelta(days=1), time(), PARIS)
        with self.uow_factory() as uow:
            asked = uow.reports.questions(start, end)
            given = uow.reports.feedback(start, end)
            tickets = uow.reports.tickets(start, end)
        calendar = days_between(start_day, end_day)
        in_period = [t for t in tickets if t.resolved_at and start <= t.resolved_at < end]
        tables = [
            questions_per_day(asked, calendar),
            decision_shares(asked),
            feedback_shares(given),
            tickets_per_day(tickets, calendar),
            delays(tickets, start, end),
            satisfaction(in_period),
        ]
        return Report(start_day, end_day, {t.name: t for t in tables})
