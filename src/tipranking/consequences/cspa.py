"""Child Soldiers Prevention Act: the child-soldier definition (22 U.S.C. § 2370c(2)) and the
restrictions on listed governments (22 U.S.C. § 2370c-1)."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from tipranking.assessment import check_report_year
from tipranking.consequences.common import FiscalYear, Restriction, Status
from tipranking.errors import FieldError
from tipranking.provisions import (
    AUTHORITIES,
    CHILD_SOLDIER_DEFINITION,
    CHILD_SOLDIER_POLICE,
    CSPA_PEACEKEEPING,
    CSPA_PEACEKEEPING_EXCEPTION,
    CSPA_PROFESSIONALIZATION,
    CSPA_PROHIBITIONS,
    CSPA_REINSTATEMENT,
    CSPA_WAIVER,
    provision,
)
from tipranking.rules.base import Finding

__all__ = [
    "CHILD_SOLDIER",
    "ChildSoldierDefinition",
    "CspaDetermination",
    "CspaProgram",
    "Force",
    "Person",
    "Recruitment",
    "covered_programs",
    "cspa_restrictions",
]

_PKO = CSPA_PEACEKEEPING.citation
_POLICE = CHILD_SOLDIER_POLICE.citation


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


@attrs.frozen(slots=True)
class CspaDetermination:
    """What the President determined for one listed government.

    ``waived``: programs covered by a national-interest waiver (§ 2370c-1(c)); ``reinstated``: the
    reinstatement certification of (d) was made; ``professionalization_exception``: the (e) exception for
    IMET through the listed institutes and nonlethal supplies; ``pko_exception``: the (f) programs that
    the Peacekeeping Operations ban does not cover (professionalisation, security-sector reform, human
    rights, peacekeeping preparation, demobilisation of child soldiers).

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


def cspa_restrictions(listed: bool, report_year: int, determination: CspaDetermination | None = None, *,
                      pko_from: int | None = None) -> tuple[Restriction, ...]:
    """The § 2370c-1(a) restrictions for a government on (``listed``) the CSPA list published with
    ``report_year``'s report, for the following fiscal year: one per program of
    :func:`covered_programs` (``pko_from`` as there). Empty if not listed or before the list existed.

    The prohibitions apply by force of law, so with no ``determination`` each is ``applies``. A
    determination that waives PKO, or claims the (f) exception, for a list before the PKO ban raises a
    :class:`FieldError` (see :meth:`CspaDetermination.check`).
    """
    if not isinstance(listed, bool):
        raise FieldError("cspa.listed", listed, "must be true or false")
    if determination is not None and not isinstance(determination, CspaDetermination):
        raise FieldError("cspa", determination, "must be a CspaDetermination or None")
    programs = covered_programs(report_year, pko_from=pko_from)
    if not listed or not programs:
        return ()
    d = (determination if determination is not None else CspaDetermination()).check(report_year, pko_from=pko_from)
    fiscal_year = FiscalYear.following_report(report_year)
    out = []
    for program in programs:
        status, ground, note, cite = Status.APPLIES, None, None, CSPA_PROHIBITIONS.citation
        if d.reinstated:
            status, cite = Status.NOT_APPLICABLE, CSPA_REINSTATEMENT.citation
            note = "assistance reinstated on certification"
        elif program in d.waived:
            status, ground, cite = Status.WAIVED, "national_interest", CSPA_WAIVER.citation
        elif program is CspaProgram.IMET and d.professionalization_exception:
            status, cite = Status.EXCEPTED, CSPA_PROFESSIONALIZATION.citation
            note = "only IMET through the listed institutes and nonlethal supplies; at most 5 years per country"
        elif program is CspaProgram.PKO:
            note = ("programs for professionalisation, security-sector reform, human rights, peacekeeping "
                    "preparation or demobilisation of child soldiers are not covered (§ 2370c-1(f))")
            if d.pko_exception:
                status, cite = Status.EXCEPTED, CSPA_PEACEKEEPING_EXCEPTION.citation
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
