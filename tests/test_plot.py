"""tipranking.formats.plot: tier lines, audit marks read back from the figure, bundled countries by any name."""

from __future__ import annotations

import math
import struct
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

from tipranking import History, Tier, statute_named
from tipranking.errors import FieldError, UnknownCountryError
from tipranking.formats.plot import (
    AUTOMATIC_DOWNGRADE,
    FORCED_MOVE,
    UNDETERMINED,
    VIOLATION,
    WAIVER,
    Mark,
    marks,
    plot_countries,
    plot_histories,
    save,
)

WL = Tier.TIER_2_WATCH_LIST
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _country_line(fig, country):
    (ax,) = fig.axes
    lines = [line for line in ax.get_lines() if line.get_label() == country]
    assert len(lines) == 1
    return lines[0]


@pytest.fixture(scope="module")
def thailand_malaysia():
    return plot_countries(["Thailand", "Malaysia"])


def test_automatic_downgrades_up_to_2015_are_thailand_and_malaysia_2014(thailand_malaysia):
    downgrades = {(m.country, m.report_year) for m in marks(thailand_malaysia)
                  if m.kind == AUTOMATIC_DOWNGRADE and m.report_year <= 2015}
    assert downgrades == {("Thailand", 2014), ("Malaysia", 2014)}


def test_marks_2009_to_2015_pinned(thailand_malaysia):
    # Both countries were on the Watch List 2010-2013: the third and fourth years needed a waiver of the
    # automatic downgrade (TVPRA 2008 allows two), and in 2014 the list was closed, so both went to Tier 3.
    in_range = {m for m in marks(thailand_malaysia) if 2009 <= m.report_year <= 2015}
    assert in_range == {
        Mark("Thailand", 2012, WAIVER, WL),
        Mark("Thailand", 2013, WAIVER, WL),
        Mark("Thailand", 2014, AUTOMATIC_DOWNGRADE, Tier.TIER_3),
        Mark("Malaysia", 2012, WAIVER, WL),
        Mark("Malaysia", 2013, WAIVER, WL),
        Mark("Malaysia", 2014, AUTOMATIC_DOWNGRADE, Tier.TIER_3),
    }


def test_marks_after_2015_follow_the_2019_law(thailand_malaysia):
    # Malaysia: Watch List 2018-2020 (waiver in 2020), Tier 3 2021 (the clock), Watch List 2023, Tier 2 2024:
    # after a waived run and Tier 3, the 2023 return could last one year (22 U.S.C. § 7107(b)(2)(F)).
    later = [m for m in marks(thailand_malaysia) if m.report_year > 2015]
    assert later == [Mark("Malaysia", 2020, WAIVER, WL), Mark("Malaysia", 2021, AUTOMATIC_DOWNGRADE, Tier.TIER_3),
                     Mark("Malaysia", 2024, FORCED_MOVE, Tier.TIER_2)]


def test_undetermined_marks_where_the_record_has_unknown_years():
    # The bundled record has no undetermined placement: Haiti's Special Case years 2006-2011 are rows (gaps in its
    # line, as Special Cases are), and its 2014-2015 Watch List years are waivers; Kiribati's 2011 raises nothing.
    fig = plot_countries(["Haiti", "Kiribati"])
    assert not [m for m in marks(fig) if m.kind == UNDETERMINED]
    assert {m.report_year for m in marks(fig) if m.country == "Haiti" and m.kind == WAIVER} == {2014, 2015, 2023}
    assert [m for m in marks(fig) if m.country == "Kiribati"] == []
    haiti = _country_line(fig, "Haiti")
    by_year = dict(zip((round(x) for x in haiti.get_xdata()), haiti.get_ydata(), strict=True))
    assert all(math.isnan(by_year[y]) for y in range(2006, 2012)) and round(by_year[2012]) == 3
    # Kiribati's 2009 is known only to be off the Watch List; with 2009 unknown instead, its second Watch List
    # year, 2011, is marked undetermined, and the unknown year is a gap in its line, not a guess.
    (bundled,) = _bundled(["Kiribati"])
    kiribati = History("Kiribati", bundled.placements, {2009}, [p for p in bundled.partial if p.report_year != 2009])
    fig = plot_histories([kiribati])
    assert [(m.report_year, m.tier) for m in marks(fig) if m.kind == UNDETERMINED] == [(2011, WL)]
    line = _country_line(fig, "Kiribati")
    by_year = dict(zip((round(x) for x in line.get_xdata()), line.get_ydata(), strict=True))
    assert math.isnan(by_year[2009]) and round(by_year[2010]) == round(by_year[2011]) == 3


