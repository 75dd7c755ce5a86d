"""JSON and JSON Lines: one object per file, or one object per line read lazily."""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Iterator
from typing import IO, Any, Protocol

from ..errors import BriefingError, InputError
from ..models import Article
from .decode import decode
from .document import Loaded, make_article, many_error, parse_date, too_big


def _unreadable_json(name: str, err: Exception) -> InputError:
    """Valid JSON that Python refuses: nested too deeply, or an integer too long."""
    if isinstance(err, RecursionError):
        what = "nested too deeply to read"
    else:
        what = "holds a number too long to read"
    return InputError(f'{name}: the JSON {what}; give one flat object like {{"text": "..."}}')


class LineReader(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type: null, boolean, number, string, list, object."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    names: dict[type, str] = {str: "string", list: "list", dict: "object"}
    return names.get(type(value), type(value).__name__)


def _json_problem(err: json.JSONDecodeError) -> str:
    """The decoder's message without its trailing "at" ("Invalid control character at")."""
    return err.msg.removesuffix(" at")


def _optional_str(obj: dict[str, Any], key: str, name: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise InputError(f'{name}: "{key}" must be a string, not {json_type(value)}; fix the field')


def article_from_mapping(
    obj: dict[str, Any], name: str, *, url: str | None = None, host: str | None = None
) -> Article:
    """An Article from a JSON object's fields; unknown keys are ignored."""
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        _optional_str(obj, "text", name)  # the wrong type named, as for the other fields
    if not isinstance(text, str) or not text.strip():
        raise InputError(f'{name}: no article text; give a non-empty "text" string')
    return make_article(
        name,
        text,
        title=_optional_str(obj, "title", name),
        published=parse_date(obj.get("published"), name, "published"),
        url=_optional_str(obj, "url", name) or url,
        source=_optional_str(obj, "source", name) or host,
    )


def article_from_json(
    text: str, name: str, *, url: str | None = None, host: str | None = None
) -> Article:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        hint = (
            "; for one article per line name the file .jsonl"
            if err.msg == "Extra data"
            else '; give one object like {"text": "...", "title": "..."}'
        )
        raise InputError(
            f"{name}: not valid JSON ({_json_problem(err)} at line {err.lineno} "
            f"column {err.colno}){hint}"
        ) from None
    except (ValueError, RecursionError) as err:
        raise _unreadable_json(name, err) from None
    if not isinstance(obj, dict):
        raise InputError(
            f"{name}: holds a JSON {json_type(obj)}, not an object; give one object like "
            '{"text": "...", "title": "..."}, or one object per line in a .jsonl file'
        )
    return article_from_mapping(obj, name, url=url, host=host)


def nonblank_lines(stream: LineReader, cap: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each non-blank line, read one at a time; None when over ``cap``."""
    lineno = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        lineno += 1
        if len(line) > cap:
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(1 << 20)
            yield lineno, None
        elif line.strip():
            yield lineno, line


def single_from_lines(stream: LineReader, name: str, cap: int) -> Article:
    lines = nonblank_lines(stream, cap)
    first = next(lines, None)
    if first is None:
        raise InputError(f"{name}: no articles in the file; give one JSON object per line")
    if next(lines, None) is not None:
        raise many_error(name, "is a JSON Lines file")
    return article_from_line(name, *first, cap=cap)


def article_from_line(name: str, lineno: int, line: bytes | None, *, cap: int) -> Article:
    item = f"{name}:{lineno}"
    if line is None:
        raise too_big(item, None, cap)
    try:
        obj = json.loads(decode(line))
    except json.JSONDecodeError as err:
        raise InputError(
            f"{item}: not valid JSON ({_json_problem(err)} at column {err.colno}); "
            'give one object like {"text": "..."} per line'
        ) from None
    except (ValueError, RecursionError) as err:
        raise _unreadable_json(item, err) from None
    if not isinstance(obj, dict):
        raise InputError(
            f"{item}: holds a JSON {json_type(obj)}, not an object; "
            'give one object like {"text": "..."}'
        )
    return article_from_mapping(obj, item)


def jsonl_items(
    stream: IO[bytes], name: str, cap: int, *, first: bytes | None = None
) -> Iterator[Loaded]:
    """One item per non-blank line, read lazily; a bad line is an error item."""
    try:
        lines = nonblank_lines(stream, cap)
        if first is not None:
            lines = _chain_first(first, lines)
        for lineno, line in lines:
            item = f"{name}:{lineno}"
            try:
                yield Loaded(item, article_from_line(name, lineno, line, cap=cap), None)
            except BriefingError as err:
                yield Loaded(item, None, err)
    except (OSError, EOFError, zlib.error) as err:
        yield Loaded(name, None, InputError(f"{name}: cannot read the file ({err}); check it"))
    finally:
        if stream is not getattr(sys.stdin, "buffer", None):
            stream.close()


def _chain_first(
    first: bytes, rest: Iterator[tuple[int, bytes | None]]
) -> Iterator[tuple[int, bytes | None]]:
    if first.strip():
        yield 1, first
    for lineno, line in rest:
        yield lineno + 1, line
