"""Old home of the charts, kept for one release: use :mod:`tipranking.formats.plot`."""

from tipranking.formats.plot import (
    AUTOMATIC_DOWNGRADE,
    FORCED_MOVE,
    MARK_KINDS,
    SUFFIXES,
    UNDETERMINED,
    VIOLATION,
    WAIVER,
    Mark,
    check_output,
    marks,
    plot_countries,
    plot_histories,
    save,
)

__all__ = [
    "AUTOMATIC_DOWNGRADE",
    "FORCED_MOVE",
    "MARK_KINDS",
    "SUFFIXES",
    "UNDETERMINED",
    "VIOLATION",
    "WAIVER",
    "Mark",
    "check_output",
    "marks",
    "plot_countries",
    "plot_histories",
    "save",
]
