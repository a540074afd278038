"""The ``tipranking`` command. Thin: parse arguments, call the API, write the output as it is made.

One error boundary (:func:`main`): bad input -- any error of the package's own hierarchy, or a bad
argument -- prints one line on stderr and exits 2, with nothing on stdout; a closed output pipe ends the
command quietly (exit 141, as for other Unix tools); anything else is a bug: one line asking for a report,
exit 70 (``--debug`` shows the traceback instead). Control characters in echoed values are escaped.
``place`` and ``consequences`` read their input once (a file, or ``-`` for standard input), item by item, and
write their output to an anonymous temporary file, copied to stdout only once every item has been read and
placed: a bad item anywhere leaves stdout empty, and memory does not grow with the number of items.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import errno
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial

from tipranking.errors import FieldError, OutputError, PlotUnavailable, TipRankingError, one_line

_TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs `tipranking --help` a tenth
if _TYPE_CHECKING:
    from typing import Any, NoReturn, TextIO

    from tipranking.analysis.forecast import BacktestReport
    from tipranking.assessment import History
    from tipranking.consequences import Consequences
    from tipranking.formats.assessments import Submission
    from tipranking.formats.contract import RecordForm
    from tipranking.placing import Placement
    from tipranking.statute import Statute

__all__ = [
    "EXIT_BUG",
    "EXIT_PIPE",
    "EXIT_UNDECIDED",
    "PlotUnavailable",
    "main",
]

EXIT_UNDECIDED = 3
"""``--require-decided``: some placement's tier is still open."""
EXIT_BUG = 70
"""An error that is not the input's fault: a bug to report."""
EXIT_PIPE = 141
"""The reader of the output went away (128 + SIGPIPE, as other Unix tools)."""


# --------------------------------------------------------------------------- output


class _Items:
    """Writes records one at a time, as they are made: text blocks separated by blank lines, a JSON collection
    (``{"format": "tipranking.<kind>_list/1", "items": [...]}``, the same text as one ``json.dumps(..., indent=2)``),
    JSON Lines (one record per line), or CSV (the record form's columns, one row per record)."""

    def __init__(self, out: TextIO, fmt: str, form: RecordForm, *, ascii_only: bool | None = None) -> None:
        self.out = out
        self.fmt = fmt
        self.form = form
        self.count = 0
        self.ascii = _ascii_only(out) if ascii_only is None else ascii_only
        self.csv: Any = None

    def add(self, text: Callable[[], str], record: Callable[[], dict[str, Any]],
            encoded: Callable[[bool, int | None], str] | None = None) -> None:
        """Write one record: ``text()`` for text, else ``record()``, whose JSON text ``encoded(ensure_ascii,
        indent)`` gives when given (the same text, made faster)."""
        if self.fmt == "text":
            self.out.write(("\n\n" if self.count else "") + text())
        elif self.fmt == "jsonl":
            self.out.write((json.dumps(record(), ensure_ascii=self.ascii) if encoded is None
                            else encoded(self.ascii, None)) + "\n")
        elif self.fmt == "csv":
            if self.csv is None:
                self.csv = csv.writer(self.out, lineterminator="\n")
                self.csv.writerow(self.form.columns())
            self.csv.writerow([_cell(v) for v in self.form.row(record()).values()])
        else:
            # Each item indented as inside one json.dumps(collection, indent=2): every line gets four more spaces.
            dumped = (json.dumps(record(), indent=2, ensure_ascii=self.ascii) if encoded is None
                      else encoded(self.ascii, 2)).replace("\n", "\n    ")
            head = f'{{\n  "format": "tipranking.{self.form.kind}_list/1",\n  "items": [\n    '
            self.out.write((head if not self.count else ",\n    ") + dumped)
        self.count += 1

    def close(self) -> None:
        if self.fmt == "text":
            self.out.write("\n")
        elif self.fmt == "json":
            self.out.write("\n  ]\n}\n" if self.count else
                           f'{{\n  "format": "tipranking.{self.form.kind}_list/1",\n  "items": []\n}}\n')
        elif self.fmt == "csv" and self.csv is None:
            csv.writer(self.out, lineterminator="\n").writerow(self.form.columns())


