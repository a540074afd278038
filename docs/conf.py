"""Sphinx configuration for the tipranking documentation.

Build (from the repository root; warnings are errors):

    .venv/bin/python -m sphinx -W --keep-going -b html docs docs/_build/html

The pages are MyST Markdown; their ``>>>`` examples run under pytest (``--doctest-glob=*.md``), and
Sphinx only renders them. The API reference (``api.md``) is Markdown that ``tools/api_reference.py`` generates
from the package's docstrings, so it reads in the repository too; ``tests/test_architecture.py`` checks it is
current.
"""

from __future__ import annotations

import importlib.metadata

project = "tipranking"
author = "tipranking contributors"
copyright = "tipranking contributors"
try:
    release = importlib.metadata.version("tipranking")
except importlib.metadata.PackageNotFoundError:  # importable from a source tree without being installed
    import tipranking

    release = tipranking.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
# Only the Markdown pages are sources (`source_suffix`); the build output is not a page.
exclude_patterns = ["_build", "**/_build", "Thumbs.db", ".DS_Store"]

# MyST: the pages stay plain CommonMark with fenced code. Heading anchors make links such as
# `assessment-format.md#placement-output` resolve (the same slugs GitHub generates).
myst_heading_anchors = 3

# Examples start with `>>>`: Sphinx highlights them as interactive sessions ("pycon").
highlight_language = "python3"
pygments_style = "sphinx"

# autodoc: document what each module lists in __all__, in source order, with signatures from type hints.
autodoc_default_options = {
    "members": True,
    "undoc-members": True,
    "show-inheritance": True,
    "member-order": "bysource",
}
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
autodoc_preserve_defaults = False
# No sphinx.ext.napoleon: the docstrings are plain reST, and napoleon would read an attribute docstring
# such as "(d)(4): the assistance would promote ..." as a Google-style "type: description" pair.

nitpicky = False

html_theme = "alabaster"
html_title = f"tipranking {release}"
html_theme_options = {
    "description": "TVPA tier rules as cited, composable, testable rule objects",
    "fixed_sidebar": False,
    "show_relbars": True,
}
html_static_path: list[str] = []


# Docstrings refer to names the way their own module sees them (":func:`statute_for`" in
# tipranking.statute, ":class:`History`" in tipranking.data). Where the name is documented under another
# module -- most often the top-level package, which re-exports it -- link to that entry instead of leaving
# plain text: the one documented object whose name ends in ".<target>", preferring "tipranking.<target>".
def _resolve_by_suffix(app, env, node, contnode):  # type: ignore[no-untyped-def]
    if node.get("refdomain") != "py" or node.get("refspecific"):
        return None
    target = node.get("reftarget", "")
    if not target or target.startswith(("_", "tipranking.")):
        return None
    from sphinx.util.nodes import make_refnode

    domain = env.get_domain("py")
    try:
        matches = domain.find_obj(env, None, None, target, node.get("reftype"), 1)
    except Exception:  # a Sphinx version whose internals differ: leave the reference unresolved
        return None
    preferred = [m for m in matches if m[0] == f"tipranking.{target}"]
    places = {(entry.docname, entry.node_id) for _, entry in (preferred or matches)}
    if len(places) != 1:
        return None
    name, entry = (preferred or matches)[0]
    return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, name)


def setup(app):  # type: ignore[no-untyped-def]
    app.connect("missing-reference", _resolve_by_suffix)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
