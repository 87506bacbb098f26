"""Quality checks of knowledge-base entries, in the database or in files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from knowledge.entries.guards import MIN_PUBLISHED_QUESTIONS, publication_problems
from knowledge.entries.records import Entry, EntryStatus
from knowledge.entries.validation import InvalidEntry, linked_slugs

RECOMMENDED_QUESTIONS = 6


@dataclass(frozen=True)
class Problem:
    """One finding of `kb check`: where, how serious, and what."""

    where: str
    level: str  # "erreur" blocks an import or a publication; "alerte" asks a person to look
    message: str


def entry_warnings(entry: Entry, today: date) -> list[str]:
    """Return what a person should look at in an entry without it blocking publication."""
    warnings = []
    if entry.review_by and entry.review_by < today:
        warnings.append(f"relecture dépassée depuis le {entry.review_by:%d/%m/%Y}")
    if MIN_PUBLISHED_QUESTIONS <= len(entry.questions) < RECOMMENDED_QUESTIONS:
        warnings.append(
            f"{len(entry.questions)} questions alternatives ({RECOMMENDED_QUESTIONS} conseillées)"
        )
    return warnings


def check_entries(
    items: list[tuple[str, Entry | InvalidEntry]],
    today: date,
    required_slugs: set[str] | None = None,
) -> list[Problem]:
    """Check validity, duplicates, links between entries, review dates and coverage."""
    problems: list[Problem] = []
    by_slug: dict[str, str] = {}
    entries: list[tuple[str, Entry]] = []
    for where, item in items:
        if isinstance(item, InvalidEntry):
            problems.extend(Problem(where, "erreur", reason) for reason in item.reasons)
            continue
        if item.slug in by_slug:
            problems.append(
                Problem(
                    where,
                    "erreur",
                    f"slug « {item.slug} » en double (aussi dans {by_slug[item.slug]})",
                )
            )
            continue
        by_slug[item.slug] = where
        entries.append((where, item))
    for where, entry in entries:
        for target in linked_slugs(entry):
            if target not in by_slug:
                problems.append(
                    Problem(where, "erreur", f"lien vers une fiche inexistante : {target}")
                )
        if entry.status == EntryStatus.ARCHIVED:
            continue
        # What blocks publication is an error on a published entry, a reminder on a draft.
        for blocking in publication_problems(entry):
            if entry.status == EntryStatus.PUBLISHED:
                problems.append(Problem(where, "erreur", blocking.message))
            else:
                problems.append(
                    Problem(where, "alerte", f"{blocking.message} (à corriger avant publication)")
                )
        problems.extend(Problem(where, "alerte", text) for text in entry_warnings(entry, today))
    for slug in sorted((required_slugs or set()) - set(by_slug)):
        problems.append(Problem(slug, "erreur", "sujet du catalogue sans fiche"))
    return problems