def test_lines_follow_the_bundled_tiers(thailand_malaysia):
    malaysia = _country_line(thailand_malaysia, "Malaysia")
    years = [round(x) for x in malaysia.get_xdata()]
    ys = list(malaysia.get_ydata())
    by_year = dict(zip(years, ys, strict=True))
    assert round(by_year[2019]) == 3  # the Watch List
    assert round(by_year[2014]) == 4 and round(by_year[2013]) == 3 and round(by_year[2017]) == 2
    thailand = dict(zip((round(x) for x in _country_line(thailand_malaysia, "Thailand").get_xdata()),
                        _country_line(thailand_malaysia, "Thailand").get_ydata(), strict=True))
    # equal placements are drawn slightly apart so that both lines stay visible
    assert thailand[2014] != by_year[2014]
    assert round(thailand[2014]) == round(by_year[2014])


def test_tier_1_is_at_the_top():
    fig = plot_histories([History.of("X", {2010: "1", 2011: "2", 2012: "2WL", 2013: "3"})])
    (ax,) = fig.axes
    line = _country_line(fig, "X")
    heights = [ax.transData.transform((x, y))[1] for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)]
    assert heights == sorted(heights, reverse=True)  # display y falls as the tier worsens
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3"]


def test_special_case_and_missing_years_are_gaps():
    fig = plot_histories([History.of("X", {2010: "2", 2011: "special_case", 2013: "3"})])
    line = _country_line(fig, "X")
    assert [round(x) for x in line.get_xdata()] == [2010, 2011, 2012, 2013]
    ys = list(line.get_ydata())
    assert ys[0] == 2.0 and ys[3] == 4.0
    assert math.isnan(ys[1]) and math.isnan(ys[2])


def test_myanmar_plots_burma_once():
    fig = plot_countries(["Myanmar", "Burma"])
    (ax,) = fig.axes
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Burma" in legend and "Myanmar" not in legend
    assert sum(1 for line in ax.get_lines() if line.get_label() == "Burma") == 1


def test_unknown_name_suggests_thailand():
    with pytest.raises(UnknownCountryError) as info:
        plot_countries(["Malaysia", "Tailand"])
    assert "Thailand" in info.value.suggestions
    assert info.value.value == "Tailand"


def test_single_string_is_refused():
    with pytest.raises(TypeError):
        plot_countries("Thailand")  # type: ignore[arg-type]


def test_save_writes_a_png(thailand_malaysia, tmp_path):
    path = tmp_path / "x.png"
    save(thailand_malaysia, path)
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert width > 800 and height > 300
    assert data.endswith(b"IEND\xaeB`\x82")


def test_save_follows_the_suffix(thailand_malaysia, tmp_path):
    path = tmp_path / "x.svg"
    save(thailand_malaysia, str(path))
    assert b"<svg" in path.read_bytes()[:1000]


