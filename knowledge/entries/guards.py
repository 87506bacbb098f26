"""What stops an entry from being published: raw ticket drafts, missing sources, thin entries."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.entries.records import Entry
from knowledge.entries.validation import SHORT_ANSWER_MAX, InvalidEntry

MIN_PUBLISHED_QUESTIONS = 3
# What a draft made from a ticket starts with (routing/curation/drafts.py): never for officials.
TICKET_TEMPLATE = "## Question (ticket n°"
ADVISOR_NOTE = "## Réponse du conseiller"
TO_WRITE = "(réponse à rédiger)"


@dataclass(frozen=True)
class FieldProblem:
    """One reason an entry cannot be published, and the form field it is about."""

    field: str
    message: str


class NotPublishable(InvalidEntry):
    """Raised when an entry would be published with blocking problems; `by_field` places them."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__([p.message for p in problems])
        self.problems = problems

    @property
    def by_field(self) -> dict[str, list[str]]:
        """Return the messages grouped by form field."""
        grouped: dict[str, list[str]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.field, []).append(problem.message)
        return grouped


def publication_problems(entry: Entry) -> list[FieldProblem]:
    """Return what must be fixed before officials may read this entry (empty: publishable)."""
    problems: list[FieldProblem] = []
    if entry.title.rstrip().endswith(("…", "...")):
        problems.append(
            FieldProblem("title", "le titre se termine par « … » : c'est une question tronquée")
        )
    if entry.short_answer.strip() == TO_WRITE:
        problems.append(FieldProblem("short_answer", "la réponse courte est encore à rédiger"))
    elif len(entry.short_answer) > SHORT_ANSWER_MAX:
        problems.append(
            FieldProblem(
                "short_answer",
                f"réponse courte trop longue ({len(entry.short_answer)} caractères, "
                f"{SHORT_ANSWER_MAX} max)",
            )
        )
    elif _copies_advisor_note(entry):
        problems.append(
            FieldProblem(
                "short_answer",
                "la réponse courte reprend telle quelle la note interne du conseiller",
            )
        )
    if TICKET_TEMPLATE in entry.body:
        problems.append(
            FieldProblem("body", "le texte contient encore le modèle du ticket (« ## Question »)")
        )
    if ADVISOR_NOTE in entry.body:
        problems.append(
            FieldProblem(
                "body", "le texte contient encore la note interne « ## Réponse du conseiller »"
            )
        )
    if len(entry.questions) < MIN_PUBLISHED_QUESTIONS:
        problems.append(
            FieldProblem(
                "questions",
                f"{len(entry.questions)} question(s) alternative(s) : "
                f"{MIN_PUBLISHED_QUESTIONS} au moins pour publier",
            )
        )
    if not entry.sources:
        problems.append(FieldProblem("sources", "aucune source citée"))
    return problems


def ensure_publishable(entry: Entry) -> None:
    """Raise NotPublishable with every blocking problem of the entry, if it has any."""
    problems = publication_problems(entry)
    if problems:
        raise NotPublishable(problems)


def _copies_advisor_note(entry: Entry) -> bool:
    _before, found, note = entry.body.partition(ADVISOR_NOTE)
    short = " ".join(entry.short_answer.split()).rstrip("…")
    return bool(found and short) and " ".join(note.split()).startswith(short)
