"""The ``tipranking`` command. Thin: parse arguments, call the API, format the output.

Bad input prints one line to stderr and exits 2, with nothing on stdout.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from typing import Any

from tipranking.assessment import History, check_report_year
from tipranking.audit import audit, outlook
from tipranking.countries import lookup
from tipranking.data import latest_year, placements
from tipranking.engine import place
from tipranking.errors import FieldError, TipRankingError
from tipranking.io import (
    Gaps,
    PlacementTable,
    Submission,
    loads_assessments,
    read_assessments,
    read_consequence_inputs,
    read_placements_csv,
)
from tipranking.render import (
    audit_dict,
    audit_text,
    consequences_dict,
    consequences_text,
    outlook_csv,
    outlook_dict,
    outlook_table,
    placement_dict,
    placement_text,
    readings_dict,
    readings_text,
)
from tipranking.rules.downgrade import READINGS
from tipranking.statute import VERSIONS, Statute, statute_named

__all__ = ["main"]


def _cmd_place(args: argparse.Namespace) -> str:
    if args.file is None:
        text = resources.files("tipranking").joinpath("data/examples.json").read_text(encoding="utf-8")
        submissions = loads_assessments(text, "bundled examples.json")
    else:
        submissions = read_assessments(args.file)
    placements = [place(s.assessment, s.history) for s in submissions]
    if args.format == "json":
        items = [placement_dict(p) | {"consequences": consequences_dict(s.inputs.apply(p, s.history))}
                 for s, p in zip(submissions, placements, strict=True)]
        return json.dumps(items, indent=2, ensure_ascii=False)
    return "\n\n".join(placement_text(p) for p in placements)


def _cmd_consequences(args: argparse.Namespace) -> str:
    results = []
    for item in read_consequence_inputs(args.file):
        if isinstance(item, Submission):
            results.append(item.inputs.apply(place(item.assessment, item.history), item.history))
        else:
            results.append(item.inputs.apply((item.country, item.report_year, item.tier), item.history))
    if args.format == "json":
        return json.dumps([{"country": c.country, "report_year": c.report_year, "tier": c.tier.value,
                            "consequences": consequences_dict(c)} for c in results], indent=2, ensure_ascii=False)
    return "\n\n".join(consequences_text(c) for c in results)


def _statute(args: argparse.Namespace) -> Statute | None:
    return statute_named(args.statute) if args.statute else None


def _read_histories(args: argparse.Namespace) -> Mapping[str, History]:
    """The bundled record, or the placement file named on the command line (its reading notes go to stderr)."""
    if args.file is None:
        return placements()
    table = read_placements_csv(args.file, keep_unknown_names=args.keep_unknown_names, gaps=args.gaps)
    for note in table.notes():
        print(f"tipranking: note: {_one_line(note)}", file=sys.stderr)
    return table


def _one_line(text: str) -> str:
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _input_dict(histories: Mapping[str, History]) -> dict[str, Any]:
    if not isinstance(histories, PlacementTable):
        return {"source": "bundled record", "merged_names": {}, "gaps": {}, "gap_policy": None, "kept_names": []}
    return {"source": histories.source,
            "merged_names": {m.name: list(m.spellings) for m in histories.merged_names},
            "gaps": {g.country: list(g.years) for g in histories.gaps}, "gap_policy": histories.gap_policy.value,
            "kept_names": list(histories.kept_names)}


def _cmd_audit(args: argparse.Namespace) -> str:
    version = _statute(args)
    histories = _read_histories(args)
    report = audit(histories, version)
    if args.format == "json":
        return json.dumps(audit_dict(report) | {"input": _input_dict(histories)}, indent=2, ensure_ascii=False)
    return audit_text(report)


def _histories(args: argparse.Namespace) -> Mapping[str, History]:
    histories = _read_histories(args)
    if getattr(args, "country", None):
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
        histories = {w: histories[w] for w in wanted}
    return histories


def _cmd_outlook(args: argparse.Namespace) -> str:
    if args.readings:
        if args.format == "json":
            return json.dumps(readings_dict(READINGS), indent=2, ensure_ascii=False)
        if args.format == "csv":
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            rows = readings_dict(READINGS)
            writer.writerow(list(rows[0]))
            writer.writerows([list(r.values()) for r in rows])
            return out.getvalue().rstrip("\n")
        return readings_text(READINGS)
    version = _statute(args)
    histories = _histories(args)
    year = args.year if args.year is not None else (latest_year() + 1 if args.file is None else
                                                    max(_last_year(h) for h in histories.values()) + 1)
    check_report_year(year, "--year")
    outlooks = [outlook(h, year, version) for h in histories.values()]
    if args.format == "json":
        return json.dumps([outlook_dict(o) for o in outlooks], indent=2, ensure_ascii=False)
    if args.format == "csv":
        return outlook_csv(outlooks)
    return outlook_table(outlooks)


def _last_year(history: History) -> int:
    return max([*history.years, *history.unknown_years, *(p.report_year for p in history.partial)])


def _cmd_plot(args: argparse.Namespace) -> str:
    try:
        from tipranking.plot import plot_countries, save
        fig = plot_countries(args.countries, statute=_statute(args))
    except ImportError as err:
        raise PlotUnavailable(str(err)) from None
    save(fig, args.output)
    return f"wrote {args.output}"


class PlotUnavailable(TipRankingError):
    """The ``plot`` extra is not installed."""


def _year(text: str) -> int:
    try:
        return check_report_year(int(text), "--year")
    except ValueError:
        raise argparse.ArgumentTypeError(f"--year: not a report year: {text!r}") from None
    except TipRankingError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tipranking", description="TVPA tier rules as code: place, explain.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_place = sub.add_parser("place", help="place assessments (JSON) and explain each tier with citations")
    p_place.add_argument("file", nargs="?", help="assessment JSON file (default: the bundled examples)")
    p_place.add_argument("--format", choices=("text", "json"), default="text")
    p_place.set_defaults(run=_cmd_place)
    p_cons = sub.add_parser("consequences", help="restrictions and duties that follow from placements (JSON)")
    p_cons.add_argument("file", help="JSON: assessments, or placements {country, report_year, tier}, with optional "
                        "determination, cspa and trade_exception_letter")
    p_cons.add_argument("--format", choices=("text", "json"), default="text")
    p_cons.set_defaults(run=_cmd_consequences)
    versions = ", ".join(v.name for v in VERSIONS)
    statute_help = (f"apply this statute version to every year instead ({versions}), optionally read with "
                    "+READING (tipranking outlook --readings lists them), e.g. tvpra-2019+f-every-return")
    p_plot = sub.add_parser("plot", help="chart of tier by report year, marking waivers and forced moves "
                            "(needs the 'plot' extra)")
    p_plot.add_argument("countries", nargs="+", metavar="COUNTRY", help="country names (any known alias)")
    p_plot.add_argument("-o", "--output", required=True, help="image file to write (.png, .svg, .pdf)")
    p_plot.add_argument("--statute", metavar="VERSION", help=statute_help)
    p_plot.set_defaults(run=_cmd_plot)
    p_audit = sub.add_parser("audit", help="audit placement sequences against the statute in force each year "
                             "(default: the bundled record)")
    p_audit.add_argument("file", nargs="?", help="CSV with columns report_year,country,tier and optional waiver; "
                         "tier '?' or 'unknown' for a year not known (default: the bundled placements 2001-2025)")
    p_audit.add_argument("--format", choices=("text", "json"), default="text")
    p_audit.add_argument("--statute", metavar="VERSION", help=statute_help)
    _file_options(p_audit)
    p_audit.set_defaults(run=_cmd_audit)
    p_outlook = sub.add_parser("outlook", help="the tiers the statute allows each country in a report year")
    p_outlook.add_argument("file", nargs="?", help="CSV with columns report_year,country,tier and optional waiver "
                           "(default: the bundled placements 2001-2025)")
    p_outlook.add_argument("--year", type=_year, help="the report year to look at (default: the year after the data)")
    p_outlook.add_argument("--country", action="append", help="only this country (repeatable; any known alias)")
    p_outlook.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p_outlook.add_argument("--statute", metavar="VERSION", help=statute_help.replace("to every year ", ""))
    p_outlook.add_argument("--readings", action="store_true",
                           help="list the readings of § 7107(b)(2)(F) that --statute accepts, and stop")
    _file_options(p_outlook)
    p_outlook.set_defaults(run=_cmd_outlook)
    return parser


def _file_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--keep-unknown-names", action="store_true",
                        help="keep a country name the package does not know as written (default: an error)")
    parser.add_argument("--gaps", choices=[g.value for g in Gaps], default=Gaps.UNKNOWN.value,
                        help="a year with no row inside a country's first-to-last year: unknown (default) or "
                        "absent (not covered by that report)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 2 bad input)."""
    parser = _parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], str] = args.run
    try:
        output = run(args)
    except TipRankingError as err:
        print(f"tipranking: error: {err}", file=sys.stderr)
        return 2
    sys.stdout.write(output + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
