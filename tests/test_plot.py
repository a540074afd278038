"""tipranking.formats.plot: tier lines, audit marks read back from the figure, bundled countries by any name."""

from __future__ import annotations

import math
import os
import shutil
import stat
import struct
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

from tipranking import History, Tier, provisions, statute_named
from tipranking.analysis.audit import AuditEvent, AuditEventKind, AuditReport, audit
from tipranking.errors import FieldError, InputTypeError, OutputError, UnknownCountryError
from tipranking.formats.plot import (
    AUTOMATIC_DOWNGRADE,
    FORCED_MOVE,
    MARK_KINDS,
    POST_WAIVER_LIMIT,
    UNDETERMINED,
    VIOLATION,
    WAIVER,
    Mark,
    check_output,
    marks,
    output_suffixes,
    plot_countries,
    plot_histories,
    save,
)

WL = Tier.TIER_2_WATCH_LIST
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
D_I = provisions.AUTOMATIC_DOWNGRADE.citation  # § 7107(b)(2)(D)(i)
D_II = provisions.WAIVER.citation  # § 7107(b)(2)(D)(ii)
F = provisions.POST_WAIVER_LIMIT.citation  # § 7107(b)(2)(F)


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
        Mark("Thailand", 2012, WAIVER, WL, D_II),
        Mark("Thailand", 2013, WAIVER, WL, D_II),
        Mark("Thailand", 2014, AUTOMATIC_DOWNGRADE, Tier.TIER_3, D_I),
        Mark("Malaysia", 2012, WAIVER, WL, D_II),
        Mark("Malaysia", 2013, WAIVER, WL, D_II),
        Mark("Malaysia", 2014, AUTOMATIC_DOWNGRADE, Tier.TIER_3, D_I),
    }


def test_marks_after_2015_follow_the_2019_law(thailand_malaysia):
    # Malaysia: Watch List 2018-2020 (waiver in 2020), Tier 3 2021 (the clock), Watch List 2023, Tier 2 2024:
    # after a waived run and Tier 3, the 2023 return could last one year (22 U.S.C. § 7107(b)(2)(F)): the 2024
    # move is the post-waiver limit's, not the automatic downgrade's.
    later = [m for m in marks(thailand_malaysia) if m.report_year > 2015]
    assert later == [Mark("Malaysia", 2020, WAIVER, WL, D_II),
                     Mark("Malaysia", 2021, AUTOMATIC_DOWNGRADE, Tier.TIER_3, D_I),
                     Mark("Malaysia", 2024, POST_WAIVER_LIMIT, Tier.TIER_2, F)]


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
    violation = audit([histories[1]]).of_kind(AuditEventKind.VIOLATION)[0].citation
    assert got == {
        Mark("Up", 2022, WAIVER, WL, D_II),
        # no waiver year left in 2023: the automatic downgrade closed the Watch List, whichever tier came next
        Mark("Up", 2023, AUTOMATIC_DOWNGRADE, Tier.TIER_2, D_I),
        Mark("Stay", 2022, WAIVER, WL, D_II),
        Mark("Stay", 2023, VIOLATION, WL, violation),
        Mark("Flagged", 2020, WAIVER, WL, D_II),  # no audit event: the data's own waiver flag
    }


def _legend(fig):
    (ax,) = fig.axes
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_legend_names_the_kinds_present_with_their_provisions():
    fig = plot_histories([History.of("Up", {2020: "2WL", 2021: "2WL", 2022: "2WL", 2023: "2"})])
    assert _legend(fig) == ["Up", f"waiver year,\n{D_II}", f"forced off the Watch List: automatic downgrade,\n{D_I}"]


# Watch List 2017-2019 (a waiver in 2019), Tier 3 in 2020, back on the Watch List in 2021: 2022 is closed by (F).
AFTER_WAIVER = History.of("After", {2017: "2WL", 2018: "2WL", 2019: "2WL", 2020: "3", 2021: "2WL", 2022: "3"})


def test_marker_shapes_differ_by_kind():
    fig = plot_histories([History.of("Up", {2020: "2WL", 2021: "2WL", 2022: "2WL", 2023: "2"}), AFTER_WAIVER,
                          History.of("Stay", {2020: "2WL", 2021: "2WL", 2022: "2WL", 2023: "2WL"})])
    (ax,) = fig.axes
    shapes = {}
    for line in ax.get_lines():
        gid = line.get_gid()
        if gid:
            shapes.setdefault(gid.split('"')[1], set()).add(line.get_marker())
    assert set(shapes) == {WAIVER, AUTOMATIC_DOWNGRADE, POST_WAIVER_LIMIT, VIOLATION}
    assert all(len(s) == 1 for s in shapes.values())
    assert len({next(iter(s)) for s in shapes.values()}) == 4


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
    assert Mark("X", 2016, AUTOMATIC_DOWNGRADE, Tier.TIER_3, D_I) in marks(plot_histories([h]))


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


