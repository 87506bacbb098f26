"""The whoosh full-text index behind a small interface of our own.

Whoosh allows one writer at a time and is not crash-safe, so the index is never updated in
place: every build writes a fresh directory, then a pointer file is replaced atomically.
Readers only read, and notice a new build by the pointer's content.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, STORED, TEXT, Schema

from knowledge.analysis import analyse, french_analyzer, stems
from storage.records import Entry

POINTER = "CURRENT"
FINGERPRINT = "fingerprint.txt"
# Title, alternate questions and keywords say what an entry answers; the text explains it.
# Three fields rather than one per part: each query term costs one matcher per field.
FIELD_BOOSTS = {
    "title": 3.0,
    "lead": 2.0,
    "text": 1.0,
}


class IndexNotBuilt(Exception):
    """Raised when searching before any index was built."""


def make_schema() -> Schema:
    """Return the schema: weighted French text fields plus stored data for re-ranking."""
    analyzer = french_analyzer()
    fields = {
        name: TEXT(analyzer=analyzer, field_boost=boost) for name, boost in FIELD_BOOSTS.items()
    }
    return Schema(
        slug=ID(stored=True, unique=True),
        group=ID(stored=True),
        # Both are fed pre-analysed text, so each entry's text is analysed once for them:
        # folded unstemmed words (the vocabulary typos are corrected against) and the stems
        # of everything (document frequencies for coverage and spelling checks).
        surface=TEXT(analyzer=SpaceSeparatedTokenizer()),
        all=TEXT(analyzer=SpaceSeparatedTokenizer()),
        stored_title=STORED,
        stored_questions=STORED,
        terms=STORED,
        **fields,
    )


def entry_document(entry: Entry) -> dict:
    """Turn an entry into the whoosh document that represents it."""
    text = {
        "title": entry.title,
        "lead": "\n".join([*entry.questions, *entry.keywords]),
        "text": f"{entry.short_answer}\n{entry.body}",
    }
    surface, all_stems = analyse("\n".join(text.values()))
    return {
        "slug": entry.slug,
        "group": entry.group,
        "surface": " ".join(surface),
        "all": " ".join(all_stems),
        "stored_title": entry.title,
        "stored_questions": [" ".join(stems(q)) for q in (entry.title, *entry.questions)],
        "terms": " ".join(sorted(set(all_stems))),
        **text,
    }


class IndexStore:
    """A folder holding index builds and the pointer to the current one."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def build(self, entries: Iterable[Entry], fingerprint: str = "") -> Path:
        """Index these entries into a fresh directory and make it current atomically."""
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"build-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
        target = self.root / name
        target.mkdir()
        index = whoosh_index.create_in(target, make_schema())
        writer = index.writer(limitmb=256)
        try:
            for entry in entries:
                writer.add_document(**entry_document(entry))
            writer.commit()
            (target / FINGERPRINT).write_text(fingerprint, encoding="utf-8")
        except BaseException:
            writer.cancel()
            shutil.rmtree(target, ignore_errors=True)
            raise
        previous = self.current_name()
        self._point_to(name)
        self._remove_old_builds(keep={name, previous})
        return target

    def current(self) -> Path:
        """Return the directory of the current build."""
        pointer = self.root / POINTER
        if not pointer.exists():
            raise IndexNotBuilt(f"no index in {self.root}")
        return self.root / pointer.read_text(encoding="utf-8").strip()

    def current_name(self) -> str | None:
        """Return the current build's name, or None when nothing is built yet."""
        try:
            return (self.root / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None

    def exists(self) -> bool:
        """Tell whether a current build exists and opens."""
        try:
            return whoosh_index.exists_in(self.current())
        except IndexNotBuilt:
            return False

    def fingerprint(self) -> str | None:
        """Return the fingerprint of the content the current build was made from."""
        try:
            return (self.current() / FINGERPRINT).read_text(encoding="utf-8")
        except (IndexNotBuilt, FileNotFoundError):
            return None

    def open(self):
        """Open the current build read-only (the caller never writes to it)."""
        return whoosh_index.open_dir(self.current())

    def _point_to(self, name: str) -> None:
        tmp = self.root / f".{POINTER}.{uuid.uuid4().hex}"
        tmp.write_text(name, encoding="utf-8")
        # os.replace is atomic on POSIX: a reader sees the old build or the new, never half.
        os.replace(tmp, self.root / POINTER)

    def _remove_old_builds(self, keep: set) -> None:
        # The previous build is kept: a reader may still have it open.
        for path in self.root.glob("build-*"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
