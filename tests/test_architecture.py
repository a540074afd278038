"""The shape of the code: one home for every date and citation, and defects of the old shape kept fixed."""

from __future__ import annotations

import ast
import importlib
import itertools
import sys
from pathlib import Path
from types import ModuleType

import attrs
import pytest

from tipranking import Assessment, History, MinimumStandards, Tier, WatchListFacts, place
from tipranking._layers import LAYERS, layer_of
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
                       watch_list=WatchListFacts(False, True))
    assert place(probe, history, early).tier is Tier.TIER_3
    with pytest.raises(AssertionError, match=r"2006-2009"):
        check_watch_list_runs(History.of("Earlyland", {2006: "2WL", 2007: "2WL", 2008: "2WL", 2009: "2WL"}), early)


@pytest.mark.parametrize("path", ["watch_list.no_such_field", "country", "policy_or_pattern", "indicia.13"])
def test_a_scenario_refuses_a_path_that_is_not_a_fact(path: str) -> None:
    """Paths are checked against the catalogue of facts when the scenario is made, not in the workers."""
    base = Assessment("X", 2023, MinimumStandards(True, True, True, False), significant_efforts=True)
    with pytest.raises(FieldError) as info:
        Scenario(base, {path: 0.5})
    assert info.value.field == f"probabilities.{path}" and "not a fact of an assessment" in str(info.value)
    assert Scenario(base, {"policy_or_pattern.forced_labor": 0.5, "watch_list.no_evidence_of_increasing_efforts": 1})


# --------------------------------------------------------------------------- layers, cycles, __all__


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


NAMES = {_module_name(p): p for p in MODULES}


def _imports(path: Path) -> set[str]:
    """The package modules ``path`` imports, anywhere in it (inside functions and TYPE_CHECKING blocks too).
    ``from tipranking.x import y`` counts as importing ``tipranking.x``, and ``tipranking.x.y`` if that is a
    module. A package's ``__init__`` that Python runs first is not counted: only what the code names."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in NAMES}
    return {m for m in found if m in NAMES and m != name}


GRAPH = {name: _imports(path) for name, path in NAMES.items()}


def test_every_module_is_in_a_layer() -> None:
    for name in NAMES:
        layer_of(name)


def test_no_module_imports_from_a_layer_above_it() -> None:
    upward = [f"{m} ({LAYERS[layer_of(m)][0]}) imports {i} ({LAYERS[layer_of(i)][0]})"
              for m, imported in GRAPH.items() for i in sorted(imported) if layer_of(i) > layer_of(m)]
    assert upward == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    assert _cycles(GRAPH) == []


def test_the_checks_find_a_cycle_and_an_upward_import() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
    assert layer_of("tipranking.rules.base") < layer_of("tipranking.statute") < layer_of("tipranking.formats.render")
    # The two cycles the old shape had (render -> engine, rules.base -> statute) would both be upward imports.
    assert layer_of("tipranking.formats.render") > layer_of("tipranking.placing.engine")
    assert layer_of("tipranking.statute") > layer_of("tipranking.rules.base")


def _defined_public(module: ModuleType, path: Path) -> set[str]:
    """The public names ``module`` defines itself: classes and functions whose home is the module, and the
    names its top-level code assigns."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assigned: set[str] = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else []
        assigned |= {t.id for t in targets if isinstance(t, ast.Name)}
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            assigned.add(node.name)
    return {n for n in assigned if not n.startswith("_") and n != "__all__"}


@pytest.mark.parametrize("name", sorted(NAMES))
def test_all_lists_exactly_the_public_names(name: str) -> None:
    """``__all__`` holds every public name the module defines, and nothing that does not exist; anything else
    in it is a deliberate re-export (the package faces, each package's door)."""
    module = importlib.import_module(name)
    declared = getattr(module, "__all__", None)
    assert declared is not None, f"{name} has no __all__"
    assert len(declared) == len(set(declared)), f"{name}: a name twice in __all__"
    missing = _defined_public(module, NAMES[name]) - set(declared)
    assert missing == set(), f"{name}: public but not in __all__: {sorted(missing)}"
    assert [n for n in declared if not hasattr(module, n)] == []
    reexported = {n for n in declared if n not in _defined_public(module, NAMES[name])}
    if NAMES[name].name != "__init__.py":
        for n in reexported:  # a module re-exports only from its own layer or below
            home = getattr(getattr(module, n), "__module__", None)
            assert home is None or layer_of(home) <= layer_of(name), (name, n, home)


def test_the_api_reference_is_generated_from_the_modules() -> None:
    """``docs/api.md`` is what ``tools/api_reference.py`` writes from the layers and each module's
    ``__all__``: a module or name added without regenerating it fails here."""
    tools = Path(__file__).resolve().parents[1] / "tools"
    sys.path.insert(0, str(tools))
    try:
        import api_reference
    finally:
        sys.path.remove(str(tools))
    assert (tools.parent / "docs" / "api.md").read_text(encoding="utf-8") == api_reference.render()


# --------------------------------------------------------------------------- doors


def _private_imports(path: Path) -> list[str]:
    """Where ``path`` takes an underscore name from another module: ``from m import _x``, or ``m._x`` on a
    module it imported (``import m`` / ``import m as alias``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: dict[str, str] = {}
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path.relative_to(SRC)}:{node.lineno}: from {node.module} import {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                modules[alias.asname or alias.name.split(".")[0]] = alias.name
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            base = node.value
            dotted = []
            while isinstance(base, ast.Attribute):
                dotted.append(base.attr)
                base = base.value
            if isinstance(base, ast.Name) and base.id in modules:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {base.id}...{node.attr}")
    return found


def test_no_module_takes_an_underscore_name_from_another() -> None:
    assert [hit for path in MODULES for hit in _private_imports(path)] == []


def test_the_private_import_check_finds_both_kinds(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from tipranking.placing.compiler import _stops\nimport tipranking.placing.tree as tree\n"
                      "x = tree._Explorer\ny = tree.Guard\nz = __name__\n", encoding="utf-8")
    hits = [h.split(": ", 1)[1] for h in _private_imports_at(sample)]
    assert hits == ["from tipranking.placing.compiler import _stops", "tree..._Explorer"]


def _private_imports_at(path: Path) -> list[str]:
    global SRC
    saved, SRC = SRC, path.parent
    try:
        return _private_imports(path)
    finally:
        SRC = saved


def test_placing_is_entered_through_its_door() -> None:
    """Outside ``tipranking.placing``, nothing imports one of its modules: only the package's public names."""
    side = [f"{m} imports {i}" for m, imported in GRAPH.items() if not m.startswith("tipranking.placing")
            for i in sorted(imported) if i.startswith("tipranking.placing.")]
    assert side == []


def _defines_something(path: Path) -> bool:
    """Whether ``path`` defines a function, a class or a name of its own at its top level (``__all__`` aside)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            return True
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id != "__all__" for t in targets):
            return True
    return False


def test_no_module_at_the_root_only_re_exports() -> None:
    """Every module at the package root defines something of its own (the package's ``__init__`` is its face):
    the old module paths that only re-exported names living elsewhere are gone."""
    assert [p.name for p in SRC.glob("*.py") if p.name != "__init__.py" and not _defines_something(p)] == []


def test_the_re_export_check_finds_a_module_that_only_re_exports(tmp_path: Path) -> None:
    only = tmp_path / "only.py"
    only.write_text('"""Old path."""\nfrom tipranking.formats.frames import place_frame\n\n'
                    '__all__ = ["place_frame"]\n', encoding="utf-8")
    assert not _defines_something(only)
    assert _defines_something(SRC / "tiers.py")