# --------------------------------------------------------------------------- marks by provision (issue 21, item 8)


def test_algeria_2023_is_a_post_waiver_limit_move_not_an_automatic_downgrade():
    # Algeria: Watch List 2017-2019 (a waiver in 2019), Tier 3 in 2020, Watch List 2022, Tier 3 in 2023: the
    # Watch List was closed in 2023 by the limit after a waiver and Tier 3, § 7107(b)(2)(F), not by (D)(i).
    fig = plot_countries(["Algeria"])
    by_year = {m.report_year: m for m in marks(fig)}
    assert by_year[2023] == Mark("Algeria", 2023, POST_WAIVER_LIMIT, Tier.TIER_3, F)
    assert by_year[2020] == Mark("Algeria", 2020, AUTOMATIC_DOWNGRADE, Tier.TIER_3, D_I)  # no waiver year left
    assert by_year[2019] == Mark("Algeria", 2019, WAIVER, WL, D_II)
    # the citation is the audit event's own
    (event,) = [e for e in audit([_bundled(["Algeria"])[0]]).events
                if e.report_year == 2023 and e.event is AuditEventKind.FORCED_MOVE]
    assert by_year[2023].citation == event.citation
    # the legend entry drawn with the 2023 mark's shape names the post-waiver limit and (F), and no other entry
    # claims (F) as the automatic downgrade
    (ax,) = fig.axes
    (marker_line,) = [line for line in ax.get_lines() if (line.get_gid() or "").startswith("tipranking-mark:")
                      and 2023 in [round(x) for x in line.get_xdata()]]
    legend = ax.get_legend()
    entries = dict(zip((t.get_text() for t in legend.get_texts()), legend.legend_handles, strict=True))
    (label,) = [text for text, handle in entries.items() if handle.get_marker() == marker_line.get_marker()]
    assert label == f"forced off the Watch List: post-waiver limit,\n{F}"
    assert f"forced off the Watch List: automatic downgrade,\n{D_I}" in entries
    assert not [text for text in entries if "automatic downgrade" in text and F in text]


def test_another_provisions_forced_move_is_marked_with_the_events_citation(monkeypatch):
    # A variant statute whose own rule closes the Watch List: the mark is an "other" forced move, cited as the
    # audit event cites it.
    import tipranking.formats.plot as plot_module

    history = History.of("X", {2020: "2WL", 2021: "3"})
    cited = provisions.WATCH_LIST.citation
    event = AuditEvent("X", 2021, AuditEventKind.FORCED_MOVE, Tier.TIER_3, cited, "a variant's rule")
    monkeypatch.setattr(plot_module, "audit", lambda histories, statute: AuditReport(2, 1, (event,)))
    fig = plot_histories([history])
    assert marks(fig) == (Mark("X", 2021, FORCED_MOVE, Tier.TIER_3, cited),)
    assert _legend(fig) == ["X", f"forced off the Watch List: another provision,\n{cited}"]


def test_every_kind_has_its_own_legend_text():
    fig = plot_histories([AFTER_WAIVER, History.of("Stay", {2020: "2WL", 2021: "2WL", 2022: "2WL", 2023: "2WL"})])
    legend = _legend(fig)[2:]
    assert len(legend) == len(set(legend)) == 4
    assert [text.split(",\n")[0] for text in legend] == [
        "waiver year", "forced off the Watch List: automatic downgrade",
        "forced off the Watch List: post-waiver limit", "Watch List placement not lawful even with a waiver"]
    assert MARK_KINDS.index(POST_WAIVER_LIMIT) == MARK_KINDS.index(AUTOMATIC_DOWNGRADE) + 1


# --------------------------------------------------------------------------- ax= (issue 21, item 8)


