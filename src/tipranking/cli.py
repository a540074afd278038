"""The ``tipranking`` command. Thin: parse arguments, call the API, format the output.

Bad input prints one line to stderr and exits 2, with nothing on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from importlib import resources

from tipranking.assessment import History, check_report_year
from tipranking.audit import audit, outlook
from tipranking.countries import lookup
from tipranking.data import latest_year, placements
from tipranking.engine import place
from tipranking.errors import FieldError, TipRankingError
from tipranking.io import Submission, loads_assessments, read_assessments, read_consequence_inputs, read_placements_csv
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
)
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


def _cmd_audit(args: argparse.Namespace) -> str:
    report = audit(read_placements_csv(args.file), _statute(args))
    if args.format == "json":
        return json.dumps(audit_dict(report), indent=2, ensure_ascii=False)
    return audit_text(report)


def _histories(args: argparse.Namespace) -> dict[str, History]:
    histories = placements() if args.file is None else read_placements_csv(args.file)
    if getattr(args, "country", None):
        wanted = [lookup(name).name for name in args.country]
        by_canonical = {}
        for name, history in histories.items():
            try:
                by_canonical[lookup(name).name] = history
            except TipRankingError:
                continue
        missing = [w for w in wanted if w not in by_canonical]
        if missing:
            raise FieldError("country", missing[0], "not in the placement data")
        histories = {w: by_canonical[w] for w in wanted}
    return histories


def _cmd_outlook(args: argparse.Namespace) -> str:
    histories = _histories(args)
    year = args.year if args.year is not None else (latest_year() + 1 if args.file is None else
                                                    max(y for h in histories.values() for y in h.years) + 1)
    check_report_year(year, "--year")
    version = _statute(args)
    outlooks = [outlook(h, year, version) for h in histories.values()]
    if args.format == "json":
        return json.dumps([outlook_dict(o) for o in outlooks], indent=2, ensure_ascii=False)
    if args.format == "csv":
        return outlook_csv(outlooks)
    return outlook_table(outlooks)


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
    versions = [v.name for v in VERSIONS]
    p_plot = sub.add_parser("plot", help="chart of tier by report year, marking waivers and forced moves "
                            "(needs the 'plot' extra)")
    p_plot.add_argument("countries", nargs="+", metavar="COUNTRY", help="country names (any known alias)")
    p_plot.add_argument("-o", "--output", required=True, help="image file to write (.png, .svg, .pdf)")
    p_plot.add_argument("--statute", choices=[v.name for v in VERSIONS], help="audit every year under this version")
    p_plot.set_defaults(run=_cmd_plot)
    p_audit = sub.add_parser("audit", help="audit placement sequences (CSV) against the statute in force each year")
    p_audit.add_argument("file", help="CSV with columns report_year,country,tier and optional waiver")
    p_audit.add_argument("--format", choices=("text", "json"), default="text")
    p_audit.add_argument("--statute", choices=versions, help="apply this statute version to every year instead")
    p_audit.set_defaults(run=_cmd_audit)
    p_outlook = sub.add_parser("outlook", help="the tiers the statute allows each country in a report year")
    p_outlook.add_argument("file", nargs="?", help="CSV with columns report_year,country,tier and optional waiver "
                           "(default: the bundled placements 2001-2025)")
    p_outlook.add_argument("--year", type=_year, help="the report year to look at (default: the year after the data)")
    p_outlook.add_argument("--country", action="append", help="only this country (repeatable; any known alias)")
    p_outlook.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p_outlook.add_argument("--statute", choices=versions, help="use this statute version instead of the one in force")
    p_outlook.set_defaults(run=_cmd_outlook)
    return parser


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
