"""The CSPA listing (stated, bundled, not stated), the bundled CSPA lists, the CSPA text in force by year, and the
window of the trade-authorities bar (issue 20, items 5 and 6). Expected citations come from the provisions
table, not from copied strings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tipranking import History, Tier
from tipranking.cli import main
from tipranking.consequences import (
    CspaDetermination,
    CspaListing,
    CspaProgram,
    ListCriterion,
    Listing,
    ListingSource,
    ProfessionalizationException,
    Status,
    TradeProcedures,
    TradeStatus,
    consequences,
    cspa_listing,
    cspa_restrictions,
    cspa_text,
    tier3_to_watch_list_description,
    trade_authorities,
)
from tipranking.consequences.inputs import ConsequenceInputs
from tipranking.data.cspa_lists import CspaList, cspa_list, cspa_lists, parse_cspa_lists
from tipranking.errors import DataError, FieldError, ParseError, StatuteError, UnknownCountryError
from tipranking.formats.assessments import loads_consequence_inputs
from tipranking.formats.records import consequences_record
from tipranking.formats.render import consequences_text
from tipranking.provisions import (
    CHILD_SOLDIER_POLICE,
    CSPA_PEACEKEEPING,
    CSPA_PROFESSIONALIZATION,
    CSPA_PROFESSIONALIZATION_LIMITED,
    CSPA_PROHIBITIONS,
    CSPA_RECRUIT_OR_USE,
    TIP_REPORT_RELEASES,
    TRADE_ACT_ENACTED,
    TRADE_AGREEMENTS_BEFORE,
    TRADE_AUTHORITIES_PERIOD,
    TRADE_BAR,
    TRADE_DESCRIPTION,
    TRADE_LETTER,
    most_recent_report,
)

LIST_2019 = {"Afghanistan", "Burma", "Congo, Democratic Republic of the", "Iran", "Iraq", "Mali", "Somalia",
             "South Sudan", "Sudan", "Syria", "Yemen"}
LIST_2022 = {"Afghanistan", "Burma", "Central African Republic", "Congo, Democratic Republic of the", "Iran", "Mali",
             "Russia", "Somalia", "South Sudan", "Syria", "Venezuela", "Yemen"}

# --------------------------------------------------------------------------- the bundled lists


def test_the_bundled_2019_and_2022_lists_with_their_sources() -> None:
    lists = cspa_lists()
    assert sorted(lists) == [2019, 2022, 2023]
    l19, l22, l23 = lists[2019], lists[2022], lists[2023]
    assert len(l19.governments) == 11 and l19.governments == LIST_2019
    assert {"Burma", "Mali", "Iraq"} <= l19.governments
    assert len(l22.governments) == 12 and l22.governments == LIST_2022
    assert {"Russia", "Venezuela"} <= l22.governments and "Iraq" not in l22.governments
    assert len(l23.governments) == 17 and {"Egypt", "Eritrea", "Libya", "Rwanda", "Türkiye"} <= l23.governments
    assert l19.source == "state-cspa-405c-2020" and "July 17, 2020" in l19.description
    assert "state.gov" in l19.description and "April 1, 2018 to March 31, 2019" in l19.description
    assert l22.source == "state-cspa-405c-2023" and "April 1, 2021 to March 31, 2022" in l22.description
    assert (l19.file, l22.file, l23.file) == ("cspa_lists.csv", "cspa_lists.csv", "tip_2023_lists.csv")
    assert l19.has("Myanmar") and l19.has("DRC") and not l19.has("Thailand") and not l19.has("Examplestan")
    assert cspa_list(2018) is None and cspa_list(2019) is l19


_HEADER = "report_year,name,name_in_source,source,description\n"
_ROW = "2019,Burma,Burma,s1,a source\n"


@pytest.mark.parametrize(("rows", "fragment"), [
    ("2019,Tongo,Tongo,s1,a source\n", "Tongo"),
    ("2019,Myanmar,Myanmar,s1,a source\n", "canonical name 'Burma'"),
    (_ROW + "2019,Burma,Myanmar,s1,a source\n", "listed twice for 2019 (also line 2)"),
    (_ROW + "2019,Mali,Mali,s2,another source\n", "two sources (see line 2)"),
    ("2023,Burma,Burma,s1,a source\n", "read from tip_2023_lists.csv"),
    ("2009,Burma,Burma,s1,a source\n", "first CSPA list was published with the 2010 report"),
    ("2019,Burma,,s1,a source\n", "name_in_source"),
    ("2019,Burma,Burma,,\n", "source and description"),
])
def test_the_loader_refuses_bad_rows_naming_the_line(rows: str, fragment: str) -> None:
    with pytest.raises((DataError, FieldError)) as info:
        parse_cspa_lists(_HEADER + rows, "f.csv")
    assert "f.csv: line" in str(info.value) and fragment in str(info.value)
    if fragment == "Tongo":
        assert isinstance(info.value, UnknownCountryError) and "Tonga" in info.value.suggestions


def test_the_loader_needs_its_columns() -> None:
    with pytest.raises(ParseError, match="missing column"):
        parse_cspa_lists("report_year,name\n2019,Burma\n", "f.csv")
    assert parse_cspa_lists(_HEADER + _ROW, "f.csv")[2019].governments == {"Burma"}


def test_a_cspa_list_value_checks_its_fields() -> None:
    with pytest.raises(FieldError) as info:
        CspaList(2009, {"Burma"}, "s", "d", "f")
    assert info.value.field == "report_year"
    with pytest.raises(FieldError) as info:
        CspaList(2019, {"Myanmar"}, "s", "d", "f")
    assert info.value.field == "governments"
    with pytest.raises(FieldError) as info:
        CspaList(2019, {"Burma"}, "", "d", "f")
    assert info.value.field == "source"


# --------------------------------------------------------------------------- the listing


def test_a_government_on_a_bundled_list_is_listed_one_absent_is_not() -> None:
    burma = cspa_listing("Burma", 2019)
    assert (burma.status, burma.source, burma.listed) == (Listing.LISTED, ListingSource.BUNDLED_LIST, True)
    assert burma.bundled is cspa_list(2019) and burma.criterion is ListCriterion.RECRUIT_OR_USE and burma.note is None
    thailand = cspa_listing("Thailand", 2019)
    assert (thailand.status, thailand.source, thailand.listed) == (Listing.NOT_LISTED, ListingSource.BUNDLED_LIST,
                                                                   False)
    assert cspa_listing("Russia", 2022).listed and not cspa_listing("Russia", 2019).listed
    assert cspa_listing("Türkiye", 2023).listed and cspa_listing("Turkey", 2023).listed


@pytest.mark.parametrize("year", [2010, 2015, 2018, 2020, 2021, 2024])
def test_without_a_bundled_list_the_listing_is_not_stated(year: int) -> None:
    listing = cspa_listing("Burma", year)
    assert (listing.status, listing.source, listing.bundled, listing.listed) == (Listing.NOT_STATED, None, None, None)
    assert listing.note is not None and f"no CSPA list of {year} is bundled" in listing.note
    assert "2019, 2022, 2023" in listing.note


def test_a_stated_listing_wins_and_a_difference_is_noted() -> None:
    stated = cspa_listing("Burma", 2019, False)
    assert (stated.status, stated.source) == (Listing.NOT_LISTED, ListingSource.INPUT)
    assert stated.note == "differs from the bundled 2019 CSPA list, which has Burma"
    assert cspa_listing("Burma", 2019, True).note is None
    assert cspa_listing("Burma", 2018, True).status is Listing.LISTED
    unknown = cspa_listing("Examplestan", 2023)
    assert unknown.status is Listing.NOT_LISTED and unknown.note is not None and "not a name" in unknown.note


def test_no_list_before_2010() -> None:
    assert cspa_listing("Burma", 2009).status is Listing.NO_LIST
    assert cspa_listing("Burma", 2009).listed is False and cspa_listing("Burma", 2009, False).status is Listing.NO_LIST
    with pytest.raises(FieldError) as info:
        cspa_listing("Burma", 2009, True)
    assert info.value.field == "cspa.listed" and "2010" in str(info.value)
    with pytest.raises(FieldError) as info:
        cspa_listing("Burma", 2019, "yes")  # type: ignore[arg-type]
    assert info.value.field == "cspa.listed" and info.value.value == "yes"


def test_a_listing_value_is_checked() -> None:
    with pytest.raises(FieldError) as info:
        CspaListing("Burma", 2019, Listing.LISTED)  # a listed answer needs its source
    assert info.value.field == "source"
    with pytest.raises(FieldError) as info:
        CspaListing("Burma", 2018, Listing.NOT_STATED, ListingSource.INPUT)
    assert info.value.field == "source"
    with pytest.raises(FieldError) as info:
        CspaListing("Burma", 2018, Listing.LISTED, ListingSource.BUNDLED_LIST, cspa_list(2019))
    assert info.value.field == "bundled"
    with pytest.raises(FieldError) as info:
        CspaListing("Burma", 2019, "listed")  # type: ignore[arg-type]
    assert info.value.field == "status" and info.value.value == "listed"


def test_not_stated_gives_what_follows_if_listed_never_nothing() -> None:
    restrictions = cspa_restrictions(None, 2018)
    assert [r.category for r in restrictions] == [p.value for p in CspaProgram]
    assert {r.status for r in restrictions} == {Status.IF_LISTED}
    assert {r.fiscal_year.year for r in restrictions} == {2019}
    assert {r.citation for r in restrictions} == {CSPA_PROHIBITIONS.citation}
    assert all(r.note and "not stated" in r.note and "FY 2019" in r.note and "unless waived" in r.note
               for r in restrictions)
    # a determination still says what it lifts; the rest would apply if listed
    waived = cspa_restrictions(None, 2018, CspaDetermination(["imet"]))
    assert [r.status for r in waived] == [Status.WAIVED] + [Status.IF_LISTED] * 4
    assert Status.IF_LISTED.label == "if listed" and Status.PARTLY_EXCEPTED.label == "partly excepted"


def test_the_listing_decides_the_restrictions() -> None:
    assert {r.status for r in cspa_restrictions(cspa_listing("Burma", 2019), 2019)} == {Status.APPLIES}
    assert cspa_restrictions(cspa_listing("Thailand", 2019), 2019) == ()
    assert cspa_restrictions(cspa_listing("Burma", 2009), 2009) == ()
    with pytest.raises(FieldError) as info:
        cspa_restrictions(cspa_listing("Burma", 2019), 2022)
    assert info.value.field == "cspa.listing"


def test_consequences_consult_the_bundled_lists() -> None:
    listed = consequences(("Burma", 2019, Tier.TIER_3))
    assert listed.cspa_listing.status is Listing.LISTED and listed.fiscal_year.year == 2020
    assert [(r.category, r.status, r.fiscal_year.year, r.citation) for r in listed.cspa] == [
        (p.value, Status.APPLIES, 2020, CSPA_PROHIBITIONS.citation) for p in CspaProgram]
    unstated = consequences(("Burma", 2018, Tier.TIER_3))
    assert unstated.cspa_listing.status is Listing.NOT_STATED
    assert {r.status for r in unstated.cspa} == {Status.IF_LISTED}
    assert consequences(("Burma", 2018, Tier.TIER_3), cspa_listed=False).cspa == ()
    with pytest.raises(FieldError) as info:
        consequences(("Burma", 2018, Tier.TIER_3), cspa_listed=cspa_listing("Burma", 2019))
    assert info.value.field == "cspa_listed"
    inputs = ConsequenceInputs()
    assert inputs.is_cspa_listed("Burma", 2019) is True and inputs.is_cspa_listed("Burma", 2018) is None
    assert ConsequenceInputs(cspa_listed=False).is_cspa_listed("Burma", 2019) is False
    with pytest.raises(FieldError) as info:
        ConsequenceInputs(cspa_listed="yes")  # type: ignore[arg-type]
    assert info.value.field == "cspa.listed"


def test_the_reader_refuses_a_listing_before_the_first_list() -> None:
    text = json.dumps({"country": "Burma", "report_year": 2009, "tier": "3", "cspa": {"listed": True}})
    with pytest.raises(FieldError) as info:
        loads_consequence_inputs(text)
    assert info.value.field == "cspa.listed" and info.value.where == "<text>: item 0"
    [ok] = loads_consequence_inputs(json.dumps({"country": "Burma", "report_year": 2009, "tier": "3",
                                                "cspa": {"listed": False}}))
    assert ok.inputs.cspa_listed is False


# --------------------------------------------------------------------------- the CSPA text by year


_AND, _OR = ListCriterion.RECRUIT_AND_USE, ListCriterion.RECRUIT_OR_USE
_BROAD, _LIMITED = (ProfessionalizationException.IMET_TRAINING_AND_NONLETHAL_SUPPLIES,
                    ProfessionalizationException.LISTED_INSTITUTES)


@pytest.mark.parametrize(("year", "pko", "criterion", "police", "exception"), [
    (2010, False, _AND, False, _BROAD),
    (2012, False, _AND, False, _BROAD),
    (2013, True, _AND, False, _BROAD),
    (2018, True, _AND, False, _BROAD),
    (2019, True, _OR, True, _LIMITED),
    (2023, True, _OR, True, _LIMITED),
])
def test_the_text_in_force_changes_where_the_amendments_do(year: int, pko: bool, criterion: ListCriterion,
                                                          police: bool,
                                                          exception: ProfessionalizationException) -> None:
    text = cspa_text(year)
    assert (CspaProgram.PKO in text.programs) is pko and len(text.programs) == 4 + pko
    assert (text.criterion, text.police_and_security_forces, text.exception) == (criterion, police, exception)
    assert f"that {criterion.words} child soldiers" in text.wording
    assert ("police, or other security forces" in text.wording) is police
    expected = [CSPA_PROHIBITIONS.citation]
    if criterion is ListCriterion.RECRUIT_OR_USE:
        expected.append(CSPA_RECRUIT_OR_USE.citation)
    if police:
        expected.append(CHILD_SOLDIER_POLICE.citation)
    if pko:
        expected.append(CSPA_PEACEKEEPING.citation)
    expected.append((CSPA_PROFESSIONALIZATION_LIMITED if exception is ProfessionalizationException.LISTED_INSTITUTES
                     else CSPA_PROFESSIONALIZATION).citation)
    assert text.citations == tuple(expected)


def test_the_first_lists_come_from_the_provisions_table_and_are_parameters() -> None:
    assert (CSPA_RECRUIT_OR_USE.first_report_year, CSPA_RECRUIT_OR_USE.confidence) == (2019, "I")
    assert (CSPA_PROFESSIONALIZATION_LIMITED.first_report_year, CSPA_PROFESSIONALIZATION_LIMITED.confidence) == (
        2019, "U")
    assert "115-425" in CSPA_RECRUIT_OR_USE.enacted_by
    assert cspa_text(2018, or_use_from=2018).criterion is ListCriterion.RECRUIT_OR_USE
    assert cspa_text(2019, or_use_from=2020).criterion is ListCriterion.RECRUIT_AND_USE
    assert cspa_text(2013, limited_exception_from=2013).exception is ProfessionalizationException.LISTED_INSTITUTES
    assert cspa_text(2019, police_from=2020).police_and_security_forces is False
    assert cspa_listing("Burma", 2019, or_use_from=2020).criterion is ListCriterion.RECRUIT_AND_USE
    for field in ("or_use_from", "limited_exception_from"):
        with pytest.raises(FieldError) as info:
            cspa_text(2019, **{field: "2019"})  # type: ignore[arg-type]
        assert info.value.field == field
    with pytest.raises(FieldError) as info:
        cspa_text(2009)
    assert info.value.field == "report_year"


@pytest.mark.parametrize(("year", "status", "provision"), [
    (2013, Status.EXCEPTED, CSPA_PROFESSIONALIZATION),
    (2018, Status.EXCEPTED, CSPA_PROFESSIONALIZATION),
    (2019, Status.PARTLY_EXCEPTED, CSPA_PROFESSIONALIZATION_LIMITED),
    (2023, Status.PARTLY_EXCEPTED, CSPA_PROFESSIONALIZATION_LIMITED),
])
def test_the_e_exception_lifts_what_the_text_of_the_year_lifts(year: int, status: Status, provision: object) -> None:
    imet, *others = cspa_restrictions(True, year, CspaDetermination(professionalization_exception=True))
    assert (imet.category, imet.status, imet.citation) == ("imet", status, provision.citation)  # type: ignore[attr-defined]
    assert imet.note is not None
    if status is Status.PARTLY_EXCEPTED:
        assert "Defense Institute of International Legal Studies" in imet.note and "5 years" in imet.note
        assert "stays barred" in imet.note
    else:
        assert "2008 text" in imet.note
    assert all(r.status is Status.APPLIES for r in others)  # (e) touches IMET only


def test_the_e_year_is_a_parameter() -> None:
    d = CspaDetermination(professionalization_exception=True)
    assert cspa_restrictions(True, 2023, d, limited_exception_from=2024)[0].status is Status.EXCEPTED
    assert cspa_restrictions(True, 2018, d, limited_exception_from=2018)[0].status is Status.PARTLY_EXCEPTED


# --------------------------------------------------------------------------- trade


@pytest.mark.parametrize(("year", "status", "provision"), [
    (2013, TradeProcedures.NOT_YET_ENACTED, TRADE_BAR),
    (2014, TradeProcedures.BARRED, TRADE_BAR),
    (2015, TradeProcedures.BARRED, TRADE_BAR),
    (2020, TradeProcedures.BARRED, TRADE_BAR),
    (2021, TradeProcedures.NOT_IN_FORCE, TRADE_AUTHORITIES_PERIOD),
    (2022, TradeProcedures.NOT_IN_FORCE, TRADE_AUTHORITIES_PERIOD),
])
def test_the_trade_window_boundaries(year: int, status: TradeProcedures, provision: object) -> None:
    t = trade_authorities(Tier.TIER_3, year)
    assert (t.status, t.citation) == (status, provision.citation)  # type: ignore[attr-defined]
    assert t.in_force is (status is TradeProcedures.BARRED) and TRADE_BAR.in_force(year) is t.in_force
    letter = trade_authorities(Tier.TIER_3, year, exception_letter=True)
    if t.in_force:
        assert (letter.status, letter.citation) == (TradeProcedures.AVAILABLE, TRADE_LETTER.citation)
        assert trade_authorities(Tier.TIER_2_WATCH_LIST, year).status is TradeProcedures.AVAILABLE
    else:
        assert letter.status is status  # the letter cannot open procedures that do not exist
        assert trade_authorities(Tier.TIER_1, year).status is status


def test_the_window_follows_from_the_dates() -> None:
    assert dt.date(2015, 6, 29) == TRADE_ACT_ENACTED and dt.date(2021, 7, 1) == TRADE_AGREEMENTS_BEFORE
    assert TIP_REPORT_RELEASES[2015] == dt.date(2015, 7, 27) and TIP_REPORT_RELEASES[2021] == dt.date(2021, 7, 1)
    assert most_recent_report(TRADE_ACT_ENACTED) == 2014 == TRADE_BAR.first_report_year
    assert most_recent_report(dt.date(2015, 7, 26)) == 2014
    assert most_recent_report(dt.date(2020, 6, 25)) == 2020
    assert most_recent_report(dt.date(2021, 6, 30)) == 2020 == TRADE_BAR.last_report_year
    assert TRADE_LETTER.in_force(2014) and not TRADE_LETTER.in_force(2021)
    with pytest.raises(StatuteError):
        most_recent_report(dt.date(2015, 7, 27))  # the 2015 report was the latest until 2016's: not recorded


def test_malaysia_2014_is_barred_and_2022_has_no_procedures() -> None:
    t = trade_authorities(Tier.TIER_3, 2014)
    assert t.status is TradeProcedures.BARRED and "June 29, 2015" in t.reason and "July 27, 2015" in t.reason
    later = consequences(("Malaysia", 2022, Tier.TIER_3)).trade
    assert (later.status, later.in_force, later.citation) == (TradeProcedures.NOT_IN_FORCE, False,
                                                              TRADE_AUTHORITIES_PERIOD.citation)
    assert "July 1, 2021" in later.reason and "2020 report" in later.reason
    assert "no bar to lift" in trade_authorities(Tier.TIER_3, 2022, exception_letter=True).reason
    assert "July 1, 2021" in trade_authorities(Tier.TIER_3, 2020).reason
    with pytest.raises(FieldError) as info:
        TradeStatus("available", "r", "c")  # type: ignore[arg-type]
    assert info.value.field == "status"
    with pytest.raises(FieldError) as info:
        trade_authorities("3", 2019)  # type: ignore[arg-type]
    assert info.value.field == "tier"


def test_the_watch_list_description_outlives_the_procedures() -> None:
    assert (TRADE_DESCRIPTION.first_report_year, TRADE_DESCRIPTION.last_report_year) == (2015, None)
    moved = tier3_to_watch_list_description(History.of("Malaysia", {2022: "3", 2023: "2WL"}), 2023)
    assert moved is not None and moved.citation == TRADE_DESCRIPTION.citation and moved.due is None
    assert tier3_to_watch_list_description(History.of("Malaysia", {2013: "3", 2014: "2WL"}), 2014) is None
    first = tier3_to_watch_list_description(History.of("Malaysia", {2014: "3", 2015: "2WL"}), 2015)
    assert first is not None and first.due == dt.date(2016, 5, 24)


# --------------------------------------------------------------------------- rendering and the command line


def test_rendering_of_the_listing_and_trade() -> None:
    data = consequences_record(consequences(("Burma", 2019, Tier.TIER_3)))["consequences"]
    listing = data["cspa_listing"]
    assert (listing["status"], listing["source"], listing["criterion"]) == ("listed", "bundled_list", "recruit or use")
    assert listing["criterion_citation"] == CSPA_RECRUIT_OR_USE.citation
    assert listing["list"]["report_year"] == 2019 and listing["list"]["governments"] == 11
    assert listing["list"]["source"] == "state-cspa-405c-2020"
    assert data["trade"] == {"status": "barred", "in_force": True, "reason": data["trade"]["reason"],
                             "citation": TRADE_BAR.citation}
    text = consequences_text(consequences(("Burma", 2018, Tier.TIER_3)))
    assert "CSPA listing (forces that recruit and use child soldiers" in text
    assert "not stated" in text and "CSPA restrictions: none" not in text
    assert "CSPA restrictions if listed (barred for FY 2019 unless waived):" in text
    assert text.count("    if listed: ") == 5


def _run(capsys: pytest.CaptureFixture[str], path: Path, fmt: str) -> str:
    assert main(["consequences", str(path), "--format", fmt]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_the_acceptance_items_in_json_and_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                fmt: str) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"country": "Burma", "report_year": 2019, "tier": "3"},
                                {"country": "Burma", "report_year": 2018, "tier": "3"},
                                {"country": "Malaysia", "report_year": 2014, "tier": "3"},
                                {"country": "Malaysia", "report_year": 2022, "tier": "3"}]), encoding="utf-8")
    out = _run(capsys, path, fmt)
    items = json.loads(out)["items"] if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    b19, b18, m14, m22 = (i["consequences"] for i in items)
    assert b19["cspa_listing"]["status"] == "listed" and b19["cspa_listing"]["list"]["report_year"] == 2019
    assert [(r["status"], r["fiscal_year"]["year"]) for r in b19["cspa_restrictions"]] == [("applies", 2020)] * 5
    assert b18["cspa_listing"]["status"] == "not_stated" and b18["cspa_listing"]["list"] is None
    assert [(r["status"], r["fiscal_year"]["year"]) for r in b18["cspa_restrictions"]] == [("if_listed", 2019)] * 5
    assert (m14["trade"]["status"], m14["trade"]["in_force"]) == ("barred", True)
    assert (m22["trade"]["status"], m22["trade"]["in_force"]) == ("not_in_force", False)
    assert "available" not in m22["trade"]


def test_the_acceptance_items_in_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"country": "Burma", "report_year": 2019, "tier": "3"},
                                {"country": "Burma", "report_year": 2018, "tier": "3"},
                                {"country": "Malaysia", "report_year": 2022, "tier": "3"}]), encoding="utf-8")
    b19, b18, m22 = _run(capsys, path, "text").split("\n\n")
    assert "CSPA listing (forces that recruit or use child soldiers" in b19
    assert "listed, from the bundled 2019 CSPA list (cspa_lists.csv)" in b19 and "July 17, 2020" in b19
    assert b19.count("    applies: ") == 5 + 0 and "consequences in FY 2020" in b19
    assert "not stated" in b18 and "CSPA restrictions: none" not in b18 and b18.count("    if listed: ") == 5
    assert "trade authorities: no trade-authorities procedures in force" in m22
    assert "CSPA restrictions: none: not listed" in m22
