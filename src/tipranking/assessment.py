"""Input values: a country-year :class:`Assessment` and a country's placement :class:`History`.

All are frozen, slotted attrs classes. Their validators raise the package's own
:class:`~tipranking.errors.FieldError` naming the field and the bad value, so a value that
exists is well formed. What depends on the report year (a fact the statute of that year does
not have) is checked by the rule that owns it (``Rule.check_input``).
"""

from __future__ import annotations

import enum
import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from tipranking.errors import FieldError, HistoryError, ReportYearError
from tipranking.provisions import FIRST_REPORT_YEAR, LAST_KNOWN_REPORT_YEAR
from tipranking.tiers import Tier, best_first, describe

__all__ = [
    "FIRST_REPORT_YEAR",
    "LAST_KNOWN_REPORT_YEAR",
    "Assessment",
    "History",
    "Indicia",
    "MinimumStandards",
    "PartialPlacement",
    "PolicyOrPattern",
    "WaiverJustification",
    "WatchListFacts",
    "YearPlacement",
    "check_country",
    "check_report_year",
]



def check_report_year(value: object, field: str = "report_year") -> int:
    """Return ``value`` if it is a report year the package covers, else raise ReportYearError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReportYearError(field, value, "a report year must be an integer")
    if value < FIRST_REPORT_YEAR:
        raise ReportYearError(field, value, f"the first TIP Report is {FIRST_REPORT_YEAR}")
    if value > LAST_KNOWN_REPORT_YEAR:
        raise ReportYearError(field, value, f"the statute is known through the {LAST_KNOWN_REPORT_YEAR} report")
    return value


def _year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_report_year(value, attribute.name)


def _bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise FieldError(attribute.name, value, "must be true or false")


def _opt_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise FieldError(attribute.name, value, "must be true, false or null (unknown)")


def check_country(value: object, field: str = "country") -> str:
    """``value`` if an assessment or a history accepts it as a country name (a non-empty string without a lone
    surrogate); else a :class:`~tipranking.errors.FieldError` naming ``field``."""
    if not isinstance(value, str) or not value.strip():
        raise FieldError(field, value, "a country name must be a non-empty string")
    if not value.isascii() and any("\ud800" <= ch <= "\udfff" for ch in value):
        raise FieldError(field, value, "a country name with a lone surrogate is not text")
    return value


def _country(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_country(value, attribute.name)


def _instance(cls: type) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise FieldError(attribute.name, value, f"must be a {cls.__name__}")

    return check


def _opt_instance(cls: type) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, cls):
            raise FieldError(attribute.name, value, f"must be a {cls.__name__} or None")

    return check


@attrs.frozen(slots=True, cache_hash=True)
class MinimumStandards:
    """The four minimum standards of 22 U.S.C. § 7106(a)(1)-(4): is each one met?"""

    prohibits_and_punishes: bool | None = attrs.field(default=None, validator=_opt_bool)
    grave_crime_penalties: bool | None = attrs.field(default=None, validator=_opt_bool)
    deterrent_penalties: bool | None = attrs.field(default=None, validator=_opt_bool)
    serious_and_sustained_efforts: bool | None = attrs.field(default=None, validator=_opt_bool)

    @classmethod
    def all_met(cls) -> MinimumStandards:
        return cls(True, True, True, True)

    def by_number(self, number: int) -> bool | None:
        """Standard ``number`` (1-4) as the statute numbers it."""
        return (self.prohibits_and_punishes, self.grave_crime_penalties, self.deterrent_penalties,
                self.serious_and_sustained_efforts)[number - 1]


@attrs.frozen(slots=True, cache_hash=True)
class Indicia:
    """The twelve indicia of serious and sustained efforts, 22 U.S.C. § 7106(b)(1)-(12).

    Each is ``True`` (shown), ``False`` (not shown) or ``None`` (not stated). They are
    evidence for standard 4; the statute gives no formula from indicia to a tier.
    """

    law_enforcement: bool | None = attrs.field(default=None, validator=_opt_bool)
    victim_protection: bool | None = attrs.field(default=None, validator=_opt_bool)
    prevention: bool | None = attrs.field(default=None, validator=_opt_bool)
    international_cooperation: bool | None = attrs.field(default=None, validator=_opt_bool)
    extradition: bool | None = attrs.field(default=None, validator=_opt_bool)
    migration_monitoring: bool | None = attrs.field(default=None, validator=_opt_bool)
    complicit_officials: bool | None = attrs.field(default=None, validator=_opt_bool)
    non_citizen_victims: bool | None = attrs.field(default=None, validator=_opt_bool)
    partnerships: bool | None = attrs.field(default=None, validator=_opt_bool)
    self_monitoring: bool | None = attrs.field(default=None, validator=_opt_bool)
    progress: bool | None = attrs.field(default=None, validator=_opt_bool)
    demand_reduction: bool | None = attrs.field(default=None, validator=_opt_bool)

    def by_number(self, number: int) -> bool | None:
        """Indicium ``number`` (1-12) as § 7106(b) numbers it."""
        if not 1 <= number <= 12:
            raise FieldError("indicia", number, "indicia are numbered 1 to 12")
        value: bool | None = getattr(self, _indicia_names()[number - 1])
        return value

    @classmethod
    def from_numbers(cls, values: dict[int, bool | None]) -> Indicia:
        """Build from ``{number: value}``; numbers outside 1-12 raise FieldError."""
        kwargs: dict[str, bool | None] = {}
        for number, value in values.items():
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 12:
                raise FieldError("indicia", number, "indicia are numbered 1 to 12")
            kwargs[_indicia_names()[number - 1]] = value
        return cls(**kwargs)

    def stated(self) -> Iterator[tuple[int, bool]]:
        """``(number, value)`` for each indicium that is stated."""
        for number, name in enumerate(_indicia_names(), start=1):
            value = getattr(self, name)
            if value is not None:
                yield number, value


@functools.cache
def _indicia_names() -> tuple[str, ...]:
    """The indicia's attribute names, in the order § 7106(b) numbers them (the order of the fields)."""
    return tuple(f.name for f in attrs.fields(Indicia))


