"""The ``tipranking`` command on bad, hostile and odd input (issue 12), run as a subprocess.

The contract: bad input (anything the package rejects) exits 2 with nothing on stdout and exactly one
stderr line, ``tipranking: error: ...\\n``, that names the file (path as given), the item (``item N`` for
JSON, ``line N`` for CSV) and the field where there is one, and holds no raw control character (they
are escaped). No input ever produces a Python traceback, and a failed command never changes a file.

Run directly with ``python tests/fuzz_cli.py`` (or ``python tests/test_fuzz_cli.py``).
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

TIMEOUT = 60
EXAMPLES_FILE = Path(__file__).resolve().parents[1] / "src" / "tipranking" / "data" / "examples.json"
EXAMPLES: list[dict[str, object]] = json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))
PREFIX = "tipranking: error: "

SHORT = {"prohibits_and_punishes": True, "grave_crime_penalties": True, "deterrent_penalties": True,
         "serious_and_sustained_efforts": False}
NONE_MET = dict.fromkeys(SHORT, False)
NO_CRITERIA = {"victims_very_significant_or_increasing": False, "no_evidence_of_increasing_efforts": False}
# Tier 2 for certain (2023: short of standard 4, significant efforts, no Watch List criterion).
DECIDED = {"country": "Decidia", "report_year": 2023, "minimum_standards": SHORT, "significant_efforts": True,
           "watch_list": NO_CRITERIA}
# Open between Tier 2 and Tier 3: only the significant-efforts finding is unknown.
OPEN = {**DECIDED, "country": "Openland", "significant_efforts": None}
OPEN_TOO = {**OPEN, "country": "Openia"}
PLACEMENT = {"country": "Burma", "report_year": 2023, "tier": "3"}

VALID_CSV = "report_year,country,tier\n2021,Chad,2WL\n2022,Chad,2WL\n2023,Chad,3\n"


def _command() -> list[str]:
    beside = Path(sys.executable).with_name("tipranking")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("tipranking")
    if found:
        return [found]
    return [sys.executable, "-m", "tipranking.cli"]


COMMAND = _command()


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONIOENCODING", "PYTHONWARNINGS"}}
    env["MPLBACKEND"] = "Agg"
    env.update(extra or {})
    return env


def _snapshot(root: Path) -> dict[str, object]:
    """Every path under ``root`` with its bytes (or its kind), to show that nothing was written."""
    out: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        rel = os.fsdecode(path.relative_to(root))
        if path.is_symlink():
            out[rel] = ("link", os.readlink(path))
        elif path.is_dir():
            out[rel] = "dir"
        else:
            try:
                out[rel] = path.read_bytes()
            except OSError:
                st = path.stat()
                out[rel] = ("unreadable", st.st_size, st.st_mtime_ns)
    return out


def _show(result: subprocess.CompletedProcess[bytes]) -> str:
    return (f"exit {result.returncode}\nstdout: {result.stdout[:2000]!r}\n"
            f"stderr: {result.stderr[-4000:]!r}")


def _bad_chars(line: str) -> list[str]:
    return [ch for ch in line if unicodedata.category(ch) in {"Cc", "Cs", "Zl", "Zp"}]


def _without_notes(result: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[bytes]:
    """``result`` without the notes on stderr (names the package does not know), which precede the error line."""
    kept = b"".join(line for line in result.stderr.splitlines(keepends=True) if not line.startswith(
        b"tipranking: note:"))
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout, kept)


def _stderr_line(result: subprocess.CompletedProcess[bytes]) -> str:
    """The single stderr line (without its "\\n"), checked: UTF-8, one line, no raw control character."""
    try:
        text = result.stderr.decode("utf-8")
    except UnicodeDecodeError:
        pytest.fail(f"stderr is not UTF-8\n{_show(result)}")
    assert "Traceback" not in text, _show(result)
    assert text.endswith("\n") and text.count("\n") == 1, f"stderr is not exactly one line\n{_show(result)}"
    line = text[:-1]
    assert not _bad_chars(line), f"raw control characters {_bad_chars(line)!r} in stderr\n{_show(result)}"
    return line


class Cli:
    """Runs the installed command in a directory (``tmp_path``)."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.cwd / name
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
        return path

    def run(self, *args: str, env: dict[str, str] | None = None,
            preexec_fn: Callable[[], None] | None = None) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run([*COMMAND, *args], cwd=self.cwd, env=_env(env), capture_output=True,
                                  stdin=subprocess.DEVNULL, timeout=TIMEOUT, preexec_fn=preexec_fn, check=False)
        except subprocess.TimeoutExpired:
            pytest.fail(f"tipranking {' '.join(map(repr, args))} did not finish within {TIMEOUT} s")

    def ok(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
        result = self.run(*args, env=env)
        assert result.returncode == 0, _show(result)
        assert b"Traceback" not in result.stderr, _show(result)
        return result

    def fails(self, *args: str, fragments: Sequence[str] = (),
              preexec_fn: Callable[[], None] | None = None) -> str:
        """Run a command that must be refused; return its one stderr line (without the "\\n")."""
        before = _snapshot(self.cwd)
        result = self.run(*args, preexec_fn=preexec_fn)
        line = _stderr_line(result)
        assert result.returncode == 2, _show(result)
        assert result.stdout == b"", _show(result)
        assert line.startswith(PREFIX), _show(result)
        for fragment in fragments:
            assert fragment in line, (fragment, line)
        assert _snapshot(self.cwd) == before, f"a failed command changed or created files\n{_show(result)}"
        return line


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


def _doc(*items: object) -> str:
    return json.dumps(list(items), indent=1)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


# --------------------------------------------------------------------------- 1. open tiers, --require-decided, jsonl


def test_place_json_reports_an_open_tier(cli: Cli) -> None:
    cli.write("open.json", _doc(DECIDED, OPEN))
    items = json.loads(cli.ok("place", "open.json", "--format", "json").stdout)["items"]
    decided, open_item = items
    assert decided["tier"] == "2" and isinstance(decided["consequences"], dict)
    assert open_item["country"] == "Openland"
    assert open_item["tier"] is None
    assert open_item["possible_tiers"] and set(open_item["possible_tiers"]) == {"2", "3"}
    assert open_item["deciding"] and open_item["deciding"][0]["field"] == "significant_efforts"
    assert open_item["consequences"] is None


def test_place_text_reports_an_open_tier(cli: Cli) -> None:
    cli.write("open.json", _doc(DECIDED, OPEN))
    assert b"Openland" in cli.ok("place", "open.json").stdout


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_place_require_decided_names_the_first_open_item(cli: Cli, fmt: str) -> None:
    cli.write("open.json", _doc(DECIDED, OPEN, OPEN_TOO))
    result = cli.run("place", "open.json", "--format", fmt, "--require-decided")
    line = _stderr_line(_without_notes(result))  # the made-up names are noted first, once each
    notes = [n for n in result.stderr.decode().splitlines() if n.startswith("tipranking: note:")]
    assert len(notes) == 3 and "'Openland' is not a government the package knows" in notes[1]
    assert result.returncode == 3, _show(result)
    assert line.startswith("tipranking: "), line
    assert "open.json" in line and "item 1" in line and "item 2" not in line, line


def test_place_require_decided_accepts_decided_items(cli: Cli) -> None:
    cli.write("decided.json", _doc(DECIDED, EXAMPLES[1]))
    cli.ok("place", "decided.json", "--require-decided")


def test_consequences_of_an_open_assessment(cli: Cli) -> None:
    cli.write("open.json", _doc(PLACEMENT, OPEN))
    items = json.loads(cli.ok("consequences", "open.json", "--format", "json").stdout)["items"]
    placed, open_item = items
    assert placed["tier"] == "3" and isinstance(placed["consequences"], dict)
    assert open_item["tier"] is None
    assert open_item["possible_tiers"] and set(open_item["possible_tiers"]) == {"2", "3"}
    assert open_item["consequences"] is None
    cli.ok("consequences", "open.json")


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_consequences_require_decided(cli: Cli, fmt: str) -> None:
    cli.write("open.json", _doc(PLACEMENT, OPEN, OPEN_TOO))
    result = cli.run("consequences", "open.json", "--format", fmt, "--require-decided")
    line = _stderr_line(_without_notes(result))
    assert result.returncode == 3, _show(result)
    assert line.startswith("tipranking: "), line
    assert "open.json" in line and "item 1" in line and "item 2" not in line, line


def _jsonl(stdout: bytes) -> list[object]:
    text = stdout.decode("utf-8")
    assert text.endswith("\n"), text[-200:]
    lines = text[:-1].split("\n")
    assert all(line.strip() for line in lines), "blank line in JSON Lines output"
    objects = [json.loads(line) for line in lines]
    assert all(isinstance(o, dict) for o in objects)
    return objects


@pytest.mark.parametrize("with_file", [False, True], ids=["bundled", "file"])
def test_place_jsonl_is_the_json_array_one_object_a_line(cli: Cli, with_file: bool) -> None:
    args = ["place"]
    if with_file:
        cli.write("open.json", _doc(DECIDED, OPEN, *EXAMPLES))
        args.append("open.json")
    array = json.loads(cli.ok(*args, "--format", "json").stdout)["items"]
    assert _jsonl(cli.ok(*args, "--format", "jsonl").stdout) == array


def test_consequences_jsonl_is_the_json_array_one_object_a_line(cli: Cli) -> None:
    cli.write("items.json", _doc(PLACEMENT, OPEN, *EXAMPLES))
    array = json.loads(cli.ok("consequences", "items.json", "--format", "json").stdout)["items"]
    assert len(array) == 2 + len(EXAMPLES)
    assert _jsonl(cli.ok("consequences", "items.json", "--format", "jsonl").stdout) == array


# --------------------------------------------------------------------------- 2 and 11. plot output files


@pytest.fixture(scope="module")
def plot_ready(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Skip without matplotlib; otherwise draw once (which also fills matplotlib's font cache)."""
    pytest.importorskip("matplotlib")
    cwd = tmp_path_factory.mktemp("plot-warm")
    result = Cli(cwd).run("plot", "Burma", "-o", "warm.png")
    assert result.returncode == 0, _show(result)
    return cwd / "warm.png"


def test_plot_writes_a_png(plot_ready: Path) -> None:
    assert plot_ready.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def _small_files() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def test_plot_failed_write_leaves_the_existing_file(cli: Cli, plot_ready: Path) -> None:
    old = bytes(range(256)) * 200  # 50 KiB
    chart = cli.write("chart.png", old)
    cli.fails("plot", "Burma", "-o", "chart.png", fragments=["chart.png"], preexec_fn=_small_files)
    assert chart.read_bytes() == old
    assert sorted(p.name for p in cli.cwd.iterdir()) == ["chart.png"]


@pytest.mark.parametrize(("output", "prepare", "shown"), [
    ("chart.xyz", None, "chart.xyz"),
    ("chart.xyz", "file", "chart.xyz"),
    ("notes", None, "notes"),
    ("notes", "file", "notes"),
    ("", None, None),
    ("adir", "dir", "adir"),
    ("nodir/c.png", None, "nodir/c.png"),
], ids=["unsupported-suffix", "unsupported-suffix-existing", "no-suffix", "no-suffix-existing", "empty",
        "existing-directory", "missing-directory"])
def test_plot_refuses_a_bad_output_path(cli: Cli, plot_ready: Path, output: str, prepare: str | None,
                                        shown: str | None) -> None:
    if prepare == "file":
        cli.write(output, b"the user's own file\n" * 100)
    elif prepare == "dir":
        (cli.cwd / output).mkdir()
    cli.fails("plot", "Burma", "-o", output, fragments=[shown] if shown else [])
    for never in ("notes.png", ".png", "adir.png", "chart.xyz.png", "nodir"):
        if never != output:
            assert not (cli.cwd / never).exists(), never


@pytest.mark.skipif(_is_root(), reason="root can write into a read-only directory")
def test_plot_refuses_a_read_only_directory(cli: Cli, plot_ready: Path) -> None:
    locked = cli.cwd / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        cli.fails("plot", "Burma", "-o", "locked/c.png", fragments=["locked/c.png"])
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(stat.S_IRWXU)


@pytest.mark.parametrize("args", [
    ["plot", "Nowhereland", "-o", "chart.png"],
    ["plot", "Burma", "-o", "chart.png", "--statute", "tvpra-1999"],
    ["plot", "Burma", "-o", "chart.png", "--statute", "tvpra-2019+no-such-reading"],
], ids=["unknown-country", "unknown-statute", "unknown-reading"])
def test_plot_refused_input_leaves_the_existing_file(cli: Cli, plot_ready: Path, args: list[str]) -> None:
    old = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    chart = cli.write("chart.png", old)
    cli.fails(*args)
    assert chart.read_bytes() == old


# --------------------------------------------------------------------------- 3 and 10. hostile and odd files

JSON_COMMANDS = ["place", "consequences"]
CSV_COMMANDS = ["audit", "outlook"]
ALL_COMMANDS = JSON_COMMANDS + CSV_COMMANDS


def _valid_text(command: str) -> str:
    return _doc(DECIDED, EXAMPLES[1]) if command in JSON_COMMANDS else VALID_CSV


def _file_name(command: str) -> str:
    return "input.json" if command in JSON_COMMANDS else "input.csv"


@pytest.mark.parametrize("command", ALL_COMMANDS)
@pytest.mark.parametrize("kind", ["missing", "directory", "binary", "empty", "blank", "utf-16", "invalid-utf-8"])
def test_unusable_file(cli: Cli, command: str, kind: str) -> None:
    name = _file_name(command)
    if kind == "directory":
        (cli.cwd / name).mkdir()
    elif kind == "binary":
        cli.write(name, bytes(range(256)) * 16)
    elif kind == "empty":
        cli.write(name, b"")
    elif kind == "blank":
        cli.write(name, b"  \n\n \t\n")
    elif kind == "utf-16":
        cli.write(name, _valid_text(command).encode("utf-16"))
    elif kind == "invalid-utf-8":
        cli.write(name, _valid_text(command).replace("Chad", "Ch\udcffad").replace("Decidia", "Dec\udcffidia")
                  .encode("utf-8", "surrogateescape"))
    cli.fails(command, name, fragments=[name])


@pytest.mark.skipif(_is_root(), reason="root can read a file with mode 000")
@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_unreadable_file(cli: Cli, command: str) -> None:
    name = _file_name(command)
    path = cli.write(name, _valid_text(command))
    path.chmod(0)
    try:
        cli.fails(command, name, fragments=[name])
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def _memory_guard() -> None:
    # An implementation that reads /dev/zero without bound fails here instead of eating the machine.
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


@pytest.mark.parametrize("command", ["place", "audit"])  # the JSON reader and the CSV reader
def test_dev_zero_is_refused_in_time(cli: Cli, command: str) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    cli.fails(command, "/dev/zero", fragments=["/dev/zero"], preexec_fn=_memory_guard)


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_json_nested_100000_deep(cli: Cli, command: str) -> None:
    cli.write("deep.json", "[" * 100_000)
    cli.fails(command, "deep.json", fragments=["deep.json"])


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_json_nested_100000_deep_and_closed(cli: Cli, command: str) -> None:
    cli.write("deep.json", "[" * 100_000 + "]" * 100_000)
    cli.fails(command, "deep.json", fragments=["deep.json"])


@pytest.mark.parametrize("command", JSON_COMMANDS)
@pytest.mark.parametrize("key", ["policy_or_pattern", "history", "unknown_key", "minimum_standards"])
def test_json_nested_1100_deep_inside_an_item(cli: Cli, command: str, key: str) -> None:
    text = _doc(DECIDED, {**OPEN, key: "@DEEP@"}).replace('"@DEEP@"', "[" * 1100 + "]" * 1100)
    cli.write("deep.json", text)
    cli.fails(command, "deep.json", fragments=["deep.json"])


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_json_object_nested_1100_deep_inside_an_item(cli: Cli, command: str) -> None:
    text = _doc({**OPEN, "cspa": "@DEEP@"}).replace('"@DEEP@"', '{"a": ' * 1100 + "1" + "}" * 1100)
    cli.write("deep.json", text)
    cli.fails(command, "deep.json", fragments=["deep.json"])


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_report_year_of_5000_digits(cli: Cli, command: str) -> None:
    cli.write("big.json", _doc({**DECIDED, "report_year": "@BIG@"}).replace('"@BIG@"', "9" * 5000))
    cli.fails(command, "big.json", fragments=["big.json", "item 0"])


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_report_year_of_5000_digits_names_the_field(cli: Cli, command: str) -> None:
    cli.write("big.json", _doc({**DECIDED, "report_year": "@BIG@"}).replace('"@BIG@"', "9" * 5000))
    cli.fails(command, "big.json", fragments=["big.json", "item 0", "report_year"])


@pytest.mark.parametrize("command", JSON_COMMANDS)
@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e999", "2023.0"])
def test_report_year_odd_number_tokens(cli: Cli, command: str, token: str) -> None:
    cli.write("odd.json", _doc(DECIDED, {**OPEN, "report_year": "@TOKEN@"}).replace('"@TOKEN@"', token))
    cli.fails(command, "odd.json", fragments=["odd.json", "item 1"])


@pytest.mark.parametrize("command", JSON_COMMANDS)
@pytest.mark.parametrize("token", ["NaN", "Infinity", "1e999"])
def test_report_year_odd_number_tokens_name_the_field(cli: Cli, command: str, token: str) -> None:
    cli.write("odd.json", _doc(DECIDED, {**OPEN, "report_year": "@TOKEN@"}).replace('"@TOKEN@"', token))
    cli.fails(command, "odd.json", fragments=["odd.json", "item 1", "report_year"])


@pytest.mark.parametrize("command", JSON_COMMANDS)
@pytest.mark.parametrize("name", ["\ud800", "Chad\udfff", "\udc80\ud800"])
def test_lone_surrogate_in_a_country_name(cli: Cli, command: str, name: str) -> None:
    text = json.dumps([DECIDED, {**OPEN, "country": name}], ensure_ascii=True)
    assert "\\ud" in text
    cli.write("surrogate.json", text)
    cli.fails(command, "surrogate.json", fragments=["surrogate.json", "item 1", "country"])


def test_lone_surrogate_in_a_placement_record(cli: Cli) -> None:
    cli.write("surrogate.json", json.dumps([{**PLACEMENT, "country": "Bur\ud800ma"}]))
    cli.fails("consequences", "surrogate.json", fragments=["surrogate.json", "item 0", "country"])


@pytest.mark.parametrize("command", CSV_COMMANDS)
@pytest.mark.parametrize("column", ["country", "tier", "extra"])
def test_csv_field_over_200000_characters(cli: Cli, command: str, column: str) -> None:
    rows = {"country": "Chad", "tier": "2WL", "extra": "x"}
    rows[column] = "y" * 200_001
    cli.write("big.csv", f"report_year,country,tier,extra\n2021,{rows['country']},{rows['tier']},{rows['extra']}\n"
                         "2022,Chad,2WL,x\n")
    cli.fails(command, "big.csv", fragments=["big.csv", "line 2"])


@pytest.mark.parametrize("command", CSV_COMMANDS)
def test_csv_quoted_field_over_200000_characters_across_lines(cli: Cli, command: str) -> None:
    cli.write("big.csv", "report_year,country,tier\n2021,Chad,2WL\n2022,\"" + "y\n" * 100_001 + "\",2WL\n")
    line = cli.fails(command, "big.csv", fragments=["big.csv"])
    assert re.search(r"\bline \d+", line), line


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_json_with_bom_and_crlf_is_accepted(cli: Cli, command: str) -> None:
    cli.write("bom.json", "\ufeff" + _doc(DECIDED, EXAMPLES[1]).replace("\n", "\r\n"))
    items = json.loads(cli.ok(command, "bom.json", "--format", "json").stdout)["items"]
    assert [i["country"] for i in items] == ["Decidia", "Samplonia"]


@pytest.mark.parametrize("command", CSV_COMMANDS)
def test_csv_with_bom_and_crlf_is_accepted(cli: Cli, command: str) -> None:
    cli.write("bom.csv", "\ufeff" + VALID_CSV.replace("\n", "\r\n"))
    out = json.loads(cli.ok(command, "bom.csv", "--format", "json").stdout)
    if command == "outlook":
        assert [(o["country"], o["report_year"]) for o in out["items"]] == [("Chad", 2024)]
    else:
        assert out["rows"] == 3 and out["countries"] == 1


# --------------------------------------------------------------------------- 4. a reader that closes the pipe


@pytest.mark.parametrize("args", [
    ["outlook", "--format", "json"],
    ["audit", "--format", "json"],
    ["outlook"],
    ["place", "--format", "json"],
])
def test_closed_pipe_is_quiet(tmp_path: Path, args: list[str]) -> None:
    errors = tmp_path / "stderr"
    with errors.open("wb") as err:
        proc = subprocess.Popen([*COMMAND, *args], cwd=tmp_path, env=_env(), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=err)
        try:
            assert proc.stdout is not None
            first = proc.stdout.read(1)
            proc.stdout.close()
            status = proc.wait(timeout=TIMEOUT)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert first, "no output at all"
    written = errors.read_bytes()
    assert b"Traceback" not in written, written.decode("utf-8", "replace")
    assert written == b"", written.decode("utf-8", "replace")
    # 141 is the shell's 128 + SIGPIPE; a process killed by SIGPIPE shows here as -SIGPIPE.
    assert status in {0, 141, -signal.SIGPIPE}, status


# --------------------------------------------------------------------------- 5. an ASCII-only terminal


@pytest.mark.parametrize("args", [["place"], ["outlook"], ["audit"], ["place", "--format", "json"]])
def test_ascii_output_encoding(cli: Cli, args: list[str]) -> None:
    result = cli.ok(*args, env={"PYTHONIOENCODING": "ascii"})
    assert result.stdout, _show(result)
    text = result.stdout.decode("ascii")  # non-ASCII output is escaped, not a crash
    if "json" in args:
        json.loads(text)  # escaped as JSON escapes: still JSON
    assert result.stderr == b"", _show(result)


# --------------------------------------------------------------------------- 6. accepted but wrong, now refused


def test_duplicate_key_in_an_item(cli: Cli) -> None:
    body = json.dumps({k: v for k, v in DECIDED.items() if k != "report_year"})
    cli.write("dup.json", f'[{json.dumps(EXAMPLES[1])},\n{{"report_year": 1999, "report_year": 2023, {body[1:]}]')
    cli.fails("place", "dup.json", fragments=["dup.json", "item 1", "report_year"])


def test_duplicate_key_in_a_nested_object(cli: Cli) -> None:
    text = _doc(DECIDED).replace('"prohibits_and_punishes": true',
                                 '"prohibits_and_punishes": false, "prohibits_and_punishes": true')
    assert text.count("prohibits_and_punishes") == 2
    cli.write("dup.json", text)
    cli.fails("place", "dup.json", fragments=["dup.json", "item 0", "prohibits_and_punishes"])


def test_duplicate_key_in_a_placement_record(cli: Cli) -> None:
    cli.write("dup.json", '[{"country": "Burma", "report_year": 2023, "tier": "1", "tier": "3"}]')
    cli.fails("consequences", "dup.json", fragments=["dup.json", "item 0", "tier"])


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_cspa_program_waived_twice(cli: Cli, command: str) -> None:
    cli.write("cspa.json", _doc(DECIDED, {**EXAMPLES[1], "cspa": {"listed": True, "waived": ["imet", "imet"]}}))
    cli.fails(command, "cspa.json", fragments=["cspa.json", "item 1", "cspa.waived"])


def test_commitments_criterion_after_2018(cli: Cli) -> None:
    item = {**DECIDED, "country": "Committia", "watch_list": {**NO_CRITERIA, "commitments_for_next_year": True}}
    cli.write("wl.json", _doc(EXAMPLES[1], item))
    cli.fails("place", "wl.json", fragments=["wl.json", "item 1", "watch_list.commitments_for_next_year"])


@pytest.mark.parametrize(("year", "number"), [(2005, "12"), (2003, "8"), (2002, "11")])
def test_indicium_stated_before_it_existed(cli: Cli, year: int, number: str) -> None:
    item = {"country": "Oldland", "report_year": year, "minimum_standards": NONE_MET, "significant_efforts": False,
            "indicia": {number: True}}
    cli.write("indicia.json", _doc(EXAMPLES[1], item))
    cli.fails("place", "indicia.json", fragments=["indicia.json", "item 1", f"indicia.{number}"])


# --------------------------------------------------------------------------- 7. the default --year of outlook


def test_outlook_default_year_after_2027(cli: Cli) -> None:
    cli.write("late.csv", "report_year,country,tier\n2026,Chad,2\n2027,Chad,2\n")
    line = cli.fails("outlook", "late.csv", fragments=["late.csv", "2027"])
    assert not re.search(r"--year\b.*\(got 2028\)", line), line
    cli.ok("audit", "late.csv")
    cli.ok("outlook", "late.csv", "--year", "2027")


# --------------------------------------------------------------------------- 8. argparse errors


@pytest.mark.parametrize("args", [
    [],
    ["nosuchcommand"],
    ["place", "--format", "xml"],
    ["outlook", "--year", "soon"],
    ["outlook", "--year", "2028"],
    ["outlook", "--year", "1999"],
    ["place", "--bogus"],
    ["audit", "--gaps", "sometimes"],
    ["consequences"],
    ["plot", "Burma"],
    ["place", "a.json", "b.json"],
], ids=lambda a: " ".join(a) or "no-arguments")
def test_usage_errors_are_one_line(cli: Cli, args: list[str]) -> None:
    line = cli.fails(*args)
    assert "usage:" not in line


# --------------------------------------------------------------------------- 9. control characters echoed

ESCAPES = {"\n": ["\\n"], "\x85": ["\\x85", "\\u0085"], "\x0b": ["\\x0b", "\\v", "\\u000b"],
           "\u2028": ["\\u2028"], "\x1b": ["\\x1b", "\\u001b"], "\r": ["\\r"], "\x0c": ["\\x0c", "\\f", "\\u000c"]}


def _assert_escaped(line: str, raw: str, around: tuple[str, str]) -> None:
    before, after = around
    assert any(f"{before}{e}{after}" in line for e in ESCAPES[raw]), (raw, line)


@pytest.mark.parametrize("raw", ["\n", "\x85", "\u2028", "\x1b", "\r"])
def test_unknown_key_with_a_control_character(cli: Cli, raw: str) -> None:
    cli.write("keys.json", _doc(EXAMPLES[1], {**DECIDED, f"bad{raw}key": True}))
    line = cli.fails("place", "keys.json", fragments=["keys.json", "item 1"])
    _assert_escaped(line, raw, ("bad", "key"))


@pytest.mark.parametrize("raw", ["\x0b", "\x0c", "\x85"])
def test_csv_header_with_a_control_character(cli: Cli, raw: str) -> None:
    cli.write("header.csv", f"report_year,coun{raw}try,tier\n2021,Chad,2\n")
    line = cli.fails("audit", "header.csv", fragments=["header.csv", "line 1"])
    _assert_escaped(line, raw, ("coun", "try"))


def test_csv_country_with_an_escape_sequence(cli: Cli) -> None:
    cli.write("names.csv", "report_year,country,tier\n2021,Chad,2\n2022,\x1b[31mRed\x1b[0m,2\n")
    line = cli.fails("outlook", "names.csv", fragments=["names.csv", "line 3"])
    _assert_escaped(line, "\x1b", ("", "[31mRed"))


@pytest.mark.parametrize("raw", ["\n", "\r", "\x1b"])
def test_file_name_with_a_control_character(cli: Cli, raw: str) -> None:
    name = f"bad{raw}name.json"
    cli.write(name, "{")
    line = cli.fails("place", name)
    _assert_escaped(line, raw, ("bad", "name.json"))


def test_missing_file_name_with_a_newline(cli: Cli) -> None:
    line = cli.fails("outlook", "no\nsuch.csv")
    _assert_escaped(line, "\n", ("no", "such.csv"))


# --------------------------------------------------------------------------- 10. handled well: keep it so


@pytest.mark.parametrize(("change", "fragments"), [
    ({"report_year": "2023"}, ["report_year", "'2023'"]),
    ({"report_year": 1999}, ["report_year", "1999"]),
    ({"report_year": 2031}, ["report_year", "2031"]),
    ({"report_year": True}, ["report_year"]),
    ({"minimum_standards": [True, True, True, False]}, ["minimum_standards"]),
    ({"significant_efforts": "yes"}, ["significant_efforts", "'yes'"]),
    ({"signficant_efforts": True}, ["signficant_efforts", "did you mean 'significant_efforts'"]),
    ({"watch_list": {**NO_CRITERIA, "comitments_for_next_year": False}},
     ["watch_list.comitments_for_next_year", "did you mean 'commitments_for_next_year'"]),
    ({"country": ""}, ["country"]),
    ({"country": 42}, ["country"]),
    ({"history": [{"report_year": 2022, "tier": "4"}]}, ["history[0].tier", "'4'"]),
    ({"policy_or_pattern": "forced_labor"}, ["policy_or_pattern"]),
], ids=["year-string", "year-1999", "year-2031", "year-bool", "standards-list", "efforts-string",
        "unknown-key", "unknown-nested-key", "empty-country", "country-number", "history-tier", "policy-string"])
def test_wrong_values_name_item_and_field(cli: Cli, change: dict[str, object], fragments: list[str]) -> None:
    cli.write("items.json", _doc(EXAMPLES[1], {**DECIDED, **change}))
    cli.fails("place", "items.json", fragments=["items.json", "item 1", *fragments])
    cli.fails("consequences", "items.json", fragments=["items.json", "item 1", *fragments])


@pytest.mark.parametrize("text", ["{", "[1, 2", "[]", "42", '"text"', "null", "[null]", "{}"],
                         ids=["truncated-object", "truncated-list", "empty-list", "number", "string", "null",
                              "list-of-null", "empty-object"])
def test_json_that_is_no_assessment(cli: Cli, text: str) -> None:
    cli.write("odd.json", text)
    cli.fails("place", "odd.json", fragments=["odd.json"])
    cli.fails("consequences", "odd.json", fragments=["odd.json"])


@pytest.mark.parametrize(("text", "fragments"), [
    ("report_year,country,tier\n1999,Chad,2\n", ["line 2", "1999"]),
    ("report_year,country,tier\n2031,Chad,2\n", ["line 2", "2031"]),
    ("report_year,country,tier\n2021,Chad,2\n2021,Chad,3\n", ["line 3"]),
    ("report_year,country,tier\n2021,Chad,Tier 4\n", ["line 2", "Tier 4"]),
    ("report_year,country,tier\n2021,Nowhereland,2\n", ["line 2", "Nowhereland"]),
    ("report_year,country,tier\n2021,Chad,2,extra\n", ["line 2"]),
    ("report_year,country\n2021,Chad\n", ["line 1", "tier"]),
    ("report_year,country,tier,waiver\n2021,Chad,2,perhaps\n", ["line 2", "waiver"]),
    ("report_year,country,tier\n", []),
], ids=["year-1999", "year-2031", "duplicate-row", "unknown-tier", "unknown-country", "extra-field",
        "missing-column", "bad-waiver", "no-rows"])
@pytest.mark.parametrize("command", CSV_COMMANDS)
def test_bad_csv_rows_name_the_line(cli: Cli, command: str, text: str, fragments: list[str]) -> None:
    cli.write("rows.csv", text)
    cli.fails(command, "rows.csv", fragments=["rows.csv", *fragments])


@pytest.mark.parametrize("args", [
    ["audit", "--statute", "tvpra-1999"],
    ["outlook", "--statute", "tvpra-2019+no-such-reading"],
    ["outlook", "--country", "Nowhereland"],
    ["outlook", "--country", "bad\nname"],
], ids=["unknown-statute", "unknown-reading", "unknown-country", "country-with-newline"])
def test_bad_option_values(cli: Cli, args: list[str]) -> None:
    cli.fails(*args)


if __name__ == "__main__":
    raise SystemExit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