def _cell(value: object) -> object:
    """A CSV cell: booleans as true/false, null as an empty cell, a number as its ``repr`` (the shortest text that
    reads back as the same float) (:mod:`tipranking.formats.contract`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return value


def _write(out: TextIO, form: RecordForm, fmt: str, items: Iterable[tuple[Callable[[], str],
                                                                       Callable[[], dict[str, Any]]]]) -> None:
    writer = _Items(out, fmt, form)
    for text, record in items:
        writer.add(text, record)
    writer.close()


_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
"""A temporary file that cannot grow: the disk or the quota is full, or the file is too large."""


class _Spooled:
    """Output held in an anonymous temporary file until the command has made all of it: :meth:`release` copies it
    to ``out``; leaving without releasing (an error) drops it, so stdout stays empty. Memory holds none of it."""

    def __init__(self, out: TextIO) -> None:
        self.target = out
        self.ascii = _ascii_only(out)
        try:
            self.out: TextIO = tempfile.TemporaryFile(  # noqa: SIM115 - closed by __exit__
                "w+", encoding="utf-8", errors="surrogatepass", newline="")
        except OSError as err:
            raise OutputError(f"cannot make a temporary file for the output: {err.strerror or err}") from None

    def __enter__(self) -> _Spooled:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: object) -> None:
        self.out.close()
        if isinstance(error, OSError) and error.errno in _NO_ROOM:
            raise OutputError(f"cannot hold the output in a temporary file in {tempfile.gettempdir()}: "
                              f"{error.strerror}") from None

    def release(self) -> None:
        """Copy the output to its target."""
        self.out.seek(0)
        shutil.copyfileobj(self.out, self.target, 1 << 20)


def _ascii_only(out: TextIO) -> bool:
    """Whether JSON written to ``out`` must escape non-ASCII text (its encoding cannot show it): JSON then
    stays valid, where the stream's backslash escapes would not be."""
    try:
        "§é\u2028".encode(getattr(out, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return True
    return False


def _undecided_line(where: str, p: Placement) -> str:
    from tipranking.tiers import describe

    fields = ", ".join(d.field for d in p.deciding)
    return (f"{where}: the tier of {p.country} ({p.report_year} report) is not decided: "
            f"{describe(p.possible_tiers)}, depending on {fields}")


# --------------------------------------------------------------------------- commands


def _bundled_examples() -> tuple[Submission, ...]:
    from importlib import resources

    from tipranking.formats.assessments import loads_assessments

    text = resources.files("tipranking").joinpath("data/examples.json").read_text(encoding="utf-8")
    return loads_assessments(text, "bundled examples.json")


class _Names:
    """The names of an input's governments, checked as the input is validated: a name the package does not know
    is noted (once per spelling; the assessment is placed under the name given), or with ``--strict-names``
    refused, naming the item. The notes go to stderr by :meth:`flush`, once the whole input is valid, so a bad
    input still prints one line."""

    MOST = 20
    """Notes written one by one; items with other unknown names beyond them are counted in one line."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.notes: dict[str, str] = {}
        self.more = 0

    def __call__(self, item: Any, where: str) -> None:
        from tipranking.countries import identify, lookup, suggestions

        country = item.assessment.country if hasattr(item, "assessment") else item.country
        if country in self.notes or identify(country).known:
            return
        if self.strict:
            try:
                lookup(country)  # raises UnknownCountryError, with its suggestions
            except FieldError as error:
                raise error.located(where) from None
        if len(self.notes) >= self.MOST:
            self.more += 1  # bounded: a file of made-up names does not fill memory with notes
            return
        close = suggestions(country)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        self.notes[country] = (f"{where}: country {country!r} is not a government the package knows{hint}; "
                               "placed under the name given (--strict-names to refuse it)")

    def flush(self) -> None:
        for note in self.notes.values():
            print(f"tipranking: note: {one_line(note)}", file=sys.stderr)
        if self.more:
            print(f"tipranking: note: {self.more:,} more item(s) name governments the package does not know (the first "
                  f"{self.MOST} are noted above); placed under the names given", file=sys.stderr)


def _cmd_place(args: argparse.Namespace, out: TextIO) -> int:
    from tipranking.formats.assessments import located_assessments
    from tipranking.formats.records import PLACEMENT
    from tipranking.formats.render import placement_text
    from tipranking.placing import place

    names = None if args.file is None else _Names(args.strict_names)  # the examples' governments are made up
    if args.file is None:
        examples = _bundled_examples()
        items: Iterable[tuple[str, Submission]] = ((f"bundled examples.json: item {i}", s)
                                                   for i, s in enumerate(examples))
    else:
        items = located_assessments(args.file, max_bytes=args.max_input_bytes, input_format=args.input_format)
    first_open = None
    with _Spooled(out) as spool:
        writer = _Items(spool.out, args.format, PLACEMENT, ascii_only=spool.ascii)
        for where, s in items:
            if names is not None:
                names(s, where)
            p = place(s.assessment, s.history)
            if p.tier is None and first_open is None:
                first_open = _undecided_line(where, p)
            consequences = None if p.tier is None else s.inputs.apply(p, s.history)
            writer.add(partial(placement_text, p), partial(_placement_record, p, consequences),
                       partial(_placement_json, p, consequences))
        writer.close()
        if names is not None:
            names.flush()
        spool.release()
    return _decided_or(first_open, args)


def _placement_record(p: Placement, consequences: Consequences | None) -> dict[str, Any]:
    from tipranking.formats.records import placement_record

    return placement_record(p, consequences)


def _placement_json(p: Placement, consequences: Consequences | None, ensure_ascii: bool, indent: int | None) -> str:
    from tipranking.formats.records import placement_json

    return placement_json(p, consequences, ensure_ascii=ensure_ascii, indent=indent)


def _decided_or(first_open: str | None, args: argparse.Namespace) -> int:
    if first_open is not None and args.require_decided:
        out_of_band = sys.stdout
        out_of_band.flush()
        _error(f"{first_open} (--require-decided)")
        return EXIT_UNDECIDED
    return 0


def _cmd_consequences(args: argparse.Namespace, out: TextIO) -> int:
    from tipranking.formats.assessments import PlacementRecord, Submission, located_consequence_inputs
    from tipranking.formats.records import CONSEQUENCES, consequences_json, consequences_record
    from tipranking.placing import place

    names = _Names(args.strict_names)
    first_open = None
    with _Spooled(out) as spool:
        writer = _Items(spool.out, args.format, CONSEQUENCES, ascii_only=spool.ascii)
        for where, item in located_consequence_inputs(args.file, max_bytes=args.max_input_bytes,
                                                      input_format=args.input_format):
            names(item, where)
            result: Consequences | Placement
            if isinstance(item, Submission):
                p = place(item.assessment, item.history)
                if p.tier is None:
                    if first_open is None:
                        first_open = _undecided_line(where, p)
                    result = p
                else:
                    result = item.inputs.apply(p, item.history)
            else:
                assert isinstance(item, PlacementRecord)
                result = item.inputs.apply((item.country, item.report_year, item.tier), item.history)
            writer.add(partial(_consequences_text, result), partial(consequences_record, result),
                       partial(_encoded, consequences_json, result))
        writer.close()
        names.flush()
        spool.release()
    return _decided_or(first_open, args)


def _encoded(encode: Callable[..., str], result: object, ensure_ascii: bool, indent: int | None) -> str:
    return encode(result, ensure_ascii=ensure_ascii, indent=indent)


def _consequences_text(result: Consequences | Placement) -> str:
    from tipranking.consequences import Consequences
    from tipranking.formats.render import consequences_text
    from tipranking.tiers import describe

    if isinstance(result, Consequences):
        return consequences_text(result)
    fields = ", ".join(d.field for d in result.deciding)
    return (f"{result.country} ({result.report_year} report, {describe(result.possible_tiers)}): consequences not "
            f"decided: the tier depends on {fields}")


def _statute(args: argparse.Namespace) -> Statute | None:
    from tipranking.statute import statute_named

    return statute_named(args.statute) if args.statute else None


def _read_histories(args: argparse.Namespace, path: str | None) -> Mapping[str, History]:
    """The bundled record, or the placement file named on the command line (its reading notes go to stderr)."""
    from tipranking.data import placements
    from tipranking.formats.placements import read_placements_csv

    if path is None:
        return placements()
    table = read_placements_csv(path, keep_unknown_names=args.keep_unknown_names, gaps=args.gaps,
                                max_bytes=args.max_input_bytes)
    for note in table.notes():
        print(f"tipranking: note: {one_line(note)}", file=sys.stderr)
    return table


def _input_dict(histories: Mapping[str, History]) -> dict[str, Any]:
    from tipranking.formats.placements import PlacementTable

    if not isinstance(histories, PlacementTable):
        return {"source": "bundled record", "merged_names": {}, "gaps": {}, "gap_policy": None, "kept_names": []}
    return {"source": histories.source,
            "merged_names": {m.name: list(m.spellings) for m in histories.merged_names},
            "gaps": {g.country: list(g.years) for g in histories.gaps}, "gap_policy": histories.gap_policy.value,
            "kept_names": list(histories.kept_names)}


def _cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    from tipranking.analysis.audit import audit
    from tipranking.formats.records import AUDIT_EVENT, audit_event_record, audit_record
    from tipranking.formats.render import audit_text

    version = _statute(args)
    histories = _read_histories(args, args.file)
    report = audit(histories, version)
    if args.format == "json":
        out.write(json.dumps(audit_record(report, _input_dict(histories)), indent=2,
                             ensure_ascii=_ascii_only(out)) + "\n")
    elif args.format in ("jsonl", "csv"):
        _write(out, AUDIT_EVENT, args.format, ((str, partial(audit_event_record, e)) for e in report.events))
    else:
        out.write(audit_text(report) + "\n")
    return 0


def _histories(args: argparse.Namespace) -> Mapping[str, History]:
    histories = _read_histories(args, args.file)
    wanted = _wanted(args, histories)
    return histories if wanted is None else {w: histories[w] for w in wanted}


def _wanted(args: argparse.Namespace, histories: Mapping[str, History]) -> list[str] | None:
    """The names of ``histories`` that ``--country`` chose (any known alias, or a name kept as written), each
    once; ``None`` without ``--country``."""
    from tipranking.countries import lookup

    if not getattr(args, "country", None):
        return None
    wanted = []
    for name in args.country:
        try:
            wanted.append(lookup(name).name)
        except TipRankingError:
            if name.strip() not in histories:
                raise
            wanted.append(name.strip())
    missing = [w for w in wanted if w not in histories]
    if missing:
        raise FieldError("country", missing[0], "not in the placement data")
    return list(dict.fromkeys(wanted))


def _cmd_outlook(args: argparse.Namespace, out: TextIO) -> int:
    from tipranking.analysis.outlook import outlook
    from tipranking.formats.records import OUTLOOK, outlook_record
    from tipranking.formats.render import outlook_table

    version = _statute(args)
    histories = _histories(args)
    if args.readings:
        _readings(out, args.format, histories)
        return 0
    year = _report_year(args, histories)
    outlooks = (outlook(h, year, version) for h in histories.values())
    if args.format == "text":
        out.write(outlook_table(list(outlooks)) + "\n")
    else:
        _write(out, OUTLOOK, args.format, ((str, partial(outlook_record, o)) for o in outlooks))
    return 0


def _report_year(args: argparse.Namespace, histories: Mapping[str, History]) -> int:
    """``--year``, or the report after the data: the bundled record's next, or the year after the file's latest
    (refused when the statute is not known for it)."""
    from tipranking.assessment import LAST_KNOWN_REPORT_YEAR
    from tipranking.data import latest_year

    if args.year is not None:
        year: int = args.year
        return year
    if args.file is None:
        return latest_year() + 1
    last = max(_last_year(h) for h in histories.values())
    if last >= LAST_KNOWN_REPORT_YEAR:
        raise FieldError("report_year", last, f"the file's latest report year is {last}, and the statute is "
                         f"known through the {LAST_KNOWN_REPORT_YEAR} report: there is no next report to look "
                         "at; give --year", args.file)
    return last + 1


def _readings(out: TextIO, fmt: str, histories: Mapping[str, History]) -> None:
    from tipranking.analysis.readings import reading_evidence
    from tipranking.formats.records import READING, reading_record
    from tipranking.formats.render import readings_text
    from tipranking.rules.downgrade import READINGS

    evidence = reading_evidence(histories)
    if fmt == "text":
        out.write(readings_text(READINGS, evidence) + "\n")
        return
    _write(out, READING, fmt, ((str, partial(reading_record, r, e)) for r, e in zip(READINGS, evidence, strict=True)))


def _last_year(history: History) -> int:
    return history.mentioned_years[-1]


def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    from tipranking.analysis.diff import diff
    from tipranking.formats.bills import load_bill
    from tipranking.formats.records import (
        DIFF_CHANGE,
        DIFF_CLASS,
        DIFF_MOVE,
        diff_change_record,
        diff_class_record,
        diff_move_record,
        diff_record,
    )
    from tipranking.formats.render import diff_text
    from tipranking.statute import statute_named

    if args.bill is not None and args.b is not None:
        raise _UsageError("give VERSION_B or --bill, not both")
    if args.bill is None and args.b is None:
        raise _UsageError("give VERSION_B, or --bill FILE.py for a bill that builds it")
    if args.record is not None and args.no_record:
        raise _UsageError("give --record or --no-record, not both")
    a = statute_named(args.a)
    b = load_bill(args.bill) if args.bill is not None else statute_named(args.b)
    if args.no_record:
        result = diff(a, b, report_year=args.year, record=None)
    elif args.record is None:
        result = diff(a, b, report_year=args.year)  # the bundled record
    else:
        result = diff(a, b, report_year=args.year, record=_read_histories(args, args.record))
    classes = [(str, partial(diff_class_record, result, n)) for n in range(1, len(result.classes) + 1)]
    moves = [(str, partial(diff_move_record, result, m)) for m in result.moves or ()]
    changes = [(str, partial(diff_change_record, result, c)) for c in result.not_compared]
    if args.format == "json":
        out.write(json.dumps(diff_record(result), indent=2, ensure_ascii=_ascii_only(out)) + "\n")
    elif args.format == "jsonl":  # every record, each with its own format: classes, moves, changes
        ascii_only = _ascii_only(out)
        for _, record in (*classes, *moves, *changes):
            out.write(json.dumps(record(), ensure_ascii=ascii_only) + "\n")
    elif args.format == "csv":
        table = {"classes": (DIFF_CLASS, classes), "moves": (DIFF_MOVE, moves), "changes": (DIFF_CHANGE, changes)}
        form, rows = table[args.table]
        _write(out, form, "csv", rows)
    else:
        out.write(diff_text(result) + "\n")
    return 0


def _cmd_forecast(args: argparse.Namespace, out: TextIO) -> int:
    from tipranking.analysis.forecast import forecast
    from tipranking.formats.records import FORECAST, forecast_record
    from tipranking.formats.render import forecast_table

    if args.backtest is not None:
        return _backtest(args, out)
    if args.plot is not None:
        raise _UsageError("--plot draws the backtest's reliability diagram: give --backtest too")
    version = _statute(args)
    histories = _read_histories(args, args.file)
    wanted = _wanted(args, histories)  # the forecast learns from every government, and shows these
    year = _report_year(args, histories)
    forecasts = forecast(histories, year, statute=version, countries=wanted)
    if args.format == "text":
        out.write(forecast_table(forecasts) + "\n")
    else:
        _write(out, FORECAST, args.format, ((str, partial(forecast_record, f)) for f in forecasts))
    return 0


def _backtest(args: argparse.Namespace, out: TextIO) -> int:
    from tipranking.analysis.forecast import backtest
    from tipranking.formats.records import BACKTEST_SCORE, backtest_record, backtest_score_records
    from tipranking.formats.render import backtest_text

    for option, given in (("--year", args.year), ("--country", args.country), ("--statute", args.statute)):
        if given:
            raise _UsageError(f"{option} does not apply to --backtest, which forecasts every government placed in "
                              "each report of the range under the statute in force for it")
    if args.plot is not None:
        _plot_target(args.plot)  # a bad name fails before the work
    first, last = args.backtest
    report = backtest(_read_histories(args, args.file), first, last)
    if args.plot is not None:
        _plot_reliability(report, args.plot)
    if args.format == "json":
        out.write(json.dumps(backtest_record(report), indent=2, ensure_ascii=_ascii_only(out)) + "\n")
    elif args.format in ("jsonl", "csv"):
        _write(out, BACKTEST_SCORE, args.format, ((str, partial(dict, r)) for r in backtest_score_records(report)))
    else:
        wrote = "" if args.plot is None else f"\n\nwrote {args.plot} (the reliability diagram)"
        out.write(backtest_text(report) + wrote + "\n")
    return 0


_NO_PLOT = "plotting needs matplotlib: pip install 'tipranking[plot]'"


def _plot_target(path: str) -> None:
    try:
        from tipranking.formats.plot import check_output

        check_output(path)  # asks matplotlib which formats it writes
    except ImportError as err:
        raise PlotUnavailable(f"{_NO_PLOT} ({err})") from None


def _plot_reliability(report: BacktestReport, path: str) -> None:
    try:
        from tipranking.formats.plot import plot_reliability, save

        fig = plot_reliability(report)
    except ImportError as err:
        raise PlotUnavailable(f"{_NO_PLOT} ({err})") from None
    save(fig, path)


def _cmd_plot(args: argparse.Namespace, out: TextIO) -> int:
    try:
        from tipranking.formats.plot import check_output, plot_countries, save

        target = check_output(args.output)  # asks matplotlib which formats it writes
    except ImportError as err:
        raise PlotUnavailable(f"plotting needs matplotlib: pip install 'tipranking[plot]' ({err})") from None
    version = _statute(args)
    try:
        fig = plot_countries(args.countries, statute=version)
    except ImportError as err:
        raise PlotUnavailable(f"plotting needs matplotlib: pip install 'tipranking[plot]' ({err})") from None
    save(fig, args.output)
    through = f" (a symbolic link to {target})" if os.path.islink(args.output) else ""
    out.write(f"wrote {args.output}{through}\n")
    return 0


# --------------------------------------------------------------------------- arguments


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """Argument errors raise instead of printing the usage text: the boundary prints one line."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _year(text: str) -> int:
    from tipranking.assessment import check_report_year

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a report year (got {text!r})") from None
    try:
        return check_report_year(value, "--year")
    except FieldError as err:
        raise argparse.ArgumentTypeError(f"{err.problem} (got {value})") from None


def _bytes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--max-input-bytes: not a positive number of bytes: {text!r}")
    return value


_LIMIT = ("refuse an input file larger than this many bytes (default 2 GiB, or the environment variable "
          "TIPRANKING_MAX_INPUT_BYTES)")


def _statute_help(every_year: bool = True, lead: str | None = None) -> str:
    from tipranking.statute import VERSIONS

    versions = ", ".join(v.name for v in VERSIONS)
    where = "to every year " if every_year else ""
    lead = lead or f"apply this statute version {where}instead"
    return (f"{lead} ({versions}), optionally with -RULE_ID for a rule "
            "switched off and read with +READING (tipranking outlook --readings lists them), e.g. "
            "tvpra-2019+f-every-return or tvpra-2019-waiver_available")


_FORMATS = ("text", "json", "jsonl", "csv")
_FORMAT_HELP = ("text for people; json: one document {format, items}; jsonl: one record per line; csv: one row per "
                "record (the columns of the record's table; docs/output.md)")


def _place_arguments(p_place: argparse.ArgumentParser) -> None:
    p_place.add_argument("file", nargs="?", help="assessments: a JSON file, a JSON Lines file (.jsonl), or - for "
                         "standard input (default: the bundled examples)")
    _input_options(p_place)
    p_place.add_argument("--format", choices=_FORMATS, default="text", help=_FORMAT_HELP)
    p_place.add_argument("--require-decided", action="store_true",
                         help=f"exit {EXIT_UNDECIDED}, naming the first, if a placement's tier is still open")
    p_place.add_argument("--max-input-bytes", type=_bytes, metavar="N", help=_LIMIT)
    p_place.set_defaults(run=_cmd_place)


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input-format", choices=("json", "jsonl"),
                        help="read the input as one JSON document or as JSON Lines (default: by the .jsonl suffix, "
                        "or by its first lines)")
    parser.add_argument("--strict-names", action="store_true",
                        help="refuse a country name the package does not know (default: a note on stderr, and the "
                        "assessment placed under the name given)")


def _consequences_arguments(p_cons: argparse.ArgumentParser) -> None:
    p_cons.add_argument("file", help="JSON or JSON Lines (- for standard input): assessments, or placements "
                        "{country, report_year, tier}, with optional determination, cspa and trade_exception_letter")
    _input_options(p_cons)
    p_cons.add_argument("--format", choices=_FORMATS, default="text", help=_FORMAT_HELP)
    p_cons.add_argument("--require-decided", action="store_true",
                        help=f"exit {EXIT_UNDECIDED}, naming the first, if an assessment's tier is still open")
    p_cons.add_argument("--max-input-bytes", type=_bytes, metavar="N", help=_LIMIT)
    p_cons.set_defaults(run=_cmd_consequences)


def _plot_arguments(p_plot: argparse.ArgumentParser) -> None:
    p_plot.add_argument("countries", nargs="+", metavar="COUNTRY", help="country names (any known alias)")
    p_plot.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="image file to write; the format follows its suffix, in any case: any format "
                        "matplotlib writes (.png, .svg, .pdf, .ps, .eps, .jpg, .webp, .tif...; an unknown suffix "
                        "is refused with the list). Written atomically, with the file's permission bits kept: a "
                        "failed write leaves an existing file as it was. A symbolic link is written through (the "
                        "file it points to is replaced, the link kept; a dangling link is refused); a file you may "
                        "not write, or a read-only one (no write bit, also for root), is refused")
    p_plot.add_argument("--statute", metavar="VERSION", help=_statute_help())
    p_plot.set_defaults(run=_cmd_plot)


