"""The package's exception hierarchy.

Every error raised for bad input is a :class:`TipRankingError`. Messages name the
field, the offending value and, for files, where in the file the problem is.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "DataError",
    "FieldError",
    "HistoryError",
    "InputError",
    "InputTypeError",
    "MissingFactError",
    "OutputError",
    "ParseError",
    "PlotUnavailable",
    "ReportYearError",
    "RuleConflictError",
    "StatuteError",
    "TipRankingError",
    "UnknownCountryError",
    "UnknownTierError",
    "one_line",
]


def one_line(text: str) -> str:
    """``text`` with every character that is not printable (line breaks, control characters, lone
    surrogates...) written as its escape, so that a message stays one line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class TipRankingError(Exception):
    """Base class of every error tipranking raises on purpose. Its message is always one line: characters
    that are not printable (a newline in a key or a file name) are shown as escapes."""

    def __str__(self) -> str:
        return one_line(super().__str__())


class InputError(TipRankingError, ValueError):
    """Input that cannot be accepted (a value, a file, a row)."""


class FieldError(InputError):
    """A field has a missing, mistyped or invalid value.

    ``field`` is a dotted path such as ``minimum_standards.deterrent_penalties``;
    ``where`` optionally locates it in a file (``"line 4"``, ``"item 2"``).
    """

    def __init__(self, field: str, value: object, problem: str, where: str | None = None) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        self.where = where
        location = f"{where}: " if where else ""
        super().__init__(f"{location}{field}: {problem} (got {_shown(value)})")

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuild from the message parts, so the error survives pickling (process pools, Dask).
        return (_rebuild, (type(self), self.field, self.value, self.problem, self.where, dict(vars(self))))

    def located(self, where: str) -> FieldError:
        """The same error, located in a file (``where`` is prepended to any location)."""
        combined = f"{where}, {self.where}" if self.where else where
        err = type(self).__new__(type(self))
        FieldError.__init__(err, self.field, self.value, self.problem, combined)
        for key, val in vars(self).items():
            if key not in {"field", "value", "problem", "where"}:
                setattr(err, key, val)
        return err


_SHOWN = 200


def _shown(value: object) -> str:
    """``repr(value)``, cut to its first and last characters when long (a message stays one short line)."""
    try:
        text = repr(value)
    except Exception:  # a value whose repr fails still gets a message
        text = f"<{type(value).__name__}>"
    if len(text) <= _SHOWN:
        return text
    return f"{text[:_SHOWN // 2]}...{text[-20:]} ({len(text):,} characters)"


def _rebuild(cls: type[FieldError], field: str, value: object, problem: str, where: str | None,
             state: dict[str, object]) -> FieldError:
    err = cls.__new__(cls)
    FieldError.__init__(err, field, value, problem, where)
    err.__dict__.update(state)
    return err


class InputTypeError(FieldError, TypeError):
    """A value of the wrong type passed to a public function (also a :class:`TypeError`)."""


class ParseError(InputError):
    """A file (or a string) that cannot be parsed at all: invalid JSON, an empty file."""


class UnknownTierError(FieldError):
    """A tier string that is not one of the accepted spellings."""


class ReportYearError(FieldError):
    """A report year outside the range the statute covers."""


class UnknownCountryError(FieldError):
    """A country name the package does not know; ``suggestions`` holds the closest names."""

    def __init__(
        self, field: str, value: object, suggestions: Sequence[str] = (), where: str | None = None
    ) -> None:
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(field, value, f"unknown country{hint}", where)


class HistoryError(FieldError):
    """A placement history that cannot be used (duplicate year, wrong country)."""


class MissingFactError(FieldError):
    """A rule needs a fact the assessment does not state."""


class StatuteError(TipRankingError, ValueError):
    """A statute version that does not exist or cannot be built."""


class RuleConflictError(TipRankingError):
    """Two exceptions at the same level of a rule chain apply and disagree."""


class DataError(InputError):
    """A bundled or user-supplied data list that fails validation."""


class OutputError(TipRankingError):
    """A file the user named cannot be written (the message names it; an existing file is left unchanged)."""


class PlotUnavailable(TipRankingError):
    """The ``plot`` extra (matplotlib) is not installed."""
