"""Reading input files safely: size, nesting, number and line limits, and JSON read item by item.

Private: :mod:`tipranking.formats.assessments` and :mod:`tipranking.formats.placements` are the public face.
Every refusal is a :class:`~tipranking.errors.ParseError` (or :class:`~tipranking.errors.FieldError`) that
names the file, the place in it and the limit, and says how to raise the limit where it can be raised. """

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tipranking.errors import FieldError, ParseError

__all__ = [
    "DEFAULT_MAX_INPUT_BYTES",
    "MAX_INTEGER_DIGITS",
    "MAX_LINE_CHARS",
    "json_items",
    "max_input_bytes",
    "text_chunks",
    "text_lines",
]

DEFAULT_MAX_INPUT_BYTES = 2 * 1024**3
"""The largest input file read by default (2 GiB); the environment variable ``TIPRANKING_MAX_INPUT_BYTES``
or the ``max_bytes`` argument (``--max-input-bytes`` on the command line) changes it."""

MAX_INTEGER_DIGITS = 20
"""The longest integer a JSON document may hold (the format's integers are report years)."""

MAX_LINE_CHARS = 1024**2
"""The longest line of a CSV file (1 MiB): a placement row is a few dozen characters."""

_CHUNK = 1 << 20
_ENV = "TIPRANKING_MAX_INPUT_BYTES"
_SURROGATE = re.compile("[\ud800-\udfff]")


def max_input_bytes(value: int | None = None) -> int:
    """``value``, else ``TIPRANKING_MAX_INPUT_BYTES``, else :data:`DEFAULT_MAX_INPUT_BYTES`."""
    if value is None:
        text = os.environ.get(_ENV)
        if text is None:
            return DEFAULT_MAX_INPUT_BYTES
        try:
            value = int(text)
        except ValueError:
            raise FieldError(_ENV, text, "must be a whole number of bytes") from None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise FieldError("max_input_bytes", value, "must be a positive whole number of bytes")
    return value


def text_chunks(path: str | Path, name: str, max_bytes: int | None = None) -> Iterator[str]:
    """The UTF-8 text of ``path`` (a byte-order mark dropped), in chunks, refusing more than ``max_bytes``."""
    limit = max_input_bytes(max_bytes)
    try:
        handle = open(path, "rb")  # noqa: SIM115 -- closed in the finally below, after the last chunk
    except FileNotFoundError:
        raise ParseError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ParseError(f"{name}: is a directory, not a file") from None
    except OSError as err:
        raise ParseError(f"{name}: cannot be read: {err.strerror or err}") from None
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    read = 0
    try:
        while True:
            try:
                block = handle.read(_CHUNK)
            except OSError as err:
                raise ParseError(f"{name}: cannot be read: {err.strerror or err}") from None
            read += len(block)
            if read > limit:
                raise ParseError(f"{name}: larger than the input limit of {limit:,} bytes (raise it with "
                                 f"--max-input-bytes or {_ENV})")
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError as err:
                raise ParseError(f"{name}: not UTF-8 text (byte {read - len(block) + err.start:,}: "
                                 f"{err.reason})") from None
            if text:
                yield text
            if not block:
                return
    finally:
        handle.close()


_BREAK = re.compile(r"\r\n?|\n")


def text_lines(chunks: Iterable[str], name: str) -> Iterator[str]:
    """The lines of ``chunks`` with their line ends (``\\n``, ``\\r\\n`` or ``\\r`` alone), refusing a line
    longer than :data:`MAX_LINE_CHARS`."""
    pending = ""
    line = 1
    for chunk in chunks:
        pending += chunk
        start = 0
        while (found := _BREAK.search(pending, start)) is not None:
            if found.group() == "\r" and found.end() == len(pending):
                break  # may be the first half of "\r\n": wait for the next chunk
            yield pending[start:found.end()]
            line += 1
            start = found.end()
        pending = pending[start:]
        if len(pending) > MAX_LINE_CHARS:
            raise ParseError(f"{name}: line {line}: longer than {MAX_LINE_CHARS:,} characters")
    if pending:
        yield pending


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _NotAllowed:
    """Stands for a number the reader refuses (too long, ``NaN``, ``Infinity``) until the object holding it is
    built, so that the refusal can name its key; anywhere else, validation refuses it by its ``repr``."""

    __slots__ = ("what",)

    def __init__(self, what: str) -> None:
        self.what = what

    def __repr__(self) -> str:
        return self.what


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"{key}: a key given twice in one object")
        if not key.isascii() and _SURROGATE.search(key):
            raise _Refused(f"{key!r}: a key with a lone surrogate (not text)")
        if isinstance(value, str) and not value.isascii() and _SURROGATE.search(value):
            raise _Refused(f"{key}: a lone surrogate in the text (got {value!r})")
        if isinstance(value, _NotAllowed):
            raise _Refused(f"{key}: {value.what}")
        out[key] = value
    return out


