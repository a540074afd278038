"""Child Soldiers Prevention Act: the child-soldier definition (22 U.S.C. § 2370c(2)), the text of the list
and its exception in force for a report (:func:`cspa_text`), a government's listing (:func:`cspa_listing`: stated,
from a bundled list, or not stated) and the restrictions on listed governments (22 U.S.C. § 2370c-1)."""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable

import attrs

from tipranking.assessment import check_report_year
from tipranking.consequences.common import FiscalYear, Restriction, Status, kind_of
from tipranking.countries import find
from tipranking.data.cspa_lists import CspaList, bundled_cspa_years, cspa_list
from tipranking.errors import FieldError
from tipranking.provisions import (
    AUTHORITIES,
    CHILD_SOLDIER_DEFINITION,
    CHILD_SOLDIER_POLICE,
    CSPA,
    CSPA_PEACEKEEPING,
    CSPA_PEACEKEEPING_EXCEPTION,
    CSPA_PROFESSIONALIZATION,
    CSPA_PROFESSIONALIZATION_LIMITED,
    CSPA_PROHIBITIONS,
    CSPA_RECRUIT_OR_USE,
    CSPA_REINSTATEMENT,
    CSPA_WAIVER,
    provision,
)
from tipranking.rules.base import Finding

__all__ = [
    "CHILD_SOLDIER",
    "ChildSoldierDefinition",
    "CspaDetermination",
    "CspaListing",
    "CspaProgram",
    "CspaText",
    "Force",
    "ListCriterion",
    "Listing",
    "ListingSource",
    "Person",
    "ProfessionalizationException",
    "Recruitment",
    "check_cspa_listed",
    "covered_programs",
    "cspa_listing",
    "cspa_restrictions",
    "cspa_text",
]

_PKO = CSPA_PEACEKEEPING.citation
_POLICE = CHILD_SOLDIER_POLICE.citation
_OR_USE = CSPA_RECRUIT_OR_USE.citation
_LIMITED = CSPA_PROFESSIONALIZATION_LIMITED.citation


def _first_year(value: object, citation: str, field: str) -> int:
    """The first report an amendment governs: ``value`` if given, else the year in the provisions table."""
    if value is None:
        return provision(citation).first_report_year
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(field, value, "must be a report year (a whole number) or None for the default "
                                       f"({provision(citation).first_report_year})")
    return value


class CspaProgram(enum.Enum):
    """The assistance and licenses § 2370c-1(a) prohibits for a listed government."""

    IMET = "imet"
    FMF = "fmf"
    EDA = "eda"
    PKO = "pko"
    DCS_LICENSES = "dcs_licenses"

    @property
    def description(self) -> str:
        return _PROGRAMS[self]


_PROGRAMS = {
    CspaProgram.IMET: f"International Military Education and Training ({AUTHORITIES['imet']})",
    CspaProgram.FMF: f"Foreign Military Financing ({AUTHORITIES['fmf']})",
    CspaProgram.EDA: f"Excess Defense Articles ({AUTHORITIES['eda']})",
    CspaProgram.PKO: f"Peacekeeping Operations ({AUTHORITIES['pko']})",
    CspaProgram.DCS_LICENSES: "licenses for direct commercial sales of military equipment",
}


def _programs(value: Iterable[CspaProgram | str]) -> frozenset[CspaProgram]:
    out = set()
    for item in value:
        if isinstance(item, CspaProgram):
            out.add(item)
            continue
        try:
            out.add(CspaProgram(item))
        except ValueError:
            raise FieldError("cspa.programs", item, f"unknown program; accepted: {[p.value for p in CspaProgram]}") \
                from None
    return frozenset(out)


def covered_programs(report_year: int, *, pko_from: int | None = None) -> tuple[CspaProgram, ...]:
    """The programs § 2370c-1(a) bars for a government on the list published with ``report_year``'s
    report, in :class:`CspaProgram` order; empty before the first list (2010).

    The 2008 text bars IMET, FMF, Excess Defense Articles and direct commercial sales licenses;
    Peacekeeping Operations (22 U.S.C. § 2348) is barred for lists from ``pko_from`` on. By default that
    is the first report year of ``22 U.S.C. § 2370c-1(a) (peacekeeping operations)`` in
    :mod:`tipranking.provisions` (2013, tagged I: the enacting act is inferred, see there).
    """
    year = check_report_year(report_year)
    pko = _first_year(pko_from, _PKO, "pko_from")
    if not CSPA_PROHIBITIONS.in_force(year):
        return ()
    return tuple(p for p in CspaProgram if p is not CspaProgram.PKO or year >= pko)


