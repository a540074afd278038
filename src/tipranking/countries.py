"""Canonical names for the governments the Trafficking in Persons (TIP) reports rank.

Datasets spell the same government in many ways ("Burma" / "Myanmar", "Russia" /
"Russian Federation", "Congo" / "Congo, Republic of the", "Turkey" / "Türkiye").
This module maps every known spelling to one :class:`Government` whose ``name`` is the
TIP report's own style and whose ``iso3`` is the ISO 3166-1 alpha-3 code.

Where the data comes from
-------------------------
* ``tipranking/data/countries.csv`` (columns ``name,iso3,aliases``, aliases separated by
  ``|``) lists only what is TIP-specific: one row per government the reports rank or list,
  its canonical name, its ISO code and the extra spellings that ISO does not know.
* :mod:`pycountry` supplies everything ISO knows: for each row with a code, the ISO
  ``name``, ``official_name`` and ``common_name`` become automatic aliases. There is no
  hand-written ISO table here.

Choices
-------
* Kosovo has no ISO 3166-1 code, so its ``iso3`` is ``None``. ``XKX`` (used by the EU and
  the World Bank) and ``KOS`` (used in some research datasets) are user-assigned codes, not
  ISO codes; they are deliberately *not* aliases, so a code never passes for a name.
* Separately ranked territories (Hong Kong, Macau, Taiwan, Aruba, Curaçao, Sint Maarten)
  are governments in their own right here, each with its own ISO code.
* Known typos are never aliases: "Tongo" (in the 2023 report's web text) raises
  :class:`~tipranking.errors.UnknownCountryError` suggesting "Togo" and "Tonga".

Matching
--------
:func:`same_government` is the one test of whether two names denote one government (the engines use it to
match a history to the assessed country): by this table when it knows both names (Burma = Myanmar), else by
the names themselves, ignoring surrounding whitespace and case. :func:`identify` says what a name is -- its
canonical name, ISO code, whether the table knows it -- for a note on a name the table does not know.

Names are compared by a key that ignores case, accents ("Côte" = "Cote"), punctuation
(hyphens, commas, straight or curly apostrophes, parentheses), runs of whitespace
(including no-break spaces), a leading "The" (and a trailing ", The"); "St." and "St" read
as "Saint" and "&" as "and".
"""

from __future__ import annotations

import csv
import difflib
import functools
import importlib.resources
import io
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs

from tipranking.errors import DataError, InputTypeError, UnknownCountryError

__all__ = [
    "Government",
    "Identity",
    "canonical_name",
    "find",
    "government_key",
    "governments",
    "identify",
    "identify_all",
    "lookup",
    "same_government",
    "suggestions",
]

_DATA_FILE = "countries.csv"
_HEADER = ["name", "iso3", "aliases"]
_ALIAS_SEPARATOR = "|"
_MAX_SUGGESTIONS = 3
_SUGGESTION_CUTOFF = 0.6

_ISO3 = re.compile(r"[A-Z]{3}")
_TRAILING_THE = re.compile(r",\s*the\s*$")
_NON_WORD = re.compile(r"[\W_]+")
_TOKEN_REPLACEMENTS = {"st": "saint"}
_CACHED_NAMES = 4096


@attrs.frozen(slots=True)
class Government:
    """One government the TIP reports rank or list.

    ``name`` is canonical (the TIP report's style), ``iso3`` the ISO 3166-1 alpha-3 code
    or ``None`` where there is none (Kosovo), ``aliases`` every other accepted spelling:
    the data file's aliases first, then the ISO names pycountry gives for ``iso3``.
    """

    name: str
    iso3: str | None
    aliases: tuple[str, ...]


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    """The comparison key of a name: case-, accent-, punctuation- and "The"-insensitive (remembered for the
    latest names: one item's name is looked up by the reader, the consequences and the record)."""
    if name.isascii():  # nothing to decompose, no combining mark
        text = name.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    if "&" in text:
        text = text.replace("&", " and ")
    if "the" in text:
        text = _TRAILING_THE.sub("", text)
    tokens = _NON_WORD.sub(" ", text).split()
    if not _TOKEN_REPLACEMENTS.keys().isdisjoint(tokens):
        tokens = [_TOKEN_REPLACEMENTS.get(tok, tok) for tok in tokens]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


@attrs.frozen(slots=True)
class _Registry:
    governments: tuple[Government, ...]
    by_key: dict[str, Government]


def _pycountry() -> Any:
    """pycountry, imported when the country table is first read (it costs a tenth of a second to load)."""
    import pycountry

    return pycountry


def _iso_names(iso3: str) -> list[str]:
    """The names pycountry knows for an alpha-3 code (empty if it knows none)."""
    record = _pycountry().countries.get(alpha_3=iso3)
    if record is None:
        return []
    names: list[str] = []
    for attribute in ("name", "official_name", "common_name"):
        value = getattr(record, attribute, None)
        if isinstance(value, str) and value:
            names.append(value)
    return names