@attrs.frozen(slots=True, cache_hash=True)
class WatchListFacts:
    """The facts behind the Tier 2 Watch List criteria of 22 U.S.C. § 7107(b)(2)(A)(iii).

    * ``victims_very_significant_or_increasing``: criterion (I)'s number of victims is very significant or
      significantly increasing (the *absolute* number to the 2018 report, the *estimated* number from 2019).
    * ``no_evidence_of_increasing_efforts``: criterion (II).
    * ``commitments_for_next_year``: criterion (III), which existed from the 2004 to the 2018 report; leave it
      ``None`` for a statute without it.
    * ``no_proportional_concrete_actions``: from the 2019 report, criterion (I)'s second element -- "and the
      country is not taking proportional concrete actions". Unknown (``None``) unless stated; earlier
      statutes' criterion (I) has no such element and does not read it.
    """

    victims_very_significant_or_increasing: bool | None = attrs.field(validator=_opt_bool)
    no_evidence_of_increasing_efforts: bool | None = attrs.field(validator=_opt_bool)
    commitments_for_next_year: bool | None = attrs.field(default=None, validator=_opt_bool)
    no_proportional_concrete_actions: bool | None = attrs.field(default=None, validator=_opt_bool)


@attrs.frozen(slots=True, cache_hash=True)
class WaiverJustification:
    """The three elements the President must find to waive the automatic downgrade,
    22 U.S.C. § 7107(b)(2)(D)(ii)(I)-(III)."""

    written_plan: bool | None = attrs.field(validator=_opt_bool)
    plan_would_constitute_significant_efforts: bool | None = attrs.field(validator=_opt_bool)
    sufficient_resources: bool | None = attrs.field(validator=_opt_bool)

    @classmethod
    def full(cls) -> WaiverJustification:
        return cls(True, True, True)


class PolicyOrPattern(enum.Enum):
    """The five kinds of government policy or pattern of 22 U.S.C. § 7107(b)(3)(B)(i)-(v)."""

    TRAFFICKING = "trafficking"
    GOVERNMENT_FUNDED_PROGRAMS = "government_funded_programs"
    FORCED_LABOR = "forced_labor"
    SEXUAL_SLAVERY_IN_CAMPS = "sexual_slavery_in_camps"
    CHILD_SOLDIERS = "child_soldiers"

    # Each member is one object and equals only itself, so its identity is its hash: the set of an assessment's
    # kinds is hashed at C speed (Enum's own __hash__, in Python, was a fifth of the time of place()).
    __hash__ = object.__hash__

    @classmethod
    def parse(cls, value: object, field: str = "policy_or_pattern") -> PolicyOrPattern:
        if isinstance(value, PolicyOrPattern):
            return value
        for member in cls:
            if value == member.value:
                return member
        accepted = ", ".join(m.value for m in cls)
        raise FieldError(field, value, f"unknown kind of policy or pattern; accepted: {accepted}")


def _policy_set(value: Iterable[PolicyOrPattern | str]) -> frozenset[PolicyOrPattern]:
    if value.__class__ is frozenset and all(v.__class__ is PolicyOrPattern for v in value):
        return value
    if isinstance(value, str | bytes):
        raise FieldError("policy_or_pattern", value, "must be a list of kinds, not a single string")
    return frozenset(PolicyOrPattern.parse(v) for v in value)


