"""The tiers of the Trafficking in Persons Report and their parser."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from tipranking.errors import UnknownTierError

__all__ = ["RANKED", "Tier", "best_first", "describe"]


class Tier(enum.Enum):
    """A placement in the TIP Report.

    The value is the short code used in files and JSON output. ``TIER_2_WATCH_LIST``
    is legally Tier 2 plus membership of the special watch list of
    22 U.S.C. § 7107(b)(2)(A)(iii); ``SPECIAL_CASE`` is not statutory: the report
    describes the country without ranking it.
    """

    TIER_1 = "1"
    TIER_2 = "2"
    TIER_2_WATCH_LIST = "2WL"
    TIER_3 = "3"
    SPECIAL_CASE = "special_case"

    @property
    def label(self) -> str:
        """The report's own name for the tier, e.g. ``"Tier 2 Watch List"``."""
        return _LABELS[self]

    @property
    def severity(self) -> int | None:
        """Rank from best (1) to worst (4); ``None`` for Special Case, which is not ranked."""
        return _SEVERITY.get(self)

    @property
    def is_ranked(self) -> bool:
        return self is not Tier.SPECIAL_CASE

    def __str__(self) -> str:
        return self.label

    @classmethod
    def parse(cls, text: object, field: str = "tier", where: str | None = None) -> Tier:
        """Parse any accepted spelling: ``"1"``, ``"2WL"``, ``"Tier 2 Watch List"``, ``"special_case"``...

        Matching ignores case, surrounding space, and the separators ``-``, ``_`` and spaces.
        Anything else raises :class:`~tipranking.errors.UnknownTierError`.

        >>> Tier.parse("Tier 2 Watch List")
        <Tier.TIER_2_WATCH_LIST: '2WL'>
        >>> Tier.parse("special case")
        <Tier.SPECIAL_CASE: 'special_case'>
        """
        if isinstance(text, Tier):
            return text
        if not isinstance(text, str):
            raise UnknownTierError(field, text, "a tier must be a string such as '2WL'", where)
        key = _normalise(text)
        try:
            return _SPELLINGS[key]
        except KeyError:
            accepted = ", ".join(repr(t.value) for t in cls)
            raise UnknownTierError(field, text, f"unknown tier; accepted: {accepted} or names such as "
                                   "'Tier 2 Watch List'", where) from None


RANKED: tuple[Tier, ...] = (Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST, Tier.TIER_3)
"""The ranked tiers, best first: Tier 1, Tier 2, Tier 2 Watch List, Tier 3 (Special Case, which is not ranked, is
not among them). The one statement of the tiers' order: :attr:`Tier.severity` is a tier's place in it, and
:func:`best_first` sorts by it."""


def best_first(tiers: Iterable[Tier]) -> list[Tier]:
    """``tiers`` from best (Tier 1) to worst (Tier 3), in the order of :data:`RANKED`, Special Case last."""
    return sorted(set(tiers), key=_ORDER.__getitem__)


def describe(tiers: Iterable[Tier]) -> str:
    """The tiers in words, best first: ``"Tier 2"``, ``"Tier 2 or Special Case"``,
    ``"Tier 1, Tier 2 or Special Case"``.

    >>> describe([Tier.SPECIAL_CASE, Tier.TIER_2])
    'Tier 2 or Special Case'
    """
    labels = [t.label for t in best_first(tiers)]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def _normalise(text: str) -> str:
    return "".join(ch for ch in text.strip().lower() if ch not in " -_.")


_LABELS = {
    Tier.TIER_1: "Tier 1",
    Tier.TIER_2: "Tier 2",
    Tier.TIER_2_WATCH_LIST: "Tier 2 Watch List",
    Tier.TIER_3: "Tier 3",
    Tier.SPECIAL_CASE: "Special Case",
}
_SEVERITY = {tier: rank for rank, tier in enumerate(RANKED, start=1)}
_ORDER = {tier: rank for rank, tier in enumerate((*RANKED, Tier.SPECIAL_CASE))}

_SPELLINGS: dict[str, Tier] = {}
for _tier in Tier:
    _SPELLINGS[_normalise(_tier.value)] = _tier
    _SPELLINGS[_normalise(_tier.label)] = _tier
    _SPELLINGS[_normalise(_tier.name)] = _tier
for _alias, _tier in {
    "tier2wl": Tier.TIER_2_WATCH_LIST,
    "2watchlist": Tier.TIER_2_WATCH_LIST,
    "watchlist": Tier.TIER_2_WATCH_LIST,
    "tier2watchlist": Tier.TIER_2_WATCH_LIST,
    "specialcase": Tier.SPECIAL_CASE,
}.items():
    _SPELLINGS[_alias] = _tier
