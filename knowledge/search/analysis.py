"""French text analysis shared by indexing and querying.

The analyzer is pickled into the whoosh index, so every class here must stay importable
under this module path.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map

from knowledge.search.memo import short_key_lru
from knowledge.search.stopwords import FRENCH_STOP_WORDS

# "80 000" is one number in French typography; keep digit groups together, then words with
# inner apostrophes so that the elision filter sees "l'eau" whole.
TOKEN_PATTERN = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\w+(?:['’]\w+)*"
ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|lorsqu|puisqu|jusqu|quoiqu|presqu)['’]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


class ElisionFilter(Filter):
    """Strip French elided articles and pronouns (l', d', qu'...) from the start of tokens."""

    def __call__(self, tokens):
        for token in tokens:
            text = ELISION.sub("", token.text)
            # Words such as "aujourd'hui" keep their apostrophe; the tokenizer may not split them.
            token.text = text.replace("’", "'")
            if token.text:
                yield token


class DigitGroupFilter(Filter):
    """Join digit groups ("80 000" becomes "80000") so numbers match however they are typed."""

    def __call__(self, tokens):
        for token in tokens:
            if token.text[:1].isdigit():
                token.text = re.sub(r"[ \u00a0\u202f]", "", token.text)
            yield token


def base_analyzer():
    """Tokenize, lowercase, strip elision, fold accents and drop stop words (no stemming)."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | DigitGroupFilter()
        | ElisionFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=FRENCH_STOP_WORDS, minsize=1, renumber=False)
    )


def french_analyzer():
    """The index analyzer: `base_analyzer` followed by French Snowball stemming."""
    # Accents are folded before stemming so that "reunion" and "réunion" share one stem.
    return base_analyzer() | StemFilter(lang="fr", cachesize=50000)


def clean_text(text: str, limit: int = 2000) -> str:
    """Normalise raw user text: Unicode NFC, no control characters, bounded length."""
    text = unicodedata.normalize("NFC", text or "")
    text = CONTROL.sub(" ", text)
    return text[:limit]


def fold(text: str) -> str:
    """Lowercase and remove accents, keeping the rest of the text as it is."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


@lru_cache(maxsize=1)
def _surface():
    return base_analyzer()


# Both caches are bounded in memory (knowledge/search/memo.py): tokens come from what anyone
# types, and 200,000 tokens of any length could take about 1.3 GB. Only tokens of at most
# CACHED_TOKEN characters are kept (longer ones are junk: French words are shorter), so an
# item takes at most about 650 bytes: both caches together stay under 48 MiB whatever is
# typed (37 MiB measured with the costliest tokens, tests/unit/test_caches.py); the words of
# a 10,000-entry base (about 60,000) fit.
CACHED_TOKENS = 60_000
CACHED_TOKEN = 32


@lru_cache(maxsize=1)
def _stemmer():
    from whoosh.lang import stemmer_for_language

    # The same Snowball stemmer StemFilter uses, so query terms equal indexed terms.
    return short_key_lru(CACHED_TOKENS, CACHED_TOKEN)(stemmer_for_language("fr"))


TOKENS = re.compile(TOKEN_PATTERN)


@short_key_lru(CACHED_TOKENS, CACHED_TOKEN)
def _fold_token(raw: str) -> tuple[str, ...]:
    # Every filter after the tokenizer works on one token at a time, so the analyzer's
    # verdict on a raw token never depends on its neighbours and can be remembered.
    return tuple(t.text for t in _surface()(raw))


def words(text: str) -> list[str]:
    """Return the folded content words of a text, stop words removed, not stemmed."""
    # Same result as running `base_analyzer` over the text, several times faster on long
    # texts: indexing 10,000 entries analyses millions of mostly repeated tokens.
    return [word for raw in TOKENS.findall(text) for word in _fold_token(raw)]


def stem_word(word: str) -> str:
    """Stem one folded word exactly as the index analyzer does."""
    return _stemmer()(word)


def stems(text: str) -> list[str]:
    """Return the analysed (stemmed) terms of a text, in order."""
    stem = _stemmer()
    return [stem(word) for word in words(text)]


def analyse(text: str) -> tuple[list[str], list[str]]:
    """Return the folded words of a text and their stems, in one pass."""
    found = words(text)
    stem = _stemmer()
    return found, [stem(word) for word in found]
