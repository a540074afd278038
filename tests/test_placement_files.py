"""Placement files: one government under any of its names, explicit unknown years, gaps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipranking import History, Tier, YearPlacement
from tipranking.analysis.access import Access, watch_list_access
from tipranking.analysis.audit import AuditEventKind, audit
from tipranking.analysis.outlook import outlook
from tipranking.assessment import PartialPlacement
from tipranking.cli import main
from tipranking.countries import governments
from tipranking.errors import FieldError, HistoryError, UnknownCountryError
from tipranking.formats.placements import Gaps, parse_placements_csv
from tipranking.rules.clock import WatchListClock

WL = Tier.TIER_2_WATCH_LIST
BURMA = ("report_year,country,tier\n2012,Myanmar,2WL\n2013,Myanmar,2WL\n2014,Myanmar,2WL\n2015,Myanmar,2WL\n"
         "2016,Burma,3\n")


def test_spellings_of_one_government_make_one_history() -> None:
    table = parse_placements_csv(BURMA, "b.csv")
    assert list(table) == ["Burma"] and table["Burma"].years == (2012, 2013, 2014, 2015, 2016)
    (merge,) = table.merged_names
    assert (merge.name, merge.spellings) == ("Burma", ("Myanmar", "Burma"))
    assert table.notes() == ("b.csv: names read as one government: Burma (Myanmar, Burma)",)
    (forced,) = audit(table).of_kind(AuditEventKind.FORCED_MOVE)
    assert (forced.country, forced.report_year, forced.tier) == ("Burma", 2016, Tier.TIER_3)


def test_a_single_other_spelling_is_reported_too() -> None:
    table = parse_placements_csv("report_year,country,tier\n2020,Russian Federation,3\n", "r.csv")
    assert list(table) == ["Russia"] and table.merged_names[0].spellings == ("Russian Federation",)


def test_two_names_for_one_government_and_year_is_an_error_naming_both_lines() -> None:
    text = "report_year,country,tier\n2016,Burma,3\n2017,Burma,2WL\n2016,Myanmar,3\n"
    with pytest.raises(HistoryError) as info:
        parse_placements_csv(text, "b.csv")
    assert str(info.value) == ("b.csv: line 4: country: 'Burma' (b.csv: line 2) and this row are both Burma: two "
                               "rows for 2016 (got 'Myanmar')")


def test_unknown_name_suggests_unless_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "report_year,country,tier\n2020,Tailand,2WL\n2021,Tailand,2WL\n"
    with pytest.raises(UnknownCountryError) as info:
        parse_placements_csv(text, "t.csv")
    assert info.value.where == "t.csv: line 2" and info.value.suggestions[0] == "Thailand"
    kept = parse_placements_csv(text, "t.csv", keep_unknown_names=True)
    assert list(kept) == ["Tailand"] and kept.kept_names == ("Tailand",) and kept.merged_names == ()
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    assert main(["outlook", str(path)]) == 2
    assert "did you mean 'Thailand'" in capsys.readouterr().err
    assert main(["outlook", str(path), "--keep-unknown-names", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    (item,) = json.loads(out)["items"]
    assert item["country"] == "Tailand" and item["report_year"] == 2022
    assert err == "tipranking: note: " + str(path) + ": unknown names kept as written: Tailand\n"


def test_explicit_unknown_years_and_gaps() -> None:
    text = ("report_year,country,tier\n2019,Chad,2WL\n2020,Chad,?\n2021,Chad,unknown\n2023,Chad,2WL\n"
            "2018,Peru,2\n2020,Peru,2|special_case\n")
    table = parse_placements_csv(text, "c.csv")
    chad = table["Chad"]
    assert chad.unknown_years == {2020, 2021, 2022}  # 2022 is a gap: unknown by default
    assert [(g.country, g.years) for g in table.gaps] == [("Chad", (2022,)), ("Peru", (2019,))]
    assert table["Peru"].partial == (PartialPlacement(2020, [Tier.TIER_2, Tier.SPECIAL_CASE]),)
    access = watch_list_access(chad, 2024)
    assert access.access is Access.UNKNOWN and access.missing_years == (2020, 2021, 2022)
    absent = parse_placements_csv(text, "c.csv", gaps="absent")
    assert absent["Chad"].unknown_years == {2020, 2021} and absent.gap_policy is Gaps.ABSENT
    assert watch_list_access(absent["Chad"], 2024).access is Access.FREE
    assert "read as not covered: Chad 2022; Peru 2019" in absent.notes()[0]


def test_gap_policy_and_waiver_on_an_unknown_year_are_checked() -> None:
    with pytest.raises(FieldError, match="gaps: accepted: unknown, absent"):
        parse_placements_csv("report_year,country,tier\n2020,Chad,2\n", gaps="never")
    with pytest.raises(FieldError, match=r"line 2: waiver: a waiver flag needs a known tier"):
        parse_placements_csv("report_year,country,tier,waiver\n2020,Chad,?,yes\n")
    with pytest.raises(FieldError, match=r"line 2: tier: tiers joined by '\|' must name at least two"):
        parse_placements_csv("report_year,country,tier\n2020,Chad,2|2\n")


def test_audit_and_outlook_read_the_bundled_record_without_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit"]) == 0
    out, err = capsys.readouterr()
    # 4191 rows less the 21 partly known 2024 rows; 189 governments; no undetermined event among the 300.
    assert out.splitlines()[0] == "audited 4170 placements of 189 countries: 300 event(s)" and err == ""
    assert "undetermined" not in out


def test_the_cli_reports_merged_names_once_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "b.csv"
    path.write_text(BURMA, encoding="utf-8")
    assert main(["audit", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "Burma (Myanmar, Burma)" in err
    assert "2016 Burma: forced_move (Tier 3)" in out
    assert main(["outlook", str(path), "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[1].startswith("Burma,MMR,,2017,") and err.count("\n") == 1


@given(st.lists(st.tuples(st.sampled_from(governments()), st.integers(2001, 2025),
                          st.sampled_from([t.value for t in Tier] + ["?"])), min_size=1, max_size=30),
       st.data())
def test_any_spelling_gives_the_same_histories(rows: list[tuple[object, int, str]], data: st.DataObject) -> None:
    """Writing each row's government under any of its known names changes nothing but the merge report."""
    unique = {(g.name, y): (g, y, t) for g, y, t in rows}  # type: ignore[attr-defined]
    plain = "report_year,country,tier\n" + "".join(f'{y},"{g.name}",{t}\n' for g, y, t in unique.values())
    spelled = "report_year,country,tier\n" + "".join(
        f'{y},"{data.draw(st.sampled_from((g.name, *g.aliases)))}",{t}\n' for g, y, t in unique.values())
    a, b = parse_placements_csv(plain), parse_placements_csv(spelled)
    assert dict(a) == dict(b)
    assert all(set(m.spellings) - {m.name} for m in b.merged_names) or all(len(m.spellings) > 1
                                                                           for m in b.merged_names)


def test_outlook_latest_of_a_partly_known_year() -> None:
    h = History("Peru", [YearPlacement(2022, Tier.TIER_2)], partial=[PartialPlacement(2023, ["1", "2"])])
    o = outlook(h, 2024)
    assert o.latest is not None and (o.latest.report_year, o.latest.label, o.latest.codes) == (2023, "Tier 1 or Tier 2",
                                                                                             "1|2")
    assert o.allowed == (Tier.TIER_1, Tier.TIER_2, WL, Tier.TIER_3)


def test_a_partly_known_year_that_may_be_the_watch_list_is_uncertain_for_the_clock() -> None:
    h = History("Peru", [YearPlacement(2021, WL), YearPlacement(2022, WL)],
                partial=[PartialPlacement(2023, [WL, Tier.TIER_2])])
    assert WatchListClock.options(h, 2023) == (WL, None) and WatchListClock.uncertain_years(h) == {2023}
    access = watch_list_access(h, 2024)
    assert access.access is Access.UNKNOWN and access.missing_years == (2023,)
    # Off the Watch List in 2023: free; on it: a fourth year, which the one waiver of the 2019 law cannot give.
    assert access.reason.endswith("(possible: free, unavailable)")