@attrs.frozen(slots=True, cache_hash=True)
class Assessment:
    """What is found about one government for one report year.

    Every boolean fact may be ``None`` when it is not stated; :func:`tipranking.place`
    raises :class:`~tipranking.errors.MissingFactError` if the rules in force need it.
    """

    country: str = attrs.field(validator=_country)
    report_year: int = attrs.field(validator=_year)
    minimum_standards: MinimumStandards = attrs.field(validator=_instance(MinimumStandards))
    significant_efforts: bool | None = attrs.field(default=None, validator=_opt_bool)
    watch_list: WatchListFacts | None = attrs.field(default=None, validator=_opt_instance(WatchListFacts),
                                                    metadata={"absent": None})
    """Absent: the Watch List criteria are not known."""
    indicia: Indicia = attrs.field(factory=Indicia, validator=_instance(Indicia))
    provides_law_enforcement_data: bool | None = attrs.field(default=None, validator=_opt_bool)
    policy_or_pattern: frozenset[PolicyOrPattern] = attrs.field(default=frozenset(), converter=_policy_set)
    special_case: bool = attrs.field(default=False, validator=_bool)
    waiver_justification: WaiverJustification | None = attrs.field(
        default=None, validator=_opt_instance(WaiverJustification), metadata={"absent": False})
    """Absent: no waiver was sought, so none is justified (each element reads as ``False``)."""


@attrs.frozen(slots=True, order=True)
class YearPlacement:
    """A country's placement in one report, with the optional flag that a waiver was granted."""

    report_year: int = attrs.field(validator=_year)
    tier: Tier = attrs.field(validator=_instance(Tier), order=False)
    waiver: bool | None = attrs.field(default=None, validator=_opt_bool, order=False)


def _by_year(p: YearPlacement) -> int:
    return p.report_year


def _placements(value: Iterable[YearPlacement]) -> tuple[YearPlacement, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, YearPlacement):
            raise HistoryError("history", item, "each entry must be a YearPlacement")
    ordered = tuple(sorted(items, key=_by_year))
    for earlier, later in itertools.pairwise(ordered):
        if earlier.report_year == later.report_year:
            raise HistoryError("history.report_year", later.report_year, "duplicate report year")
    return ordered


def _years(value: Iterable[int]) -> frozenset[int]:
    years = frozenset(value)
    for year in years:
        check_report_year(year, "history.unknown_years")
    return years


def _tier_set(value: Iterable[Tier | str]) -> frozenset[Tier]:
    if isinstance(value, str | bytes | Tier):
        raise FieldError("tiers", value, "must be a set of tiers, not a single one")
    tiers = frozenset(Tier.parse(t, "tiers") for t in value)
    if len(tiers) < 2:
        raise FieldError("tiers", [t.value for t in best_first(tiers)],
                         "a partly known placement names at least two possible tiers")
    return tiers


@attrs.frozen(slots=True, order=True)
class PartialPlacement:
    """A report year in which the record narrows a country's placement to ``tiers`` without fixing it.

    For example a year whose Tier 1, Watch List and Tier 3 lists are known in full, but not its Tier 2
    list: a covered country on none of the three was on Tier 2 or a Special Case.
    """

    report_year: int = attrs.field(validator=_year)
    tiers: frozenset[Tier] = attrs.field(converter=_tier_set, order=False)

    @property
    def label(self) -> str:
        """``"Tier 2 or Special Case"``, ``"Tier 1, Tier 2 or Special Case"``..."""
        return describe(self.tiers)


def _partials(value: Iterable[PartialPlacement]) -> tuple[PartialPlacement, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, PartialPlacement):
            raise HistoryError("history.partial", item, "each entry must be a PartialPlacement")
    ordered = tuple(sorted(items, key=lambda p: p.report_year))
    for earlier, later in itertools.pairwise(ordered):
        if earlier.report_year == later.report_year:
            raise HistoryError("history.partial.report_year", later.report_year, "duplicate report year")
    return ordered


