"""The search caches are bounded by memory, whatever text people send."""

from __future__ import annotations

import random
import string
import tracemalloc

from knowledge.search import analysis
from knowledge.search.memo import SizedCache, short_key_lru

# A letter outside the BMP is a word character stored on 4 bytes: the costliest token.
WIDE = "\U0001d400"


def test_a_sized_cache_never_holds_more_bytes_than_its_bound():
    cache = SizedCache(max_bytes=64 * 1024)
    double = cache.memoize(lambda text: text * 2)
    for number in range(5000):
        assert double(f"mot{number}") == f"mot{number}" * 2
        assert cache.bytes_held <= 64 * 1024
    assert 0 < len(cache) < 5000  # the oldest went, the recent stayed
    assert double("mot4999") == "mot4999" * 2


def test_a_sized_cache_computes_but_does_not_keep_long_keys_or_huge_values():
    cache = SizedCache(max_bytes=4096, max_key=10)
    calls = []
    echo = cache.memoize(lambda text: calls.append(text) or text)
    echo("x" * 11)
    echo("x" * 11)
    assert len(calls) == 2 and len(cache) == 0
    huge = SizedCache(max_bytes=1000).memoize(lambda text: text * 1000)
    assert huge("abc") == "abc" * 1000


def test_a_short_key_cache_keeps_only_short_keys_up_to_its_count():
    @short_key_lru(max_items=100, max_key=8)
    def upper(text: str) -> str:
        return text.upper()

    for number in range(500):
        upper(f"k{number}")
    upper("a-very-long-key")
    assert upper.cache_info().currsize == 100
    assert upper("a-very-long-key") == "A-VERY-LONG-KEY"
    assert upper.cache_info().currsize == 100


def costliest_tokens(count: int, seed: int) -> list[str]:
    """Distinct tokens of the longest kept length, each letter a 4-byte one."""
    rng = random.Random(seed)
    return [
        WIDE * 2 + "".join(rng.choices(string.ascii_lowercase, k=analysis.CACHED_TOKEN - 2))
        for _token in range(count)
    ]


def test_the_analysis_caches_stay_under_their_documented_bound_with_the_costliest_tokens():
    analysis.stems("amorce")  # load the stemmer before measuring
    sample = 3000
    tokens = costliest_tokens(sample, seed=7)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for token in tokens:
            analysis.stems(token)
        per_token = (tracemalloc.get_traced_memory()[0] - before) / sample
    finally:
        tracemalloc.stop()
    # Both caches full of such tokens (the sample's cost, less the tokens themselves).
    assert per_token * analysis.CACHED_TOKENS < 48 * 1024 * 1024


def test_the_analysis_caches_keep_no_more_tokens_than_their_count_and_no_long_token():
    for token in costliest_tokens(analysis.CACHED_TOKENS + 2000, seed=8):
        analysis.words(token)
    assert analysis._fold_token.cache_info().currsize == analysis.CACHED_TOKENS
    long_word = "anticonstitutionnellement" * 2
    misses = analysis._fold_token.cache_info().misses
    assert analysis.stems(long_word) == [analysis.stem_word(long_word)]
    assert analysis._fold_token.cache_info().misses == misses  # computed, not looked up
