"""Tests for tipranking.countries: canonical TIP-report names, ISO codes and aliases."""

from __future__ import annotations

import csv
from pathlib import Path

import attrs
import pycountry
import pytest

from tipranking import countries
from tipranking.countries import Government, canonical_name, governments, lookup
from tipranking.errors import DataError, InputTypeError, UnknownCountryError

SHARED = Path(__file__).resolve().parents[2] / "shared"
TIERS_2001_2015 = SHARED / "reference" / "tiers_2001_2015.csv"
TIERS_2016_2025 = SHARED / "reference" / "tiers_2016_2025.csv"
SEED_2023 = SHARED / "seeds" / "000_b74ef491153902c4.txt"

# Codes the 2001-2015 file uses that are not ISO 3166-1 (Kosovo has no ISO code).
NON_ISO_CODES = {"KOS"}

TIER_HEADINGS = {"Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case"}


def _require(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"shared reference file not found: {path} (expected the shared/ folder beside the repo)")
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with _require(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _tier_list_names_2023() -> list[str]:
    """Every name in the 2023 report's tier lists (Tier 1 through Special Case), in order."""
    lines = _require(SEED_2023).read_text(encoding="utf-8").splitlines()
    # The tier lists are the last block that starts with a "Tier 1" heading.
    start = max(i for i, line in enumerate(lines) if line.strip() == "Tier 1")
    names: list[str] = []
    for line in lines[start:]:
        text = line.strip()
        if not text or text in TIER_HEADINGS:
            continue
        if not text.startswith("•"):
            break
        names.append(text.lstrip("•").strip())
    return names


# --- the shared inputs ---------------------------------------------------------------------------


def test_every_name_in_tiers_2001_2015_resolves() -> None:
    names = {row["country"] for row in _rows(TIERS_2001_2015)}
    assert len(names) > 150
    unresolved = []
    for name in sorted(names):
        try:
            lookup(name)
        except UnknownCountryError:
            unresolved.append(name)
    assert unresolved == []


def test_every_name_in_tiers_2016_2025_resolves() -> None:
    names = {row["country"] for row in _rows(TIERS_2016_2025)}
    assert len(names) > 150
    unresolved = []
    for name in sorted(names):
        try:
            lookup(name)
        except UnknownCountryError:
            unresolved.append(name)
    assert unresolved == []


def test_iso3_in_tiers_2001_2015_agrees_with_lookup() -> None:
    rows = [row for row in _rows(TIERS_2001_2015) if row["iso3"].strip()]
    assert len(rows) > 1000
    mismatches = set()
    for row in rows:
        code = row["iso3"].strip()
        expected = None if code in NON_ISO_CODES else code
        got = lookup(row["country"]).iso3
        if got != expected:
            mismatches.add((row["country"], code, got))
    assert mismatches == set()


def test_kosovo_has_no_iso_code() -> None:
    kosovo = lookup("Kosovo")
    assert kosovo.iso3 is None
    assert pycountry.countries.get(alpha_3="KOS") is None
    assert pycountry.countries.get(alpha_3="XKX") is None
    # User-assigned codes are not names.
    for code in ("KOS", "XKX"):
        with pytest.raises(UnknownCountryError):
            lookup(code)


def test_both_reference_files_agree_on_governments_for_shared_spellings() -> None:
    old = {row["country"]: row["iso3"] for row in _rows(TIERS_2001_2015)}
    new = {row["country"] for row in _rows(TIERS_2016_2025)}
    # Spellings that changed between the two files map onto the same government and code.
    pairs = {
        "Russia": "Russian Federation",
        "Burma": "Myanmar",
        "Congo, Republic of the": "Congo",
        "Congo, Democratic Republic of the": "Congo, the Democratic Republic of the",
        "North Korea": "Korea, Democratic People's Republic of",
        "South Korea": "Korea, Republic of",
        "Czechia": "Czech Republic",
        "Eswatini": "Swaziland",
        "The Gambia": "Gambia",
        "Kyrgyz Republic": "Kyrgyzstan",
        "North Macedonia": "Macedonia, the former Yugoslav Republic of",
        "Macau": "Macao",
        "Taiwan": "Taiwan, Province of China",
        "Sint Maarten": "Sint Maarten (Dutch part)",
        "Vietnam": "Viet Nam",
        "Laos": "Lao People's Democratic Republic",
    }
    for new_name, old_name in pairs.items():
        assert new_name in new and old_name in old
        assert lookup(new_name) == lookup(old_name)
        assert lookup(new_name).iso3 == old[old_name]


def test_every_name_in_the_2023_tier_lists_resolves_except_the_typo() -> None:
    names = _tier_list_names_2023()
    # 188 entries in the web text (Montenegro twice, "Tongo" for Tonga).
    assert len(names) == 188
    assert "Tongo" in names and "Turkey" in names
    resolved = {}
    for name in names:
        if name == "Tongo":
            continue
        resolved[name] = lookup(name)
    assert resolved["Turkey"].name == "Türkiye"
    assert resolved["Slovak Republic"].name == "Slovakia"
    assert resolved["Czech Republic"].name == "Czechia"
    assert resolved["St. Vincent and the Grenadines"].name == "Saint Vincent and the Grenadines"
    assert resolved["China, People’s Republic of"].name == "China"
    assert resolved["Korea, Democratic People’s Republic of"].name == "Korea, North"
    assert resolved["Korea, Republic of"].name == "Korea, South"
    assert resolved["Cote d’Ivoire"].name == "Côte d'Ivoire"
    assert resolved["United States of America"].name == "United States"
    # 187 distinct entries less the typo, all distinct governments.
    assert len({gov.name for gov in resolved.values()}) == 186


def test_tongo_is_not_an_alias_and_suggests_togo_and_tonga() -> None:
    with pytest.raises(UnknownCountryError) as info:
        lookup("Tongo")
    assert info.value.field == "country"
    assert info.value.value == "Tongo"
    assert "Togo" in info.value.suggestions
    assert "Tonga" in info.value.suggestions
    assert len(info.value.suggestions) <= 3
    assert all("tongo" not in alias.casefold() for gov in governments() for alias in gov.aliases)


# --- required aliases ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("canonical", "iso3", "spellings"),
    [
        ("Burma", "MMR", ["Burma", "Myanmar"]),
        ("Russia", "RUS", ["Russia", "Russian Federation"]),
        (
            "Congo, Republic of the",
            "COG",
            ["Congo", "Congo, Republic of the", "Republic of the Congo", "Congo-Brazzaville"],
        ),
        (
            "Congo, Democratic Republic of the",
            "COD",
            ["Congo, Democratic Republic of the", "Democratic Republic of the Congo", "DRC"],
        ),
        ("Türkiye", "TUR", ["Turkey", "Türkiye", "Turkiye", "TURKEY"]),
        (
            "Korea, North",
            "PRK",
            ["Korea, Democratic People's Republic of", "North Korea", "DPRK", "Korea, North"],
        ),
        ("Korea, South", "KOR", ["Korea, Republic of", "South Korea", "Korea, South"]),
        ("Côte d'Ivoire", "CIV", ["Cote d'Ivoire", "Côte d'Ivoire", "Ivory Coast", "Cote d’Ivoire"]),
        ("Tanzania", "TZA", ["Tanzania", "Tanzania, United Republic of"]),
        ("Curaçao", "CUW", ["Curaçao", "Curacao"]),
        ("Eswatini", "SWZ", ["Swaziland", "Eswatini"]),
        ("Czechia", "CZE", ["Czech Republic", "Czechia"]),
        ("The Gambia", "GMB", ["Gambia", "The Gambia", "Gambia, The"]),
        ("Kyrgyz Republic", "KGZ", ["Kyrgyzstan", "Kyrgyz Republic"]),
        ("North Macedonia", "MKD", ["Macedonia", "North Macedonia"]),
        ("Cabo Verde", "CPV", ["Cape Verde", "Cabo Verde"]),
        ("Timor-Leste", "TLS", ["Timor-Leste", "East Timor", "Timor Leste"]),
        ("Hong Kong", "HKG", ["Hong Kong", "Hong Kong, China"]),
        ("Macau", "MAC", ["Macau", "Macao"]),
        ("Taiwan", "TWN", ["Taiwan"]),
        ("China", "CHN", ["China", "People's Republic of China", "China (PRC)"]),
        ("Sint Maarten", "SXM", ["Sint Maarten", "Sint Maarten (Dutch part)"]),
        ("Aruba", "ABW", ["Aruba"]),
        ("Kosovo", None, ["Kosovo"]),
    ],
)
def test_required_aliases(canonical: str, iso3: str | None, spellings: list[str]) -> None:
    for spelling in spellings:
        government = lookup(spelling)
        assert government.name == canonical, spelling
        assert government.iso3 == iso3, spelling
        assert canonical_name(spelling) == canonical


