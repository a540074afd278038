"""The architecture as data: the layers of the package, lowest first.

A module may import from its own layer and the layers below it, never from one above, and no imports may
form a cycle (``tests/test_architecture.py`` walks every import, those inside functions included). The
reference pages follow this order (``tools/api_reference.py`` writes ``docs/api.md`` from it), and
``docs/design.md`` explains each layer.
"""

from __future__ import annotations

__all__ = ["LAYERS", "layer_of"]

LAYERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("base", "errors, tiers, every citation and date of the law, government names",
     ("tipranking.errors", "tipranking.tiers", "tipranking.provisions", "tipranking.countries")),
    ("values", "what is found about a government: assessments, histories, the catalogue of facts",
     ("tipranking.assessment", "tipranking.facts")),
    ("record", "the bundled placement record and the 2023 lists, with provenance",
     ("tipranking.data",)),
    ("law", "one rule object per provision, the combinators, the Watch List clock",
     ("tipranking.rules",)),
    ("versions", "statute versions and readings as values",
     ("tipranking.statute",)),
    ("placing", "place(), the placement it returns, the compiled statute; one door",
     ("tipranking.placing",)),
    ("consequences", "what follows from a placement",
     ("tipranking.consequences",)),
    ("analysis", "audit, outlook, what it takes, sweeps",
     ("tipranking.analysis",)),
    ("formats", "files in and out: JSON, CSV, text, frames, charts",
     ("tipranking.formats",)),
    ("testing", "the Hypothesis kit: strategies and invariants",
     ("tipranking.testing",)),
    ("interface", "the public face: the package's top level and the command line",
     ("tipranking", "tipranking._layers", "tipranking._hypothesis_hook", "tipranking.cli")),
)
"""``(name, what it holds, module prefixes)`` for each layer, lowest first."""


def layer_of(module: str) -> int:
    """The index in :data:`LAYERS` of ``module`` (a dotted name): the layer whose prefix matches it longest."""
    best, found = -1, -1
    for index, (_, _, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            exact = module == prefix
            inside = module.startswith(prefix + ".") and prefix != "tipranking"
            if (exact or inside) and len(prefix) > best:
                best, found = len(prefix), index
    if found < 0:
        raise KeyError(f"{module} is in no layer of tipranking._layers.LAYERS")
    return found
