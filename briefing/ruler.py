"""A faster drop-in for spaCy's ``attribute_ruler``: the same patterns, the same result.

spaCy's AttributeRuler runs a Matcher with all of its patterns (179 in ``en_core_web_sm``)
at every token; on this project's machines that cost as much as the parser. Its patterns
are single tokens or pairs with plain predicates (``TAG``, ``LOWER``, ``DEP``, ``IS_SPACE``
compared for equality, ``IN``, ``NOT_IN`` or ``REGEX``). This module compiles them once,
indexes them by the tag or word they require of the token they change, and sets the same
attributes with spaCy's own ``set_token_attrs``, in the AttributeRuler's order (pattern
number: later patterns win).

A model whose attribute ruler uses anything else (operators, other predicates) keeps
spaCy's component: :func:`compile_ruler` returns None.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Token attributes the compiled form understands, read with Doc.to_array.
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")

Predicate = Callable[[Any], bool]
TAG, LOWER = 0, 1  # columns of _ATTRS


@dataclass(frozen=True, slots=True)
class _Rule:
    """One pattern of the AttributeRuler; rules are kept in its order (later rules win)."""

    checks: tuple[tuple[int, int, Predicate], ...]  # (offset from target, attr column, test)
    attrs: dict[Any, Any]  # normalised attributes, as AttributeRuler.attrs holds them
    # The values the target's TAG or LOWER must take (an index key), when a check says so.
    keys: tuple[int, frozenset[str]] | None


class CompiledRuler:
    """Callable on a Doc; sets what ``attribute_ruler`` would set, token by token.

    Rules are indexed by the target token's tag or lower-case form when a rule requires
    one, so each token tries a handful of rules, not all of them.
    """

    def __init__(self, vocab: Any, rules: list[_Rule]) -> None:
        self.vocab = vocab
        self.rules = rules
        self._by: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
        self._always: list[int] = []
        for number, rule in enumerate(rules):
            if rule.keys is None:
                self._always.append(number)
                continue
            column, values = rule.keys
            for value in values:
                self._by[column].setdefault(value, []).append(number)
        self._candidates: dict[tuple[str, str], tuple[_Rule, ...]] = {}

    def candidates(self, tag: str, lower: str) -> tuple[_Rule, ...]:
        """The rules that can apply to a token with this tag and lower-case form, in order."""
        found = self._candidates.get((tag, lower))
        if found is None:
            numbers = {*self._by[TAG].get(tag, ()), *self._by[LOWER].get(lower, ()), *self._always}
            found = tuple(self.rules[k] for k in sorted(numbers))
            if len(self._candidates) > 50_000:  # bounded: memory stays flat on any stream
                self._candidates.clear()
            self._candidates[(tag, lower)] = found
        return found

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens._retokenize import set_token_attrs

        n = len(doc)
        if n == 0:
            return doc
        columns: list[list[int]] = doc.to_array(list(_ATTRS)).T.tolist()
        strings = self.vocab.strings
        # Values as the Matcher compares them: strings for string attributes, bools for flags.
        values: list[list[Any]] = [
            *([strings[h] if h else "" for h in column] for column in columns[:3]),
            [bool(v) for v in columns[3]],
        ]
        tags, lowers = values[TAG], values[LOWER]
        for i in range(n):
            merged: dict[Any, Any] = {}
            for rule in self.candidates(tags[i], lowers[i]):
                for off, col, test in rule.checks:
                    j = i + off
                    if not (0 <= j < n and test(values[col][j])):
                        break
                else:
                    merged.update(rule.attrs)
            if merged:
                set_token_attrs(doc[i], merged)
        return doc


def compile_ruler(ruler: Any) -> CompiledRuler | None:
    """The compiled form of a spaCy AttributeRuler, or None if it uses what we don't support."""
    rules: list[_Rule] = []
    for spec, attrs, index in zip(ruler.patterns, ruler.attrs, ruler.indices, strict=True):
        for pattern in spec["patterns"]:
            if not isinstance(pattern, list) or not pattern:
                return None
            target = index if index >= 0 else len(pattern) + index
            if not 0 <= target < len(pattern):
                return None
            checks: list[tuple[int, int, Predicate]] = []
            keys: tuple[int, frozenset[str]] | None = None
            for k, token_spec in enumerate(pattern):
                for name, value in token_spec.items():
                    compiled = _predicate(name, value)
                    if compiled is None:
                        return None
                    test, allowed = compiled
                    column = _ATTRS.index(name)
                    checks.append((k - target, column, test))
                    indexable = k == target and column in (TAG, LOWER)
                    if indexable and allowed is not None and (keys is None or column == TAG):
                        keys = (column, allowed)
            rules.append(_Rule(tuple(checks), dict(attrs), keys))
    return CompiledRuler(ruler.vocab, rules)


def _predicate(name: str, value: Any) -> tuple[Predicate, frozenset[str] | None] | None:
    """The test for one ``{name: value}`` of a pattern, and the values it admits if finite."""
    if name not in _ATTRS:
        return None
    if name == "IS_SPACE" and not isinstance(value, bool):
        return None
    if isinstance(value, bool):
        return (lambda v: bool(v == value)), None
    if isinstance(value, str):
        return (lambda v: bool(v == value)), frozenset([value])
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((op, arg),) = value.items()
    if op == "IN" and isinstance(arg, list):
        allowed = frozenset(arg)
        return (lambda v: v in allowed), allowed
    if op == "NOT_IN" and isinstance(arg, list):
        banned = frozenset(arg)
        return (lambda v: v not in banned), None
    if op == "REGEX" and isinstance(arg, str):
        regex = re.compile(arg)
        return (lambda v: bool(regex.search(v))), None
    return None