def _audit_arguments(p_audit: argparse.ArgumentParser) -> None:
    p_audit.add_argument("file", nargs="?", help="CSV with columns report_year,country,tier and optional waiver; "
                         "tier '?' or 'unknown' for a year not known (default: the bundled placements 2001-2025)")
    p_audit.add_argument("--format", choices=_FORMATS, default="text",
                         help="json: the audit document; jsonl and csv: one audit_event record per event")
    p_audit.add_argument("--statute", metavar="VERSION", help=_statute_help())
    _file_options(p_audit, _LIMIT)
    p_audit.set_defaults(run=_cmd_audit)


def _outlook_arguments(p_outlook: argparse.ArgumentParser) -> None:
    p_outlook.add_argument("file", nargs="?", help="CSV with columns report_year,country,tier and optional waiver "
                           "(default: the bundled placements 2001-2025)")
    p_outlook.add_argument("--year", type=_year, help="the report year to look at (default: the year after the data)")
    p_outlook.add_argument("--country", action="append", help="only this country (repeatable; any known alias)")
    p_outlook.add_argument("--format", choices=_FORMATS, default="text", help=_FORMAT_HELP)
    p_outlook.add_argument("--statute", metavar="VERSION", help=_statute_help(every_year=False))
    p_outlook.add_argument("--readings", action="store_true",
                           help="list the readings of § 7107(b)(2)(F) that --statute accepts, and stop")
    _file_options(p_outlook, _LIMIT)
    p_outlook.set_defaults(run=_cmd_outlook)


