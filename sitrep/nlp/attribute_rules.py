"""`sitrep_attribute_rules`: the model's `attribute_ruler`, applied by table lookup.

The stock `attribute_ruler` runs a `Matcher` over every token with all of its ~180 rules (the
tag map, morphology exceptions, lemma fixes) and costs a tenth of the small model's parse. Its
rules are single tokens or pairs with simple conditions (equality, `IN`, `NOT_IN`, `REGEX` on
`TAG`, `LOWER`, `DEP`, `IS_SPACE`), so which rules fire on a token depends only on that token's
(tag, lower, dep, is-space) and, for pairs, its neighbour's. This component works that out
once per distinct token key, remembers it, and sets the attributes with spaCy's own
`set_token_attrs`, in rule order, exactly as the stock component would: the annotations are
identical (`tests/test_pipeline.py` compares them token by token).

A ruler with any rule outside that subset (an `OP`, another attribute) is left in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_ATTRS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
"""Where each supported attribute sits in a token key."""
_MEMO_LIMIT = 500_000
"""Distinct token keys remembered before the memo starts over (bounds memory on huge runs)."""

TokenKey = tuple[str, str, str, bool]
Test = Callable[[TokenKey], bool]


class UnsupportedRule(ValueError):
    """An attribute-ruler pattern this component cannot apply by lookup."""


@dataclass(frozen=True)
class _Spec:
    """One token's conditions in a rule: a test, plus the values it indexes under (if any)."""

    test: Test
    index_attr: int | None
    """TAG or LOWER position when the spec needs one of a few values there (for the index)."""
    index_values: frozenset[str]


def _compile_value(position: int, value: Any) -> tuple[Test, frozenset[str] | None]:
    """A test for one attribute condition, and the values it accepts when they are a finite set."""
    if isinstance(value, (str, bool)):
        return (lambda key: key[position] == value), (frozenset([value]) if isinstance(value, str) else None)
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN" and isinstance(arg, list):
            accepted = frozenset(arg)
            return (lambda key: key[position] in accepted), accepted
        if op == "NOT_IN" and isinstance(arg, list):
            refused = frozenset(arg)
            return (lambda key: key[position] not in refused), None
        if op == "REGEX" and isinstance(arg, str):
            search = re.compile(arg).search
            return (lambda key: bool(search(key[position]))), None
    raise UnsupportedRule(f"unsupported condition {value!r}")


def _compile_spec(spec: dict[str, Any]) -> _Spec:
    """Compile one token pattern dict (every condition must hold)."""
    tests: list[Test] = []
    index: tuple[int, frozenset[str]] | None = None
    for name, value in spec.items():
        position = _ATTRS.get(name)
        if position is None:
            raise UnsupportedRule(f"unsupported attribute {name!r}")
        test, values = _compile_value(position, value)
        tests.append(test)
        # LOWER narrows more than TAG, so it is the preferred index.
        if values is not None and position in (0, 1) and (index is None or position == 1):
            index = (position, values)
    if len(tests) == 1:
        only = tests[0]
    else:
        def only(key: TokenKey, tests: Sequence[Test] = tuple(tests)) -> bool:
            return all(test(key) for test in tests)
    return _Spec(only, index[0] if index else None, index[1] if index else frozenset())


@dataclass(frozen=True)
class _Pair:
    """A two-token rule: fires on token i when spec `first` holds at i and `second` at i + 1."""

    rule: int
    first: int
    second: int
    target: int
    """0 or 1: which of the two tokens gets the attributes."""


