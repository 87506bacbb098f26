"""Candidate retrieval with bounded work: read the telling clauses, then score exactly.

Whoosh scores every posting of every query term in Python. On a large base the common
terms of a long question ("commune", "habitants", "conseil") match most entries, and the
cost grows with the base. So the first pass only reads the clauses that tell entries apart
(high idf, few postings) up to a budget of postings, and each candidate it finds is then
scored with whoosh's BM25F formula on every clause, from the term frequencies stored with
the entry. When every clause fits the budget, the first pass is the exact search.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from knowledge.search.index import FIELD_BOOSTS, FIELDS

# Postings read per question before the common terms are left to the exact scoring:
# about 10 ms on one core. The seed base is always read whole, a 1,000-entry base nearly
# always; on the generated 10,000-entry base of benchmarks/ about four questions in five
# are bounded, and take the same decision, with the same first entry, as when every
# posting is read (all 348 dev and validation questions).
POSTING_BUDGET = 16000


@dataclass(frozen=True)
class Clause:
    """One analysed term looked up in one field, with the weight the question gives it."""

    field: str
    term: str
    boost: float = 1.0

    @property
    def position(self) -> int:
        """Return the rank of the field in the stored term frequencies."""
        return FIELDS.index(self.field)


def clauses_for(terms: list[str], synonyms: list[str], synonym_boost: float) -> list[Clause]:
    """Return the clauses of a question: each term and each synonym in each field."""
    weighted = [(t, 1.0) for t in terms] + [(s, synonym_boost) for s in synonyms]
    return [Clause(field, term, boost) for field in FIELDS for term, boost in weighted]


def field_frequencies(reader) -> dict[str, dict[str, int]]:
    """Read the document frequency of every term of every searched field, once per build."""
    return {
        field: {text.decode(): info.doc_frequency() for text, info in reader.iter_field(field)}
        for field in FIELDS
    }


def within_budget(
    clauses: list[Clause],
    frequencies: dict[str, dict[str, int]],
    documents: int,
    budget: int | None = POSTING_BUDGET,
) -> tuple[list[Clause], bool]:
    """Return the clauses worth reading, in their order, and whether that is all of them.

    Clauses whose term is absent from their field are left out: they match nothing.
    """
    postings = [frequencies[c.field].get(c.term, 0) for c in clauses]
    present = [c for c, n in zip(clauses, postings, strict=True) if n]
    if budget is None or sum(postings) <= budget:
        return present, True

    def value(index: int) -> float:
        # The most a clause can add to a score grows with its boosts and its idf (whoosh's
        # formula), so the first clauses read are those that tell entries apart.
        clause = clauses[index]
        idf = math.log(documents / (postings[index] + 1)) + 1
        return clause.boost * FIELD_BOOSTS[clause.field] * idf

    chosen: set[int] = set()
    spent = 0
    for index in sorted((i for i, n in enumerate(postings) if n), key=value, reverse=True):
        # The most telling clause is always read, even alone past the budget.
        if not chosen or spent + postings[index] <= budget:
            chosen.add(index)
            spent += postings[index]
    return [clauses[i] for i in sorted(chosen)], False


class BuildScores:
    """Whoosh's BM25F scores on one index build, each entry's length factor computed once.

    Whoosh's scorer looks an entry's field length up on disk and recomputes the same
    length factor for every posting it scores, and its collector adds several calls per
    matching entry; on a large base that is most of the search time. The formula and its
    inputs are whoosh's own (`whoosh.scoring.bm25`, the searcher's idf, the field lengths
    as whoosh stores them), so the scores are the ones `searcher.search` gives.
    """

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        # The searcher's BM25F model, with the same B for every field.
        self.k1, b = searcher.weighting.K1, searcher.weighting.B
        reader = self.reader = searcher.reader()
        count = reader.doc_count_all()
        self.factors: dict[str, list[float]] = {}
        for field in FIELDS:
            average = searcher.avg_field_length(field) or 1
            self.factors[field] = [
                self.k1 * ((1 - b) + b * reader.doc_field_length(d, field, 1) / average)
                for d in range(count)
            ]

    def top(self, clauses: list[Clause], limit: int) -> list[tuple[int, float]]:
        """Return the best (docnum, score) pairs for the `Or` of these clauses, best first.

        The same scores, in the same order (ties by document number), as whoosh's
        `searcher.search` on that query, without its generic collector's per-hit calls.
        """
        scores: dict[int, float] = {}
        get = scores.get
        lift = self.k1 + 1
        for clause in clauses:
            factors = self.factors[clause.field]
            idf = self.searcher.idf(clause.field, clause.term)
            boost = clause.boost
            # Read from analysed terms, never through the query parser: any text is safe.
            # The reader's matcher gives weights only: no scorer is set up for it.
            matcher = self.reader.postings(clause.field, clause.term)
            # Bound once: this loop runs for every posting read.
            active, current, weight_of, advance = (
                matcher.is_active,
                matcher.id,
                matcher.weight,
                matcher.next,
            )
            while active():
                docnum = current()
                weight = weight_of()
                # whoosh.scoring.bm25 with the length factor read from the table.
                score = idf * ((weight * lift) / (weight + factors[docnum]))
                scores[docnum] = get(docnum, 0.0) + score * boost
                advance()
        if len(scores) > limit:
            # Everything scoring at least the limit-th best score, so that ties are kept
            # and broken by document number below.
            floor = heapq.nlargest(limit, scores.values())[-1]
            kept = [docnum for docnum in scores if scores[docnum] >= floor]
        else:
            kept = list(scores)
        kept.sort(key=lambda docnum: (-scores[docnum], docnum))
        return [(docnum, scores[docnum]) for docnum in kept[:limit]]

    def score(self, docnum: int, freqs: dict[str, tuple[int, ...]], clauses: list[Clause]) -> float:
        """Return the score `top` would give this entry, from its stored term frequencies."""
        total = 0.0
        lift = self.k1 + 1
        for clause in clauses:
            counts = freqs.get(clause.term)
            if not counts or not counts[clause.position]:
                continue
            field = clause.field
            # The posting weight whoosh stores: frequency times field boost.
            weight = counts[clause.position] * FIELD_BOOSTS[field]
            idf = self.searcher.idf(field, clause.term)
            score = idf * ((weight * lift) / (weight + self.factors[field][docnum]))
            total += score * clause.boost
        return total