def test_other_forced_moves_violations_and_data_waivers():
    histories = [
        History.of("Up", {2020: "2WL", 2021: "2WL", 2022: "2WL", 2023: "2"}),
        History.of("Stay", {2020: "2WL", 2021: "2WL", 2022: "2WL", 2023: "2WL"}),
        History.of("Flagged", {2020: "2WL"}, waivers=[2020]),
    ]
    got = set(marks(plot_histories(histories)))
    assert got == {
        Mark("Up", 2022, WAIVER, WL),
        Mark("Up", 2023, FORCED_MOVE, Tier.TIER_2),
        Mark("Stay", 2022, WAIVER, WL),
        Mark("Stay", 2023, VIOLATION, WL),
        Mark("Flagged", 2020, WAIVER, WL),  # no audit event: the data's own waiver flag
    }


def test_legend_names_the_kinds_present():
    fig = plot_histories([History.of("Up", {2020: "2WL", 2021: "2WL", 2022: "2WL", 2023: "2"})])
    (ax,) = fig.axes
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Up", WAIVER, FORCED_MOVE]


def test_marker_shapes_differ_by_kind():
    fig = plot_histories([History.of("Up", {2020: "2WL", 2021: "2WL", 2022: "2WL", 2023: "2"}),
                          History.of("Down", {2010: "2WL", 2011: "2WL", 2012: "2WL", 2013: "2WL", 2014: "3"})])
    (ax,) = fig.axes
    shapes = {}
    for line in ax.get_lines():
        gid = line.get_gid()
        if gid:
            shapes.setdefault(gid.split('"')[1], set()).add(line.get_marker())
    assert set(shapes) == {WAIVER, FORCED_MOVE, AUTOMATIC_DOWNGRADE}
    assert all(len(s) == 1 for s in shapes.values())
    assert len({next(iter(s)) for s in shapes.values()}) == 3


def test_statute_applies_to_every_year(thailand_malaysia):
    # Under the 2019 act (one waiver year) Thailand's 2013 Watch List year is a violation, not a waiver.
    thailand = _bundled(["Thailand"])
    fig = plot_histories(thailand, statute=statute_named("tvpra-2019"))
    got = {(m.report_year, m.kind) for m in marks(fig)}
    assert (2013, VIOLATION) in got and (2013, WAIVER) not in got
    assert (2013, WAIVER) in {(m.report_year, m.kind) for m in marks(thailand_malaysia) if m.country == "Thailand"}
    assert "tvpra-2019" in fig.axes[0].get_title()


def test_a_figure_without_events_has_no_marks():
    fig = plot_histories([History.of("Calm", {2010: "1", 2011: "2", 2012: "2WL", 2013: "2"})])
    assert marks(fig) == ()


def test_mapping_of_histories_is_accepted():
    h = History.of("X", {2012: "2WL", 2013: "2WL", 2014: "2WL", 2015: "2WL", 2016: "3"})
    assert marks(plot_histories({"X": h})) == marks(plot_histories([h]))
    assert Mark("X", 2016, AUTOMATIC_DOWNGRADE, Tier.TIER_3) in marks(plot_histories([h]))


def test_non_history_is_refused():
    with pytest.raises(TypeError):
        plot_histories(["Thailand"])  # type: ignore[list-item]


def test_government_without_bundled_placements(monkeypatch):
    import tipranking.data

    monkeypatch.setattr(tipranking.data, "placements", lambda: {})
    with pytest.raises(FieldError, match="no placements of Thailand"):
        plot_countries(["Thailand"])


def _bundled(names):
    from tipranking.data import placements

    return [placements()[n] for n in names]


def test_cli_plot_writes_a_png_with_the_2014_downgrades(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tipranking.cli import main

    out = tmp_path / "chart.png"
    assert main(["plot", "Thailand", "Malaysia", "-o", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    fig = plot_countries(["Thailand", "Malaysia"])
    downgrades = {(m.country, m.report_year) for m in marks(fig) if m.kind == AUTOMATIC_DOWNGRADE}
    assert {("Thailand", 2014), ("Malaysia", 2014)} <= downgrades
    capsys.readouterr()
    assert main(["plot", "Tailand", "-o", str(tmp_path / "y.png")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "'Thailand'" in captured.err
