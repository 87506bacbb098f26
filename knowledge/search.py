"""French search: analysed query, typo correction, synonyms, BM25F, then fuzzy re-ranking."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from whoosh import query as wq
from whoosh.scoring import BM25F

from knowledge.analysis import clean_text, stem_word, words
from knowledge.index import FIELD_BOOSTS, IndexStore
from knowledge.ranking import Features, relevance
from knowledge.spelling import SpellingCorrector, french_words
from knowledge.synonyms import SynonymTable

MAX_TERMS = 48
SYNONYM_BOOST = 0.4
POOL = 12
TYPICAL_TERMS = 6
MAX_QUERY_TERMS = 32
STORED_CACHE = 50_000


@dataclass(frozen=True)
class Candidate:
    """An entry the search found, with its relevance in [0, 1] and what it rests on."""

    slug: str
    title: str
    group: str
    score: float
    features: Features


@dataclass(frozen=True)
class StoredEntry:
    """What the re-ranking needs of an indexed entry, decoded from its stored fields."""

    slug: str
    title: str
    group: str
    questions: tuple[str, ...]
    terms: frozenset[str]


@dataclass(frozen=True)
class SearchResult:
    """What a question found: candidates best first, and how much of it the index knows."""

    text: str
    terms: tuple[str, ...]
    corrections: dict[str, str] = field(default_factory=dict)
    candidates: tuple[Candidate, ...] = ()
    known: float = 0.0


class Searcher:
    """Answer questions from the current index build; reopens when a new build is swapped in."""

    def __init__(self, store: IndexStore, synonyms: SynonymTable) -> None:
        self.store = store
        self.synonyms = synonyms
        self._generation: str | None = None

    def refresh(self) -> None:
        """Open the current build if it changed since the last search."""
        name = self.store.current_name()
        if name == self._generation:
            return
        index = self.store.open()
        searcher = index.searcher(weighting=BM25F())
        reader = searcher.reader()
        self._searcher = searcher
        self._doc_count = max(reader.doc_count(), 1)
        self._max_idf = math.log(1 + (self._doc_count + 1) / 1.5)
        vocabulary = {t.decode() for t in reader.lexicon("surface")}
        self._speller = SpellingCorrector(vocabulary, french_words())
        self._stored_cache: dict[int, StoredEntry] = {}
        self._generation = name

    def search(self, text: str, limit: int = 5) -> SearchResult:
        """Search the knowledge base for a free-text question; any input is safe."""
        self.refresh()
        text = clean_text(text)
        terms, corrections = self._analyse(text)
        if not terms:
            return SearchResult(text=text, terms=(), corrections=corrections)
        corrected_text = " ".join([text, *corrections.values()])
        expansions = self.synonyms.expansions(corrected_text)
        synonym_terms = [t for e in expansions for t in e.synonyms if t not in terms]
        # Terms no entry contains cannot match: leaving them out keeps the query small.
        searchable = [t for t in terms if self._df(t)][:MAX_QUERY_TERMS]
        synonym_terms = [t for t in synonym_terms if self._df(t)][:MAX_QUERY_TERMS]
        if not searchable and not synonym_terms:
            return SearchResult(text, tuple(terms), corrections)
        hits = self._searcher.search(self._query(searchable, synonym_terms), limit=POOL)
        weights = {t: self._idf(t) for t in terms}
        total = sum(weights.values())
        known = sum(w for t, w in weights.items() if self._df(t)) / total
        # A long story carries far more words than any entry answers: past a typical
        # question's worth of terms, evidence is measured against that typical amount.
        expected = min(total, TYPICAL_TERMS * statistics.median(weights.values()))
        top = hits[0].score if hits.scored_length() else 0.0
        candidates = []
        query_text = " ".join(terms)
        for hit in hits:
            stored = self._stored(hit.docnum)
            matched = self._matched(hit.docnum, weights, expansions)
            mass = sum(weights[t] for t in matched)
            features = Features(
                bm25=hit.score / top if top else 0.0,
                coverage=min(1.0, mass / expected),
                fuzzy=_fuzzy(query_text, stored.questions),
                known=known,
                specificity=min(
                    1.0, max((weights[t] for t in matched), default=0.0) / self._max_idf
                ),
                length=len(terms),
            )
            candidates.append(
                Candidate(stored.slug, stored.title, stored.group, relevance(features), features)
            )
        candidates.sort(key=lambda c: c.score, reverse=True)
        return SearchResult(text, tuple(terms), corrections, tuple(candidates[:limit]), known)

    def _analyse(self, text: str) -> tuple[list[str], dict[str, str]]:
        terms: list[str] = []
        corrections: dict[str, str] = {}
        for word in words(text):
            term = stem_word(word)
            if not term:
                continue
            if not self._df(term):
                fixed = self._speller.correct(word)
                if fixed:
                    corrections[word] = fixed
                    term = stem_word(fixed) or term
            terms.append(term)
        return list(dict.fromkeys(terms))[:MAX_TERMS], corrections

    def _query(self, terms: list[str], synonyms: list[str]) -> wq.Query:
        # Built from analysed terms, never from the query parser: any user text is safe.
        clauses = [
            wq.Term(name, term, boost=boost)
            for name in FIELD_BOOSTS
            for term, boost in [(t, 1.0) for t in terms] + [(s, SYNONYM_BOOST) for s in synonyms]
        ]
        return wq.Or(clauses)

    def _df(self, term: str) -> int:
        return self._searcher.doc_frequency("all", term)

    def _idf(self, term: str) -> float:
        return math.log(1 + (self._doc_count + 1) / (self._df(term) + 0.5))

    def _stored(self, docnum: int) -> StoredEntry:
        # Stored fields are compressed on disk; each is decoded once per index build.
        cached = self._stored_cache.get(docnum)
        if cached is None:
            fields = self._searcher.stored_fields(docnum)
            cached = StoredEntry(
                slug=fields["slug"],
                title=fields["stored_title"],
                group=fields["group"],
                questions=tuple(fields["stored_questions"]),
                terms=frozenset(fields["terms"].split()),
            )
            if len(self._stored_cache) > STORED_CACHE:
                self._stored_cache.clear()
            self._stored_cache[docnum] = cached
        return cached

    def _matched(self, docnum: int, weights: dict[str, float], expansions) -> set[str]:
        entry_terms = self._stored(docnum).terms
        matched = {t for t in weights if t in entry_terms}
        for expansion in expansions:
            # An everyday word counts as matched when the entry uses one of its synonyms.
            if any(s in entry_terms for s in expansion.synonyms):
                matched.update(t for t in expansion.found if t in weights)
        return matched


def _fuzzy(query: str, questions: tuple[str, ...]) -> float:
    # token_set_ratio alone says 100 for any question containing all the query's words;
    # averaging with token_sort_ratio keeps a penalty for what does not match.
    best = 0.0
    for question in questions:
        score = fuzz.token_set_ratio(query, question) + fuzz.token_sort_ratio(query, question)
        if score > best:
            best = score
    return best / 200