@attrs.frozen(slots=True, cache_hash=True)
class History:
    """A country's placements by report year.

    A report year with no entry means the country was not in that report: it is *not* a Watch
    List year, so it ends any consecutive Watch List run. The statute counts years "consecutive"
    on the list; a year off the list, for whatever reason, interrupts it. The same holds for a
    Special Case year, in which the country is on no list.

    ``unknown_years`` are years whose placement the data does not hold at all (e.g. a gap in a
    record); ``partial`` are years the data narrows to a few tiers (:class:`PartialPlacement`). Neither
    is guessed: rules that depend on them say so (see :func:`tipranking.analysis.outlook.outlook`). A partial year
    whose possible tiers include neither the Watch List nor Tier 3 is, for the rules, simply a year off
    the Watch List.
    """

    country: str = attrs.field(validator=_country)
    placements: tuple[YearPlacement, ...] = attrs.field(default=(), converter=_placements)
    unknown_years: frozenset[int] = attrs.field(default=frozenset(), converter=_years)
    partial: tuple[PartialPlacement, ...] = attrs.field(default=(), converter=_partials)

    def __attrs_post_init__(self) -> None:
        placed = {p.report_year for p in self.placements}
        narrowed = {p.report_year for p in self.partial}
        for both, what in ((self.unknown_years & placed, "both placed and unknown"),
                           (narrowed & placed, "both placed and partly known"),
                           (narrowed & self.unknown_years, "both unknown and partly known")):
            if both:
                raise HistoryError("history.unknown_years", sorted(both), f"a year cannot be {what}")

    @classmethod
    def of(cls, country: str, tiers: dict[int, Tier | str], waivers: Iterable[int] = ()) -> History:
        """Convenience constructor: ``History.of("X", {2021: "2WL", 2022: "2WL"}, waivers=[2022])``."""
        waived = set(waivers)
        return cls(country, [YearPlacement(year, Tier.parse(tier, f"history[{year}].tier"),
                                           True if year in waived else None)
                             for year, tier in tiers.items()])

    def tier_in(self, report_year: int) -> Tier | None:
        """The tier in ``report_year``, or ``None`` if the history has no (single) tier for it."""
        for entry in self.placements:
            if entry.report_year == report_year:
                return entry.tier
        return None

    def entry(self, report_year: int) -> YearPlacement | None:
        for entry in self.placements:
            if entry.report_year == report_year:
                return entry
        return None

    def partial_in(self, report_year: int) -> PartialPlacement | None:
        """The partly known placement of ``report_year``, if the history has one."""
        for entry in self.partial:
            if entry.report_year == report_year:
                return entry
        return None

    def resolve(self, values: Mapping[int, Tier | None]) -> History:
        """This history with each uncertain year of ``values`` fixed: to that tier, or for ``None`` to "no
        placement the rules tell apart" (no entry)."""
        if not values:
            return self
        extra = [YearPlacement(y, t) for y, t in values.items() if t is not None]
        return History(self.country, (*self.placements, *extra), self.unknown_years - set(values),
                       tuple(p for p in self.partial if p.report_year not in values))

    def last_known(self) -> tuple[int, frozenset[Tier]] | None:
        """The latest year about which the history says anything (a placement or a partly known one), with
        the tiers it allows there (one tier for a placement)."""
        best: tuple[int, frozenset[Tier]] | None = None
        if self.placements:
            last = self.placements[-1]
            best = (last.report_year, frozenset({last.tier}))
        if self.partial and (best is None or self.partial[-1].report_year > best[0]):
            best = (self.partial[-1].report_year, self.partial[-1].tiers)
        return best

    def before(self, report_year: int) -> History:
        """The history up to, not including, ``report_year``."""
        if ((not self.placements or self.placements[-1].report_year < report_year)
                and all(y < report_year for y in self.unknown_years)
                and (not self.partial or self.partial[-1].report_year < report_year)):
            return self
        return History(self.country, [p for p in self.placements if p.report_year < report_year],
                       {y for y in self.unknown_years if y < report_year},
                       [p for p in self.partial if p.report_year < report_year])

    def with_placement(self, report_year: int, tier: Tier, waiver: bool | None = None) -> History:
        """A new history with one more year (raises HistoryError if that year is placed)."""
        return History(self.country, (*self.placements, YearPlacement(report_year, tier, waiver)),
                       self.unknown_years - {report_year},
                       tuple(p for p in self.partial if p.report_year != report_year))

    @property
    def years(self) -> tuple[int, ...]:
        """The report years with a placement, in order."""
        return tuple(p.report_year for p in self.placements)

    @property
    def mentioned_years(self) -> tuple[int, ...]:
        """Every report year the history says anything about -- placed, unknown or partly known -- in order.

        >>> History("X", [YearPlacement(2021, Tier.TIER_2)], {2019}).mentioned_years
        (2019, 2021)
        """
        return tuple(sorted({*self.years, *self.unknown_years, *(p.report_year for p in self.partial)}))

    def mentions(self, report_year: int) -> bool:
        """Whether the history says anything about ``report_year`` (placed, unknown or partly known)."""
        return (report_year in self.unknown_years or any(p.report_year == report_year for p in self.placements)
                or self.partial_in(report_year) is not None)

    def __len__(self) -> int:
        return len(self.placements)
