"""Reading input files safely: size, nesting, number and line limits, and JSON read item by item.

Private: :mod:`tipranking.formats.assessments` and :mod:`tipranking.formats.placements` are the public face.
Every refusal is a :class:`~tipranking.errors.ParseError` (or :class:`~tipranking.errors.FieldError`) that
names the file, the place in it and the limit, and says how to raise the limit where it can be raised.

The path ``-`` is standard input (read as bytes from ``sys.stdin.buffer``; messages name it ``<stdin>``).
A JSON syntax error names its line and column (1-based; the column counts characters, a tab as one). JSON
Lines is one value a line, lines ended by ``\n``; :func:`json_values` reads it, and reads a stream of one-line
objects given as JSON when it cannot be JSON (see there). :class:`Spool` keeps a copy of what it reads in an
anonymous temporary file, so that an input can be validated to its end and then used, read once. """

from __future__ import annotations

import codecs
import itertools
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from tipranking.errors import FieldError, ParseError

__all__ = [
    "DEFAULT_MAX_INPUT_BYTES",
    "MAX_INTEGER_DIGITS",
    "MAX_LINE_CHARS",
    "STDIN",
    "STDIN_NAME",
    "Spool",
    "json_items",
    "json_values",
    "max_input_bytes",
    "source_name",
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

STDIN = "-"
"""The path that means standard input."""

STDIN_NAME = "<stdin>"
"""How messages name standard input."""

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


def source_name(path: str | Path) -> str:
    """How messages name ``path``: :data:`STDIN_NAME` for ``-``, else the path as given."""
    return STDIN_NAME if str(path) == STDIN else str(path)


def _open(path: str | Path, name: str) -> tuple[IO[bytes], bool]:
    """The byte stream of ``path`` (standard input for ``-``), and whether the caller is to close it."""
    if str(path) == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise ParseError(f"{name}: cannot be read: there is no standard input to read as bytes")
        return stream, False
    try:
        return open(path, "rb"), True
    except FileNotFoundError:
        raise ParseError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ParseError(f"{name}: is a directory, not a file") from None
    except OSError as err:
        raise ParseError(f"{name}: cannot be read: {err.strerror or err}") from None


def _blocks(handle: IO[bytes], name: str, limit: int) -> Iterator[bytes]:
    """The bytes of ``handle`` in blocks, refusing more than ``limit`` of them."""
    read = 0
    while True:
        try:
            block = handle.read(_CHUNK)
        except OSError as err:
            raise ParseError(f"{name}: cannot be read: {err.strerror or err}") from None
        if not block:
            return
        read += len(block)
        if read > limit:
            raise ParseError(f"{name}: larger than the input limit of {limit:,} bytes (raise it with "
                             f"--max-input-bytes or {_ENV})")
        yield block


def _decoded(blocks: Iterable[bytes], name: str) -> Iterator[str]:
    """The UTF-8 text of ``blocks`` (a byte-order mark dropped), refusing bytes that are not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    read = 0
    for block in itertools.chain(blocks, [b""]):
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as err:
            raise ParseError(f"{name}: not UTF-8 text (byte {read + err.start:,}: {err.reason})") from None
        read += len(block)
        if text:
            yield text


def text_chunks(path: str | Path, name: str, max_bytes: int | None = None) -> Iterator[str]:
    """The UTF-8 text of ``path`` (standard input for ``-``; a byte-order mark dropped), in chunks, refusing
    more than ``max_bytes``."""
    limit = max_input_bytes(max_bytes)
    handle, owned = _open(path, name)
    try:
        yield from _decoded(_blocks(handle, name, limit), name)
    finally:
        if owned:
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


class _Retry(Exception):
    """Raised by the plain decoder's hooks where only the checking decoder can say what is wrong."""


def _pairs_plain(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """:func:`_pairs` for text with no surrogate in it, escaped or not: the object at C speed; a repeated key
    sends the value to the checking decoder."""
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Retry
    return out


def _plain_integer(text: str) -> int:
    if len(text) > MAX_INTEGER_DIGITS:
        raise _Retry
    return int(text)


def _plain_constant(text: str) -> Any:
    raise _Retry


def _integer(text: str) -> int | _NotAllowed:
    digits = len(text.lstrip("-"))
    if digits > MAX_INTEGER_DIGITS:
        return _NotAllowed(f"an integer of {digits:,} digits (at most {MAX_INTEGER_DIGITS} are read)")
    return int(text)


def _constant(text: str) -> _NotAllowed:
    return _NotAllowed(f"{text}, which is not a JSON value")


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_int=_integer, parse_constant=_constant)
_PLAIN_DECODER = json.JSONDecoder(object_pairs_hook=_pairs_plain, parse_int=_plain_integer,
                                  parse_constant=_plain_constant)
_ESCAPED_SURROGATE = re.compile(r"\\[uU][dD][89a-fA-F]")
"""A JSON escape of a surrogate code point."""


def _decoder_for(text: str) -> json.JSONDecoder:
    """The plain decoder for text without a surrogate in it, escaped or not (then no decoded string holds one);
    otherwise the checking decoder."""
    if ("\\" in text and _ESCAPED_SURROGATE.search(text)) or (not text.isascii() and _SURROGATE.search(text)):
        return _DECODER
    return _PLAIN_DECODER


def _decode(decoder: json.JSONDecoder, text: str, pos: int) -> tuple[Any, int]:
    """``decoder.raw_decode(text, pos)``; what the plain decoder cannot judge (a key given twice, a refused number)
    is decoded again by the checking one, which says what is wrong."""
    try:
        return decoder.raw_decode(text, pos)
    except _Retry:
        return _DECODER.raw_decode(text, pos)
_SPACE = re.compile(r"[ \t\n\r]*")


_LINE_SPACE = re.compile(r"[ \t\r]*")
_FORMATS = ("json", "jsonl", "auto")
_AS_JSON = "a JSON document is read with the input format json"
_AS_JSONL = "JSON Lines is read with the input format jsonl"


def _syntax(err: json.JSONDecodeError) -> str:
    """The decoder's message for ``err``, without its dangling "at" (the place is given as line and column),
    naming the character where that helps."""
    if err.msg.startswith("Invalid control character"):
        char = err.doc[err.pos] if err.pos < len(err.doc) else ""
        if not char:
            return "Invalid control character in a string"
        return (f"Invalid control character {char!r} (U+{ord(char):04X}) in a string (write it as "
                f"{json.dumps(char)[1:-1]})")
    if err.msg.startswith("Unterminated string"):
        return "Unterminated string (it starts here)"
    return err.msg.removesuffix(" at")


class _Buffer:
    """A window on the text of ``chunks``, grown on demand, with line and column numbers kept absolute."""

    def __init__(self, chunks: Iterable[str], name: str) -> None:
        self.chunks = iter(chunks)
        self.name = name
        self.text = ""
        self.pos = 0
        self.eof = False
        self.line = 1  # the line of text[0]
        self.column = 0  # the column of text[0], counted from 0
        self.decoder = _DECODER

    def more(self) -> bool:
        """Read at least as much again as is left unread; ``False`` at the end of the input."""
        if self.eof:
            return False
        newlines = self.text.count("\n", 0, self.pos)
        if newlines:
            self.line += newlines
            self.column = self.pos - self.text.rfind("\n", 0, self.pos) - 1
        else:
            self.column += self.pos
        self.text = self.text[self.pos:]
        self.pos = 0
        wanted = max(_CHUNK, len(self.text))
        got = 0
        for chunk in self.chunks:
            self.text += chunk
            got += len(chunk)
            if got >= wanted:
                self._choose_decoder()
                return True
        self.eof = True
        self._choose_decoder()
        return got > 0

    def _choose_decoder(self) -> None:
        """Decode the window with the plain decoder unless it holds a surrogate (see :func:`_decoder_for`)."""
        self.decoder = _decoder_for(self.text)

    def skip_space(self) -> str:
        """Skip JSON white space; the next character, or ``""`` at the end."""
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def line_at(self, pos: int) -> int:
        """The line of ``text[pos]`` (from 1)."""
        return self.line + self.text.count("\n", 0, pos)

    def column_at(self, pos: int) -> int:
        """The column of ``text[pos]`` (from 1, in characters)."""
        start = self.text.rfind("\n", 0, pos)
        return pos - start if start >= 0 else self.column + pos + 1

    def where(self, pos: int | None = None, *, column: bool = False) -> str:
        at = self.pos if pos is None else pos
        place = f"{self.name}: line {self.line_at(at)}"
        return f"{place} column {self.column_at(at)}" if column else place

    def line_end(self) -> int:
        """The index in ``text`` of the ``\n`` that ends the line ``pos`` is on, reading more as needed; the
        length of ``text`` if the input ends first."""
        searched = self.pos
        while True:
            found = self.text.find("\n", searched)
            if found >= 0:
                return found
            done = len(self.text) - self.pos
            if not self.more():
                return len(self.text)
            searched = self.pos + done

    def value(self, item: int | None) -> Any:
        """Decode the JSON value at the current position."""
        label = "" if item is None else f", item {item}"
        while True:
            try:
                value, end = _decode(self.decoder, self.text, self.pos)
            except json.JSONDecodeError as err:
                # Read more only where the error may be the end of what has been read so far: a literal, a
                # number or an escape cut short ends within a few characters of it; a string may start anywhere.
                at_end = err.pos >= len(self.text) - 64 or err.msg.startswith("Unterminated string")
                start = self.pos
                if at_end and self.more():
                    continue
                at = err.pos - (start - self.pos)  # more() may have dropped the text before the value
                raise ParseError(f"{self.where(at, column=True)}{label}: invalid JSON: {_syntax(err)}") from None
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
    ``NaN``/``Infinity``, deep nesting and text after the document are refused, naming the line and item;
    a syntax error names the line and column."""
    for index, _, value in json_values(chunks, name, "json"):
        yield index, value


def json_values(chunks: Iterable[str], name: str, input_format: str = "json") -> Iterator[
        tuple[int, int | None, Any]]:
    """``(index, line, value)`` for each item of ``chunks``, decoded one at a time, with the refusals of
    :func:`json_items`.

    ``input_format`` is ``"json"`` (a document holding one value or a list of values; ``line`` is ``None``),
    ``"jsonl"`` (JSON Lines: one value a line, lines ended by ``\n``, blank lines skipped, a list refused;
    ``line`` is the item's line) or ``"auto"``: JSON, except that input whose first value is an object on one
    line, followed by another value that starts on a later line, is read as JSON Lines. That input cannot be
    a JSON document (a document holds one value), so no document is read otherwise than as ``"json"`` reads it.
    """
    if input_format not in _FORMATS:
        raise ValueError(f"input_format: {input_format!r}")
    buf = _Buffer(chunks, name)
    first = buf.skip_space()
    if not first:
        raise ParseError(f"{name}: the file is empty")
    if input_format == "jsonl":
        yield from _lines(buf, 0)
        return
    if first != "[":
        start = buf.line_at(buf.pos)
        value = buf.value(None)
        end = buf.line_at(buf.pos)
        following = buf.skip_space()
        if not following:
            yield 0, None, value
            return
        stream = isinstance(value, dict) and start == end and buf.line_at(buf.pos) > end
        if stream and input_format == "auto":
            yield 0, start, value
            yield from _lines(buf, 1)
            return
        yield 0, None, value
        _expect_end(buf, f" (one value a line: {_AS_JSONL})" if stream else "")
        return
    buf.pos += 1
    index = 0
    if buf.skip_space() == "]":
        buf.pos += 1
        _expect_end(buf)
        raise ParseError(f"{name}: an empty list: no items")
    while True:
        if not buf.skip_space():
            raise ParseError(f"{buf.where(column=True)}: invalid JSON: the list is not closed")
        yield index, None, buf.value(index)
        index += 1
        following = buf.skip_space()
        if following == ",":
            buf.pos += 1
            if buf.skip_space() == "]":
                raise ParseError(f"{buf.where(column=True)}: invalid JSON: a comma before the closing bracket")
            continue
        if following == "]":
            buf.pos += 1
            _expect_end(buf)
            return
        if not following:
            raise ParseError(f"{buf.where(column=True)}: invalid JSON: the list is not closed")
        raise ParseError(f"{buf.where(column=True)}: invalid JSON: expected ',' or ']' after item {index - 1}")


def _expect_end(buf: _Buffer, hint: str = "") -> None:
    if buf.skip_space():
        raise ParseError(f"{buf.where(column=True)}: invalid JSON: extra data after the end of the document{hint}")


def _lines(buf: _Buffer, index: int) -> Iterator[tuple[int, int | None, Any]]:
    """The values of the JSON Lines from ``buf.pos`` (the start of a line, or white space on it) to the end."""
    line = buf.line_at(buf.pos)
    offset = buf.column_at(buf.pos) - 1  # the column of the first character read on this line, from 0
    while True:
        end = buf.line_end()
        text = buf.text[buf.pos:end]
        first = _LINE_SPACE.match(text).end()  # type: ignore[union-attr]
        if first < len(text):
            yield index, line, _line_value(f"{buf.name}: line {line}", text, first, offset, index)
            index += 1
        if end >= len(buf.text):
            return
        buf.pos = end + 1
        line += 1
        offset = 0


def _line_value(where: str, text: str, first: int, offset: int, index: int) -> Any:
    """The one value of a line of JSON Lines (``text``, without its ``\n``; the value starts at ``first``)."""
    try:
        value, stop = _decode(_decoder_for(text), text, first)
    except json.JSONDecodeError as err:
        cut = err.pos >= len(text.rstrip(" \t\r")) or err.msg.startswith("Unterminated string")
        hint = f" (the line ends inside the value: JSON Lines holds one whole value a line; {_AS_JSON})" if cut else ""
        raise ParseError(f"{where} column {offset + err.pos + 1}, item {index}: invalid JSON: {_syntax(err)}"
                         f"{hint}") from None
    except RecursionError:
        raise ParseError(f"{where}, item {index}: nested too deeply to read (the format nests at most 3 "
                         "levels)") from None
    except _Refused as err:
        raise ParseError(f"{where}, item {index}: {err.message}") from None
    rest = _LINE_SPACE.match(text, stop).end()  # type: ignore[union-attr]
    if rest < len(text):
        raise ParseError(f"{where} column {offset + rest + 1}, item {index}: invalid JSON: more after the value "
                         "(JSON Lines holds one value a line)")
    if isinstance(value, list):
        raise ParseError(f"{where}, item {index}: a list, where JSON Lines holds one object a line ({_AS_JSON})")
    return value


class Spool:
    """An input read once: :meth:`tee` reads it, copying its bytes as they are read to an anonymous temporary
    file (in :func:`tempfile.gettempdir`: ``TMPDIR``), and :meth:`text` reads that copy. :meth:`close`
    removes the copy; the file has no name (or loses it at once), so nothing is left behind even if the
    process is killed."""

    __slots__ = ("_closed", "_file", "limit", "name")

    def __init__(self, name: str, max_bytes: int | None = None) -> None:
        self.name = name
        self.limit = max_input_bytes(max_bytes)
        self._file: IO[bytes] | None = None
        self._closed = False

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has been called."""
        return self._closed

    def tee(self, path: str | Path) -> Iterator[str]:
        """The UTF-8 text of ``path`` (standard input for ``-``), as :func:`text_chunks` gives it, its bytes
        copied to the spool."""
        if self._file is not None or self._closed:
            raise ValueError("a spool reads one input, once")
        handle, owned = _open(path, self.name)
        try:
            try:
                self._file = tempfile.TemporaryFile(prefix="tipranking-", suffix=".spool")  # noqa: SIM115
            except OSError as err:
                raise self._refused(err) from None
            yield from _decoded(self._copied(_blocks(handle, self.name, self.limit), self._file), self.name)
        finally:
            if owned:
                handle.close()

    def _copied(self, blocks: Iterable[bytes], spool: IO[bytes]) -> Iterator[bytes]:
        for block in blocks:
            try:
                spool.write(block)
            except OSError as err:
                raise self._refused(err) from None
            yield block

    def _refused(self, err: OSError) -> ParseError:
        return ParseError(f"{self.name}: cannot keep a temporary copy of the input in {tempfile.gettempdir()}: "
                          f"{err.strerror or err} (TMPDIR names the folder used)")

    def text(self) -> Iterator[str]:
        """The text :meth:`tee` read, again, from the copy."""
        spool = self._file
        if spool is None or self._closed:
            raise ValueError("nothing to read again: the spool has not read its input, or is closed")
        try:
            spool.seek(0)
        except OSError as err:
            raise self._refused(err) from None
        yield from _decoded(_blocks(spool, self.name, self.limit), self.name)

    def close(self) -> None:
        """Remove the copy (again: nothing)."""
        self._closed = True
        if self._file is not None:
            self._file.close()