def test_myanmar_and_burma_are_the_same_government() -> None:
    assert lookup("Myanmar") == lookup("Burma")
    assert lookup("Myanmar") is lookup("Burma")
    assert lookup("Myanmar").name == "Burma"


def test_russian_federation_and_russia_are_the_same_government() -> None:
    assert lookup("Russian Federation") is lookup("Russia")
    assert canonical_name("Russian Federation") == "Russia"


def test_the_two_congos_stay_apart() -> None:
    assert lookup("Congo").iso3 == "COG"
    assert lookup("Congo, the Democratic Republic of the").iso3 == "COD"
    assert lookup("Congo") != lookup("Democratic Republic of the Congo")


# --- normalization -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("  russia  ", "Russia"),
        ("RUSSIA", "Russia"),
        ("cote d'ivoire", "Côte d'Ivoire"),
        ("CÔTE D’IVOIRE", "Côte d'Ivoire"),
        ("Antigua\u00a0and Barbuda", "Antigua and Barbuda"),
        ("\u00a0Afghanistan", "Afghanistan"),
        ("The Bahamas", "The Bahamas"),
        ("Bahamas", "The Bahamas"),
        ("the netherlands", "Netherlands"),
        ("St. Vincent and the Grenadines", "Saint Vincent and the Grenadines"),
        ("St Lucia", "Saint Lucia"),
        ("Saint Vincent & the Grenadines", "Saint Vincent and the Grenadines"),
        ("Bosnia  and   Herzegovina", "Bosnia and Herzegovina"),
        ("guinea bissau", "Guinea-Bissau"),
    ],
)
def test_lookup_normalizes(spelling: str, canonical: str) -> None:
    assert canonical_name(spelling) == canonical


