"""The whoosh full-text index behind a small interface of our own.

Whoosh allows one writer at a time and is not crash-safe, so the index is never updated in
place: every build writes a fresh directory, then a pointer file is replaced atomically.
Readers only read, and notice a new build by the pointer's content.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, STORED, TEXT, Schema

from knowledge.entries.records import Entry
from knowledge.search.analysis import analyse, french_analyzer

POINTER = "CURRENT"
FINGERPRINT = "fingerprint.txt"
STATISTICS = "terms.json"
# Bumped whenever the layout of a build changes: an older build is then rebuilt, not read.
FORMAT = "3"
FORMAT_FILE = "format.txt"
# Title, alternate questions and keywords say what an entry answers; the text explains it.
# Three fields rather than one per part: each query term costs one matcher per field.
FIELD_BOOSTS = {
    "title": 3.0,
    "lead": 2.0,
    "text": 1.0,
}
FIELDS = tuple(FIELD_BOOSTS)
# Whoosh sorts postings in memory up to this size, beyond it in runs merged from disk:
# 10,000 generated entries fit (build 18 s, 560 MB peak; 27 s and 440 MB with 256).
WRITER_MB = 512


class IndexNotBuilt(Exception):
    """Raised when searching before any index was built."""


@dataclass(frozen=True)
class TermStatistics:
    """Whole-base figures whoosh does not keep across fields, written beside each build."""

    documents: int
    frequencies: dict[str, int]  # stem: number of entries using it in any field
    vocabulary: frozenset[str]  # folded, unstemmed words: what typos are corrected against
    # stem: occurrences in titles, alternate questions and keywords, which say what the base
    # answers (the in-scope class of the out-of-scope classifier, counted once per build)
    asked: dict[str, int] = field(default_factory=dict)


def make_schema() -> Schema:
    """Return the schema: weighted French text fields plus stored data for re-ranking."""
    analyzer = french_analyzer()
    # No positions (phrase=False): queries are bags of terms, and postings stay small.
    fields = {
        name: TEXT(analyzer=analyzer, field_boost=boost, phrase=False)
        for name, boost in FIELD_BOOSTS.items()
    }
    return Schema(
        slug=ID(stored=True, unique=True),
        group=ID(stored=True),
        stored_title=STORED,
        stored_questions=STORED,
        # Term frequencies per field (title, lead, text), so that candidates can be scored
        # on every term of a question without reading the postings of the common ones.
        freqs=STORED,
        **fields,
    )


def entry_document(entry: Entry) -> tuple[dict, set[str]]:
    """Turn an entry into its whoosh document, and return the folded words it uses."""
    vocabulary: set[str] = set()

    def analysed(*texts: str) -> list[list[str]]:
        result = []
        for text in texts:
            found, stemmed = analyse(text)
            vocabulary.update(found)
            result.append(stemmed)
        return result

    [title] = analysed(entry.title)
    questions = analysed(*entry.questions)
    # Each text is analysed once, here, and handed to whoosh as its list of terms (whoosh
    # then skips the schema's analyzer, which yields the very same terms from raw text).
    fields = {
        "title": title,
        "lead": _joined(questions + analysed(*entry.keywords)),
        "text": _joined(analysed(entry.short_answer, entry.body)),
    }
    freqs: dict[str, list[int]] = {}
    for position, terms in enumerate(fields.values()):
        for term in terms:
            freqs.setdefault(term, [0] * len(FIELDS))[position] += 1
    document = {
        "slug": entry.slug,
        "group": entry.group,
        "stored_title": entry.title,
        "stored_questions": [" ".join(terms) for terms in (title, *questions)],
        "freqs": {term: tuple(counts) for term, counts in freqs.items()},
        **fields,
    }
    return document, vocabulary


def _joined(parts: list[list[str]]) -> list[str]:
    return [term for part in parts for term in part]


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
        writer = index.writer(limitmb=WRITER_MB)
        frequencies: Counter[str] = Counter()
        asked: Counter[str] = Counter()
        vocabulary: set[str] = set()
        count = 0
        try:
            for entry in entries:
                document, words = entry_document(entry)
                writer.add_document(**document)
                frequencies.update(term for term in document["freqs"] if term)
                # Title and lead (questions, keywords) are the first two fields.
                asked.update(
                    {t: c[0] + c[1] for t, c in document["freqs"].items() if t and c[0] + c[1]}
                )
                vocabulary |= words
                count += 1
            writer.commit()
            statistics = {
                "documents": count,
                "frequencies": dict(frequencies),
                "vocabulary": sorted(vocabulary),
                "asked": dict(asked),
            }
            (target / STATISTICS).write_text(json.dumps(statistics), encoding="utf-8")
            (target / FINGERPRINT).write_text(fingerprint, encoding="utf-8")
            (target / FORMAT_FILE).write_text(FORMAT, encoding="utf-8")
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
        name = self.current_name()
        if name is None:
            raise IndexNotBuilt(f"no index in {self.root}")
        return self.root / name

    def current_name(self) -> str | None:
        """Return the current build's name, or None when nothing is built yet."""
        try:
            return (self.root / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None

    def exists(self) -> bool:
        """Tell whether a current build exists, opens, and has this code's layout."""
        try:
            folder = self.current()
            layout = (folder / FORMAT_FILE).read_text(encoding="utf-8")
        except (IndexNotBuilt, FileNotFoundError):
            return False
        return layout == FORMAT and whoosh_index.exists_in(folder)

    def fingerprint(self) -> str | None:
        """Return the fingerprint of the content the current build was made from."""
        try:
            return (self.current() / FINGERPRINT).read_text(encoding="utf-8")
        except (IndexNotBuilt, FileNotFoundError):
            return None

    def open(self, name: str | None = None):
        """Open a build (the current one by default) read-only: the caller never writes."""
        return whoosh_index.open_dir(self.root / name if name else self.current())

    def statistics(self, name: str | None = None) -> TermStatistics:
        """Read the whole-base term figures of a build (the current one by default)."""
        folder = self.root / name if name else self.current()
        data = json.loads((folder / STATISTICS).read_text(encoding="utf-8"))
        return TermStatistics(
            documents=data["documents"],
            frequencies=data["frequencies"],
            vocabulary=frozenset(data["vocabulary"]),
            asked=data.get("asked", {}),
        )

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