def test_plot_into_a_subplot_grid():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(16, 4), layout="constrained")
    left, right = fig.subplots(1, 2)
    assert plot_countries(["Algeria"], ax=left) is fig
    assert plot_histories(_bundled(["Malaysia"]), ax=right, statute=statute_named("tvpra-2019")) is fig
    assert fig.axes == [left, right]  # no Axes added
    assert [line.get_label() for line in left.get_lines() if not line.get_label().startswith("_")] == ["Algeria"]
    assert [line.get_label() for line in right.get_lines() if not line.get_label().startswith("_")] == ["Malaysia"]
    assert "tvpra-2019" in right.get_title() and "tvpra-2019" not in left.get_title()
    assert {m.country for m in marks(left)} == {"Algeria"}
    assert {m.country for m in marks(right)} == {"Malaysia"}
    assert marks(fig) == tuple(sorted(marks(left) + marks(right)))
    assert Mark("Algeria", 2023, POST_WAIVER_LIMIT, Tier.TIER_3, F) in marks(left)


def test_plot_into_a_subfigure_returns_the_top_level_figure(tmp_path):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(16, 4), layout="constrained")
    sub, _ = fig.subfigures(1, 2)
    ax = sub.add_subplot()
    assert plot_countries(["Algeria"], ax=ax) is fig
    save(fig, tmp_path / "sub.png")
    assert (tmp_path / "sub.png").read_bytes()[:8] == PNG_SIGNATURE


def test_ax_must_be_an_axes():
    with pytest.raises(InputTypeError) as info:
        plot_countries(["Algeria"], ax="left")  # type: ignore[arg-type]
    assert info.value.field == "ax" and info.value.value == "left"


# --------------------------------------------------------------------------- safe writes (issue 21, item 10)


def _entries(directory):
    return sorted(p.name for p in directory.iterdir())


@pytest.fixture(scope="module")
def algeria():
    return plot_countries(["Algeria"])


def test_a_read_only_file_is_refused_even_for_root(algeria, tmp_path):
    # Replacing a file needs only the directory's permission, and root passes every permission check: the
    # refusal rests on the file's mode having no write bit.
    target = tmp_path / "ro.png"
    target.write_bytes(b"the user's own file")
    target.chmod(0o444)
    for call in (check_output, lambda path: save(algeria, path)):
        with pytest.raises(OutputError, match=r"ro\.png: is read-only \(mode 0o444\)"):
            call(target)
    assert target.read_bytes() == b"the user's own file"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert _entries(tmp_path) == ["ro.png"]


def test_a_file_the_user_may_not_write_is_refused(algeria, tmp_path, monkeypatch):
    # os.access says no (another user's file, a read-only file system) although the mode has a write bit.
    target = tmp_path / "theirs.png"
    target.write_bytes(b"someone else's")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if Path(path) == target
                        else real_access(path, mode, **kw))
    with pytest.raises(OutputError, match=r"theirs\.png: you may not write it"):
        save(algeria, target)
    assert target.read_bytes() == b"someone else's"
    assert _entries(tmp_path) == ["theirs.png"]


def test_a_symbolic_link_is_written_through(algeria, tmp_path):
    images = tmp_path / "images"
    images.mkdir()
    real = images / "chart-2025.png"
    real.write_bytes(b"old chart")
    real.chmod(0o640)
    link = tmp_path / "latest.png"
    link.symlink_to(Path("images") / "chart-2025.png")  # relative, into another directory
    chain = tmp_path / "current.png"
    chain.symlink_to("latest.png")  # a link to a link
    assert check_output(chain) == real.resolve()
    save(algeria, chain)
    assert link.is_symlink() and os.readlink(link) == os.path.join("images", "chart-2025.png")
    assert chain.is_symlink() and os.readlink(chain) == "latest.png"
    assert real.read_bytes()[:8] == PNG_SIGNATURE
    assert stat.S_IMODE(real.lstat().st_mode) == 0o640  # the target's permission bits kept
    assert _entries(tmp_path) == ["current.png", "images", "latest.png"]  # no temporary file left
    assert _entries(images) == ["chart-2025.png"]


def test_a_link_to_a_read_only_file_is_refused(algeria, tmp_path):
    real = tmp_path / "real.png"
    real.write_bytes(b"keep")
    real.chmod(0o444)
    (tmp_path / "link.png").symlink_to("real.png")
    with pytest.raises(OutputError, match=r"link\.png: is read-only"):
        save(algeria, tmp_path / "link.png")
    assert real.read_bytes() == b"keep" and (tmp_path / "link.png").is_symlink()