def _backtest_range(text: str) -> tuple[int, int]:
    """``FIRST-LAST``: two report years, the first not after the last."""
    from tipranking.assessment import check_report_year

    first, dash, last = text.strip().partition("-")
    hint = " (give FILE before --backtest)" if any(c in text for c in "./\\") else ""
    try:
        years = (int(first), int(last)) if dash else None
    except ValueError:
        years = None
    if years is None:
        raise argparse.ArgumentTypeError(f"not a range FIRST-LAST of report years, e.g. 2012-2025 (got {text!r})"
                                         f"{hint}")
    for year in years:
        try:
            check_report_year(year, "--backtest")
        except FieldError as err:
            raise argparse.ArgumentTypeError(f"{err.problem} (got {year})") from None
    if years[0] > years[1]:
        raise argparse.ArgumentTypeError(f"the first year is after the last (got {text!r})")
    return years


def _forecast_arguments(p_forecast: argparse.ArgumentParser) -> None:
    p_forecast.add_argument("file", nargs="?", help="CSV with columns report_year,country,tier and optional waiver, "
                            "to learn from (default: the bundled placements 2001-2025)")
    p_forecast.add_argument("--year", type=_year, help="the report year to forecast (default: the year after the "
                            "data)")
    p_forecast.add_argument("--country", action="append", help="only this country (repeatable; any known alias); "
                            "the forecast still learns from every government")
    p_forecast.add_argument("--format", choices=_FORMATS, default="text", help=_FORMAT_HELP + "; with --backtest: "
                            "json the backtest document, jsonl and csv one backtest_score record per model and group")
    p_forecast.add_argument("--statute", metavar="VERSION", help=_statute_help(every_year=False, lead="bound the "
                            "forecast by this statute version instead of the one in force for the year"))
    p_forecast.add_argument("--backtest", nargs="?", const=(None, None), type=_backtest_range, metavar="FIRST-LAST",
                            help="instead, forecast each report FIRST to LAST from the reports before it only, and "
                            "score the forecasts against three baselines (default: the data's last 14 reports; give "
                            "FILE before --backtest)")
    p_forecast.add_argument("--plot", metavar="FILE.png", help="with --backtest: also write the reliability diagram "
                            "to this image file (any format matplotlib writes; needs the 'plot' extra)")
    _file_options(p_forecast, _LIMIT)
    p_forecast.set_defaults(run=_cmd_forecast)