class ListCriterion(enum.Enum):
    """What the forces of a listed government do with child soldiers, in the words of § 2370c-1(a)."""

    RECRUIT_AND_USE = "recruit_and_use"
    """The 2008 text: forces "that recruit and use child soldiers"."""
    RECRUIT_OR_USE = "recruit_or_use"
    """The text from the 2019 list: forces "that recruit or use child soldiers"."""

    @property
    def words(self) -> str:
        """``"recruit and use"`` or ``"recruit or use"``."""
        return self.value.replace("_", " ")

    @property
    def citation(self) -> str:
        return (CSPA_RECRUIT_OR_USE if self is ListCriterion.RECRUIT_OR_USE else CSPA_PROHIBITIONS).citation


class ProfessionalizationException(enum.Enum):
    """What the exception of § 2370c-1(e) lets through once the President certifies that the government
    takes reasonable steps to demobilise child soldiers and that the assistance goes to programs that directly
    support the professionalisation of its military."""

    IMET_TRAINING_AND_NONLETHAL_SUPPLIES = "imet_training_and_nonlethal_supplies"
    """The 2008 text: international military education, training and nonlethal supplies, so all of IMET."""
    LISTED_INSTITUTES = "listed_institutes"
    """Today's text: IMET only through the Defense Institute of International Legal Studies or the Center for
    Civil-Military Relations, and nonlethal supplies; at most 5 years per country."""

    @property
    def covers_all_imet(self) -> bool:
        """Whether the exception lifts the IMET ban as a whole (the 2008 text) or only in part."""
        return self is ProfessionalizationException.IMET_TRAINING_AND_NONLETHAL_SUPPLIES

    @property
    def citation(self) -> str:
        return _LIMITED if self is ProfessionalizationException.LISTED_INSTITUTES else \
            CSPA_PROFESSIONALIZATION.citation

    @property
    def description(self) -> str:
        """What the exception lets through, in words (the title of its provision)."""
        return provision(self.citation).title.removeprefix("CSPA: ")


def _programs_of(instance: CspaText, attribute: attrs.Attribute[tuple[CspaProgram, ...]],
                 value: tuple[CspaProgram, ...]) -> None:
    if not value or not all(isinstance(p, CspaProgram) for p in value):
        raise FieldError(attribute.name, value, "must be a non-empty tuple of CspaProgram")