@pytest.mark.parametrize(("points_to", "problem"), [
    ("nowhere.png", "which does not exist"),
    ("missing/x.png", "whose directory"),
    ("loop.png", "cannot be followed"),
], ids=["dangling", "missing-directory", "loop"])
def test_a_link_that_leads_nowhere_is_refused(algeria, tmp_path, points_to, problem):
    link = tmp_path / "loop.png" if points_to == "loop.png" else tmp_path / "link.png"
    link.symlink_to(points_to)
    with pytest.raises(OutputError, match=problem) as info:
        save(algeria, link)
    assert str(link) in str(info.value)
    assert link.is_symlink() and os.readlink(link) == points_to
    assert _entries(tmp_path) == [link.name]


def test_a_special_file_is_refused(algeria, tmp_path):
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        save(algeria, fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_an_existing_files_permission_bits_are_kept(algeria, tmp_path):
    # (the temporary file is made with mode 0o600: the target's 0o664 must be copied to it)
    target = tmp_path / "shared.svg"
    target.write_bytes(b"old")
    target.chmod(0o664)
    save(algeria, target)
    assert b"<svg" in target.read_bytes()[:1000]
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


# --------------------------------------------------------------------------- every format matplotlib writes


def _is_webp(data):
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


@pytest.mark.parametrize(("name", "looks_right"), [
    ("chart.ps", lambda data: data.split(b"\n", 1)[0] == b"%!PS-Adobe-3.0"),
    ("chart.eps", lambda data: data.split(b"\n", 1)[0] == b"%!PS-Adobe-3.0 EPSF-3.0"),
    ("chart.jpg", lambda data: data[:3] == b"\xff\xd8\xff"),
    ("chart.JPEG", lambda data: data[:3] == b"\xff\xd8\xff"),
    ("chart.webp", _is_webp),
    ("chart.tif", lambda data: data[:4] in (b"II*\x00", b"MM\x00*")),
    ("chart.PDF", lambda data: data[:5] == b"%PDF-"),
], ids=["ps", "eps", "jpg", "JPEG", "webp", "tif", "PDF"])
def test_save_writes_every_format_matplotlib_writes(algeria, tmp_path, name, looks_right):
    path = tmp_path / name
    save(algeria, path)
    assert looks_right(path.read_bytes())
    assert _entries(tmp_path) == [name]


def test_the_suffixes_are_matplotlibs():
    from matplotlib.backend_bases import FigureCanvasBase

    assert output_suffixes() == tuple(sorted(f".{k}" for k in FigureCanvasBase.get_supported_filetypes()))
    assert {".png", ".svg", ".pdf", ".ps", ".eps", ".jpg", ".jpeg", ".webp"} <= set(output_suffixes())


@pytest.mark.parametrize("name", ["chart.xyz", "chart", "chart.png.bak"])
def test_an_unsupported_suffix_is_refused_with_the_list(algeria, tmp_path, name):
    with pytest.raises(OutputError) as info:
        save(algeria, tmp_path / name)
    message = str(info.value)
    assert name in message
    assert ", ".join(output_suffixes()) in message
    assert _entries(tmp_path) == []


def test_a_format_whose_tool_is_missing_leaves_the_file(algeria, tmp_path):
    import matplotlib

    if shutil.which(matplotlib.rcParams["pgf.texsystem"]):
        pytest.skip("a TeX system is installed: .pgf can be written")
    target = tmp_path / "chart.pgf"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match=r"chart\.pgf: cannot be written as pgf: .*not found.*not changed"):
        save(algeria, target)
    assert target.read_bytes() == b"old"
    assert _entries(tmp_path) == ["chart.pgf"]


def test_cli_plot_output_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tipranking.cli import main

    webp = tmp_path / "x.webp"
    assert main(["plot", "Algeria", "Malaysia", "-o", str(webp)]) == 0
    assert _is_webp(webp.read_bytes())
    assert capsys.readouterr().out == f"wrote {webp}\n"

    real = tmp_path / "real.png"
    real.write_bytes(b"old")
    link = tmp_path / "link.png"
    link.symlink_to("real.png")
    assert main(["plot", "Algeria", "-o", str(link)]) == 0
    assert link.is_symlink() and real.read_bytes()[:8] == PNG_SIGNATURE
    assert capsys.readouterr().out == f"wrote {link} (a symbolic link to {real.resolve()})\n"

    read_only = tmp_path / "ro.png"
    read_only.write_bytes(b"old")
    read_only.chmod(0o444)
    for output in (read_only, tmp_path / "chart.xyz"):
        assert main(["plot", "Algeria", "-o", str(output)]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1 and str(output) in captured.err
    assert read_only.read_bytes() == b"old"
