"""Shared values for consequences: fiscal years and restriction statuses."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any

import attrs

from tipranking.errors import FieldError

__all__ = ["FiscalYear", "Restriction", "Status", "kind_of"]


def kind_of(kind: type, *, optional: bool = False) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """An attrs validator that accepts an instance of ``kind`` (or ``None`` if ``optional``) and raises a
    :class:`~tipranking.errors.FieldError` naming the attribute and the value otherwise."""
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if (value is None and optional) or (isinstance(value, kind) and not (kind is int and isinstance(value, bool))):
            return
        expected = f"a {kind.__name__}" + (" or None" if optional else "")
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            expected += f" (one of {[m.value for m in kind]})"
        raise FieldError(attribute.name, value, f"must be {expected}")
    return check


@attrs.frozen(slots=True)
class FiscalYear:
    """A U.S. federal fiscal year: FY N runs from October 1 of N-1 to September 30 of N."""

    year: int

    @classmethod
    def following_report(cls, report_year: int) -> FiscalYear:
        """The fiscal year that starts on October 1 of the report's year."""
        return cls(report_year + 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year - 1, 10, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 9, 30)

    def __str__(self) -> str:
        return f"FY {self.year} ({self.start.isoformat()} to {self.end.isoformat()})"


class Status(enum.Enum):
    """Where a restriction stands for its fiscal year."""

    APPLIES = "applies"
    """In force: by law (CSPA) or by the President's determination (§ 7107(d))."""
    WAIVED = "waived"
    """Lifted by a waiver; :attr:`Restriction.ground` names the ground."""
    EXCEPTED = "excepted"
    """Lifted for the programs a statutory exception covers."""
    PARTLY_EXCEPTED = "partly_excepted"
    """Lifted for part of the program only, by a statutory exception; :attr:`Restriction.note` names the part
    (IMET under the limited CSPA (e) exception: only through two named institutes)."""
    NOT_APPLICABLE = "not_applicable"
    """Does not apply (e.g. assistance reinstated on certification)."""
    PENDING = "pending"
    """Waits for the President's determination (§ 7107(d) restrictions before any determination is given)."""
    ALTERNATIVE = "alternative"
    """One of two alternatives whose choice rests on an input not given; :attr:`Restriction.note` names it."""
    IF_LISTED = "if_listed"
    """Applies only if the government is on the CSPA list, and the listing is neither stated nor on a bundled
    list: what would follow if it were listed."""

    @property
    def label(self) -> str:
        """The status in words: ``"pending determination"`` for :attr:`PENDING`, the value with spaces for the
        others (``"if listed"``, ``"partly excepted"``)."""
        return "pending determination" if self is Status.PENDING else self.value.replace("_", " ")


@attrs.frozen(slots=True)
class Restriction:
    """One restriction that follows from a placement or a listing, with its status for a fiscal year."""

    category: str
    description: str
    status: Status
    fiscal_year: FiscalYear
    citation: str
    ground: str | None = None
    note: str | None = None