def test_pycountry_names_are_automatic_aliases() -> None:
    # None of these spellings is in the bundled CSV; they come from pycountry.
    assert lookup("Plurinational State of Bolivia").name == "Bolivia"
    assert lookup("Bolivarian Republic of Venezuela").name == "Venezuela"
    assert lookup("Brunei Darussalam").name == "Brunei"
    assert lookup("Syrian Arab Republic").name == "Syria"
    assert "Plurinational State of Bolivia" in lookup("Bolivia").aliases


def test_prefix_of_the_not_dropped_inside_a_name() -> None:
    # Only a leading "The" is ignored: "Congo, Republic of the" keeps its own key.
    assert lookup("Congo, Republic of the").iso3 == "COG"
    with pytest.raises(UnknownCountryError):
        lookup("The")


# --- unknown names -------------------------------------------------------------------------------


def test_tailand_suggests_thailand() -> None:
    with pytest.raises(UnknownCountryError) as info:
        lookup("Tailand")
    assert info.value.suggestions[0] == "Thailand"
    assert info.value.field == "country"
    assert "Thailand" in str(info.value)


@pytest.mark.parametrize("name", ["", "   ", "Atlantis", "Yugoslavia", "zzzz"])
def test_unknown_names_raise(name: str) -> None:
    with pytest.raises(UnknownCountryError) as info:
        lookup(name)
    assert info.value.value == name
    assert len(info.value.suggestions) <= 3
    with pytest.raises(UnknownCountryError):
        canonical_name(name)


def test_suggestions_are_canonical_names() -> None:
    with pytest.raises(UnknownCountryError) as info:
        lookup("Rusia Federation")
    names = {gov.name for gov in governments()}
    assert info.value.suggestions
    assert set(info.value.suggestions) <= names
    assert info.value.suggestions[0] == "Russia"


# --- the bundled list ----------------------------------------------------------------------------


def test_governments_sorted_unique_and_complete() -> None:
    govs = governments()
    assert 185 <= len(govs) <= 200
    names = [gov.name for gov in govs]
    assert len(set(names)) == len(names)
    assert names == sorted(names, key=countries._key)
    codes = [gov.iso3 for gov in govs if gov.iso3 is not None]
    assert len(set(codes)) == len(codes)
    assert [gov.name for gov in govs if gov.iso3 is None] == ["Kosovo"]
    assert all(pycountry.countries.get(alpha_3=code) is not None for code in codes)
    for gov in govs:
        assert lookup(gov.name) is gov
        for alias in gov.aliases:
            assert lookup(alias) is gov, alias
    assert governments() is govs  # cached


def test_government_is_frozen() -> None:
    gov = lookup("Burma")
    assert isinstance(gov, Government)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        gov.name = "Myanmar"  # type: ignore[misc]


# --- data validation ---------------------------------------------------------------------------


def test_parse_small_csv() -> None:
    registry = countries._parse('name,iso3,aliases\nBurma,MMR,Myanmar\n"Korea, North",PRK,DPRK|North Korea\n')
    assert [gov.name for gov in registry.governments] == ["Burma", "Korea, North"]
    assert registry.by_key[countries._key("dprk")].iso3 == "PRK"


def test_duplicate_alias_across_governments_raises_data_error_naming_the_line() -> None:
    text = "name,iso3,aliases\nTogo,TGO,\nTonga,TON,Togo\n"
    with pytest.raises(DataError, match=r"line 3") as info:
        countries._parse(text)
    assert "Togo" in str(info.value)
    assert "line 2" in str(info.value)


