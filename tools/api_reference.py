"""Write ``docs/api.md``, the API reference, from the package itself, as Markdown that reads in the repository
without building the site: the layers of ``tipranking._layers`` in order, each public module with the names of
its ``__all__`` it defines (a name the top level re-exports is documented there, once) -- each with its
signature and its docstring -- and the old module paths. ``tests/test_architecture.py`` checks the file is what
this writes. Run from the repository root after changing a module's public names or docstrings::

    .venv/bin/python tools/api_reference.py
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import sys
from pathlib import Path
from typing import Any

import tipranking
from tipranking._layers import LAYERS
from tipranking.provisions import Provision

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "tipranking"
OUT = ROOT / "docs" / "api.md"


def _modules() -> list[str]:
    names = []
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if any(p.startswith("_") and p != "__init__" for p in parts) or name == "tipranking":
            continue
        names.append(name)
    return names


def _source(name: str) -> Path:
    module = importlib.import_module(name)
    assert module.__file__ is not None
    return Path(module.__file__)


def _defined(name: str) -> tuple[set[str], set[str]]:
    """The public names the module defines, and those of them that are constants without a docstring."""
    tree = ast.parse(_source(name).read_text(encoding="utf-8"))
    defined: set[str] = set()
    documented: set[str] = set()
    body = tree.body
    for i, node in enumerate(body):
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            defined.add(node.name)
            documented.add(node.name)
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name):
                defined.add(target.id)
                after = body[i + 1] if i + 1 < len(body) else None
                if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
                    documented.add(target.id)
    public = {n for n in defined if not n.startswith("_") and n != "__all__"}
    return public, public - documented


def _summary(name: str) -> str:
    doc = importlib.import_module(name).__doc__ or ""
    first = doc.strip().split("\n\n")[0].replace("\n", " ")
    return first.rstrip(".")


_ROLE = re.compile(r":[a-z]+(?::[a-z]+)?:`~?([^`]+)`")


def _doc(obj: Any) -> str:
    """A docstring as plain text: reST roles (:func:`x`) shown as their target, double backticks as single."""
    doc = inspect.getdoc(obj) or ""
    return _ROLE.sub(r"`\1`", doc).replace("``", "`")


def _signature(name: str, obj: Any) -> str:
    if inspect.isclass(obj) and issubclass(obj, BaseException):
        return f"class {name}"
    if inspect.isclass(obj) or inspect.isfunction(obj):
        try:
            signature = str(inspect.signature(obj))
        except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
            signature = "(...)"
        signature = re.sub(r" at 0x[0-9a-f]+>", ">", signature)  # default values shown without their address
        return f"{'class ' if inspect.isclass(obj) else ''}{name}{signature}"
    return f"{name}: {type(obj).__name__}"


def _entry(module: str, name: str, obj: Any, doc: str, level: str = "####") -> list[str]:
    lines = [f"{level} `{module}.{name}`", "", "```python", _signature(name, obj), "```", ""]
    if doc:
        lines += ["```text", doc, "```", ""]
    return lines


def _section(name: str, top: set[str]) -> list[str]:
    module = importlib.import_module(name)
    public, undocumented = _defined(name)
    members = [n for n in module.__all__ if n in public and n not in top]
    lines = [f"### `{name}`", "", _summary(name) + ".", ""]
    for member in members:
        value = getattr(module, member)
        if member in undocumented:
            if not isinstance(value, Provision):
                raise SystemExit(f"{name}.{member}: a public constant needs a docstring (or a Provision value)")
            doc = (f"{value.citation}: {value.title} (first report {value.first_report_year}, confidence "
                   f"{value.confidence}).")
        elif inspect.isclass(value) or inspect.isfunction(value):
            doc = _doc(value)
        else:
            doc = _attribute_doc(name, member)
        lines += _entry(name, member, value, doc)
    return lines


def _attribute_doc(module: str, name: str) -> str:
    """The docstring written under a module constant (the string right after its assignment)."""
    tree = ast.parse(_source(module).read_text(encoding="utf-8"))
    for i, node in enumerate(tree.body[:-1]):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            after = tree.body[i + 1]
            if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
                return _ROLE.sub(r"`\1`", inspect.cleandoc(str(after.value.value))).replace("``", "`")
    return ""


def render() -> str:
    top = set(tipranking.__all__)
    lines = [
        "# API reference", "",
        "Generated by `tools/api_reference.py` from the package: the layers of `tipranking._layers`, lowest",
        "first, and each module's `__all__`, every name with its signature and docstring (do not edit by hand;",
        "`tests/test_architecture.py` checks it is current). The [user guide](index.md) explains how the pieces",
        "fit together, and [the design](design.md) why the layers are these.", "",
        "## `tipranking`: the public API", "",
        "Everything most users need is importable from the top-level package; each name is documented here",
        "once, and the module it is defined in does not repeat it.", "",
    ]
    for member in tipranking.__all__:
        value = getattr(tipranking, member)
        home = getattr(value, "__module__", "tipranking") if inspect.isclass(value) or inspect.isfunction(
            value) else "tipranking"
        doc = _doc(value) if inspect.isclass(value) or inspect.isfunction(value) else _attribute_doc(home, member)
        lines += _entry("tipranking", member, value, doc, "###")
    modules = _modules()
    for index, (layer, what, _) in enumerate(LAYERS):
        from tipranking._layers import layer_of

        here = [m for m in modules if layer_of(m) == index]
        if not here:
            continue
        lines += [f"## {layer.capitalize()}: {what}", ""]
        for name in here:
            lines += _section(name, top)
    return "\n".join(lines) + "\n"


def main() -> int:
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