def _diff_arguments(p_diff: argparse.ArgumentParser) -> None:
    p_diff.add_argument("a", metavar="VERSION_A", help=_statute_help(lead="the version to compare from"))
    p_diff.add_argument("b", metavar="VERSION_B", nargs="?", help="the version to compare with (or --bill)")
    p_diff.add_argument("--bill", metavar="FILE.py", help="a Python file that sets `statute` to a variant of a "
                        "real version (it is run: only files you trust)")
    p_diff.add_argument("--year", type=_year, help="the report year whose inputs are compared (default: the later "
                        "of the two versions' first report years, or the first by which every history they tell "
                        "apart can have happened)")
    p_diff.add_argument("--record", metavar="FILE.csv", help="placements to replay (columns report_year,country,"
                        "tier; default: the bundled placements 2001-2025)")
    p_diff.add_argument("--no-record", action="store_true", help="compare the versions only, replay no record")
    p_diff.add_argument("--format", choices=_FORMATS, default="text",
                        help="json: the diff document; jsonl: every class, move and change not compared, one "
                        "record per line; csv: the table chosen by --table")
    p_diff.add_argument("--table", choices=("classes", "moves", "changes"), default="classes",
                        help="with --format csv: the classes (default), the record's moves, or the changes not "
                        "compared")
    _file_options(p_diff, _LIMIT)
    p_diff.set_defaults(run=_cmd_diff)


