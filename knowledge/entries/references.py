"""Compare legal references as staff type them: "L1112-16", "l1112-16", "CGCT art. L1112-16"."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from knowledge.entries.records import Citation

# "article", "art." and "n°" add nothing to a reference: "CGCT art. L1112-16" is "CGCT L1112-16".
NOISE = re.compile(r"\b(?:articles?|art\.?|n°|no\.?)(?=\s|$)")


def fold_reference(text: str) -> str:
    """Return a reference lowercased, without accents, noise words or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold().replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(NOISE.sub(" ", plain).split())


@dataclass(frozen=True)
class Reference:
    """What a person looks for: a whole reference, an article alone or a text alone."""

    folded: str

    @classmethod
    def parse(cls, query: str) -> Reference:
        """Read a reference typed by a person."""
        return cls(fold_reference(query))

    def matches(self, citation: Citation) -> bool:
        """Tell whether a citation is the reference asked for (or an article of that text)."""
        if not self.folded:
            return False
        article = fold_reference(citation.article)
        text = fold_reference(citation.text)
        return self.folded in (article, text, f"{text} {article}".strip())


def citation_keys(citation: Citation) -> tuple[str, str]:
    """Return the folded text and article of a citation, as stored for look-ups."""
    return fold_reference(citation.text), fold_reference(citation.article)