def _unique(names: Iterable[str], exclude: str) -> tuple[str, ...]:
    """``names`` without case-insensitive repeats and without ``exclude``, in order."""
    seen = {exclude.casefold()}
    result: list[str] = []
    for name in names:
        folded = name.casefold()
        if folded not in seen:
            seen.add(folded)
            result.append(name)
    return tuple(result)


def _parse(text: str, source: str = _DATA_FILE) -> _Registry:
    """Parse and validate the text of a ``name,iso3,aliases`` CSV.

    Raises :class:`~tipranking.errors.DataError`, naming ``source`` and the line, for a
    wrong header, a malformed row, an unknown or repeated ISO code, an empty name or alias,
    or a spelling (name, alias or ISO name) that would map to two governments.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or [cell.strip() for cell in header] != _HEADER:
        raise DataError(f"{source} line 1: header must be {','.join(_HEADER)!r}, got {header!r}")

    claimed: dict[str, tuple[str, int]] = {}  # key -> (canonical name, line)
    iso_lines: dict[str, int] = {}
    governments: list[Government] = []
    by_key: dict[str, Government] = {}

    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(_HEADER):
            raise DataError(f"{source} line {line}: expected {len(_HEADER)} fields, got {len(row)}: {row!r}")
        name, iso3_text, alias_text = (cell.strip() for cell in row)
        if not name or not _key(name):
            raise DataError(f"{source} line {line}: empty government name")

        iso3: str | None = None
        iso_names: list[str] = []
        if iso3_text:
            if not _ISO3.fullmatch(iso3_text) or _pycountry().countries.get(alpha_3=iso3_text) is None:
                raise DataError(f"{source} line {line}: {iso3_text!r} is not an ISO 3166-1 alpha-3 code")
            if iso3_text in iso_lines:
                first = iso_lines[iso3_text]
                raise DataError(f"{source} line {line}: ISO code {iso3_text!r} already used on line {first}")
            iso3 = iso3_text
            iso_lines[iso3] = line
            iso_names = _iso_names(iso3)

        file_aliases = [alias.strip() for alias in alias_text.split(_ALIAS_SEPARATOR)] if alias_text else []
        if any(not alias or not _key(alias) for alias in file_aliases):
            raise DataError(f"{source} line {line}: empty alias in {alias_text!r}")

        government = Government(name=name, iso3=iso3, aliases=_unique([*file_aliases, *iso_names], name))
        for spelling in (name, *government.aliases):
            key = _key(spelling)
            previous = claimed.get(key)
            if previous is not None and previous[0] != name:
                other, other_line = previous
                raise DataError(
                    f"{source} line {line}: {spelling!r} (for {name!r}) already names {other!r} "
                    f"(line {other_line})"
                )
            claimed[key] = (name, line)
            by_key[key] = government
        governments.append(government)

    if not governments:
        raise DataError(f"{source}: no governments")
    ordered = tuple(sorted(governments, key=lambda gov: (_key(gov.name), gov.name)))
    return _Registry(governments=ordered, by_key=by_key)


@functools.cache
def _registry() -> _Registry:
    resource = importlib.resources.files("tipranking") / "data" / _DATA_FILE
    return _parse(resource.read_text(encoding="utf-8"))


def _suggestions(key: str, registry: _Registry) -> tuple[str, ...]:
    """Canonical names of the governments whose spellings are closest to ``key``.

    A government scores the best :class:`difflib.SequenceMatcher` ratio of any of its
    spellings; ties go to the government whose canonical name is closer, then by name.
    """
    if not key:
        return ()
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(key)

    def ratio(candidate: str) -> float:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < _SUGGESTION_CUTOFF or matcher.quick_ratio() < _SUGGESTION_CUTOFF:
            return 0.0
        return matcher.ratio()

    best: dict[str, float] = {}
    for candidate, government in registry.by_key.items():
        score = ratio(candidate)
        if score >= _SUGGESTION_CUTOFF and score > best.get(government.name, 0.0):
            best[government.name] = score
    ranked = sorted(best, key=lambda name: (-best[name], -ratio(_key(name)), name))
    return tuple(ranked[:_MAX_SUGGESTIONS])


def lookup(name: str) -> Government:
    """The government a name denotes.

    >>> lookup("Myanmar").name
    'Burma'
    >>> lookup("  cote d'ivoire ").iso3
    'CIV'

    Raises :class:`~tipranking.errors.UnknownCountryError` (field ``"country"``) for a name
    no government has; its ``suggestions`` hold up to three close canonical names.
    """
    if not isinstance(name, str):
        raise UnknownCountryError("country", name)
    registry = _registry()
    key = _key(name)
    government = registry.by_key.get(key)
    if government is None:
        raise UnknownCountryError("country", name, _suggestions(key, registry))
    return government


def find(name: str) -> Government | None:
    """The government a name denotes, or ``None`` (no suggestions are computed: cheap for names that may
    well be unknown, such as the made-up countries of examples).

    >>> find("Myanmar").name, find("Examplestan")
    ('Burma', None)
    """
    if not isinstance(name, str):
        return None
    return _registry().by_key.get(_key(name))


def canonical_name(name: str) -> str:
    """The canonical (TIP report) name for ``name``; raises like :func:`lookup`.

    >>> canonical_name("Turkey")
    'Türkiye'
    """
    return lookup(name).name


def governments() -> tuple[Government, ...]:
    """Every known government, sorted by name (ignoring case, accents and a leading "The")."""
    return _registry().governments


@attrs.frozen(slots=True)
class Identity:
    """What a country name denotes, for showing it and for noting a name the country table does not know.

    ``name`` is the canonical (TIP report) name for a known spelling, else ``input_spelling`` without its
    surrounding whitespace (an unknown name is placed under the name given); ``iso3`` the ISO 3166-1 alpha-3
    code (``None`` for an unknown name, and for a known government that has none, such as Kosovo); ``known``
    whether the table knows the spelling; ``input_spelling`` the name exactly as given.
    """

    name: str
    iso3: str | None
    known: bool
    input_spelling: str


def identify(name: str) -> Identity:
    """The :class:`Identity` of any spelling: never an error for an unknown name (remembered per spelling).

    >>> identify("Myanmar")
    Identity(name='Burma', iso3='MMR', known=True, input_spelling='Myanmar')
    >>> identify(" Atlantis ")
    Identity(name='Atlantis', iso3=None, known=False, input_spelling=' Atlantis ')

    Raises :class:`~tipranking.errors.InputTypeError` (field ``"country"``) for a value that is not a string.
    """
    if not isinstance(name, str):
        raise InputTypeError("country", name, "a country name must be a string")
    return _identify(name)


@functools.lru_cache(maxsize=_CACHED_NAMES)
def _identify(name: str) -> Identity:
    return _identity(name, _registry().by_key.get(_key(name)))


def _identity(name: str, government: Government | None) -> Identity:
    if government is None:
        return Identity(name=name.strip(), iso3=None, known=False, input_spelling=name)
    return Identity(name=government.name, iso3=government.iso3, known=True, input_spelling=name)


def identify_all(names: Iterable[str]) -> list[Identity]:
    """:func:`identify` of each of many (distinct) names, in order: the same identities, with nothing remembered
    (a frame's hundred thousand names would only push the names asked about one by one out of memory).

    >>> [i.name for i in identify_all(["Myanmar", " Atlantis "])]
    ['Burma', 'Atlantis']
    """
    by_key = _registry().by_key
    key = _key.__wrapped__
    out = []
    for name in names:
        if not isinstance(name, str):
            raise InputTypeError("country", name, "a country name must be a string")
        out.append(_identity(name, by_key.get(key(name))))
    return out


def suggestions(name: str) -> tuple[str, ...]:
    """Up to three canonical names closest to ``name``, best first (empty if none is close): the "did you
    mean" of a note on an unknown name. The same as the ``suggestions`` of the error :func:`lookup` raises.

    >>> suggestions("Tongo")
    ('Togo', 'Tonga', 'Congo, Republic of the')
    """
    if not isinstance(name, str):
        return ()
    return _suggestions(_key(name), _registry())


def government_key(name: str) -> tuple[bool, str]:
    """The key two names share exactly when :func:`same_government` holds for them: ``(True, canonical
    name)`` for a name the country table knows, ``(False, the name stripped and casefolded)`` for one it does
    not (remembered per spelling). For indexing by government, e.g. histories by country.

    >>> government_key("Myanmar") == government_key(" burma"), government_key("Examplestan ")
    (True, (False, 'examplestan'))

    Raises :class:`~tipranking.errors.InputTypeError` (field ``"country"``) for a value that is not a string.
    """
    if not isinstance(name, str):
        raise InputTypeError("country", name, "a country name must be a string")
    return _government_key(name)


@functools.lru_cache(maxsize=_CACHED_NAMES)
def _government_key(name: str) -> tuple[bool, str]:
    identity = _identify(name)
    return (True, identity.name) if identity.known else (False, identity.name.casefold())


def same_government(first: str, second: str) -> bool:
    """Whether two country names denote one government: by the country table when it knows both ("Burma" and
    "Myanmar"; "Côte d'Ivoire" and "Cote d'Ivoire"), else by the names ignoring surrounding whitespace and case
    (so made-up names such as "Examplestan" keep matching as they always did). Equal strings are the same
    government without a lookup.

    >>> same_government("Myanmar", "Burma"), same_government("examplestan", "Examplestan ")
    (True, True)
    >>> same_government("Congo, Republic of the", "Congo, Democratic Republic of the")
    False
    """
    return first == second or government_key(first) == government_key(second)
