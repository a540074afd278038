"""Shared values for consequences: fiscal years and restriction statuses."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

__all__ = ["FiscalYear", "Restriction", "Status"]


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
    NOT_APPLICABLE = "not_applicable"
    """Does not apply (e.g. assistance reinstated on certification)."""
    PENDING = "pending"
    """Waits for the President's determination (§ 7107(d) restrictions before any determination is given)."""
    ALTERNATIVE = "alternative"
    """One of two alternatives whose choice rests on an input not given; :attr:`Restriction.note` names it."""

    @property
    def label(self) -> str:
        """The status in words: ``"pending determination"`` for :attr:`PENDING`, else the value."""
        return "pending determination" if self is Status.PENDING else self.value


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
