"""French search: analysed query, typo correction, synonyms, BM25F, then fuzzy re-ranking."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from whoosh.scoring import BM25F

from knowledge.search.analysis import clean_text, stem_word, words
from knowledge.search.candidates import (
    POSTING_BUDGET,
    BuildScores,
    clauses_for,
    field_frequencies,
    within_budget,
)
from knowledge.search.index import IndexStore
from knowledge.search.ranking import Features, relevance
from knowledge.search.spelling import SpellingCorrector, french_words
from knowledge.search.stored import StoredEntries
from knowledge.search.synonyms import SynonymTable

MAX_TERMS = 48
SYNONYM_BOOST = 0.4
POOL = 12
# When the first pass leaves clauses out, more entries are kept for exact scoring, so that
# the best ones on every term are among them.
CANDIDATES = 40
TYPICAL_TERMS = 6
MAX_QUERY_TERMS = 32


@dataclass(frozen=True)
class Candidate:
    """An entry the search found, with its relevance in [0, 1] and what it rests on."""

    slug: str
    title: str
    group: str
    score: float
    features: Features


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

    def __init__(
        self,
        store: IndexStore,
        synonyms: SynonymTable,
        posting_budget: int | None = POSTING_BUDGET,
    ) -> None:
        self.store = store
        self.synonyms = synonyms
        # None reads every posting of every clause: exact, but slow on a large base.
        self.posting_budget = posting_budget
        self._generation: str | None = None

    def refresh(self) -> None:
        """Open the current build if it changed since the last search."""
        name = self.store.current_name()
        if name is not None and name == self._generation:
            return
        # Opened by name, so that the index and its statistics come from the same build.
        index = self.store.open(name)
        figures = self.store.statistics(name)
        searcher = index.searcher(weighting=BM25F())
        reader = searcher.reader()
        previous = getattr(self, "_searcher", None)
        self._searcher = searcher
        self._scores = BuildScores(searcher)
        self._doc_count = max(reader.doc_count(), 1)
        self._max_idf = math.log(1 + (self._doc_count + 1) / 1.5)
        self._frequencies = figures.frequencies
        self._asked = figures.asked
        self._field_frequencies = field_frequencies(reader)
        self._speller = SpellingCorrector(figures.vocabulary, french_words())
        self._stored = StoredEntries(searcher).get
        if reader.doc_count():
            # Opens the stored-fields file now rather than during the first question.
            self._stored(0)
        self._generation = name
        if previous is not None:
            # Releases the files of the build that was swapped out.
            previous.close()

    def asked_terms(self) -> tuple[str | None, dict[str, int]]:
        """Return the searched build's name and its stems' counts in titles and questions."""
        if self._generation is None:
            self.refresh()
        # The build the last search read: its counts go with that search's terms.
        return self._generation, self._asked

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
        pool, top = self._pool(clauses_for(searchable, synonym_terms, SYNONYM_BOOST))
        weights = {t: self._idf(t) for t in terms}
        total = sum(weights.values())
        known = sum(w for t, w in weights.items() if self._df(t)) / total
        # A long story carries far more words than any entry answers: past a typical
        # question's worth of terms, evidence is measured against that typical amount.
        expected = min(total, TYPICAL_TERMS * statistics.median(weights.values()))
        candidates = []
        query_text = " ".join(terms)
        for docnum, score in pool:
            stored = self._stored(docnum)
            matched = self._matched(docnum, weights, expansions)
            # Summed in the question's order: the same figure in every process.
            mass = sum(w for t, w in weights.items() if t in matched)
            features = Features(
                bm25=score / top if top else 0.0,
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

    def _pool(self, clauses) -> tuple[list[tuple[int, float]], float]:
        """Return the best entries by BM25F, as (docnum, score), and the best score."""
        read, complete = within_budget(
            clauses, self._field_frequencies, self._doc_count, self.posting_budget
        )
        if complete:
            pool = self._scores.top(read, POOL)
        else:
            found = self._scores.top(read, CANDIDATES)
            scored = [
                (docnum, self._scores.score(docnum, self._stored(docnum).freqs, clauses))
                for docnum, _ in found
            ]
            # Best first, ties by document number, as whoosh orders its hits.
            pool = sorted(scored, key=lambda pair: (-pair[1], pair[0]))[:POOL]
        return pool, pool[0][1] if pool else 0.0

    def _df(self, term: str) -> int:
        return self._frequencies.get(term, 0)

    def _idf(self, term: str) -> float:
        return math.log(1 + (self._doc_count + 1) / (self._df(term) + 0.5))

    def _matched(self, docnum: int, weights: dict[str, float], expansions) -> set[str]:
        entry_terms = self._stored(docnum).freqs
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
