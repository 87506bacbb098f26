"""Knowledge-base service: import, export, list, check and reindex entries."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from knowledge.entries.checks import Problem, check_entries
from knowledge.entries.guards import publication_problems
from knowledge.entries.markdown_format import read_markdown, to_markdown
from knowledge.entries.records import EntriesUnitOfWork, Entry, EntryStatus, entry_to_dict
from knowledge.entries.validation import InvalidEntry, entry_from_mapping
from knowledge.search.index import IndexStore

SEED_DIR = Path(__file__).parents[1] / "content"


class EntryNotFound(Exception):
    """Raised when no entry has the requested slug."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug


@dataclass
class ImportReport:
    """What an import did, file by file."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    invalid: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Tell whether anything was written."""
        return bool(self.created or self.updated)


def read_entries(path: Path) -> Iterator[tuple[str, Entry | InvalidEntry]]:
    """Yield (where, entry or error) for a Markdown file, a JSONL file or a folder of them."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in (".md", ".jsonl"))
    elif path.exists():
        files = [path]
    else:
        yield str(path), InvalidEntry(["fichier ou dossier introuvable"])
        return
    for file in files:
        if file.suffix == ".jsonl":
            yield from _read_jsonl(file)
        elif file.suffix == ".md":
            try:
                yield str(file), read_markdown(file)
            except InvalidEntry as error:
                yield str(file), error
        else:
            yield str(file), InvalidEntry(["format inconnu (attendu : .md ou .jsonl)"])


def _read_jsonl(file: Path) -> Iterator[tuple[str, Entry | InvalidEntry]]:
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        yield str(file), InvalidEntry(["le fichier n'est pas encodé en UTF-8"])
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{file}:{number}"
        try:
            yield where, entry_from_mapping(json.loads(line))
        except json.JSONDecodeError as error:
            yield where, InvalidEntry([f"JSON invalide : {error.msg}"])
        except InvalidEntry as error:
            yield where, error


class KnowledgeBase:
    """Curate entries in the database and keep the search index in step with it."""

    def __init__(self, uow_factory: Callable[[], EntriesUnitOfWork], index: IndexStore) -> None:
        self.uow_factory = uow_factory
        self.index = index
        # One rebuild at a time per process: a staff edit (worker thread) and the cluster's index
        # watch (another thread) may both find the index stale at once and write the same folder.
        self._rebuilding = threading.RLock()

    def list(self, status: EntryStatus | None = None) -> list[Entry]:
        """Return the entries, ordered by slug."""
        with self.uow_factory() as uow:
            return uow.entries.list(status)

    def get(self, slug: str) -> Entry:
        """Return one entry or raise EntryNotFound."""
        with self.uow_factory() as uow:
            entry = uow.entries.get(slug)
        if entry is None:
            raise EntryNotFound(slug)
        return entry

    def import_path(self, path: Path, author: str = "import") -> ImportReport:
        """Import entries from files; invalid files are reported and nothing of them is written."""
        report = ImportReport()
        seen: dict[str, str] = {}
        valid: list[tuple[str, Entry]] = []
        for where, item in read_entries(path):
            if isinstance(item, InvalidEntry):
                report.invalid.append((where, item.reasons))
            elif item.status == EntryStatus.PUBLISHED and publication_problems(item):
                # A published entry reaches officials at once: it must pass the same guard.
                reasons = [p.message for p in publication_problems(item)]
                report.invalid.append((where, ["publication refusée", *reasons]))
            elif item.slug in seen:
                report.invalid.append(
                    (where, [f"slug « {item.slug} » déjà dans {seen[item.slug]}"])
                )
            else:
                seen[item.slug] = where
                valid.append((where, item))
        with self.uow_factory() as uow:
            for _where, entry in valid:
                current = uow.entries.get(entry.slug)
                if current is None:
                    uow.entries.save(entry, author)
                    report.created.append(entry.slug)
                elif current.same_content(entry):
                    report.unchanged.append(entry.slug)
                else:
                    version = max(current.version + 1, entry.version)
                    uow.entries.save(replace(entry, version=version), author)
                    report.updated.append(entry.slug)
            uow.commit()
        if report.changed or not self.index.exists():
            self.reindex()
        return report

    def ensure_seeded(self, seed_dir: Path = SEED_DIR) -> ImportReport | None:
        """Load the seed content into an empty knowledge base; return None if not empty."""
        with self.uow_factory() as uow:
            if uow.entries.list():
                return None
        return self.import_path(seed_dir, author="seed")

    def ensure_index(self) -> bool:
        """Rebuild the index when it is missing or older than the database; tell if it did."""
        with self._rebuilding:
            if self.index.exists() and self.index.fingerprint() == self.database_fingerprint():
                return False
            self.reindex()
            return True

    def database_fingerprint(self) -> str:
        """Return the fingerprint of the entries in the database, reading only their stamps.

        Cheap enough to compare every second in every bot process (see bot/app/cluster.py).
        """
        with self.uow_factory() as uow:
            return self._digest(uow.entries.stamps())

    def reindex(self) -> int:
        """Rebuild the search index from the published entries; return how many."""
        with self._rebuilding:
            entries = self.list()
            published = [e for e in entries if e.status == EntryStatus.PUBLISHED]
            self.index.build(published, fingerprint=self._fingerprint(entries))
            return len(published)

    def export(self, fmt: str = "md") -> Iterable[tuple[str, str]]:
        """Yield (file name, text) for each entry, as Markdown or as one JSONL line each."""
        for entry in self.list():
            if fmt == "jsonl":
                yield entry.slug, json.dumps(entry_to_dict(entry), ensure_ascii=False)
            else:
                yield f"{entry.slug}.md", to_markdown(entry)

    def check(self, today: date) -> list[Problem]:
        """Check the entries in the database."""
        return check_entries([(e.slug, e) for e in self.list()], today)

    @classmethod
    def _fingerprint(cls, entries: list[Entry]) -> str:
        return cls._digest([(e.slug, e.version, str(e.status)) for e in entries])

    @staticmethod
    def _digest(stamps: Iterable[tuple[str, int, str]]) -> str:
        digest = hashlib.sha256()
        for slug, version, status in stamps:
            digest.update(f"{slug}:{version}:{status}\n".encode())
        return digest.hexdigest()
