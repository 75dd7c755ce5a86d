"""The errors a user can cause. Each message names the input and says how to fix it."""

from __future__ import annotations

import unicodedata

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Line and paragraph separators, and the bidirectional overrides that reorder a line.
_UNSAFE = frozenset("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(text: str) -> str:
    """``text`` with control characters escaped (``\\n``, ``\\x1b``...): one terminal line.

    Every error a user sees goes through this, so a file name holding a newline or a
    bidirectional override can never break or reorder the one-line rule.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif unicodedata.category(char) == "Cc" or char in _UNSAFE:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


class BriefingError(Exception):
    """Base class for every failure a user can cause (bad input, bad output path, bad option)."""


class InputError(BriefingError):
    """An input could not be read or holds no article."""


class OutputError(BriefingError):
    """An output could not be written."""


class TemplateError(BriefingError):
    """A template could not be found or failed to render."""


class ModelError(BriefingError):
    """The spaCy model named by the user is not installed."""


def wrong_type(call: str, expected: str, value: object, fix: str) -> InputError:
    """The error of a public function given a value of the wrong type: the call, what it
    takes, what it got and ``fix``. Bytes are never guessed at (an encoding is the loader's
    business): the fix for them is always to decode them to text first."""
    got = "None" if value is None else type(value).__name__
    if isinstance(value, bytes | bytearray | memoryview):
        fix = "decode the bytes to text first, e.g. data.decode('utf-8')"
    return InputError(f"{call}: expected {expected}, got {got}; {fix}")
