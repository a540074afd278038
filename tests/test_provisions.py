"""The table of provisions: every ``Provision`` the module defines is encoded, and every rule cites one of them."""

from __future__ import annotations

import ast
import inspect

from tipranking import provisions
from tipranking.provisions import INDICIA, PROVISIONS, Provision, all_provisions
from tipranking.rules import PostWaiverLimit
from tipranking.rules.downgrade import READINGS
from tipranking.statute import VERSIONS, with_reading


def _constants_in_source() -> list[str]:
    """The module-level names that ``provisions.py`` binds to a ``Provision(...)`` call, read from its source
    (not from the module's namespace, which is what the module itself reads)."""
    tree = ast.parse(inspect.getsource(provisions))
    names = []
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else getattr(
            node, "target", None)
        value = getattr(node, "value", None)
        if (isinstance(target, ast.Name) and isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                and value.func.id == Provision.__name__):
            names.append(target.id)
    return names


def _encoded() -> list[Provision]:
    return list(all_provisions())


def test_every_provision_constant_is_encoded() -> None:
    names = _constants_in_source()
    assert len(names) > 40  # the source was read: the module defines some fifty constants
    encoded = _encoded()
    missing = [n for n in names if not any(getattr(provisions, n) is p for p in encoded)]
    assert not missing, f"defined in provisions.py but not in all_provisions(): {missing}"
    assert all(PROVISIONS[getattr(provisions, n).citation] is getattr(provisions, n) for n in names)


def test_every_public_provision_and_indicium_is_encoded() -> None:
    public = [getattr(provisions, n) for n in provisions.__all__ if isinstance(getattr(provisions, n), Provision)]
    for p in (*public, *INDICIA, *provisions.STANDARDS):
        assert PROVISIONS.get(p.citation) is p, p.citation


def test_no_two_provisions_share_a_citation() -> None:
    # PROVISIONS is keyed by citation: a second provision with the same citation would silently replace the first.
    distinct = {id(p): p for p in (*(getattr(provisions, n) for n in _constants_in_source()), *INDICIA)}
    assert len(PROVISIONS) == len(distinct) == len(_encoded())


def test_every_rule_of_every_version_and_reading_cites_an_encoded_provision() -> None:
    named = [*VERSIONS, *(with_reading(v, r) for v in VERSIONS if v.rule_of_type(PostWaiverLimit) for r in READINGS)]
    cited = 0
    for version in named:
        for rule in version.rules():
            if rule.provision is not None:
                cited += 1
                assert PROVISIONS.get(rule.provision.citation) == rule.provision, (version.name, rule.rule_id)
    assert cited
