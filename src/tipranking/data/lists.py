"""Published lists of one report -- tier lists, the CSPA list, the "policy or pattern" governments --
loaded from CSV with validation that catches the defects web copies of the report have.

File format (UTF-8 CSV): ``list,name`` and optionally ``seed_line,resolution,note``. ``list`` is one of
``tier_1, tier_2, tier_2_watch_list, tier_3, special_case, cspa, policy_or_pattern``. ``resolution``
records a correction taken on a defective source row -- ``drop`` or ``rename:<name>`` -- and then
``note`` must say why. Validation (on every file, bundled or not):

* every name must resolve to a known government (an unknown name, e.g. a typo such as "Tongo", is an
  error naming the line and suggesting the closest names);
* a government may appear on only one tier list: a double listing is an error naming both tiers and
  both lines;
* a name listed twice on the same list is an error.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

import attrs

from tipranking.countries import lookup
from tipranking.errors import DataError, FieldError, ParseError, TipRankingError
from tipranking.tiers import Tier

__all__ = ["LIST_TIERS", "ListsError", "ReportLists", "parse_lists"]

LIST_TIERS: Mapping[str, Tier] = {
    "tier_1": Tier.TIER_1,
    "tier_2": Tier.TIER_2,
    "tier_2_watch_list": Tier.TIER_2_WATCH_LIST,
    "tier_3": Tier.TIER_3,
    "special_case": Tier.SPECIAL_CASE,
}
"""The tier lists a lists file may name in its ``list`` column and the tier each stands for. The other accepted
lists are ``cspa`` and ``policy_or_pattern``."""
_OTHER = ("cspa", "policy_or_pattern")


@attrs.frozen(slots=True)
class ReportLists:
    """One report's lists, by canonical government name."""

    report_year: int
    tiers: tuple[tuple[str, Tier], ...]
    cspa: frozenset[str]
    policy_or_pattern: frozenset[str]
    resolutions: tuple[str, ...] = ()

    def tier_of(self, country: str) -> Tier | None:
        name = lookup(country).name
        return dict(self.tiers).get(name)

    def tier_map(self) -> dict[str, Tier]:
        return dict(self.tiers)

    def governments(self) -> frozenset[str]:
        return frozenset(name for name, _ in self.tiers)


def parse_lists(text: str, report_year: int, name: str = "<lists>", *, apply_resolutions: bool = True) -> ReportLists:
    """Parse and validate a lists file (see the module docs). ``apply_resolutions=False`` ignores the
    ``resolution`` column, which shows the defects of the source as it is."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise ParseError(f"{name}: the file is empty")
    missing = [c for c in ("list", "name") if c not in reader.fieldnames]
    if missing:
        raise ParseError(f"{name}: line 1: missing column(s) {', '.join(missing)}")
    tiers: dict[str, tuple[Tier, int]] = {}
    others: dict[str, dict[str, int]] = {key: {} for key in _OTHER}
    resolutions: list[str] = []
    problems: list[TipRankingError] = []
    for row in reader:
        try:
            _row(row, reader.line_num, name, apply_resolutions, tiers, others, resolutions)
        except TipRankingError as err:
            problems.append(err)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ListsError(problems)
    return ReportLists(report_year, tuple(sorted((g, t) for g, (t, _) in tiers.items())),
                       frozenset(others["cspa"]), frozenset(others["policy_or_pattern"]), tuple(resolutions))


class ListsError(DataError):
    """Several problems in one lists file; ``problems`` holds each, in file order."""

    def __init__(self, problems: list[TipRankingError]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{len(problems)} problems: " + " | ".join(str(p) for p in problems))


def _row(row: dict[str, str | None], line: int, name: str, apply_resolutions: bool,
         tiers: dict[str, tuple[Tier, int]], others: dict[str, dict[str, int]], resolutions: list[str]) -> None:
    where = f"{name}: line {line}"
    kind = (row.get("list") or "").strip()
    raw = (row.get("name") or "").replace("\u00a0", " ").strip()
    resolution = (row.get("resolution") or "").strip() if apply_resolutions else ""
    if resolution:
        note = (row.get("note") or "").strip()
        if not note:
            raise DataError(f"{where}: resolution {resolution!r} needs a note giving its reason")
        if resolution == "drop":
            resolutions.append(f"line {line}: dropped {raw!r} from {kind}: {note}")
            return
        if resolution.startswith("rename:") and resolution[7:].strip():
            new = resolution[7:].strip()
            resolutions.append(f"line {line}: read {raw!r} as {new!r}: {note}")
            raw = new
        else:
            raise DataError(f"{where}: resolution: {resolution!r} is neither 'drop' nor 'rename:<name>'")
    try:
        government = lookup(raw).name
    except FieldError as err:
        raise err.located(where) from None
    if kind in LIST_TIERS:
        tier = LIST_TIERS[kind]
        if government in tiers:
            other, other_line = tiers[government]
            if other is tier:
                raise DataError(f"{where}: {government} is listed twice on {tier.label} (also line {other_line})")
            raise DataError(f"{where}: {government} is listed under both {other.label} (line {other_line}) "
                            f"and {tier.label} (line {line})")
        tiers[government] = (tier, line)
    elif kind in others:
        if government in others[kind]:
            raise DataError(f"{where}: {government} is listed twice on {kind} (also line {others[kind][government]})")
        others[kind][government] = line
    else:
        raise DataError(f"{where}: list: unknown list {kind!r}; accepted: "
                        f"{', '.join([*LIST_TIERS, *_OTHER])}")
