"""Tier histories as line charts, with the audit's events marked.

Needs the ``plot`` extra (``pip install 'tipranking[plot]'``). matplotlib is imported when a function
is called, so this module itself imports without it. Figures are built with
:class:`matplotlib.figure.Figure` directly, never through ``pyplot``: no window opens, no global figure
is kept, and no backend has to be chosen.

* :func:`plot_histories` -- one line per country, Tier 1 at the top; marks from :func:`tipranking.analysis.audit.audit`;
  into a new figure, or into an Axes of your own (``ax=``)
* :func:`plot_countries` -- the same for bundled histories, looked up by any accepted country name
* :func:`marks` -- the marked points of a figure (or of one Axes), read back from its artists
* :func:`plot_reliability` -- the reliability diagram of a forecast backtest
  (:func:`tipranking.analysis.forecast.backtest`)
* :func:`save` -- write a figure to a file (format from the suffix; atomic: a failed write changes nothing)
* :func:`output_suffixes` -- the suffixes :func:`save` accepts: every format matplotlib writes

Mark kinds (:data:`MARK_KINDS`), by the provision behind the event. Each :class:`Mark` carries the citation
of the audit event it comes from, and the legend names it:

* ``"waiver"`` -- a Watch List year that was lawful only with a waiver of the automatic downgrade
  (a ``waiver_required`` audit event, § 7107(b)(2)(D)(ii)), or a history entry with ``waiver=True``;
* ``"automatic downgrade"`` -- a ``forced_move`` event the automatic downgrade decided (§ 7107(b)(2)(D)(i),
  also when no waiver year was left): the Watch List was closed and the country went to another tier (its
  line shows which);
* ``"post-waiver limit"`` -- a ``forced_move`` event the limit after a waiver and Tier 3 decided
  (§ 7107(b)(2)(F)): the country could be on the Watch List for one consecutive year only;
* ``"forced move"`` -- a ``forced_move`` event any other provision decided (a variant statute's rule);
* ``"violation"`` -- a Watch List placement not lawful even with every waiver the statute allowed;
* ``"undetermined"`` -- a Watch List placement whose lawfulness depends on years the data does not hold.

Writing a file (:func:`save`, checked first by :func:`check_output`): the format follows the suffix of the
name, case-insensitive, and may be any format matplotlib's canvas writes
(``FigureCanvasBase.get_supported_filetypes()``: PNG, SVG, PDF, PostScript, EPS, JPEG, WebP, TIFF...). The
figure goes to a temporary file in the target's directory, which then replaces the target with its
permission bits kept. A symbolic link is written through: the file it points to is replaced and the link
stays a link; a dangling link is refused. An existing file the user may not write (``os.access``), or whose
mode has no write bit at all (a read-only file, ``chmod a-w``), is refused -- also for root, whom the
permission bits do not stop.

Two panels in one figure, and the marks of one of them (Algeria's 2023 move off the Watch List was forced by
the post-waiver limit, not by the automatic downgrade)::

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(16, 4), layout="constrained")
    >>> left, right = fig.subplots(1, 2)
    >>> plot_countries(["Algeria"], ax=left) is plot_countries(["Malaysia"], ax=right) is fig
    True
    >>> for m in marks(left):
    ...     print(m.report_year, m.tier.label, m.kind, m.citation, sep=" | ")
    2019 | Tier 2 Watch List | waiver | 22 U.S.C. § 7107(b)(2)(D)(ii)
    2020 | Tier 3 | automatic downgrade | 22 U.S.C. § 7107(b)(2)(D)(i)
    2023 | Tier 3 | post-waiver limit | 22 U.S.C. § 7107(b)(2)(F)
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import stat
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

import tipranking.provisions as provisions
from tipranking.analysis.audit import AuditEvent, AuditEventKind, audit
from tipranking.analysis.forecast import BacktestReport
from tipranking.assessment import History
from tipranking.errors import FieldError, InputTypeError, OutputError
from tipranking.statute import Statute
from tipranking.tiers import RANKED, Tier

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "AUTOMATIC_DOWNGRADE",
    "FORCED_MOVE",
    "MARK_KINDS",
    "POST_WAIVER_LIMIT",
    "UNDETERMINED",
    "VIOLATION",
    "WAIVER",
    "Mark",
    "check_output",
    "marks",
    "output_suffixes",
    "plot_countries",
    "plot_histories",
    "plot_reliability",
    "save",
]

WAIVER = "waiver"
"""A Watch List year lawful only with a waiver of the automatic downgrade (or flagged as waived in the data)."""
AUTOMATIC_DOWNGRADE = "automatic downgrade"
"""A move off the Watch List forced by the automatic downgrade (:data:`tipranking.provisions.AUTOMATIC_DOWNGRADE`),
also when no waiver year was left; to Tier 3 or to another tier."""
POST_WAIVER_LIMIT = "post-waiver limit"
"""A move off the Watch List forced by the one-year limit after a waiver and Tier 3
(:data:`tipranking.provisions.POST_WAIVER_LIMIT`)."""
FORCED_MOVE = "forced move"
"""A move off the Watch List forced by any other provision (the mark's citation names it)."""
VIOLATION = "violation"
"""A Watch List placement not lawful even with every waiver allowed."""
UNDETERMINED = "undetermined"
"""A Watch List placement whose lawfulness depends on years the data does not hold."""
MARK_KINDS = (WAIVER, AUTOMATIC_DOWNGRADE, POST_WAIVER_LIMIT, FORCED_MOVE, VIOLATION, UNDETERMINED)
"""Every kind of mark, in the order of the legend."""

_MARKERS = {WAIVER: "s", AUTOMATIC_DOWNGRADE: "v", POST_WAIVER_LIMIT: "p", FORCED_MOVE: "D", VIOLATION: "X",
            UNDETERMINED: "P"}
_MARKER_SIZE = {WAIVER: 9.0, AUTOMATIC_DOWNGRADE: 12.0, POST_WAIVER_LIMIT: 12.0, FORCED_MOVE: 9.0,
                VIOLATION: 12.0, UNDETERMINED: 10.0}
_LEGEND = {
    WAIVER: "waiver year",
    AUTOMATIC_DOWNGRADE: "forced off the Watch List: automatic downgrade",
    POST_WAIVER_LIMIT: "forced off the Watch List: post-waiver limit",
    FORCED_MOVE: "forced off the Watch List: another provision",
    VIOLATION: "Watch List placement not lawful even with a waiver",
    UNDETERMINED: "lawfulness undetermined: depends on years not in the data",
}
_FORCED_BY = {provisions.AUTOMATIC_DOWNGRADE.citation: AUTOMATIC_DOWNGRADE,
              provisions.POST_WAIVER_LIMIT.citation: POST_WAIVER_LIMIT}
_POSITION = {tier: float(i) for i, tier in enumerate(RANKED, start=1)}
_GID_PREFIX = "tipranking-mark:"


@attrs.frozen(slots=True, order=True)
class Mark:
    """A marked point of a figure: ``country``'s placement ``tier`` in ``report_year``, marked as ``kind``
    (one of :data:`MARK_KINDS`) because of the provision ``citation`` names: the citation of the audit event
    the mark comes from (:attr:`tipranking.analysis.audit.AuditEvent.citation`), or of the waiver
    (:data:`tipranking.provisions.WAIVER`) for a year the data flags as waived."""

    country: str
    report_year: int
    kind: str
    tier: Tier = attrs.field(order=False)
    citation: str = attrs.field(order=False)


def _figure_class() -> Any:
    try:
        from matplotlib.figure import Figure
    except ImportError as err:  # pragma: no cover - exercised only without the extra
        raise ImportError("tipranking.formats.plot needs matplotlib: pip install 'tipranking[plot]'") from err
    return Figure


def _axes_class() -> Any:
    from matplotlib.axes import Axes

    return Axes


def _line2d_class() -> Any:
    from matplotlib.lines import Line2D

    return Line2D


def _kind_of(event: AuditEvent) -> str | None:
    """The mark kind of an audit event; ``None`` for a reading note, which says what another reading of the law
    would do: not a mark of this one."""
    if event.event is AuditEventKind.WAIVER_REQUIRED:
        return WAIVER
    if event.event is AuditEventKind.FORCED_MOVE:
        return _FORCED_BY.get(event.citation, FORCED_MOVE)
    if event.event is AuditEventKind.VIOLATION:
        return VIOLATION
    if event.event is AuditEventKind.UNDETERMINED:
        return UNDETERMINED
    return None


def _marks_of(histories: Sequence[History], statute: Statute | None) -> list[Mark]:
    """The marks of ``histories``: audit events, and waiver flags of the data, one per (country, year, kind)."""
    found: dict[tuple[str, int, str], Mark] = {}

    def add(mark: Mark) -> None:
        found.setdefault((mark.country, mark.report_year, mark.kind), mark)

    for event in audit(histories, statute).events:
        kind = _kind_of(event)
        if kind is not None:
            add(Mark(event.country, event.report_year, kind, event.tier, event.citation))
    for history in histories:
        for entry in history.placements:
            if entry.waiver is True and entry.tier in _POSITION:
                add(Mark(history.country, entry.report_year, WAIVER, entry.tier, provisions.WAIVER.citation))
    return list(found.values())


def _offsets(count: int) -> list[float]:
    """Small vertical offsets so that countries with the same tier in a year do not hide each other."""
    if count <= 1:
        return [0.0] * count
    step = min(0.08, 0.5 / (count - 1))
    return [(i - (count - 1) / 2) * step for i in range(count)]


def _legend_label(kind: str, found: Sequence[Mark]) -> str:
    """The legend entry of ``kind``: what it means, and the provisions of its marks (their own citations)."""
    citations = sorted({m.citation for m in found if m.kind == kind})
    return f"{_LEGEND[kind]},\n{'; '.join(citations)}"


def _root_figure(ax: Any) -> Figure:
    """The figure ``ax`` is drawn in (the top-level one when ``ax`` is in a subfigure)."""
    figure_class = _figure_class()
    fig = ax.figure
    while not isinstance(fig, figure_class):
        fig = fig.figure  # a SubFigure's .figure is its root Figure
    return fig  # type: ignore[no-any-return]


def plot_histories(histories: Sequence[History] | Mapping[str, History], *,
                   statute: Statute | None = None, ax: Axes | None = None) -> Figure:
    """A line chart of ``histories``: x the report year, y the tier (Tier 1 at the top, then Tier 2, the
    Watch List and Tier 3), one line per country.

    Special Case years, years the country is not in the report and unknown years are gaps. Each line is
    drawn a little above or below the tier (by the country's position in ``histories``) so that equal
    placements stay visible. The events of :func:`tipranking.analysis.audit.audit` (against ``statute``, or the
    statute in force each year) are marked with a shape per kind (see the module's documentation); the legend
    names each kind's provision, and :func:`marks` reads the marks back.

    Without ``ax`` the chart gets a new figure of its own. With ``ax`` (a matplotlib ``Axes``, e.g. one of
    ``fig.subplots(1, 2)``) the chart -- lines, marks, ticks, labels, title and legend -- is drawn into it and
    nothing else of its figure is changed; the legend sits to the right of the Axes, so give the figure
    ``layout="constrained"`` to keep room for it. Either way the figure is returned: the new one, or the
    top-level figure ``ax`` belongs to.
    """
    items = list(histories.values()) if isinstance(histories, Mapping) else list(histories)
    for h in items:
        if not isinstance(h, History):
            raise TypeError(f"plot_histories() needs Histories, got {type(h).__name__}")
    figure_class = _figure_class()
    line_class = _line2d_class()
    if ax is None:
        fig: Figure = figure_class(figsize=(11.0, 4.0 + 0.25 * max(0, len(items) - 4)), layout="constrained")
        ax = fig.add_subplot()
    elif not isinstance(ax, _axes_class()):
        raise InputTypeError("ax", ax, "must be a matplotlib Axes (or None for a new figure)")
    else:
        fig = _root_figure(ax)
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
            gid = json.dumps([kind, history.country, offset, [m.citation for m in own]])
            ax.plot([m.report_year for m in own], [_POSITION[m.tier] + offset for m in own], linestyle="none",
                    marker=_MARKERS[kind], markersize=_MARKER_SIZE[kind], markerfacecolor="none",
                    markeredgecolor=color, markeredgewidth=1.8, label=f"_{kind}: {history.country}",
                    gid=_GID_PREFIX + gid, zorder=3)
    present = [k for k in MARK_KINDS if any(m.kind == k for m in all_marks)]
    kind_handles = [line_class([], [], linestyle="none", marker=_MARKERS[k], markersize=_MARKER_SIZE[k] * 0.8,
                               markerfacecolor="none", markeredgecolor="black", markeredgewidth=1.5,
                               label=_legend_label(k, all_marks))
                    for k in present]
    ax.set_yticks([_POSITION[t] for t in RANKED], [t.label for t in RANKED])
    ax.set_ylim(len(RANKED) + 0.6, 0.4)
    if span:
        ax.set_xticks(span, [str(y) for y in span], rotation=90)
        ax.set_xlim(first - 0.5, last + 0.5)
    ax.grid(True, axis="both", color="0.9")  # opaque: PostScript has no transparency
    ax.set_xlabel("report year")
    where = f"under {statute.name}" if statute is not None else "under the statute in force each year"
    ax.set_title(f"TIP Report placements; audit events {where}")
    if country_handles or kind_handles:
        ax.legend(handles=[*country_handles, *kind_handles], loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  frameon=False)
    return fig


def plot_countries(names: Sequence[str], *, statute: Statute | None = None, ax: Axes | None = None) -> Figure:
    """:func:`plot_histories` of the bundled histories (:func:`tipranking.data.placements`) of ``names``,
    each looked up with :func:`tipranking.countries.lookup` (``"Myanmar"`` plots Burma). A name given twice
    (in any spelling) is plotted once. ``ax`` is passed on: draw into that Axes instead of a new figure.

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
    return plot_histories(chosen, statute=statute, ax=ax)


def plot_reliability(report: BacktestReport, *, ax: Axes | None = None) -> Figure:
    """The reliability diagram of a forecast backtest: for each bin of the probability the model gave its most
    likely outcome (:attr:`~tipranking.analysis.forecast.BacktestReport.reliability`), how often that outcome was
    the placement (y) against the mean probability (x), each point labelled with its number of targets; on the
    diagonal the forecast is calibrated. The title gives the years and the expected calibration error.

    Without ``ax`` the diagram gets a new figure; with ``ax`` it is drawn into that Axes, and its figure is
    returned (as :func:`plot_histories`).
    """
    if not isinstance(report, BacktestReport):
        raise InputTypeError("report", report, "must be a BacktestReport (tipranking.analysis.forecast.backtest)")
    figure_class = _figure_class()
    if ax is None:
        fig: Figure = figure_class(figsize=(6.0, 6.0), layout="constrained")
        ax = fig.add_subplot()
    elif not isinstance(ax, _axes_class()):
        raise InputTypeError("ax", ax, "must be a matplotlib Axes (or None for a new figure)")
    else:
        fig = _root_figure(ax)
    bins = report.reliability
    ax.plot([0, 1], [0, 1], linestyle="--", color="0.6", linewidth=1.0, label="calibrated")
    for b in bins:
        ax.plot([b.low, b.high], [b.observed, b.observed], color="C0", alpha=0.35, linewidth=4.0,
                solid_capstyle="butt")
    ax.plot([b.predicted for b in bins], [b.observed for b in bins], color="C0", marker="o", linewidth=1.5,
            label="observed, by bin of the most likely outcome's probability")
    for b in bins:
        ax.annotate(str(b.count), (b.predicted, b.observed), textcoords="offset points", xytext=(6, -12),
                    fontsize=8, color="0.3")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.grid(True, color="0.9")
    ax.set_xlabel("forecast probability of the most likely outcome")
    ax.set_ylabel("how often it was the placement")
    ax.set_title(f"Forecast reliability, reports {report.first}-{report.last} (ECE {report.ece:.3f})")
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    return fig


def marks(fig: Figure | Axes) -> tuple[Mark, ...]:
    """The marks of a figure made by :func:`plot_histories` -- of every Axes it holds -- or of one Axes drawn
    into with ``ax=``, read back from the marker artists (sorted by country, year and kind)."""
    found: list[Mark] = []
    by_position = {pos: tier for tier, pos in _POSITION.items()}
    for ax in _axes_of(fig):
        for line in ax.get_lines():
            gid = line.get_gid()
            if not gid or not gid.startswith(_GID_PREFIX):
                continue
            kind, country, offset, citations = json.loads(gid[len(_GID_PREFIX):])
            points = zip(_floats(line.get_xdata()), _floats(line.get_ydata()), citations, strict=True)
            for x, y, citation in points:
                found.append(Mark(country, round(x), kind, by_position[float(round(y - offset))], citation))
    return tuple(sorted(found))


def _axes_of(fig: Figure | Axes) -> list[Any]:
    if isinstance(fig, _axes_class()):
        return [fig]
    figure: Any = fig
    return list(figure.axes)


def _floats(values: Any) -> list[float]:
    import numpy

    return [float(v) for v in numpy.asarray(values, dtype=float).ravel()]


def output_suffixes() -> tuple[str, ...]:
    """The file suffixes :func:`save` accepts, lower case and sorted (``".eps"``, ``".jpg"``, ``".pdf"``,
    ``".png"``, ``".ps"``, ``".svg"``, ``".webp"``...): every format matplotlib's canvas writes, as
    ``FigureCanvasBase.get_supported_filetypes()`` lists them in the installed matplotlib (formats a backend
    registers are included). A suffix is accepted in any case (``.PNG``)."""
    try:
        from matplotlib.backend_bases import FigureCanvasBase
    except ImportError as err:  # pragma: no cover - exercised only without the extra
        raise ImportError("tipranking.formats.plot needs matplotlib: pip install 'tipranking[plot]'") from err
    return tuple(sorted(f".{name.lower()}" for name in FigureCanvasBase.get_supported_filetypes()))


def check_output(path: str | os.PathLike[str]) -> Path:
    """The file :func:`save` would write for ``path``, checked; otherwise an
    :class:`~tipranking.errors.OutputError` naming ``path``. Call it before doing the work, so a bad name fails
    at once.

    ``path`` must end in a suffix of :func:`output_suffixes` (in any case; the message lists them), and its
    directory must exist. A symbolic link is followed to the file it points to, which is returned (so the
    link stays a link); a dangling link, or one that loops, is refused. The file must not be a directory or
    another non-regular file, and if it exists the user must be allowed to write it (``os.access(..., W_OK)``)
    and its mode must have a write bit: a read-only file (``chmod a-w``) is refused even for root, whom the
    permission bits do not stop. Otherwise ``Path(path)`` is returned.
    """
    text = os.fspath(path)
    if not isinstance(text, str) or not text.strip():
        raise OutputError(f"output: an empty file name (got {text!r})")
    given = Path(text)
    supported = output_suffixes()
    if given.suffix.lower() not in supported:
        raise OutputError(f"{text}: the file name must end in one of {', '.join(supported)} (the format follows "
                          f"it; got {given.suffix or 'no suffix'!r})")
    target = _link_target(text, given) if given.is_symlink() else given
    if target.is_dir():
        raise OutputError(f"{text}: is a directory; give a file name")
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"{text}: the directory {str(parent)!r} does not exist")
    try:
        info = target.stat()
    except FileNotFoundError:
        return target  # a new file
    except OSError as err:
        raise OutputError(f"{text}: cannot be checked: {err.strerror or err}") from None
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{text}: exists and is not a regular file; give the name of an image file")
    mode = stat.S_IMODE(info.st_mode)
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise OutputError(f"{text}: is read-only (mode {mode:#o}), so it is not replaced; make it writable "
                          "(chmod u+w) or give another name")
    if not os.access(target, os.W_OK):
        raise OutputError(f"{text}: you may not write it (mode {mode:#o}, owner uid {info.st_uid}), so it is not "
                          "replaced")
    return target


def _link_target(text: str, link: Path) -> Path:
    """The file the symbolic link ``link`` leads to, through every link on the way; refused if there is none."""
    try:
        return link.resolve(strict=True)
    except FileNotFoundError:
        pointed = Path(os.path.realpath(link))
        where = (f"whose directory {str(pointed.parent)!r} does not exist" if not pointed.parent.is_dir()
                 else "which does not exist")
        raise OutputError(f"{text}: is a symbolic link to {str(pointed)!r}, {where}; a dangling link is not "
                          "written through") from None
    except (OSError, RuntimeError) as err:  # a loop of links
        raise OutputError(f"{text}: is a symbolic link that cannot be followed: "
                          f"{getattr(err, 'strerror', None) or err}") from None


def save(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 150) -> None:
    """Write ``fig`` to ``path``; the format follows the file's suffix (any of :func:`output_suffixes`, in any
    case: PNG, SVG, PDF, PostScript, EPS, JPEG, WebP...). ``path`` is checked by :func:`check_output` first:
    a symbolic link is written through (the file it points to is replaced, the link kept); a read-only file
    is refused.

    The write is atomic: the figure goes to a temporary file in the target's directory, which then replaces
    the target, with the target's permission bits (a new file gets those the umask allows). If anything fails
    (a full disk, a file-size limit, no permission, a format whose tool is missing, such as LaTeX for
    ``.pgf``), the target is left as it was and an :class:`~tipranking.errors.OutputError` names ``path``.
    """
    target = check_output(path)
    shown = os.fspath(path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as err:
        raise OutputError(f"{shown}: cannot be written: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            fig.savefig(handle, format=Path(shown).suffix.lower()[1:], dpi=dpi)
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except OSError as err:
        _remove(temporary)
        raise OutputError(f"{shown}: cannot be written: {err.strerror or err}; the file was not changed") from None
    except (RuntimeError, ImportError, LookupError) as err:  # the format's writer is missing a tool or plugin
        _remove(temporary)
        raise OutputError(f"{shown}: cannot be written as {Path(shown).suffix.lower()[1:]}: {err}; the file was "
                          "not changed") from None
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