class AttributeRules:
    """Applies a stock attribute ruler's rules by remembered lookup (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "sitrep_attribute_rules") -> None:
        self.name = name
        self.vocab = nlp.vocab
        self._attrs: list[dict[int, Any]] = []
        self._specs: list[_Spec] = []
        self._single: dict[int, int] = {}
        """Spec number -> rule number, for one-token rules."""
        self._pairs: list[_Pair] = []
        self._by_value: list[dict[str, list[int]]] = [{}, {}]
        """Per TAG/LOWER position: value -> spec numbers that need it."""
        self._always: list[int] = []
        """Spec numbers to test on every new token key."""
        self._memo: dict[tuple[int, int, int, int], tuple[frozenset[int], tuple[int, ...]]] = {}
        self._merged: dict[tuple[int, ...], dict[int, Any]] = {}
        self._first_specs: frozenset[int] = frozenset()

    def take_rules(self, patterns: Iterable[dict[str, Any]], attrs: Sequence[dict[int, Any]],
                   indices: Sequence[int]) -> None:
        """Compile a stock ruler's `patterns`, with its normalised `attrs` and `indices` per rule.

        Raises `UnsupportedRule` if any pattern is outside what this component handles.
        """
        rows = list(patterns)
        if len(rows) != len(attrs) or len(rows) != len(indices):
            raise UnsupportedRule("patterns, attrs and indices disagree in length")
        for rule, row in enumerate(rows):
            for pattern in row["patterns"]:
                index = indices[rule]
                if len(pattern) == 1 and index in (0, -1):
                    self._single[self._add_spec(pattern[0])] = rule
                elif len(pattern) == 2 and index in (0, 1, -1, -2):
                    first, second = self._add_spec(pattern[0]), self._add_spec(pattern[1])
                    self._pairs.append(_Pair(rule, first, second, index % 2))
                else:
                    raise UnsupportedRule(f"rule {rule}: patterns of {len(pattern)} tokens, index {index}")
        self._attrs = [dict(a) for a in attrs]
        self._first_specs = frozenset(pair.first for pair in self._pairs)

    def _add_spec(self, spec: dict[str, Any]) -> int:
        number = len(self._specs)
        compiled = _compile_spec(spec)
        self._specs.append(compiled)
        if compiled.index_attr is None:
            self._always.append(number)
        else:
            for value in compiled.index_values:
                self._by_value[compiled.index_attr].setdefault(value, []).append(number)
        return number

    def _lookup(self, ids: tuple[int, int, int, int]) -> tuple[frozenset[int], tuple[int, ...]]:
        """The specs that hold for a token key, and the one-token rules that fire (in order)."""
        found = self._memo.get(ids)
        if found is not None:
            return found
        strings = self.vocab.strings
        key: TokenKey = (strings[ids[0]] if ids[0] else "", strings[ids[1]] if ids[1] else "",
                         strings[ids[2]] if ids[2] else "", bool(ids[3]))
        candidates = self._by_value[0].get(key[0], []) + self._by_value[1].get(key[1], []) + self._always
        holds = frozenset(n for n in candidates if self._specs[n].test(key))
        rules = tuple(sorted({self._single[n] for n in holds if n in self._single}))
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        found = self._memo[ids] = (holds, rules)
        return found

    def __call__(self, doc: Doc) -> Doc:
        """Set the rules' attributes on every token of `doc`."""
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist() if len(doc) else []
        looked = [self._lookup(tuple(row)) for row in rows]  # all matching before any setting
        fired: dict[int, tuple[int, ...]] = {}
        firsts = self._first_specs
        for i in range(len(looked) - 1):
            if looked[i][0] & firsts:
                for pair in self._pairs:
                    if pair.first in looked[i][0] and pair.second in looked[i + 1][0]:
                        target = i + pair.target
                        fired[target] = tuple(sorted({*fired.get(target, looked[target][1]), pair.rule}))
        for i, (_holds, rules) in enumerate(looked):
            rules = fired.get(i, rules)
            if rules:
                set_token_attrs(doc[i], self._merged_attrs(rules))
        return doc

    def _merged_attrs(self, rules: tuple[int, ...]) -> dict[int, Any]:
        """The attributes of `rules` applied in order (a later rule overrides an earlier one)."""
        merged = self._merged.get(rules)
        if merged is None:
            merged = {}
            for rule in rules:
                merged.update(self._attrs[rule])
            self._merged[rules] = merged
        return merged


@Language.factory("sitrep_attribute_rules", assigns=["token.pos", "token.morph"], requires=["token.tag"])
def make_attribute_rules(nlp: Language, name: str) -> AttributeRules:
    """Factory for `AttributeRules`; fill it with `take_rules` from the stock ruler."""
    return AttributeRules(nlp, name)


def speed_up_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap the stock `attribute_ruler` for `sitrep_attribute_rules` when all its rules fit.

    Returns whether it was swapped; a ruler with rules this component cannot apply stays.
    """
    if name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(name)
    try:
        rules = (stock.patterns, stock.attrs, stock.indices)  # type: ignore[attr-defined]
        AttributeRules(nlp).take_rules(*rules)  # a trial run: the stock ruler stays if this fails
    except (UnsupportedRule, AttributeError, KeyError, TypeError):
        return False
    fast = nlp.replace_pipe(name, "sitrep_attribute_rules")
    fast.take_rules(*rules)  # type: ignore[attr-defined]
    return True
