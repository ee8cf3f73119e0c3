"""`sitrep_lemmas`: the model's rule `lemmatizer`, remembered per distinct token.

The stock English rule lemmatizer walks every token in Python, reads its morphology as a dict
and sets `lemma_` through the string store: about a tenth of the small model's parse. Its answer
depends only on the token's text, part of speech and morphology (`rule_lemmatize` reads nothing
else, and `is_base_form` reads only the part of speech and morphology), and it only fills tokens
whose lemma is still unset (the attribute ruler sets a few). This component reads those four
values for the whole doc at once, asks the stock component once per distinct (text, POS,
morphology), remembers its lemma and writes the lemmas back in one call: the lemmas are
identical (`tests/test_lemmas.py` compares them token by token).

Asking is the costly part of a cold run: `rule_lemmatize` tests each candidate form with `in`
against the lemma index, a list of up to 57,000 words per part of speech, so every new word
scanned the list. The component asks a copy of the stock component whose index lists answer
`in` from a set (same words, same answers, same code otherwise).

Only the rule mode of the stock `Lemmatizer` and `EnglishLemmatizer` without `overwrite` is
swapped; any other lemmatizer stays in place.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

_MEMO_LIMIT = 500_000
"""Distinct (text, POS, morphology) keys remembered before the memo starts over (bounds memory)."""
_SWAPPABLE = (Lemmatizer, EnglishLemmatizer)
"""Stock classes whose rule lemma reads only the token's text, POS and morphology."""


class _IndexedWords(list[str]):
    """A lemma index list whose `in` is a set lookup (for strings, the answer a list scan gives)."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(words)
        self._set = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._set


def _indexed_copy(stock: Any) -> Any:
    """A shallow copy of a rule lemmatizer with its own lookups, whose `lemma_index` lists are
    `_IndexedWords`, and its own cache (the stock component is left as it was)."""
    lookups = Lookups()
    for name in stock.lookups.tables:
        table = stock.lookups.get_table(name)
        if name == "lemma_index":
            indexed = Table(name=name)
            for key, words in table.items():
                indexed[key] = _IndexedWords(words) if isinstance(words, list) else words
            table = indexed
        lookups.set_table(name, table)
    fast = copy.copy(stock)
    fast.lookups = lookups
    fast.cache = {}
    return fast


class RememberedLemmas:
    """Sets the stock rule lemmatizer's lemmas by remembered lookup (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "sitrep_lemmas") -> None:
        self.name = name
        self.vocab = nlp.vocab
        self._rule_lemma: Any = None
        self._memo: dict[tuple[int, int, int], int] = {}

    @property
    def lookups(self) -> Lookups | None:
        """The tables the remembered lemmas come from (None before `take_lemmatizer`)."""
        return None if self._rule_lemma is None else self._rule_lemma.__self__.lookups

    def take_lemmatizer(self, stock: Any) -> None:
        """Answer with `stock`'s lemmas (a rule-mode `Lemmatizer` that does not overwrite)."""
        self._rule_lemma = _indexed_copy(stock).rule_lemmatize

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token of `doc` whose lemma is unset, as the stock component would."""
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        memo, lemmas, missing = self._memo, [], False
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma == 0:
                missing = True
                key = (orth, pos, morph)
                lemma = memo.get(key)
                if lemma is None:
                    if len(memo) >= _MEMO_LIMIT:
                        memo.clear()
                    lemma = memo[key] = self.vocab.strings.add(self._rule_lemma(doc[i])[0])
            lemmas.append(lemma)
        if missing:
            column: Any = numpy.array(lemmas, dtype=numpy.uint64)
            doc.from_array([LEMMA], column)
        return doc


@Language.factory("sitrep_lemmas", assigns=["token.lemma"], requires=["token.pos"])
def make_remembered_lemmas(nlp: Language, name: str) -> RememberedLemmas:
    """Factory for `RememberedLemmas`; give it the stock component with `take_lemmatizer`."""
    return RememberedLemmas(nlp, name)


def common_nouns(nlp: Language) -> frozenset[str]:
    """The English nouns the pipeline's rule lemmatizer knows (its `lemma_index`, WordNet's
    nouns: "gunfire", "shelling", also surnames that are words, "rice", "brown"); empty when it
    has none."""
    for _name, component in nlp.pipeline:
        lookups = getattr(component, "lookups", None)
        if isinstance(lookups, Lookups) and lookups.has_table("lemma_index"):
            nouns = lookups.get_table("lemma_index").get("noun")
            if isinstance(nouns, _IndexedWords):
                return nouns._set  # the set the remembered lemmas already hold: no second copy
            if nouns:
                return frozenset(nouns)
    return frozenset()


def speed_up_lemmatizer(nlp: Language, name: str = "lemmatizer") -> bool:
    """Swap the stock rule `lemmatizer` for `sitrep_lemmas` when its lemma reads only the token.

    Returns whether it was swapped; a lookup-mode, overwriting or other-language lemmatizer stays.
    """
    if name not in nlp.pipe_names:
        return False
    stock: Any = nlp.get_pipe(name)
    if type(stock) not in _SWAPPABLE or stock.mode != "rule" or stock.overwrite:
        return False
    fast = nlp.replace_pipe(name, "sitrep_lemmas")
    fast.take_lemmatizer(stock)  # type: ignore[attr-defined]
    return True
