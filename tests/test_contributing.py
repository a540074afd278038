"""docs/contributing.md names files, functions and tests that a contributor changes or runs: each still exists
where the page says, and each named here is still on the page. The page's examples run as doctests; this covers
the prose around them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tipranking.formats.records import FORMS, collection, schemas

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")

NAMED: dict[str, tuple[str, ...]] = {
    "src/tipranking/provisions.py": ("_ALL", "PROVISIONS", "all_provisions"),
    "src/tipranking/statute.py": ("build_pipeline",),
    "src/tipranking/rules/clock.py": ("Machine",),
    "src/tipranking/formats/contract.py": ("TYPES", "RecordForm", "Field", "tier_code"),
    "src/tipranking/formats/records.py": ("FORMS", "_NAMES", "_YEAR", "_CITATIONS", "schemas", "names",
                                          "schema_digest"),
    "src/tipranking/cli.py": ("_write", "_read_histories", "_histories", "_file_options", "_FORMATS",
                              "_FORMAT_HELP", "_COMMANDS", "_cmd_outlook", "_cmd_audit"),
    "tests/test_compiled.py": ("_machine_rules", "test_every_rule_class_with_memory_has_a_machine",
                               "test_machines_agree_with_their_rules_on_every_short_history",
                               "test_compiled_equals_interpreted"),
    "tests/test_output_contract.py": ("COMMANDS", "test_a_schema_changes_only_with_its_version"),
}
"""Top-level names the page tells a contributor to use or change, by the file that defines them."""

FILES = ("tools/schemas.py", "tools/api_reference.py", "src/tipranking/_layers.py", "tests/test_architecture.py",
         "tests/test_provisions.py", "tests/test_diff.py", "tests/test_reasons.py",
         "tests/data/worked_examples.json", "src/tipranking/schema/outputs.json")
"""Files the page names."""


def _top_level(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else []
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _named(name: str) -> bool:
    """Whether the page names ``name``: in inline code, or imported in an example."""
    in_code = re.search(rf"`[^`\n]*(?<!\w){re.escape(name)}\b[^`\n]*`", PAGE)
    imported = re.search(rf"^>>> from [\w.]+ import .*\b{re.escape(name)}\b", PAGE, re.MULTILINE)
    return bool(in_code or imported)


@pytest.mark.parametrize("path", sorted(NAMED))
def test_the_names_the_page_gives_exist_where_it_says(path: str) -> None:
    defined = _top_level(ROOT / path)
    for name in NAMED[path]:
        assert name in defined, f"{path} no longer defines {name}: update docs/contributing.md"
        assert _named(name), f"docs/contributing.md no longer names {name}: update this test"


@pytest.mark.parametrize("path", FILES)
def test_the_files_the_page_names_exist(path: str) -> None:
    assert (ROOT / path).exists(), path
    assert f"`{path}`" in PAGE, path


def test_the_anchors_the_page_links_to_exist() -> None:
    versions = (ROOT / "docs" / "statute-versions.md").read_text(encoding="utf-8")
    assert "statute-versions.md#inferred-and-uncertain-points" in PAGE
    assert "\n## Inferred and uncertain points\n" in versions or "\n### Inferred and uncertain points\n" in versions


def test_what_the_page_says_of_collections_still_holds() -> None:
    """The page warns that a collection's format stays ``_list/1`` when its item's version is raised (so its
    digest changes under the same format). If collections get versions of their own, update that warning."""
    assert all(collection(form, [])["format"] == f"tipranking.{form.kind}_list/1" for form in FORMS)
    with_collection = [name for name in schemas() if name.endswith("_list.schema.json")]
    assert with_collection and "_list/1" in PAGE