_COMMANDS: tuple[tuple[str, str, Callable[[argparse.ArgumentParser], None]], ...] = (
    ("place", "place assessments (JSON) and explain each tier with citations", _place_arguments),
    ("consequences", "restrictions and duties that follow from placements (JSON)", _consequences_arguments),
    ("plot", "chart of tier by report year, marking waivers and forced moves (needs the 'plot' extra)",
     _plot_arguments),
    ("audit", "audit placement sequences against the statute in force each year (default: the bundled record)",
     _audit_arguments),
    ("outlook", "the tiers the statute allows each country in a report year", _outlook_arguments),
    ("diff", "every kind of case two statute versions (or a bill) place differently, and who in the record "
     "would have moved", _diff_arguments),
    ("forecast", "the chances of each tier for each government in the next report, learned from the record and "
     "bounded by the law; --backtest scores them", _forecast_arguments),
)


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser. Only the command named in ``argv`` (all of them when ``argv`` is ``None``) gets its
    arguments, so that ``tipranking --help`` loads none of the package's rules."""
    parser = _Parser(prog="tipranking", description="TVPA tier rules as code: place, explain.")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    parser.add_argument("--version", action="version", version=f"tipranking {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    named = None if argv is None else next((a for a in argv if not a.startswith("-")), "")
    for name, help_text, arguments in _COMMANDS:
        command = sub.add_parser(name, help=help_text)
        if named is None or named == name:
            arguments(command)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tipranking")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree that was never installed
        return "unknown (not installed)"


def _file_options(parser: argparse.ArgumentParser, limit: str) -> None:
    from tipranking.formats.placements import Gaps

    parser.add_argument("--keep-unknown-names", action="store_true",
                        help="keep a country name the package does not know as written (default: an error)")
    parser.add_argument("--gaps", choices=[g.value for g in Gaps], default=Gaps.UNKNOWN.value,
                        help="a year with no row inside a country's first-to-last year: unknown (default) or "
                        "absent (not covered by that report)")
    parser.add_argument("--max-input-bytes", type=_bytes, metavar="N", help=limit)


# --------------------------------------------------------------------------- the boundary


def _error(message: object) -> None:
    with contextlib.suppress(OSError, ValueError):  # stderr itself may be gone
        print(f"tipranking: error: {one_line(str(message))}", file=sys.stderr, flush=True)


def _tolerant_streams() -> None:
    """Characters the output encoding cannot show are escaped, not a crash (e.g. PYTHONIOENCODING=ascii)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _quiet_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null, so the interpreter's last flush does not fail too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 2 bad input, 3 undecided with --require-decided,
    70 a bug, 141 a closed output pipe)."""
    _tolerant_streams()
    if argv is None:
        argv = sys.argv[1:]
    parser = _parser(argv)
    try:
        args = parser.parse_args(argv)
    except _UsageError as err:
        _error(f"{err} (see tipranking --help)")
        return 2
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0
    run: Callable[[argparse.Namespace, TextIO], int] = args.run
    try:
        code = run(args, sys.stdout)
        sys.stdout.flush()
        return code
    except TipRankingError as err:
        _error(err)
        return 2
    except _UsageError as err:
        _error(f"{err} (see tipranking {args.command} --help)")
        return 2
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except Exception as err:
        if args.debug:
            raise
        _error(f"internal error ({type(err).__name__}: {err}): a bug in tipranking; please report it with the "
               "command that caused it (--debug shows the traceback)")
        return EXIT_BUG


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
