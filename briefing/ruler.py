"""A faster drop-in for spaCy's ``attribute_ruler``: the same patterns, the same result.

spaCy's AttributeRuler runs a Matcher with all of its patterns (179 in ``en_core_web_sm``)
at every token; on this project's machines that cost as much as the parser. Its patterns
are single tokens or pairs with plain predicates (``TAG``, ``LOWER``, ``DEP``, ``IS_SPACE``
compared for equality, ``IN``, ``NOT_IN`` or ``REGEX``), so the attributes a token
receives depend only on a few attributes of the token and its neighbours. This module
compiles the patterns into that function once, memoises it on those attributes, and sets
the same attributes with spaCy's own ``set_token_attrs``, in the AttributeRuler's order
(pattern number, then position: later patterns win).

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


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # the AttributeRuler's pattern number: later rules win
    checks: tuple[tuple[int, int, Predicate], ...]  # (offset from target, attr column, test)
    attrs: dict[Any, Any]  # normalised attributes, as AttributeRuler.attrs holds them


class CompiledRuler:
    """Callable on a Doc; sets what ``attribute_ruler`` would set, token by token."""

    def __init__(self, vocab: Any, rules: list[_Rule]) -> None:
        self.vocab = vocab
        self.rules = rules
        # Which (offset, column) pairs decide a token's result: the memo key.
        self.key_cells = tuple(sorted({(off, col) for r in rules for off, col, _ in r.checks}))
        self._memo: dict[tuple[Any, ...], dict[Any, Any] | None] = {}

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens._retokenize import set_token_attrs

        n = len(doc)
        if n == 0:
            return doc
        columns: list[list[int]] = doc.to_array(list(_ATTRS)).T.tolist()
        strings = self.vocab.strings
        # Values as the Matcher compares them: strings for string attributes, bools for flags.
        values: list[list[Any]] = [
            [strings[h] if h else "" for h in columns[0]],
            [strings[h] if h else "" for h in columns[1]],
            [strings[h] if h else "" for h in columns[2]],
            [bool(v) for v in columns[3]],
        ]
        memo = self._memo
        cells = self.key_cells
        for i in range(n):
            key = tuple(values[col][i + off] if 0 <= i + off < n else None for off, col in cells)
            if key in memo:
                attrs = memo[key]
            else:
                attrs = self._attrs_for(values, i, n)
                if len(memo) < 200_000:
                    memo[key] = attrs
            if attrs:
                set_token_attrs(doc[i], attrs)
        return doc

    def _attrs_for(self, values: list[list[Any]], i: int, n: int) -> dict[Any, Any] | None:
        merged: dict[Any, Any] = {}
        for rule in self.rules:
            for off, col, test in rule.checks:
                j = i + off
                if not (0 <= j < n and test(values[col][j])):
                    break
            else:
                merged.update(rule.attrs)
        return merged or None


def compile_ruler(ruler: Any) -> CompiledRuler | None:
    """The compiled form of a spaCy AttributeRuler, or None if it uses what we don't support."""
    rules: list[_Rule] = []
    for order, (spec, attrs, index) in enumerate(
        zip(ruler.patterns, ruler.attrs, ruler.indices, strict=True)
    ):
        for pattern in spec["patterns"]:
            if not isinstance(pattern, list) or not pattern:
                return None
            target = index if index >= 0 else len(pattern) + index
            if not 0 <= target < len(pattern):
                return None
            checks: list[tuple[int, int, Predicate]] = []
            for k, token_spec in enumerate(pattern):
                for name, value in token_spec.items():
                    test = _predicate(name, value)
                    if test is None:
                        return None
                    checks.append((k - target, _ATTRS.index(name), test))
            rules.append(_Rule(order, tuple(checks), dict(attrs)))
    return CompiledRuler(ruler.vocab, rules)


def _predicate(name: str, value: Any) -> Predicate | None:
    if name not in _ATTRS:
        return None
    if name == "IS_SPACE" and not isinstance(value, bool):
        return None
    if isinstance(value, str | bool):
        return lambda v: bool(v == value)
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((op, arg),) = value.items()
    if op == "IN" and isinstance(arg, list):
        allowed = frozenset(arg)
        return lambda v: v in allowed
    if op == "NOT_IN" and isinstance(arg, list):
        banned = frozenset(arg)
        return lambda v: v not in banned
    if op == "REGEX" and isinstance(arg, str):
        regex = re.compile(arg)
        return lambda v: bool(regex.search(v))
    return None
