"""Caches bounded by memory, not by entry count: what outsiders type cannot grow them."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Hashable
from functools import lru_cache
from typing import Any

from cachetools import LRUCache

# What one cached item costs besides its key and value: the cache's dict slot, its LRU order
# (an OrderedDict node) and its size record, measured on CPython 3.11 (about 200 bytes).
ENTRY_OVERHEAD = 240


def approximate_size(value: Any) -> int:
    """Return the bytes a key or value takes, counting the items of tuples, lists and dicts."""
    size = sys.getsizeof(value)
    if isinstance(value, tuple | list | frozenset | set):
        size += sum(approximate_size(item) for item in value)
    elif isinstance(value, dict):
        size += sum(approximate_size(k) + approximate_size(v) for k, v in value.items())
    return size


class SizedCache:
    """A thread-safe least-recently-used cache holding at most `max_bytes` (approximately).

    Keys longer than `max_key` characters are computed and not kept: a long junk token must
    not push out the real vocabulary.
    """

    def __init__(
        self,
        max_bytes: int,
        max_key: int = 64,
        sizeof: Callable[[Any], int] = approximate_size,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_key = max_key
        self._sizeof = sizeof
        # Each value is kept with its size, computed once when it is stored.
        self._cache: LRUCache = LRUCache(maxsize=max_bytes, getsizeof=lambda kept: kept[1])
        self._lock = threading.Lock()

    @property
    def bytes_held(self) -> int:
        """Return the bytes the cache counts itself as holding."""
        return self._cache.currsize

    def __len__(self) -> int:
        return len(self._cache)

    def memoize(self, function: Callable[[Hashable], Any]) -> Callable[[Hashable], Any]:
        """Return `function` remembering its results in this cache (one argument)."""
        cache, lock, max_key, sizeof = self._cache, self._lock, self.max_key, self._sizeof

        def cached(key):
            if isinstance(key, str) and len(key) > max_key:
                return function(key)
            with lock:
                kept = cache.get(key)
            if kept is not None:
                return kept[0]
            value = function(key)
            size = approximate_size(key) + sizeof(value) + ENTRY_OVERHEAD
            if size <= self.max_bytes:  # a value larger than the whole cache is not kept
                with lock:
                    cache[key] = (value, size)
            return value

        cached.cache = self  # type: ignore[attr-defined]
        return cached


def short_key_lru(max_items: int, max_key: int = 64):
    """Decorate a one-string function with a C `lru_cache` of `max_items` short keys.

    Strings longer than `max_key` are computed and not kept, so every kept item is bounded
    (key and value alike, for the analysis functions it serves) and the cache's memory is at
    most `max_items` times that bound. Used on the hottest path (one call per token), where
    `SizedCache`'s lock and pure-Python bookkeeping tripled the cost of analysis.
    """

    def decorate(function: Callable[[str], Any]) -> Callable[[str], Any]:
        remembered = lru_cache(maxsize=max_items)(function)

        def cached(key: str):
            return function(key) if len(key) > max_key else remembered(key)

        cached.cache_info = remembered.cache_info  # type: ignore[attr-defined]
        cached.cache_clear = remembered.cache_clear  # type: ignore[attr-defined]
        return cached

    return decorate