def _cspa_year(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    year = check_report_year(value, attribute.name)
    if not CSPA.in_force(year):
        raise FieldError(attribute.name, year, f"the first CSPA list was published with the "
                                               f"{CSPA.first_report_year} report")


@attrs.frozen(slots=True)
class CspaText:
    """The CSPA as it read for the list published with one report: the programs § 2370c-1(a) bars
    (:func:`covered_programs`), the list criterion (``recruit and use`` or ``recruit or use``), whether police
    and other security forces count, and what the (e) exception lets through. :func:`cspa_text` gives it."""

    report_year: int = attrs.field(validator=_cspa_year)
    programs: tuple[CspaProgram, ...] = attrs.field(validator=_programs_of)
    criterion: ListCriterion = attrs.field(validator=kind_of(ListCriterion))
    police_and_security_forces: bool = attrs.field(validator=kind_of(bool))
    exception: ProfessionalizationException = attrs.field(validator=kind_of(ProfessionalizationException))

    @property
    def wording(self) -> str:
        """Who is listed, in the words of the text in force (paraphrased around the quoted terms)."""
        forces = ("governmental armed forces, police, or other security forces" if self.police_and_security_forces
                  else "governmental armed forces")
        return (f"governments with {forces}, or government-supported armed groups (paramilitaries, militias, civil "
                f"defense forces), that {self.criterion.words} child soldiers")

    @property
    def citations(self) -> tuple[str, ...]:
        """The provisions behind this text: the prohibition, the criterion's wording, the police wording, the PKO
        ban and the (e) exception, as they apply."""
        out = [CSPA_PROHIBITIONS.citation, self.criterion.citation]
        if self.police_and_security_forces:
            out.append(_POLICE)
        if CspaProgram.PKO in self.programs:
            out.append(_PKO)
        out.append(self.exception.citation)
        return tuple(dict.fromkeys(out))


def cspa_text(report_year: int, *, pko_from: int | None = None, police_from: int | None = None,
              or_use_from: int | None = None, limited_exception_from: int | None = None) -> CspaText:
    """The CSPA text in force for the list published with ``report_year``'s report (lists exist from 2010;
    earlier years are a :class:`FieldError`).

    Each amendment's first list is a parameter, by default the year in :mod:`tipranking.provisions`:
    ``pko_from`` (Peacekeeping Operations in the ban, 2013, tagged I), ``police_from`` (police and other
    security forces, 2019, V), ``or_use_from`` ("recruit or use" for "recruit and use", 2019, tagged I: the
    amending act is inferred) and ``limited_exception_from`` (the (e) exception limited to IMET through two
    institutes, at most 5 years, 2019, tagged U: the amending act was not read).
    """
    if all(v is None or v.__class__ is int for v in (report_year, pko_from, police_from, or_use_from,
                                                     limited_exception_from)):
        return _remembered_text(report_year, pko_from, police_from, or_use_from, limited_exception_from)
    return _text(report_year, pko_from, police_from, or_use_from, limited_exception_from)


@functools.lru_cache(maxsize=256)
def _remembered_text(report_year: int, pko_from: int | None, police_from: int | None, or_use_from: int | None,
                     limited_exception_from: int | None) -> CspaText:
    """:func:`_text` remembered (an immutable value, asked for again for every listing of a year)."""
    return _text(report_year, pko_from, police_from, or_use_from, limited_exception_from)


def _text(report_year: int, pko_from: int | None, police_from: int | None, or_use_from: int | None,
          limited_exception_from: int | None) -> CspaText:
    year = check_report_year(report_year)
    if not CSPA.in_force(year):
        raise FieldError("report_year", year, f"the first CSPA list was published with the "
                                              f"{CSPA.first_report_year} report")
    police = year >= _first_year(police_from, _POLICE, "police_from")
    or_use = year >= _first_year(or_use_from, _OR_USE, "or_use_from")
    limited = year >= _first_year(limited_exception_from, _LIMITED, "limited_exception_from")
    return CspaText(year, covered_programs(year, pko_from=pko_from),
                    ListCriterion.RECRUIT_OR_USE if or_use else ListCriterion.RECRUIT_AND_USE, police,
                    ProfessionalizationException.LISTED_INSTITUTES if limited
                    else ProfessionalizationException.IMET_TRAINING_AND_NONLETHAL_SUPPLIES)


class Listing(enum.Enum):
    """Whether a government is on the CSPA list published with a report."""

    LISTED = "listed"
    NOT_LISTED = "not_listed"
    NOT_STATED = "not_stated"
    """Neither the input nor a bundled list says: the restrictions are shown as what follows *if* listed."""
    NO_LIST = "no_list"
    """No CSPA list was published with the report (before the 2010 report)."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class ListingSource(enum.Enum):
    """Where a stated listing comes from."""

    INPUT = "input"
    """Stated by the caller (``cspa_listed=``, or ``cspa.listed`` in a file)."""
    BUNDLED_LIST = "bundled_list"
    """Read from a CSPA list bundled with the package (:mod:`tipranking.data.cspa_lists`)."""


_HAS_SOURCE = (Listing.LISTED, Listing.NOT_LISTED)


def _listing_source(instance: CspaListing, attribute: attrs.Attribute[ListingSource | None],
                    value: object) -> None:
    if value is not None and not isinstance(value, ListingSource):
        raise FieldError(attribute.name, value, f"must be one of {[s.value for s in ListingSource]} or None")
    if (value is None) == (instance.status in _HAS_SOURCE):
        raise FieldError(attribute.name, value, f"a {instance.status.value} listing "
                                                f"{'needs' if value is None else 'has no'} source")


def _bundled(instance: CspaListing, attribute: attrs.Attribute[CspaList | None], value: object) -> None:
    kind_of(CspaList, optional=True)(instance, attribute, value)
    if (value is not None) != (instance.source is ListingSource.BUNDLED_LIST):
        raise FieldError(attribute.name, value, "the bundled list is given exactly when the source is bundled_list")
    if isinstance(value, CspaList) and value.report_year != instance.report_year:
        raise FieldError(attribute.name, value.report_year, f"is not the list of {instance.report_year}")


@attrs.frozen(slots=True)
class CspaListing:
    """Whether ``country``'s government is on the CSPA list of ``report_year``, and on whose word.

    ``status`` is :class:`Listing`; ``source`` says where a listed / not-listed answer comes from (``None``
    for ``not_stated`` and ``no_list``); ``bundled`` is the bundled :class:`~tipranking.data.cspa_lists.CspaList`
    it was read from (with its source), when it was; ``criterion`` is the list criterion in force (``None``
    with no list); ``note`` says more where needed (a name the package does not know, a stated listing that
    differs from the bundled list, why a listing is not stated). :func:`cspa_listing` builds one.
    """

    country: str = attrs.field(validator=kind_of(str))
    report_year: int = attrs.field(validator=lambda _i, a, v: check_report_year(v, a.name))
    status: Listing = attrs.field(validator=kind_of(Listing))
    source: ListingSource | None = attrs.field(default=None, validator=_listing_source)
    bundled: CspaList | None = attrs.field(default=None, validator=_bundled)
    criterion: ListCriterion | None = attrs.field(default=None, validator=kind_of(ListCriterion, optional=True))
    note: str | None = attrs.field(default=None, validator=kind_of(str, optional=True))

    @property
    def listed(self) -> bool | None:
        """``True`` or ``False`` when stated or read from a bundled list; ``None`` when not stated; ``False``
        when there was no list."""
        return {Listing.LISTED: True, Listing.NOT_LISTED: False, Listing.NO_LIST: False}.get(self.status)

    @property
    def summary(self) -> str:
        """The listing in words, for the text output: status, and where it comes from."""
        if self.status is Listing.NO_LIST:
            return f"no list: the first CSPA list was published with the {CSPA.first_report_year} report"
        if self.status is Listing.NOT_STATED:
            return f"not stated: {self.note}" if self.note else "not stated"
        if self.bundled is not None:
            where = f"from the bundled {self.bundled.report_year} CSPA list ({self.bundled.file})"
        else:
            where = "as stated in the input"
        return f"{self.status.label}, {where}" + (f"; {self.note}" if self.note else "")


def check_cspa_listed(listed: object, report_year: int, field: str = "cspa.listed") -> bool | None:
    """``listed`` if it is ``True``, ``False`` or ``None`` (not stated) and fits ``report_year``; a
    :class:`FieldError` naming ``field`` otherwise (not a boolean, or ``True`` for a report before the first
    CSPA list)."""
    if listed is not None and not isinstance(listed, bool):
        raise FieldError(field, listed, "must be true, false or null (not stated)")
    year = check_report_year(report_year)
    if listed is True and not CSPA.in_force(year):
        raise FieldError(field, listed, f"no CSPA list was published with the {year} report (the first came with "
                                        f"the {CSPA.first_report_year} report)")
    return listed


def cspa_listing(country: str, report_year: int, listed: bool | None = None, *,
                 or_use_from: int | None = None) -> CspaListing:
    """Whether ``country``'s government is on the CSPA list published with ``report_year``'s report.

    ``listed`` ``True`` or ``False`` states it (source ``input``). ``None`` (not stated) consults the CSPA
    lists bundled with the package (:func:`~tipranking.data.cspa_lists.cspa_lists`: 2019, 2022, 2023): a
    government on the year's list is ``listed``, one absent from it is ``not_listed`` (each bundled list is
    complete), both with source ``bundled_list``. For any other year the listing is ``not_stated``. Before
    the first list (2010) it is ``no_list``, and ``listed=True`` is an error. ``or_use_from`` is passed to
    :func:`cspa_text` for the list criterion.
    """
    if not isinstance(country, str):
        raise FieldError("country", country, "must be a string")
    stated = check_cspa_listed(listed, report_year)
    year = report_year
    if not CSPA.in_force(year):
        return CspaListing(country, year, Listing.NO_LIST)
    criterion = cspa_text(year, or_use_from=or_use_from).criterion
    bundled = cspa_list(year)
    known = find(country)
    name = known.name if known is not None else country
    if stated is not None:
        note = None
        if bundled is not None and known is not None and bundled.has(country) != stated:
            on = "has" if bundled.has(country) else "does not have"
            note = f"differs from the bundled {year} CSPA list, which {on} {name}"
        return CspaListing(country, year, Listing.LISTED if stated else Listing.NOT_LISTED, ListingSource.INPUT,
                           criterion=criterion, note=note)
    if bundled is not None:
        note = None if known is not None else (f"{country!r} is not a name the package knows: check its spelling, "
                                               "or state the listing (cspa.listed)")
        return CspaListing(country, year, Listing.LISTED if bundled.has(country) else Listing.NOT_LISTED,
                           ListingSource.BUNDLED_LIST, bundled, criterion, note)
    years = ", ".join(str(y) for y in bundled_cspa_years())
    return CspaListing(country, year, Listing.NOT_STATED, criterion=criterion,
                       note=f"no CSPA list of {year} is bundled (bundled: {years}) and the input does not say "
                            "(cspa.listed)")


@attrs.frozen(slots=True)
class CspaDetermination:
    """What the President determined for one listed government.

    ``waived``: programs covered by a national-interest waiver (§ 2370c-1(c)); ``reinstated``: the
    reinstatement certification of (d) was made; ``professionalization_exception``: the certification of the
    (e) exception was made, which under the 2008 text lets all of IMET through (``excepted``) and under
    today's text only IMET through two named institutes (``partly_excepted``; see :class:`CspaText`);
    ``pko_exception``: the (f) programs that the Peacekeeping Operations ban does not cover
    (professionalisation, security-sector reform, human rights, peacekeeping preparation, demobilisation of
    child soldiers).

    The CSPA prohibitions apply by force of law for the fiscal year after the list; a determination is
    what lifts them. No determination therefore means every covered program is barred.
    """

    waived: frozenset[CspaProgram] = attrs.field(default=frozenset(), converter=_programs)
    reinstated: bool = False
    professionalization_exception: bool = False
    pko_exception: bool = False

    def check(self, report_year: int, *, pko_from: int | None = None) -> CspaDetermination:
        """``self`` if it fits the text in force for the list of ``report_year``; otherwise a
        :class:`FieldError`: a PKO waiver or the PKO exception for a list before the PKO ban
        (``pko_from``, see :func:`covered_programs`) has nothing to act on."""
        covered = covered_programs(report_year, pko_from=pko_from)
        if CspaProgram.PKO not in covered:
            first = _first_year(pko_from, _PKO, "pko_from")
            why = (f"the Peacekeeping Operations ban ({AUTHORITIES['pko']}) governs CSPA lists from the {first} "
                   f"report; the {report_year} list has none")
            if CspaProgram.PKO in self.waived:
                raise FieldError("cspa.waived", CspaProgram.PKO.value, f"{why} to waive")
            if self.pko_exception:
                raise FieldError("cspa.pko_exception", True, f"{why}, so no (f) exception")
        return self


def _listing_status(listed: object, report_year: int) -> Listing:
    if isinstance(listed, CspaListing):
        if listed.report_year != report_year:
            raise FieldError("cspa.listing", listed.report_year, f"is the listing of another report than "
                                                                 f"{report_year}")
        return listed.status
    stated = check_cspa_listed(listed, report_year)
    if not CSPA.in_force(report_year):
        return Listing.NO_LIST
    return Listing.NOT_STATED if stated is None else Listing.LISTED if stated else Listing.NOT_LISTED


def cspa_restrictions(listed: bool | CspaListing | None, report_year: int,
                      determination: CspaDetermination | None = None, *, pko_from: int | None = None,
                      limited_exception_from: int | None = None) -> tuple[Restriction, ...]:
    """The § 2370c-1(a) restrictions for a government on the CSPA list published with ``report_year``'s
    report, for the following fiscal year: one per program of :func:`covered_programs` (``pko_from`` as
    there).

    ``listed`` is ``True`` / ``False``, ``None`` (not stated) or a :class:`CspaListing`. Not listed, or no
    list that year: empty. Listed: the prohibitions apply by force of law, so with no ``determination`` each
    is ``applies``. Not stated: each restriction that would apply has status ``if_listed`` -- what follows if
    the government is on the list -- never an empty answer.

    The (e) exception (``professionalization_exception``) follows the text in force (:func:`cspa_text`,
    ``limited_exception_from`` as there): under the 2008 text IMET is ``excepted``; under today's text only
    IMET through two named institutes is, so IMET is ``partly_excepted``. A determination that waives PKO, or
    claims the (f) exception, for a list before the PKO ban raises a :class:`FieldError` (see
    :meth:`CspaDetermination.check`).
    """
    if determination is not None and not isinstance(determination, CspaDetermination):
        raise FieldError("cspa", determination, "must be a CspaDetermination or None")
    status_of_listing = _listing_status(listed, report_year)
    if status_of_listing in (Listing.NOT_LISTED, Listing.NO_LIST):
        return ()
    text = cspa_text(report_year, pko_from=pko_from, limited_exception_from=limited_exception_from)
    d = (determination if determination is not None else CspaDetermination()).check(report_year, pko_from=pko_from)
    fiscal_year = FiscalYear.following_report(report_year)
    if_listed = (f"applies only if the government is on the {report_year} CSPA list, which is not stated: then "
                 f"barred for {fiscal_year} unless waived")
    out = []
    for program in text.programs:
        status, ground, note, cite = Status.APPLIES, None, None, CSPA_PROHIBITIONS.citation
        if d.reinstated:
            status, cite = Status.NOT_APPLICABLE, CSPA_REINSTATEMENT.citation
            note = "assistance reinstated on certification"
        elif program in d.waived:
            status, ground, cite = Status.WAIVED, "national_interest", CSPA_WAIVER.citation
        elif program is CspaProgram.IMET and d.professionalization_exception:
            cite = text.exception.citation
            if text.exception.covers_all_imet:
                status = Status.EXCEPTED
                note = ("the 2008 text of (e) lets IMET, training and nonlethal supplies through for programs that "
                        "directly support the professionalisation of the military")
            else:
                status = Status.PARTLY_EXCEPTED
                note = ("excepted only for IMET through the Defense Institute of International Legal Studies or the "
                        "Center for Civil-Military Relations (and nonlethal supplies); any other IMET stays "
                        "barred; at most 5 years per country")
        elif program is CspaProgram.PKO:
            note = ("programs for professionalisation, security-sector reform, human rights, peacekeeping "
                    "preparation or demobilisation of child soldiers are not covered (§ 2370c-1(f))")
            if d.pko_exception:
                status, cite = Status.EXCEPTED, CSPA_PEACEKEEPING_EXCEPTION.citation
        if status_of_listing is Listing.NOT_STATED and status is Status.APPLIES:
            status = Status.IF_LISTED
            note = if_listed if note is None else f"{if_listed}; {note}"
        out.append(Restriction(program.value, program.description, status, fiscal_year, provision(cite).citation,
                               ground, note))
    return tuple(out)


class Force(enum.Enum):
    GOVERNMENT = "government"
    """Governmental armed forces."""
    POLICE_OR_SECURITY = "police_or_security"
    """Police or other security forces of a government: counted with its armed forces in the wording of
    § 2370c(2) from the 2019 report (Pub. L. 115-425), not before."""
    NON_STATE = "non_state"
    """Armed forces distinct from the armed forces of a state."""


class Recruitment(enum.Enum):
    NONE = "none"
    COMPULSORY = "compulsory"
    VOLUNTARY = "voluntary"


def _age(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 130:
        raise FieldError("age", value, "must be a whole number of years")


def _force(instance: object, attribute: attrs.Attribute[Force], value: object) -> None:
    if not isinstance(value, Force):
        raise FieldError("force", value, f"must be a Force: one of {[f.value for f in Force]}")


@attrs.frozen(slots=True)
class Person:
    """A described person: age, which force, whether recruited (and how), direct part in hostilities,
    use in hostilities, and role (support roles -- cook, porter, messenger, medic, guard, sex slave --
    count for cases (ii)-(iv))."""

    age: int = attrs.field(validator=_age)
    force: Force = attrs.field(validator=_force)
    recruitment: Recruitment = Recruitment.NONE
    direct_part_in_hostilities: bool = False
    used_in_hostilities: bool = False
    role: str | None = None


def _flag(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise FieldError(attribute.name, value, "must be true or false")


@attrs.frozen(slots=True)
class ChildSoldierDefinition:
    """22 U.S.C. § 2370c(2): the four cases of a child soldier.

    ``police_and_security_forces`` says which wording: ``True`` (the current text, from the 2019 report)
    counts a government's police and other security forces with its armed forces in cases (i)-(iii);
    ``False`` (the 2008 text) counts its armed forces only. :data:`CHILD_SOLDIER` is the current text;
    :meth:`for_report` gives the wording in force for a report year.
    """

    police_and_security_forces: bool = attrs.field(default=True, validator=_flag)

    @classmethod
    def for_report(cls, report_year: int, *, police_from: int | None = None) -> ChildSoldierDefinition:
        """The definition in force for the CSPA list of ``report_year`` (lists exist from 2010).

        ``police_from`` is the first report whose list the "police or other security forces" wording
        governs; by default the year in :mod:`tipranking.provisions` (2019).
        """
        year = check_report_year(report_year)
        first = _first_year(police_from, _POLICE, "police_from")
        if not CHILD_SOLDIER_DEFINITION.in_force(year):
            raise FieldError("report_year", year, "the CSPA definition governs lists from the "
                                                  f"{CHILD_SOLDIER_DEFINITION.first_report_year} report")
        return cls(year >= first)

    @property
    def citation(self) -> str:
        return CHILD_SOLDIER_DEFINITION.citation

    @property
    def wording(self) -> str:
        """``"2019"`` (armed forces, police or other security forces) or ``"2008"`` (armed forces only)."""
        return "2019" if self.police_and_security_forces else "2008"

    def _counted(self, force: Force) -> bool:
        """Whether ``force`` counts as governmental forces for cases (i)-(iii)."""
        return force is Force.GOVERNMENT or (force is Force.POLICE_OR_SECURITY and self.police_and_security_forces)

    def cases(self, person: Person) -> tuple[str, ...]:
        """Which of the cases (i)-(iv) apply to ``person``."""
        found = []
        gov = self._counted(person.force)
        if gov and person.age < 18 and person.direct_part_in_hostilities:
            found.append("(i)")
        if gov and person.age < 18 and person.recruitment is Recruitment.COMPULSORY:
            found.append("(ii)")
        if gov and person.age < 15 and person.recruitment is Recruitment.VOLUNTARY:
            found.append("(iii)")
        if (person.force is Force.NON_STATE and person.age < 18
                and (person.recruitment is not Recruitment.NONE or person.used_in_hostilities)):
            found.append("(iv)")
        return tuple(found)

    def apply(self, person: Person) -> Finding:
        cases = self.cases(person)
        role = f" as {person.role}" if person.role else ""
        if cases:
            reason = (f"a child soldier under case(s) {', '.join(cases)}: aged {person.age}{role}"
                      + ("; any capacity counts, support roles included" if set(cases) - {"(i)"} else ""))
        elif person.force is Force.POLICE_OR_SECURITY and not self.police_and_security_forces:
            reason = (f"not a child soldier under the 2008 wording, which counts governmental armed forces only "
                      f"(aged {person.age}{role}); police and other security forces count only in the wording "
                      f"of {provision(_POLICE).enacted_by}")
        else:
            reason = f"not a child soldier under any of the four cases (aged {person.age}{role})"
        return Finding("child_soldier", self.citation, bool(cases), reason)


CHILD_SOLDIER = ChildSoldierDefinition()
"""The definition of 22 U.S.C. § 2370c(2) in its current text (police and other security forces count) as a
value: ``CHILD_SOLDIER.cases(person)`` names the cases that apply, ``CHILD_SOLDIER.apply(person)`` returns a
:class:`~tipranking.rules.base.Finding`. Also importable as ``tipranking.consequences.CHILD_SOLDIER``."""
