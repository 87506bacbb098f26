"""French stop words, accent-folded, as the analyzer sees them after folding."""

from __future__ import annotations

import unicodedata

# Whoosh's French list misses many function words ("les", "comment", "quel"...), so the hotline
# keeps its own: articles, pronouns, auxiliaries, question words, politeness and chat fillers.
_WORDS = """
a à ai aie aient aies ait as au aucun aucune aupres auquel aura aurai auraient aurais aurait
auras aurez auriez aurions aurons auront aussi autre autres aux auxquelles auxquels avaient avais
avait avant avec avez aviez avions avoir avons ayant ayez ayons
bah bcp beaucoup bien bonjour bonsoir bref
c ca ça car ce ceci cela celle celles celui cependant certain certaine certains ces cet cette ceux
chaque chez ci comme comment concernant
d dans de des desquelles desquels deja déjà donc dont du duquel
e elle elles en encore entre es est et etaient etais etait etant ete etes etiez etions etre eu
eue eues eûmes eurent eus eusse eussent eusses eussiez eussions eut eux
faut fois fut
h hello hi
il ils
j je jusqu jusque
l la laquelle le lequel les lesquelles lesquels leur leurs lors lorsqu lorsque lui
m ma mais me meme mêmes memes merci mes moi mon
n ne ni non nos notre nous
o ok on ont ou où oui
par parce pas peu peut peuvent peux plus plutot plutôt pour pourquoi pourrait pourrais pourrions
pourraient pouvez pouvons puis puisqu puisque puis-je
qu quand que quel quelle quelles quels qui quoi quoiqu quoique
s sa salut sans se sera serai seraient serais serait seras serez seriez serions serons seront
ses si sien siens soi soient sois soit sommes son sont sous stp svp suis sur
t ta te tes toi ton tous tout toute toutes tres très tu
un une unes uns
v va vais veut veux voici voila voilà vont vos votre vous vu
y
doit dois doivent devons devez devrait devrions devraient
fait faire fais faites
est-ce
""".split()  # noqa: SIM905 - a word list reads better as text


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


FRENCH_STOP_WORDS = frozenset(_fold(w) for w in _WORDS)
