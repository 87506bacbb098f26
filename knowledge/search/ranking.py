"""Combine search features into one relevance score in [0, 1]."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Features:
    """Evidence that an entry answers a question, each in [0, 1]."""

    bm25: float  # BM25F score relative to the best candidate
    coverage: float  # share of the question's (idf-weighted) terms the entry contains
    fuzzy: float  # closeness to the entry's title or one of its alternate questions
    known: float  # share of the question's terms the whole knowledge base knows
    specificity: float = 0.0  # rarity of the rarest shared term (1: found in one entry only)
    length: int = 0  # number of distinct terms in the question


def relevance(f: Features) -> float:
    """Return the calibrated relevance of an entry for a question."""
    return max(0.0, min(1.0, 0.4 * f.coverage + 0.35 * f.fuzzy + 0.25 * f.bm25))