def _integer(text: str) -> int | _NotAllowed:
    digits = len(text.lstrip("-"))
    if digits > MAX_INTEGER_DIGITS:
        return _NotAllowed(f"an integer of {digits:,} digits (at most {MAX_INTEGER_DIGITS} are read)")
    return int(text)


def _constant(text: str) -> _NotAllowed:
    return _NotAllowed(f"{text}, which is not a JSON value")


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_int=_integer, parse_constant=_constant)
_SPACE = re.compile(r"[ \t\n\r]*")


class _Buffer:
    """A window on the text of ``chunks``, grown on demand, with line numbers kept absolute."""

    def __init__(self, chunks: Iterable[str], name: str) -> None:
        self.chunks = iter(chunks)
        self.name = name
        self.text = ""
        self.pos = 0
        self.eof = False
        self.line = 1  # the line of text[0]

    def more(self) -> bool:
        """Read at least as much again as is left unread; ``False`` at the end of the input."""
        if self.eof:
            return False
        consumed = self.text[:self.pos]
        self.line += consumed.count("\n")
        self.text = self.text[self.pos:]
        self.pos = 0
        wanted = max(_CHUNK, len(self.text))
        got = 0
        for chunk in self.chunks:
            self.text += chunk
            got += len(chunk)
            if got >= wanted:
                return True
        self.eof = True
        return got > 0

    def skip_space(self) -> str:
        """Skip JSON white space; the next character, or ``""`` at the end."""
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def where(self, pos: int | None = None) -> str:
        at = self.pos if pos is None else pos
        return f"{self.name}: line {self.line + self.text.count(chr(10), 0, at)}"

    def value(self, item: int | None) -> Any:
        """Decode the JSON value at the current position."""
        label = "" if item is None else f", item {item}"
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as err:
                # Read more only where the error may be the end of what has been read so far: a literal, a
                # number or an escape cut short ends within a few characters of it; a string may start anywhere.
                at_end = err.pos >= len(self.text) - 64 or err.msg.startswith("Unterminated string")
                if at_end and self.more():
                    continue
                raise ParseError(f"{self.where(err.pos)}{label}: invalid JSON: {err.msg}") from None
            except RecursionError:
                raise ParseError(f"{self.where()}{label}: nested too deeply to read (the format nests at most "
                                 "3 levels)") from None
            except _Refused as err:
                raise ParseError(f"{self.where()}{label}: {err.message}") from None
            if end == len(self.text) and not self.eof and not isinstance(value, dict | list) and self.more():
                continue  # a number or literal may go on in the next chunk
            self.pos = end
            return value


def json_items(chunks: Iterable[str], name: str) -> Iterator[tuple[int, Any]]:
    """``(index, value)`` for each item of a JSON document that is one value or a list of values, decoded one
    item at a time. Duplicate keys, lone surrogates, integers of more than :data:`MAX_INTEGER_DIGITS` digits,
    ``NaN``/``Infinity``, deep nesting and text after the document are refused, naming the line and item."""
    buf = _Buffer(chunks, name)
    first = buf.skip_space()
    if not first:
        raise ParseError(f"{name}: the file is empty")
    if first != "[":
        yield 0, buf.value(None)
        _expect_end(buf)
        return
    buf.pos += 1
    index = 0
    if buf.skip_space() == "]":
        buf.pos += 1
        _expect_end(buf)
        raise ParseError(f"{name}: an empty list: no items")
    while True:
        if not buf.skip_space():
            raise ParseError(f"{buf.where()}: invalid JSON: the list is not closed")
        yield index, buf.value(index)
        index += 1
        following = buf.skip_space()
        if following == ",":
            buf.pos += 1
            if buf.skip_space() == "]":
                raise ParseError(f"{buf.where()}: invalid JSON: a comma before the closing bracket")
            continue
        if following == "]":
            buf.pos += 1
            _expect_end(buf)
            return
        if not following:
            raise ParseError(f"{buf.where()}: invalid JSON: the list is not closed")
        raise ParseError(f"{buf.where()}: invalid JSON: expected ',' or ']' after item {index - 1}")


def _expect_end(buf: _Buffer) -> None:
    if buf.skip_space():
        raise ParseError(f"{buf.where()}: invalid JSON: extra data after the end of the document")
