"""Building and validating knowledge-base entries from untrusted data."""

from __future__ import annotations

import re
from datetime import date

from knowledge.entries.records import GROUPS, Citation, Entry, EntryStatus, Source

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Slugs travel in Telegram button payloads, which are limited to 64 bytes.
SLUG_MAX = 48
SHORT_ANSWER_MAX = 700
MIN_QUESTIONS = 1
ENTRY_LINK = re.compile(r"\]\(fiche:([^)\s]+)\)")


class InvalidEntry(Exception):
    """Raised when data cannot make a valid entry; `reasons` says why, in French."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def entry_from_mapping(data: dict, body: str | None = None) -> Entry:
    """Validate a mapping (front matter or JSON object) and build an entry from it."""
    reasons: list[str] = []
    if not isinstance(data, dict):
        raise InvalidEntry(["le contenu n'est pas un objet clé / valeur"])

    def text(key: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                reasons.append(f"champ « {key} » manquant")
            return ""
        if not isinstance(value, str | int | float):
            reasons.append(f"champ « {key} » : texte attendu")
            return ""
        return str(value).strip()

    def text_list(key: str) -> tuple[str, ...]:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
            reasons.append(f"champ « {key} » : liste de textes attendue")
            return ()
        return tuple(str(v).strip() for v in value if str(v).strip())

    def a_date(key: str) -> date | None:
        value = data.get(key)
        if value in (None, ""):
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            reasons.append(f"champ « {key} » : date AAAA-MM-JJ attendue, reçu « {value} »")
            return None

    slug = text("slug")
    if slug and not SLUG.match(slug):
        reasons.append(f"slug « {slug} » invalide (minuscules, chiffres et tirets seulement)")
    elif len(slug) > SLUG_MAX:
        reasons.append(f"slug trop long ({len(slug)} caractères, {SLUG_MAX} max)")
    title = text("title")
    group = text("group")
    if group and group not in GROUPS:
        reasons.append(f"groupe « {group} » inconnu (attendu : {', '.join(GROUPS)})")
    short_answer = " ".join(text("short_answer").split())
    if len(short_answer) > SHORT_ANSWER_MAX:
        reasons.append(
            f"réponse courte trop longue ({len(short_answer)} caractères, {SHORT_ANSWER_MAX} max)"
        )
    body_text = body if body is not None else text("body", required=False)
    questions = text_list("questions")
    if len(questions) < MIN_QUESTIONS:
        reasons.append("au moins une question alternative est attendue")
    keywords = text_list("keywords")
    sources = _sources(data.get("sources"), reasons)
    cites = _cites(data.get("cites"), reasons)
    status_text = text("status", required=False) or "published"
    try:
        status = EntryStatus(status_text)
    except ValueError:
        reasons.append(f"statut « {status_text} » inconnu (draft, published ou archived)")
        status = EntryStatus.DRAFT
    reviewed_on, review_by = a_date("reviewed_on"), a_date("review_by")
    if reviewed_on and review_by and review_by < reviewed_on:
        reasons.append("« review_by » est antérieure à « reviewed_on »")
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        reasons.append("« version » doit être un entier positif")
        version = 1
    if reasons:
        raise InvalidEntry(reasons)
    return Entry(
        slug=slug,
        title=title,
        group=group,
        short_answer=short_answer,
        body=(body_text or "").strip(),
        questions=questions,
        keywords=keywords,
        sources=sources,
        cites=cites,
        status=status,
        reviewed_on=reviewed_on,
        review_by=review_by,
        version=version,
    )


def _sources(value, reasons: list[str]) -> tuple[Source, ...]:
    if value in (None, ""):
        return ()
    if not isinstance(value, list):
        reasons.append("champ « sources » : liste attendue")
        return ()
    result = []
    for item in value:
        if isinstance(item, str) and item.strip():
            result.append(Source(item.strip()))
        elif isinstance(item, dict) and str(item.get("label") or "").strip():
            url = item.get("url")
            if url is not None and not str(url).startswith(("http://", "https://")):
                reasons.append(f"source « {item['label']} » : adresse web invalide")
            result.append(Source(str(item["label"]).strip(), str(url) if url else None))
        else:
            reasons.append("chaque source doit avoir un libellé (label)")
    return tuple(result)


def _cites(value, reasons: list[str]) -> tuple[Citation, ...]:
    if value in (None, ""):
        return ()
    if not isinstance(value, list):
        reasons.append("champ « cites » : liste attendue")
        return ()
    result: list[Citation] = []
    for number, item in enumerate(value, start=1):
        where = f"texte cité n° {number}"
        if not isinstance(item, dict):
            reasons.append(f"{where} : objet {{text, article, checked_on}} attendu")
            continue
        text = item.get("text")
        article = item.get("article")
        if not isinstance(text, str) or not text.strip():
            reasons.append(f"{where} : « text » (code ou texte, ex. CGCT) manquant")
            continue
        if article is not None and not isinstance(article, str | int):
            reasons.append(f"{where} : « article » doit être un texte (ex. L1112-16)")
            continue
        checked_on = item.get("checked_on")
        if isinstance(checked_on, str):
            try:
                checked_on = date.fromisoformat(checked_on)
            except ValueError:
                checked_on = None
        if not isinstance(checked_on, date):
            reasons.append(f"{where} ({text.strip()}) : « checked_on » date AAAA-MM-JJ attendue")
            continue
        citation = Citation(
            " ".join(text.split()), " ".join(str(article or "").split()), checked_on
        )
        if any(c.key.casefold() == citation.key.casefold() for c in result):
            reasons.append(f"{where} : « {citation.key} » cité deux fois")
            continue
        result.append(citation)
    return tuple(result)


def linked_slugs(entry: Entry) -> list[str]:
    """Return the slugs this entry links to with `[texte](fiche:slug)`."""
    return ENTRY_LINK.findall(entry.body)
