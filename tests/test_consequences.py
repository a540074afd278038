"""Consequences: Tier 3 restrictions, CSPA, trade, interim scrutiny, and the bundled 2023 lists."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipranking import Tier
from tipranking.cli import main
from tipranking.consequences import (
    CHILD_SOLDIER,
    CspaDetermination,
    CspaProgram,
    Determination,
    Force,
    Person,
    Recruitment,
    Status,
    Tier3Category,
    TradeProcedures,
    WaiverGround,
    consequences,
    cspa_restrictions,
    special_watch_list,
    tier3_restrictions,
    trade_authorities,
)
from tipranking.data import lists_2023, placements, read_text
from tipranking.data.lists import ListsError, parse_lists
from tipranking.errors import DataError, FieldError, UnknownCountryError
from tipranking.testing.strategies import report_years, tiers

from .conftest import DATA

FY2024 = (dt.date(2023, 10, 1), dt.date(2024, 9, 30))


def test_tier_3_in_2023_gives_three_restrictions_in_fy_2024() -> None:
    restrictions = tier3_restrictions(Tier.TIER_3, 2023, Determination())
    assert [r.category for r in restrictions] == ["bilateral_assistance", "exchange_funding", "multilateral_lending"]
    # assistance in FY 2023 not stated: exchange funding is the (A)(ii) alternative
    assert [r.status for r in restrictions] == [Status.APPLIES, Status.ALTERNATIVE, Status.APPLIES]
    assert {r.status for r in tier3_restrictions(Tier.TIER_3, 2023)} == {Status.PENDING, Status.ALTERNATIVE}
    assert {(r.fiscal_year.year, r.fiscal_year.start, r.fiscal_year.end) for r in restrictions} == {(2024, *FY2024)}
    assert [r.citation for r in restrictions] == ["22 U.S.C. § 7107(d)(1)(A)(i)", "22 U.S.C. § 7107(d)(1)(A)(ii)",
                                                  "22 U.S.C. § 7107(d)(1)(B)"]


@pytest.mark.parametrize("waived", [{Tier3Category.BILATERAL_ASSISTANCE},
                                    {Tier3Category.EXCHANGE_FUNDING, Tier3Category.MULTILATERAL_LENDING},
                                    set(Tier3Category)])
def test_partial_waiver_leaves_exactly_the_unwaived(waived: set[Tier3Category]) -> None:
    d = Determination(dict.fromkeys(waived, WaiverGround.VULNERABLE_POPULATIONS))
    restrictions = tier3_restrictions(Tier.TIER_3, 2023, d, received_assistance_previous_fy=False)
    applying = {Tier3Category(r.category) for r in restrictions if r.status is Status.APPLIES}
    assert applying == set(Tier3Category) - waived
    assert {r.ground for r in restrictions if r.status is Status.WAIVED} <= {"vulnerable_populations"}


def test_full_waiver_and_no_restrictions_before_2003() -> None:
    full = tier3_restrictions(Tier.TIER_3, 2023, Determination.full_waiver(WaiverGround.NATIONAL_INTEREST))
    assert {r.status for r in full} == {Status.WAIVED}
    assert tier3_restrictions(Tier.TIER_3, 2002) == ()
    assert len(tier3_restrictions(Tier.TIER_3, 2003)) == 3


@pytest.mark.parametrize("tier", [Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST, Tier.SPECIAL_CASE])
def test_no_tier_3_restrictions_for_other_tiers(tier: Tier) -> None:
    assert tier3_restrictions(tier, 2023) == ()


def test_every_2023_cspa_government_gets_five_restrictions_in_fy_2024() -> None:
    listed = lists_2023().cspa
    assert len(listed) == 17
    for government in listed:
        restrictions = consequences((government, 2023, Tier.TIER_3), cspa_listed=True).cspa
        assert [r.category for r in restrictions] == [p.value for p in CspaProgram], government
        assert all(r.status is Status.APPLIES and r.fiscal_year.year == 2024 for r in restrictions)


@pytest.mark.parametrize("program", list(CspaProgram))
def test_per_program_waiver_removes_only_that_program(program: CspaProgram) -> None:
    restrictions = cspa_restrictions(True, 2023, CspaDetermination({program}))
    assert {r.category for r in restrictions if r.status is Status.APPLIES} == {p.value for p in CspaProgram} - {
        program.value}
    (waived,) = [r for r in restrictions if r.status is Status.WAIVED]
    assert waived.citation == "22 U.S.C. § 2370c-1(c)"


def test_cspa_exceptions_and_reinstatement() -> None:
    both = CspaDetermination(professionalization_exception=True, pko_exception=True)
    excepted = cspa_restrictions(True, 2023, both)
    # today's (e) lets only IMET through two institutes: IMET is partly excepted, PKO (f) wholly
    assert {r.category: r.status for r in excepted if r.status is not Status.APPLIES} == {
        "imet": Status.PARTLY_EXCEPTED, "pko": Status.EXCEPTED}
    assert {r.category for r in cspa_restrictions(True, 2018, both) if r.status is Status.EXCEPTED} == {"imet", "pko"}
    reinstated = cspa_restrictions(True, 2023, CspaDetermination(reinstated=True))
    assert {r.status for r in reinstated} == {Status.NOT_APPLICABLE}
    assert cspa_restrictions(False, 2023) == () and cspa_restrictions(None, 2009) == ()
    with pytest.raises(FieldError) as info:
        cspa_restrictions(True, 2009)  # no list before 2010: a listing there is a mistake, not an empty answer
    assert info.value.field == "cspa.listed"


@pytest.mark.parametrize(("person", "cases"), [
    (Person(17, Force.GOVERNMENT, direct_part_in_hostilities=True), ("(i)",)),
    (Person(17, Force.GOVERNMENT, Recruitment.COMPULSORY, role="cook"), ("(ii)",)),
    (Person(14, Force.GOVERNMENT, Recruitment.VOLUNTARY, role="porter"), ("(iii)",)),
    (Person(16, Force.GOVERNMENT, Recruitment.VOLUNTARY), ()),
    (Person(17, Force.NON_STATE, Recruitment.VOLUNTARY, role="messenger"), ("(iv)",)),
    (Person(17, Force.NON_STATE, used_in_hostilities=True), ("(iv)",)),
    (Person(18, Force.GOVERNMENT, Recruitment.COMPULSORY, direct_part_in_hostilities=True), ()),
    (Person(14, Force.GOVERNMENT, Recruitment.COMPULSORY, direct_part_in_hostilities=True), ("(i)", "(ii)")),
])
def test_child_soldier_definition(person: Person, cases: tuple[str, ...]) -> None:
    assert CHILD_SOLDIER.cases(person) == cases
    finding = CHILD_SOLDIER.apply(person)
    assert finding.holds == bool(cases) and finding.citation == "22 U.S.C. § 2370c(2)"


def test_trade() -> None:
    assert trade_authorities(Tier.TIER_3, 2019).status is TradeProcedures.BARRED
    assert trade_authorities(Tier.TIER_3, 2019, exception_letter=True).status is TradeProcedures.AVAILABLE
    assert trade_authorities(Tier.TIER_2_WATCH_LIST, 2019).status is TradeProcedures.AVAILABLE
    assert trade_authorities(Tier.TIER_3, 2014).status is TradeProcedures.BARRED  # most recent from June 29, 2015
    assert trade_authorities(Tier.TIER_3, 2023).status is TradeProcedures.NOT_IN_FORCE  # procedures ended 2021
    from tipranking import History

    c = consequences(("Malaysia", 2015, Tier.TIER_2_WATCH_LIST), history=History.of("Malaysia", {2014: "3"}))
    (obligation,) = [o for o in c.obligations if o.citation == "19 U.S.C. § 4205(b)(6)(C)"]
    assert obligation.due == dt.date(2016, 5, 24)


def test_special_watch_list_2023() -> None:
    """The special watch list that follows from the bundled 2022 and 2023 placements. State's interim
    assessment of February 2024 counts 28 countries: 2 moved up from Tier 2 to Tier 1 and 26 on the Watch
    List, none moved up from Tier 3 to Tier 2 proper (statute.md, real fact 16)."""
    record = placements()
    previous = {c: t for c, h in record.items() if (t := h.tier_in(2022)) is not None}
    current = {c: t for c, h in record.items() if (t := h.tier_in(2023)) is not None}
    swl = special_watch_list(current, previous, 2023)
    watch = {c for c, t in current.items() if t is Tier.TIER_2_WATCH_LIST}
    assert len(watch) == 26 and len(swl.countries) == 28
    moved_to_1 = {e.country for e in swl.entries if "22 U.S.C. § 7107(b)(2)(A)(i)" in e.citations}
    assert moved_to_1 == {"Denmark", "Seychelles"}
    assert swl.countries == watch | moved_to_1
    moved_up_from_3 = {e.country for e in swl.entries if "22 U.S.C. § 7107(b)(2)(A)(ii)" in e.citations}
    assert moved_up_from_3 == {"Brunei", "Malaysia", "Vietnam"} and moved_up_from_3 <= watch
    assert swl.interim_assessment_due == dt.date(2024, 2, 1)
    assert {o.description.split(" for ")[1].split(",")[0] for o in swl.action_plans} == moved_up_from_3
    moved = special_watch_list({"X": Tier.TIER_2_WATCH_LIST}, {"X": Tier.TIER_3}, 2023,
                               report_date=dt.date(2023, 6, 15))
    assert moved.action_plans[0].due == dt.date(2023, 12, 12)
    assert moved.entries[0].citations == ("22 U.S.C. § 7107(b)(2)(A)(ii)", "22 U.S.C. § 7107(b)(2)(A)(iii)")


def test_bundled_2023_lists() -> None:
    lists = lists_2023()
    assert len(lists.tiers) == 187 and len(lists.governments()) == 187
    assert lists.tier_of("Montenegro") is Tier.TIER_2_WATCH_LIST
    assert lists.tier_of("Tonga") is Tier.TIER_2
    assert {c for c, t in lists.tiers if t is Tier.SPECIAL_CASE} == {"Libya", "Somalia", "Yemen"}
    assert lists.policy_or_pattern == {"Afghanistan", "Burma", "China", "Cuba", "Eritrea", "Iran", "Korea, North",
                                       "Russia", "South Sudan", "Syria", "Turkmenistan"}
    assert all(lists.tier_of(c) is Tier.TIER_3 for c in lists.policy_or_pattern)
    assert len(lists.resolutions) == 2


def test_loader_reports_the_seed_defects_as_they_are() -> None:
    raw = (DATA / "seed_2023_lists_raw.csv").read_text(encoding="utf-8")
    with pytest.raises(ListsError) as info:
        parse_lists(raw, 2023, "seed")
    montenegro, = [p for p in info.value.problems if "Montenegro" in str(p)]
    assert "Tier 2 (line" in str(montenegro) and "Tier 2 Watch List (line" in str(montenegro)
    tongo, = [p for p in info.value.problems if isinstance(p, UnknownCountryError)]
    assert tongo.value == "Tongo" and "Tonga" in tongo.suggestions
    bundled = read_text("tip_2023_lists.csv")
    with pytest.raises(ListsError):
        parse_lists(bundled, 2023, apply_resolutions=False)


@pytest.mark.parametrize(("text", "fragment"), [
    ("list,name\ntier_1,France\ntier_3,France\n", "both Tier 1 (line 2) and Tier 3 (line 3)"),
    ("list,name\ncspa,Burma\ncspa,Myanmar\n", "twice on cspa"),
    ("list,name\ntier_9,France\n", "unknown list"),
    ("list,name,resolution,note\ntier_1,France,drop,\n", "needs a note"),
    ("list,name,resolution,note\ntier_1,France,delete,why\n", "neither 'drop'"),
])
def test_loader_validation(text: str, fragment: str) -> None:
    with pytest.raises(DataError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        parse_lists(text, 2023, "f.csv")


@given(tiers(), report_years(), st.sampled_from([None, True, False]), st.sampled_from(list(WaiverGround)))
def test_consequences_are_pure_and_tier3_only(tier: Tier, year: int, listed: bool | None,
                                              ground: WaiverGround) -> None:
    d = Determination({Tier3Category.EXCHANGE_FUNDING: ground})
    if listed is True and year < 2010:
        with pytest.raises(FieldError):
            consequences(("X", year, tier), determination=d, cspa_listed=listed)
        return
    first = consequences(("X", year, tier), determination=d, cspa_listed=listed)
    assert first == consequences(("X", year, tier), determination=d, cspa_listed=listed)
    if tier is not Tier.TIER_3:
        assert first.tier3 == ()
    assert first.trade.status is not TradeProcedures.BARRED or tier is Tier.TIER_3
    # "X" is on no bundled list: not listed where a list is bundled, not stated in other years from 2010
    bundled = year in (2019, 2022, 2023)
    assert bool(first.cspa) == (year >= 2010 and (listed is True or (listed is None and not bundled)))
    if first.cspa and listed is None:
        assert {r.status for r in first.cspa} == {Status.IF_LISTED}


def test_cli_consequences_and_place_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps([
        {"country": "Burma", "report_year": 2023, "tier": "3",
         "determination": {"waivers": {"exchange_funding": "national_interest"}}},
        {"country": "X", "report_year": 2023, "minimum_standards": {
            "prohibits_and_punishes": True, "grave_crime_penalties": True, "deterrent_penalties": True,
            "serious_and_sustained_efforts": False}, "significant_efforts": False, "cspa": {"listed": False}},
    ]), encoding="utf-8")
    assert main(["consequences", str(path), "--format", "json"]) == 0
    burma, x = json.loads(capsys.readouterr().out)["items"]
    assert [r["status"] for r in burma["consequences"]["tier3_restrictions"]] == ["applies", "waived", "applies"]
    assert len(burma["consequences"]["cspa_restrictions"]) == 5  # from the bundled 2023 CSPA list
    assert x["tier"] == "3" and x["consequences"]["cspa_restrictions"] == []
    assert x["consequences"]["fiscal_year"] == {"year": 2024, "start": "2023-10-01", "end": "2024-09-30"}
    path.write_text(json.dumps([{"country": "Burma", "report_year": 2023, "tier": "4"}]), encoding="utf-8")
    assert main(["consequences", str(path)]) == 2
    assert capsys.readouterr().out == ""
