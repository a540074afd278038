"""Tier histories as line charts, with the audit's events marked.

Needs the ``plot`` extra (``pip install 'tipranking[plot]'``). matplotlib is imported when a function
is called, so this module itself imports without it. Figures are built with
:class:`matplotlib.figure.Figure` directly, never through ``pyplot``: no window opens, no global figure
is kept, and no backend has to be chosen.

* :func:`plot_histories` -- one line per country, Tier 1 at the top; marks from :func:`tipranking.analysis.audit.audit`
* :func:`plot_countries` -- the same for bundled histories, looked up by any accepted country name
* :func:`marks` -- the marked points of a figure, read back from its artists
* :func:`save` -- write a figure to a file (format from the suffix; atomic: a failed write changes nothing)

Mark kinds (:data:`MARK_KINDS`):

* ``"waiver"`` -- a Watch List year that was lawful only with a waiver of the automatic downgrade
  (a ``waiver_required`` audit event), or a history entry with ``waiver=True``;
* ``"automatic downgrade"`` -- a ``forced_move`` event to Tier 3: the Watch List was not available and
  the country went to Tier 3;
* ``"forced move"`` -- any other ``forced_move`` event (the country went to Tier 1 or 2);
* ``"violation"`` -- a Watch List placement not lawful even with every waiver the statute allowed;
* ``"undetermined"`` -- a Watch List placement whose lawfulness depends on years the data does not hold.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from tipranking.analysis.audit import AuditEventKind, audit
from tipranking.assessment import History
from tipranking.errors import FieldError, OutputError
from tipranking.statute import Statute
from tipranking.tiers import Tier

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

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

WAIVER = "waiver"
"""A Watch List year lawful only with a waiver (or flagged as waived in the data)."""
AUTOMATIC_DOWNGRADE = "automatic downgrade"
"""A forced move to Tier 3."""
FORCED_MOVE = "forced move"
"""A forced move to another tier."""
VIOLATION = "violation"
"""A Watch List placement not lawful even with every waiver allowed."""
UNDETERMINED = "undetermined"
"""A Watch List placement whose lawfulness depends on years the data does not hold."""
MARK_KINDS = (WAIVER, AUTOMATIC_DOWNGRADE, FORCED_MOVE, VIOLATION, UNDETERMINED)
"""Every kind of mark, in the order of the legend."""

_MARKERS = {WAIVER: "s", AUTOMATIC_DOWNGRADE: "v", FORCED_MOVE: "D", VIOLATION: "X", UNDETERMINED: "P"}
_MARKER_SIZE = {WAIVER: 9.0, AUTOMATIC_DOWNGRADE: 12.0, FORCED_MOVE: 9.0, VIOLATION: 12.0, UNDETERMINED: 10.0}
_RANKED = (Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST, Tier.TIER_3)
_POSITION = {tier: float(i) for i, tier in enumerate(_RANKED, start=1)}
_GID_PREFIX = "tipranking-mark:"


@attrs.frozen(slots=True, order=True)
class Mark:
    """A marked point of a figure: ``country``'s placement ``tier`` in ``report_year``, marked as ``kind``
    (one of :data:`MARK_KINDS`)."""

    country: str
    report_year: int
    kind: str
    tier: Tier = attrs.field(order=False)


def _figure_class() -> Any:
    try:
        from matplotlib.figure import Figure
    except ImportError as err:  # pragma: no cover - exercised only without the extra
        raise ImportError("tipranking.formats.plot needs matplotlib: pip install 'tipranking[plot]'") from err
    return Figure


def _line2d_class() -> Any:
    from matplotlib.lines import Line2D

    return Line2D


def _marks_of(histories: Sequence[History], statute: Statute | None) -> list[Mark]:
    """The marks of ``histories``: audit events, and waiver flags of the data, one per (country, year, kind)."""
    found: dict[tuple[str, int, str], Mark] = {}

    def add(mark: Mark) -> None:
        found.setdefault((mark.country, mark.report_year, mark.kind), mark)

    for event in audit(histories, statute).events:
        if event.event is AuditEventKind.WAIVER_REQUIRED:
            kind = WAIVER
        elif event.event is AuditEventKind.FORCED_MOVE:
            kind = AUTOMATIC_DOWNGRADE if event.tier is Tier.TIER_3 else FORCED_MOVE
        elif event.event is AuditEventKind.VIOLATION:
            kind = VIOLATION
        elif event.event is AuditEventKind.UNDETERMINED:
            kind = UNDETERMINED
        else:
            continue  # a reading note says what another reading of the law would do: not a mark of this one
        add(Mark(event.country, event.report_year, kind, event.tier))
    for history in histories:
        for entry in history.placements:
            if entry.waiver is True and entry.tier in _POSITION:
                add(Mark(history.country, entry.report_year, WAIVER, entry.tier))
    return list(found.values())


def _offsets(count: int) -> list[float]:
    """Small vertical offsets so that countries with the same tier in a year do not hide each other."""
    if count <= 1:
        return [0.0] * count
    step = min(0.08, 0.5 / (count - 1))
    return [(i - (count - 1) / 2) * step for i in range(count)]


def plot_histories(histories: Sequence[History] | Mapping[str, History], *,
                   statute: Statute | None = None) -> Figure:
    """A line chart of ``histories``: x the report year, y the tier (Tier 1 at the top, then Tier 2, the
    Watch List and Tier 3), one line per country.

    Special Case years, years the country is not in the report and unknown years are gaps. Each line is
    drawn a little above or below the tier (by the country's position in ``histories``) so that equal
    placements stay visible. The events of :func:`tipranking.analysis.audit.audit` (against ``statute``, or the
    statute in force each year) are marked with a shape per kind (see the module's documentation);
    :func:`marks` reads them back.
    """
    items = list(histories.values()) if isinstance(histories, Mapping) else list(histories)
    for h in items:
        if not isinstance(h, History):
            raise TypeError(f"plot_histories() needs Histories, got {type(h).__name__}")
    figure_class = _figure_class()
    line_class = _line2d_class()
    fig: Figure = figure_class(figsize=(11.0, 4.0 + 0.25 * max(0, len(items) - 4)), layout="constrained")
    ax: Axes = fig.add_subplot()
    all_marks = _marks_of(items, statute)
    years = [p.report_year for h in items for p in h.placements]
    first, last = (min(years), max(years)) if years else (0, -1)
    span = list(range(first, last + 1))
    colors = [f"C{i % 10}" for i in range(len(items))]
    country_handles = []
    for history, offset, color in zip(items, _offsets(len(items)), colors, strict=True):
        ys = []
        for year in span:
            tier = history.tier_in(year)
            ys.append(_POSITION[tier] + offset if tier in _POSITION else math.nan)
        (line,) = ax.plot(span, ys, color=color, marker="o", markersize=3.5, linewidth=1.8, label=history.country)
        country_handles.append(line)
        for kind in MARK_KINDS:
            own = sorted(m for m in all_marks if m.country == history.country and m.kind == kind)
            if not own:
                continue
            ax.plot([m.report_year for m in own], [_POSITION[m.tier] + offset for m in own], linestyle="none",
                    marker=_MARKERS[kind], markersize=_MARKER_SIZE[kind], markerfacecolor="none",
                    markeredgecolor=color, markeredgewidth=1.8, label=f"_{kind}: {history.country}",
                    gid=_GID_PREFIX + json.dumps([kind, history.country, offset]), zorder=3)
    present = [k for k in MARK_KINDS if any(m.kind == k for m in all_marks)]
    kind_handles = [line_class([], [], linestyle="none", marker=_MARKERS[k], markersize=_MARKER_SIZE[k] * 0.8,
                               markerfacecolor="none", markeredgecolor="black", markeredgewidth=1.5, label=k)
                    for k in present]
    ax.set_yticks([_POSITION[t] for t in _RANKED], [t.label for t in _RANKED])
    ax.set_ylim(len(_RANKED) + 0.6, 0.4)
    if span:
        ax.set_xticks(span, [str(y) for y in span], rotation=90)
        ax.set_xlim(first - 0.5, last + 0.5)
    ax.grid(True, axis="both", alpha=0.3)
    ax.set_xlabel("report year")
    where = f"under {statute.name}" if statute is not None else "under the statute in force each year"
    ax.set_title(f"TIP Report placements; audit events {where}")
    if country_handles or kind_handles:
        ax.legend(handles=[*country_handles, *kind_handles], loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  frameon=False)
    return fig


def plot_countries(names: Sequence[str], *, statute: Statute | None = None) -> Figure:
    """:func:`plot_histories` of the bundled histories (:func:`tipranking.data.placements`) of ``names``,
    each looked up with :func:`tipranking.countries.lookup` (``"Myanmar"`` plots Burma). A name given twice
    (in any spelling) is plotted once.

    Raises :class:`~tipranking.errors.UnknownCountryError`, with suggestions, for an unknown name, and
    :class:`~tipranking.errors.FieldError` for a government the bundled data holds no placements of.
    """
    from tipranking.countries import lookup
    from tipranking.data import placements

    if isinstance(names, str):
        raise TypeError("plot_countries() needs a list of names, not a single string")
    bundled = placements()
    chosen: list[History] = []
    for name in names:
        canonical = lookup(name).name
        if canonical not in bundled:
            raise FieldError("country", name, f"the bundled data holds no placements of {canonical}")
        if all(h.country != canonical for h in chosen):
            chosen.append(bundled[canonical])
    return plot_histories(chosen, statute=statute)


def marks(fig: Figure) -> tuple[Mark, ...]:
    """The marks of a figure made by :func:`plot_histories`, read back from its marker artists (sorted by
    country, year and kind)."""
    found: list[Mark] = []
    for ax in fig.axes:
        for line in ax.get_lines():
            gid = line.get_gid()
            if not gid or not gid.startswith(_GID_PREFIX):
                continue
            kind, country, offset = json.loads(gid[len(_GID_PREFIX):])
            by_position = {pos: tier for tier, pos in _POSITION.items()}
            for x, y in zip(_floats(line.get_xdata()), _floats(line.get_ydata()), strict=True):
                found.append(Mark(country, round(x), kind, by_position[float(round(y - offset))]))
    return tuple(sorted(found))


def _floats(values: Any) -> list[float]:
    import numpy

    return [float(v) for v in numpy.asarray(values, dtype=float).ravel()]


SUFFIXES = (".png", ".svg", ".pdf")
"""The file formats :func:`save` writes, by suffix."""


def check_output(path: str | os.PathLike[str]) -> Path:
    """``path`` as a chart file :func:`save` can write: a supported suffix (:data:`SUFFIXES`), in an existing
    directory, and not itself a directory; otherwise an :class:`~tipranking.errors.OutputError` naming it.
    Call it before doing the work, so a bad name fails at once."""
    text = os.fspath(path)
    if not isinstance(text, str) or not text.strip():
        raise OutputError(f"output: an empty file name (got {text!r})")
    target = Path(text)
    if target.suffix.lower() not in SUFFIXES:
        raise OutputError(f"{text}: the file name must end in {', '.join(SUFFIXES)} (the format follows it)")
    if target.is_dir():
        raise OutputError(f"{text}: is a directory; give a file name")
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"{text}: the directory {str(parent)!r} does not exist")
    return target


def save(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 150) -> None:
    """Write ``fig`` to ``path``; the format (PNG, SVG, PDF) follows the file's suffix.

    The write is atomic: the figure goes to a temporary file in the same directory, which then replaces
    ``path``. If anything fails (a full disk, a file-size limit, no permission), ``path`` is left as it was
    and an :class:`~tipranking.errors.OutputError` names it.
    """
    target = check_output(path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as err:
        raise OutputError(f"{target}: cannot be written: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            fig.savefig(handle, format=target.suffix.lower()[1:], dpi=dpi)
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except OSError as err:
        _remove(temporary)
        raise OutputError(f"{target}: cannot be written: {err.strerror or err}; the file was not changed") from None
    except BaseException:
        _remove(temporary)
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
