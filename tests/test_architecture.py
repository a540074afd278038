"""The shape of the code: one home for every date and citation, and defects of the old shape kept fixed."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import attrs
import pytest

from tipranking import Assessment, History, MinimumStandards, Tier, WatchListFacts, place
from tipranking.analysis.sweep import Scenario
from tipranking.errors import FieldError
from tipranking.rules.downgrade import WatchListClock
from tipranking.statute import statute_named
from tipranking.testing.invariants import check_watch_list_runs

SRC = Path(__file__).resolve().parents[1] / "src" / "tipranking"
MODULES = sorted(SRC.rglob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    """The string constants that are docstrings: of a module, class or function, or right after an
    assignment (an attribute's docstring)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
        for before, after in itertools.pairwise(body):
            if (isinstance(before, ast.Assign | ast.AnnAssign) and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)):
                found.add(id(after.value))
    return found


def _literals(path: Path) -> list[tuple[int, object]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and id(node) not in docs]


def test_report_years_are_written_only_in_provisions_and_statute() -> None:
    found = [f"{path.relative_to(SRC)}:{line}: {value}" for path in MODULES
             if path.name not in ("provisions.py", "statute.py")
             for line, value in _literals(path)
             if isinstance(value, int) and not isinstance(value, bool) and 2000 <= value <= 2030]
    assert found == []


def test_citations_are_written_only_in_provisions() -> None:
    found = [f"{path.relative_to(SRC)}:{line}: {value!r}" for path in MODULES if path.name != "provisions.py"
             for line, value in _literals(path) if isinstance(value, str) and "U.S.C." in value]
    assert found == []


def test_the_literal_checks_see_code_and_skip_docstrings(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Module 2023, 22 U.S.C. § 1."""\n\nX = 2009\n"""The docstring of X, 2010."""\n\n'
                      'def f():\n    """2011"""\n    return "22 U.S.C. § 7107"\n', encoding="utf-8")
    code = [v for _, v in sorted(_literals(sample), key=lambda lv: lv[0]) if v is not None]
    assert code == [2009, "22 U.S.C. § 7107"]


# --------------------------------------------------------------------------- defects of the old shape


def test_watch_list_run_invariant_follows_the_statutes_clock() -> None:
    """Under a variant whose clock counts from 2005, a four-year run 2006-2009 is one year too many for the
    2019 law's one waiver: place() puts 2009 on Tier 3, and the invariant must say the run is too long
    (it used to count runs from 2009 whatever the clock said)."""
    version = statute_named("tvpra-2019")
    early = attrs.evolve(version, clock=WatchListClock(counts_from=2005), name="tvpra-2019-from-2005")
    history = History.of("Earlyland", {2006: "2WL", 2007: "2WL", 2008: "2WL"})
    probe = Assessment("Earlyland", 2009, MinimumStandards(True, True, True, False), significant_efforts=True,
                       watch_list=WatchListFacts(True, False))
    assert place(probe, history, early).tier is Tier.TIER_3
    with pytest.raises(AssertionError, match=r"2006-2009"):
        check_watch_list_runs(History.of("Earlyland", {2006: "2WL", 2007: "2WL", 2008: "2WL", 2009: "2WL"}), early)


@pytest.mark.parametrize("path", ["watch_list.no_such_field", "country", "policy_or_pattern", "indicia.13"])
def test_a_scenario_refuses_a_path_that_is_not_a_finding(path: str) -> None:
    """Paths are checked against the catalogue of findings when the scenario is made, not in the workers."""
    base = Assessment("X", 2023, MinimumStandards(True, True, True, False), significant_efforts=True)
    with pytest.raises(FieldError) as info:
        Scenario(base, {path: 0.5})
    assert info.value.field == f"probabilities.{path}" and "not a finding of an assessment" in str(info.value)
    assert Scenario(base, {"policy_or_pattern.forced_labor": 0.5, "watch_list.no_evidence_of_increasing_efforts": 1})
