"""Child Soldiers Prevention Act: the child-soldier definition (22 U.S.C. § 2370c(2)) and the
restrictions on listed governments (22 U.S.C. § 2370c-1)."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from tipranking.consequences.common import FiscalYear, Restriction, Status
from tipranking.errors import FieldError
from tipranking.provisions import provision
from tipranking.rules.base import Finding

__all__ = [
    "CHILD_SOLDIER",
    "ChildSoldierDefinition",
    "CspaDetermination",
    "CspaProgram",
    "Force",
    "Person",
    "Recruitment",
    "cspa_restrictions",
]


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
    CspaProgram.IMET: "International Military Education and Training (22 U.S.C. § 2347)",
    CspaProgram.FMF: "Foreign Military Financing (22 U.S.C. § 2763)",
    CspaProgram.EDA: "Excess Defense Articles (22 U.S.C. § 2321j)",
    CspaProgram.PKO: "Peacekeeping Operations (22 U.S.C. § 2348)",
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


@attrs.frozen(slots=True)
class CspaDetermination:
    """What the President determined for one listed government.

    ``waived``: programs covered by a national-interest waiver (§ 2370c-1(c)); ``reinstated``: the
    reinstatement certification of (d) was made; ``professionalization_exception``: the (e) exception for
    IMET through the listed institutes and nonlethal supplies; ``pko_exception``: the (f) programs that
    the Peacekeeping Operations ban does not cover (professionalisation, security-sector reform, human
    rights, peacekeeping preparation, demobilisation of child soldiers).
    """

    waived: frozenset[CspaProgram] = attrs.field(default=frozenset(), converter=_programs)
    reinstated: bool = False
    professionalization_exception: bool = False
    pko_exception: bool = False


def cspa_restrictions(listed: bool, report_year: int, determination: CspaDetermination | None = None) -> tuple[
        Restriction, ...]:
    """The § 2370c-1(a) restrictions for a government on (``listed``) the CSPA list published with
    ``report_year``'s report, for the following fiscal year. Empty if not listed or before the list existed."""
    if not listed or not provision("22 U.S.C. § 2370c-1").in_force(report_year):
        return ()
    d = determination if determination is not None else CspaDetermination()
    fiscal_year = FiscalYear.following_report(report_year)
    out = []
    for program in CspaProgram:
        status, ground, note, cite = Status.APPLIES, None, None, "22 U.S.C. § 2370c-1(a)"
        if d.reinstated:
            status, cite = Status.NOT_APPLICABLE, "22 U.S.C. § 2370c-1(d)"
            note = "assistance reinstated on certification"
        elif program in d.waived:
            status, ground, cite = Status.WAIVED, "national_interest", "22 U.S.C. § 2370c-1(c)"
        elif program is CspaProgram.IMET and d.professionalization_exception:
            status, cite = Status.EXCEPTED, "22 U.S.C. § 2370c-1(e)"
            note = "only IMET through the listed institutes and nonlethal supplies; at most 5 years per country"
        elif program is CspaProgram.PKO:
            note = ("programs for professionalisation, security-sector reform, human rights, peacekeeping "
                    "preparation or demobilisation of child soldiers are not covered (§ 2370c-1(f))")
            if d.pko_exception:
                status, cite = Status.EXCEPTED, "22 U.S.C. § 2370c-1(f)"
        out.append(Restriction(program.value, program.description, status, fiscal_year, provision(cite).citation,
                               ground, note))
    return tuple(out)


class Force(enum.Enum):
    GOVERNMENT = "government"
    """Governmental armed forces, police or other security forces."""
    NON_STATE = "non_state"
    """Armed forces distinct from the armed forces of a state."""


class Recruitment(enum.Enum):
    NONE = "none"
    COMPULSORY = "compulsory"
    VOLUNTARY = "voluntary"


def _age(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 130:
        raise FieldError("age", value, "must be a whole number of years")


@attrs.frozen(slots=True)
class Person:
    """A described person: age, which force, whether recruited (and how), direct part in hostilities,
    use in hostilities, and role (support roles -- cook, porter, messenger, medic, guard, sex slave --
    count for cases (ii)-(iv))."""

    age: int = attrs.field(validator=_age)
    force: Force
    recruitment: Recruitment = Recruitment.NONE
    direct_part_in_hostilities: bool = False
    used_in_hostilities: bool = False
    role: str | None = None


@attrs.frozen(slots=True)
class ChildSoldierDefinition:
    """22 U.S.C. § 2370c(2): the four cases of a child soldier."""

    @property
    def citation(self) -> str:
        return provision("22 U.S.C. § 2370c(2)").citation

    def cases(self, person: Person) -> tuple[str, ...]:
        """Which of the cases (i)-(iv) apply to ``person``."""
        found = []
        gov = person.force is Force.GOVERNMENT
        if gov and person.age < 18 and person.direct_part_in_hostilities:
            found.append("(i)")
        if gov and person.age < 18 and person.recruitment is Recruitment.COMPULSORY:
            found.append("(ii)")
        if gov and person.age < 15 and person.recruitment is Recruitment.VOLUNTARY:
            found.append("(iii)")
        if (not gov and person.age < 18
                and (person.recruitment is not Recruitment.NONE or person.used_in_hostilities)):
            found.append("(iv)")
        return tuple(found)

    def apply(self, person: Person) -> Finding:
        cases = self.cases(person)
        role = f" as {person.role}" if person.role else ""
        if cases:
            reason = (f"a child soldier under case(s) {', '.join(cases)}: aged {person.age}{role}"
                      + ("; any capacity counts, support roles included" if set(cases) - {"(i)"} else ""))
        else:
            reason = f"not a child soldier under any of the four cases (aged {person.age}{role})"
        return Finding("child_soldier", self.citation, bool(cases), reason)


CHILD_SOLDIER = ChildSoldierDefinition()
