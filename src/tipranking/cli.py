"""The ``tipranking`` command. Thin: parse arguments, call the API, format the output.

Bad input prints one line to stderr and exits 2, with nothing on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from importlib import resources

from tipranking.engine import place
from tipranking.errors import TipRankingError
from tipranking.io import loads_assessments, read_assessments
from tipranking.render import placement_dict, placement_text

__all__ = ["main"]


def _cmd_place(args: argparse.Namespace) -> str:
    if args.file is None:
        text = resources.files("tipranking").joinpath("data/examples.json").read_text(encoding="utf-8")
        submissions = loads_assessments(text, "bundled examples.json")
    else:
        submissions = read_assessments(args.file)
    placements = [place(s.assessment, s.history) for s in submissions]
    if args.format == "json":
        return json.dumps([placement_dict(p) for p in placements], indent=2, ensure_ascii=False)
    return "\n\n".join(placement_text(p) for p in placements)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tipranking", description="TVPA tier rules as code: place, explain.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_place = sub.add_parser("place", help="place assessments (JSON) and explain each tier with citations")
    p_place.add_argument("file", nargs="?", help="assessment JSON file (default: the bundled examples)")
    p_place.add_argument("--format", choices=("text", "json"), default="text")
    p_place.set_defaults(run=_cmd_place)
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