def test_duplicate_name_raises_data_error() -> None:
    with pytest.raises(DataError, match=r"line 3"):
        countries._parse("name,iso3,aliases\nKosovo,,\nkosovo,,\n")


def test_alias_colliding_with_iso_name_of_another_row_raises() -> None:
    # "Russian Federation" is pycountry's name for RUS; here it is also claimed by another row.
    text = "name,iso3,aliases\nRussia,RUS,\nBelarus,BLR,Russian Federation\n"
    with pytest.raises(DataError, match=r"line 3"):
        countries._parse(text)


def test_alias_differing_only_in_accents_still_collides() -> None:
    text = "name,iso3,aliases\nCôte d'Ivoire,CIV,\nGhana,GHA,cote d’ivoire\n"
    with pytest.raises(DataError, match=r"line 3"):
        countries._parse(text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("country,iso3,aliases\nTogo,TGO,\n", "header"),
        ("name,iso3,aliases\nTogo,TGX,\n", "TGX"),
        ("name,iso3,aliases\nTogo,tgo,\n", "tgo"),
        ("name,iso3,aliases\nTogo,TGO,\nTonga,TGO,\n", "already used on line 2"),
        ("name,iso3,aliases\nTogo,TGO\n", "expected 3 fields"),
        ("name,iso3,aliases\n,TGO,\n", "empty government name"),
        ("name,iso3,aliases\nTogo,TGO,Togolese Republic||Togolaise\n", "empty alias"),
        ("name,iso3,aliases\n", "no governments"),
        ("", "header"),
    ],
)
def test_invalid_data_raises_data_error(text: str, problem: str) -> None:
    with pytest.raises(DataError) as info:
        countries._parse(text)
    assert problem in str(info.value)


def test_bundled_file_parses_to_the_loaded_registry() -> None:
    from importlib.resources import files

    text = (files("tipranking") / "data" / "countries.csv").read_text(encoding="utf-8")
    assert countries._parse(text).governments == governments()
    assert "Tongo" not in text


# --- identify: what the outputs show for a name --------------------------------------------------


def test_identify_a_canonical_name() -> None:
    assert countries.identify("Burma") == countries.Identity("Burma", "MMR", True, "Burma")


def test_identify_an_alias_gives_the_canonical_name_and_keeps_the_spelling() -> None:
    assert countries.identify("Myanmar") == countries.Identity("Burma", "MMR", True, "Myanmar")
    assert countries.identify("  cote d'ivoire ") == countries.Identity("Côte d'Ivoire", "CIV", True,
                                                                         "  cote d'ivoire ")


def test_identify_a_known_government_without_an_iso_code() -> None:
    assert countries.identify("Republic of Kosovo") == countries.Identity("Kosovo", None, True, "Republic of Kosovo")


def test_identify_an_unknown_name_is_not_an_error() -> None:
    identity = countries.identify(" Atlantis ")
    assert identity == countries.Identity("Atlantis", None, False, " Atlantis ")
    assert countries.suggestions("Tongo")[:2] == ("Togo", "Tonga")
    with pytest.raises(UnknownCountryError) as info:  # what --strict-names refuses with
        lookup(identity.input_spelling)
    assert info.value.field == "country" and info.value.value == " Atlantis "


def test_identify_refuses_a_value_that_is_not_a_string() -> None:
    with pytest.raises(InputTypeError) as info:
        countries.identify(3)  # type: ignore[arg-type]
    assert info.value.field == "country" and info.value.value == 3
    with pytest.raises(InputTypeError):
        countries.government_key(["Burma"])  # type: ignore[arg-type]


def test_identity_is_a_frozen_slotted_value() -> None:
    identity = countries.identify("Burma")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        identity.name = "Myanmar"  # type: ignore[misc]
    assert not hasattr(identity, "__dict__")


@pytest.mark.parametrize(("first", "second", "same"), [
    ("Myanmar", "Burma", True),
    ("Côte d'Ivoire", "COTE D'IVOIRE", True),
    ("Turkey", "Türkiye", True),
    ("Congo, Republic of the", "Congo, Democratic Republic of the", False),
    ("Burma", "Thailand", False),
    ("Examplestan", " examplestan ", True),  # unknown names: surrounding space and case only, as before
    ("Examplestan", "Example-stan", False),
    ("Burma", "Burmah", False),  # one known, one not: the names themselves are compared
])
def test_same_government(first: str, second: str, same: bool) -> None:
    assert countries.same_government(first, second) is same
    assert countries.same_government(second, first) is same
    assert (countries.government_key(first) == countries.government_key(second)) is same
