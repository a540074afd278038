"""Consequences by the text in force: the CSPA's programs and definition by amendment, the alternatives of
§ 7107(d)(1)(A), and pending determinations."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipranking import Tier
from tipranking.cli import main
from tipranking.consequences import (
    CHILD_SOLDIER,
    ChildSoldierDefinition,
    CspaDetermination,
    CspaProgram,
    Determination,
    Force,
    Person,
    Recruitment,
    Status,
    Tier3Category,
    WaiverGround,
    consequences,
    covered_programs,
    cspa_restrictions,
    tier3_restrictions,
)
from tipranking.errors import FieldError, ReportYearError
from tipranking.formats.assessments import assessment_to_json, loads_assessments, loads_consequence_inputs, schema
from tipranking.formats.records import consequences_record
from tipranking.formats.render import consequences_text
from tipranking.provisions import provision
from tipranking.testing.strategies import determinations, report_years, tiers

OLDER_FOUR = ["imet", "fmf", "eda", "dcs_licenses"]
A_I, A_II, B = "22 U.S.C. § 7107(d)(1)(A)(i)", "22 U.S.C. § 7107(d)(1)(A)(ii)", "22 U.S.C. § 7107(d)(1)(B)"

# --------------------------------------------------------------------------- CSPA programs by year


def test_a_2011_listing_bars_exactly_the_four_older_programs() -> None:
    restrictions = cspa_restrictions(True, 2011)
    assert [r.category for r in restrictions] == OLDER_FOUR
    assert all(r.status is Status.APPLIES and r.fiscal_year.year == 2012 for r in restrictions)
    assert not any(r.note and "2370c-1(f)" in r.note for r in restrictions)  # no (f) exception without the ban
    assert covered_programs(2011) == (CspaProgram.IMET, CspaProgram.FMF, CspaProgram.EDA, CspaProgram.DCS_LICENSES)


@pytest.mark.parametrize(("year", "pko"), [(2010, False), (2012, False), (2013, True), (2019, True), (2023, True)])
def test_peacekeeping_operations_only_from_the_amendment(year: int, pko: bool) -> None:
    categories = [r.category for r in cspa_restrictions(True, year)]
    assert ("pko" in categories) is pko
    assert len(categories) == 4 + pko
    if pko:
        (r,) = [r for r in cspa_restrictions(True, year) if r.category == "pko"]
        assert r.note is not None and "§ 2370c-1(f)" in r.note


def test_the_pko_year_is_a_parameter_with_the_provisions_table_as_default() -> None:
    entry = provision("22 U.S.C. § 2370c-1(a) (peacekeeping operations)")
    assert (entry.first_report_year, entry.confidence) == (2013, "I")
    assert "Pub. L. 113-4" in entry.enacted_by
    assert provision("22 U.S.C. § 2370c-1(f)").first_report_year == 2013
    assert CspaProgram.PKO in covered_programs(2012, pko_from=2012)
    assert CspaProgram.PKO not in covered_programs(2013, pko_from=2014)
    assert [r.category for r in cspa_restrictions(True, 2013, pko_from=2014)] == OLDER_FOUR
    assert covered_programs(2009) == ()
    with pytest.raises(FieldError) as info:
        covered_programs(2013, pko_from="2013")  # type: ignore[arg-type]
    assert info.value.field == "pko_from"


@pytest.mark.parametrize(("determination", "field"), [
    (CspaDetermination(["pko"]), "cspa.waived"),
    (CspaDetermination(["imet", "pko"]), "cspa.waived"),
    (CspaDetermination(pko_exception=True), "cspa.pko_exception"),
])
def test_a_pko_waiver_or_exception_before_the_ban_is_an_error(determination: CspaDetermination, field: str) -> None:
    with pytest.raises(FieldError) as info:
        cspa_restrictions(True, 2011, determination)
    assert info.value.field == field and "2013" in str(info.value)
    assert cspa_restrictions(True, 2013, determination)  # fine once the ban exists
    assert cspa_restrictions(True, 2011, CspaDetermination(["imet"]))[0].status is Status.WAIVED


def test_cspa_inputs_are_checked() -> None:
    with pytest.raises(FieldError) as info:
        cspa_restrictions("yes", 2023)  # type: ignore[arg-type]
    assert info.value.field == "cspa.listed"
    with pytest.raises(ReportYearError):
        cspa_restrictions(True, 1999)


def test_the_json_reader_rejects_a_pko_waiver_before_the_ban_naming_the_item() -> None:
    text = json.dumps({"country": "X", "report_year": 2011, "tier": "3", "cspa": {"listed": True, "waived": ["pko"]}})
    with pytest.raises(FieldError) as info:
        loads_consequence_inputs(text)
    assert info.value.field == "cspa.waived" and info.value.where == "<text>: item 0"


# --------------------------------------------------------------------------- child-soldier definition


def test_police_count_only_from_the_2019_wording() -> None:
    officer = Person(16, Force.POLICE_OR_SECURITY, Recruitment.COMPULSORY, role="guard")
    assert CHILD_SOLDIER.police_and_security_forces and CHILD_SOLDIER.cases(officer) == ("(ii)",)
    old = ChildSoldierDefinition.for_report(2011)
    assert (old.police_and_security_forces, old.wording) == (False, "2008")
    assert old.cases(officer) == ()
    finding = old.apply(officer)
    assert finding.holds is False and "2008 wording" in finding.reason and "115-425" in finding.reason
    assert ChildSoldierDefinition.for_report(2018).cases(officer) == ()
    assert ChildSoldierDefinition.for_report(2019) == CHILD_SOLDIER
    # armed forces count under both wordings; police are never "non-state" forces (case (iv))
    soldier = Person(16, Force.GOVERNMENT, Recruitment.COMPULSORY)
    assert old.cases(soldier) == CHILD_SOLDIER.cases(soldier) == ("(ii)",)
    assert CHILD_SOLDIER.cases(Person(16, Force.POLICE_OR_SECURITY, used_in_hostilities=True)) == ()


def test_the_police_year_is_a_parameter() -> None:
    entry = provision("22 U.S.C. § 2370c(2) (police or other security forces)")
    assert (entry.first_report_year, entry.confidence) == (2019, "V") and "115-425" in entry.enacted_by
    assert ChildSoldierDefinition.for_report(2015, police_from=2015).police_and_security_forces
    assert not ChildSoldierDefinition.for_report(2019, police_from=2020).police_and_security_forces
    with pytest.raises(FieldError) as info:
        ChildSoldierDefinition.for_report(2009)
    assert info.value.field == "report_year"
    with pytest.raises(FieldError) as info:
        ChildSoldierDefinition("yes")  # type: ignore[arg-type]
    assert info.value.field == "police_and_security_forces"
    with pytest.raises(FieldError) as info:
        Person(15, "police")  # type: ignore[arg-type]
    assert info.value.field == "force"


# --------------------------------------------------------------------------- § 7107(d)(1)(A) alternatives

# PD 2022-06 (FY 2022, on the 2021 report), reference notes § 7.
FY2022_A_I = ["Afghanistan", "Burma", "China", "Comoros", "Guinea-Bissau", "Iran", "South Sudan"]
FY2022_A_II = ["Cuba", "Korea, North", "Eritrea", "Nicaragua", "Russia", "Syria"]


@pytest.mark.parametrize("country", FY2022_A_I)
def test_fy2022_a_i_governments(country: str) -> None:
    c = consequences((country, 2021, Tier.TIER_3), determination=Determination(), received_assistance_previous_fy=True)
    assert [(r.category, r.citation, r.status) for r in c.tier3] == [
        ("bilateral_assistance", A_I, Status.APPLIES), ("multilateral_lending", B, Status.APPLIES)]
    assert c.fiscal_year.year == 2022 and "FY 2021" in (c.tier3[0].note or "")


@pytest.mark.parametrize("country", FY2022_A_II)
def test_fy2022_a_ii_governments(country: str) -> None:
    c = consequences((country, 2021, Tier.TIER_3), determination=Determination(), received_assistance_previous_fy=False)
    assert [(r.category, r.citation, r.status) for r in c.tier3] == [
        ("bilateral_assistance", A_II, Status.APPLIES), ("exchange_funding", A_II, Status.APPLIES),
        ("multilateral_lending", B, Status.APPLIES)]


def test_unknown_assistance_shows_the_alternatives() -> None:
    bilateral, exchange, lending = tier3_restrictions(Tier.TIER_3, 2021, Determination())
    assert (bilateral.citation, exchange.citation, lending.citation) == (A_I, A_II, B)
    assert exchange.status is Status.ALTERNATIVE
    assert exchange.note is not None
    assert "received_assistance_previous_fy" in exchange.note and "FY 2021" in exchange.note
    # the assistance bar is in both alternatives, so it applies whichever one the input picks
    assert bilateral.status is Status.APPLIES
    assert bilateral.note is not None and "(A)(i)" in bilateral.note and "(A)(ii)" in bilateral.note
    assert lending.status is Status.APPLIES and lending.note is None
    waived = tier3_restrictions(Tier.TIER_3, 2021, Determination({Tier3Category.EXCHANGE_FUNDING:
                                                                   WaiverGround.NATIONAL_INTEREST}))
    assert waived[1].status is Status.WAIVED and waived[1].ground == "national_interest"


def test_no_determination_means_pending() -> None:
    pending = tier3_restrictions(Tier.TIER_3, 2023, received_assistance_previous_fy=False)
    assert {r.status for r in pending} == {Status.PENDING}
    assert all(r.note and "22 U.S.C. § 7107(c)" in r.note and "45 to 90 days" in r.note for r in pending)
    assert Status.PENDING.label == "pending determination" and Status.APPLIES.label == "applies"
    made = tier3_restrictions(Tier.TIER_3, 2023, Determination({Tier3Category.MULTILATERAL_LENDING:
                                                                WaiverGround.PROMOTES_PURPOSES}),
                              received_assistance_previous_fy=False)
    assert [r.status for r in made] == [Status.APPLIES, Status.APPLIES, Status.WAIVED]
    assert all(r.note is None or "pending" not in r.note for r in made)
    # the CSPA prohibitions apply by force of law: no determination, no pending
    assert {r.status for r in cspa_restrictions(True, 2023)} == {Status.APPLIES}


def test_tier3_inputs_are_checked() -> None:
    with pytest.raises(FieldError) as info:
        tier3_restrictions(Tier.TIER_3, 2023, received_assistance_previous_fy="no")  # type: ignore[arg-type]
    assert info.value.field == "received_assistance_previous_fy"
    exchange_waived = Determination({Tier3Category.EXCHANGE_FUNDING: WaiverGround.NATIONAL_INTEREST})
    with pytest.raises(FieldError) as info:
        tier3_restrictions(Tier.TIER_3, 2023, exchange_waived, received_assistance_previous_fy=True)
    assert info.value.field == "determination.waivers.exchange_funding"
    with pytest.raises(FieldError) as info:
        tier3_restrictions(Tier.TIER_3, 2023, {"exchange_funding": "national_interest"})  # type: ignore[arg-type]
    assert info.value.field == "determination"
    with pytest.raises(FieldError):
        tier3_restrictions("3", 2023)  # type: ignore[arg-type]


@given(tiers(), report_years(), st.none() | determinations(), st.sampled_from([None, True, False]))
def test_statuses_follow_the_inputs(tier: Tier, year: int, determination: Determination | None,
                                    received: bool | None) -> None:
    if received is True and determination is not None and determination.ground_for(Tier3Category.EXCHANGE_FUNDING):
        with pytest.raises(FieldError):
            tier3_restrictions(tier, year, determination, received_assistance_previous_fy=received)
        return
    out = tier3_restrictions(tier, year, determination, received_assistance_previous_fy=received)
    if tier is not Tier.TIER_3 or year < 2003:
        assert out == ()
        return
    statuses = {r.status for r in out}
    assert (Status.PENDING in statuses) is (determination is None)
    assert (Status.ALTERNATIVE in statuses) is (received is None and (
        determination is None or determination.ground_for(Tier3Category.EXCHANGE_FUNDING) is None))
    assert ("exchange_funding" in [r.category for r in out]) is (received is not True)
    assert out[-1].category == "multilateral_lending" and out[-1].citation == B
    assert {r.citation for r in out if r.category == "bilateral_assistance"} == {A_II if received is False else A_I}


# --------------------------------------------------------------------------- JSON, schema, rendering

_STANDARDS = {"prohibits_and_punishes": True, "grave_crime_penalties": True, "deterrent_penalties": True,
              "serious_and_sustained_efforts": False}


@pytest.mark.parametrize(("determination", "pending", "received"), [
    ({"pending": True, "received_assistance_previous_fy": False}, True, False),
    ({"pending": True}, True, None),
    ({"waivers": {}, "received_assistance_previous_fy": True}, False, True),
    ({"received_assistance_previous_fy": None}, False, None),
])
def test_json_determination_object(determination: dict[str, object], pending: bool, received: bool | None) -> None:
    item = {"country": "Cuba", "report_year": 2021, "minimum_standards": _STANDARDS, "significant_efforts": False,
            "determination": determination}
    jsonschema.validate(item, schema())
    [s] = loads_assessments(json.dumps(item))
    assert (s.inputs.determination is None) is pending
    assert s.inputs.received_assistance_previous_fy is received
    again = assessment_to_json(s)
    assert loads_assessments(json.dumps(again))[0].inputs == s.inputs


@pytest.mark.parametrize(("determination", "field", "fragment"), [
    ({"recieved_assistance_previous_fy": True}, "determination.recieved_assistance_previous_fy",
     "did you mean 'received_assistance_previous_fy'"),
    ({"pendng": True}, "determination.pendng", "did you mean 'pending'"),
    ({"received_assistance_previous_fy": "yes"}, "determination.received_assistance_previous_fy", "true, false"),
    ({"pending": "yes"}, "determination.pending", "true or false"),
    ({"pending": True, "waivers": {"bilateral_assistance": "national_interest"}}, "determination.waivers",
     "pending"),
    ({"received_assistance_previous_fy": True, "waivers": {"exchange_funding": "national_interest"}},
     "determination.waivers.exchange_funding", "nothing to waive"),
])
def test_json_determination_errors(determination: dict[str, object], field: str, fragment: str) -> None:
    item = {"country": "Cuba", "report_year": 2021, "tier": "3", "determination": determination}
    with pytest.raises(FieldError) as info:
        loads_consequence_inputs(json.dumps(item))
    assert info.value.field == field and fragment in str(info.value)
    assessment = {k: v for k, v in item.items() if k != "tier"} | {"minimum_standards": _STANDARDS,
                                                                    "significant_efforts": False}
    if fragment.startswith(("did you", "true")) or field == "determination.pending":
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(assessment, schema())


def test_rendering(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c = consequences(("Burma", 2023, Tier.TIER_3))
    text = consequences_text(c)
    assert "    pending determination: no nonhumanitarian" in text
    assert "    alternative: no funding for participation" in text
    assert "      applies only under (A)(ii)" in text
    data = consequences_record(c)["consequences"]
    assert [r["status"] for r in data["tier3_restrictions"]] == ["pending", "alternative", "pending"]
    path = tmp_path / "c.json"
    path.write_text(json.dumps([
        {"country": "Cuba", "report_year": 2021, "tier": "3",
         "determination": {"received_assistance_previous_fy": False}, "cspa": {"listed": False}},
        {"country": "Congo, Democratic Republic of the", "report_year": 2011, "tier": "2WL",
         "cspa": {"listed": True, "waived": ["imet"]}},
    ]), encoding="utf-8")
    assert main(["consequences", str(path), "--format", "json"]) == 0
    cuba, drc = json.loads(capsys.readouterr().out)["items"]
    assert [(r["category"], r["citation"], r["status"]) for r in cuba["consequences"]["tier3_restrictions"]] == [
        ("bilateral_assistance", A_II, "applies"), ("exchange_funding", A_II, "applies"),
        ("multilateral_lending", B, "applies")]
    assert [(r["category"], r["status"]) for r in drc["consequences"]["cspa_restrictions"]] == [
        ("imet", "waived"), ("fmf", "applies"), ("eda", "applies"), ("dcs_licenses", "applies")]
