"""Rebuild the bundled placement record from the three reference files in ../shared/reference
(``tiers_2001_2015.csv``, ``special_cases_2001_2015.csv``, ``tiers_2016_2025.csv``) and the bundled 2023
lists. Run from the repository root: ``.venv/bin/python tools/build_placements.py``.

Writes, in src/tipranking/data/:

* ``placements.csv`` -- one row per government and report year, canonical names; ``tier`` is one tier, or
  several joined by ``|`` where the record only narrows the placement (``2|special_case``);
* ``sources.csv`` -- each source with its id, the strength of its evidence and its description: ``s001`` onwards
  for the sources of ``tiers_2016_2025.csv`` (strength read from what the text says of itself), ``sc01``
  onwards for those of ``special_cases_2001_2015.csv`` (strength from its ``evidence`` column, kept as given);
* ``coverage.csv`` -- for each report year, the tiers whose lists the record holds in full and, where the
  record knows it, how many governments the report covered; and the lists *verified* complete against a count
  State published (``verified_complete``), with the source of that count (``verified_source``).

It stops (exit 1, one line on stderr) on any disagreement: two sources giving one government two tiers for
one year, a name the package does not know, a year whose row counts differ from the counts published for
it (a list verified complete included), a 2024 government listed both as sourced and as unsourced, an
``evidence`` value outside the package's vocabulary, or one source text given two strengths of evidence.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from tipranking.countries import lookup
from tipranking.data import EVIDENCE, lists_2023

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "reference"
OUT = ROOT / "src" / "tipranking" / "data"

KS = "kelley-simmons"
KS_TEXT = ("Kelley & Simmons compilation of TIP Report tier placements, 2001-2015 "
           "(shared/reference/tiers_2001_2015.csv)")
SPECIAL_CASES = "special_cases_2001_2015.csv"
SEED = "tip-2023-intro"
SEED_TEXT = ("U.S. Department of State, 2023 Trafficking in Persons Report, introduction: tier lists "
             "(bundled tip_2023_lists.csv, with its recorded resolutions)")
COVERED_2024 = "reference-2024-coverage"
COVERED_2024_TEXT = ("shared/reference/README.md (2026-12-01): covered by the 2024 report and on none of its "
                     "Tier 1, Watch List and Tier 3 lists, which the record holds in full; so Tier 2 or a Special "
                     "Case")

# The governments the 2024 report covered that are on none of its complete lists (Tier 1, Watch List,
# Tier 3) and whose Tier 2 or Special Case row is not yet sourced (shared/reference/README.md).
UNSOURCED_2024 = (
    "Botswana", "Burundi", "Cote d'Ivoire", "Eswatini", "Ghana", "Guinea", "Honduras", "Hungary", "Israel",
    "Latvia", "Lesotho", "Malawi", "Micronesia", "Mozambique", "Oman", "Qatar", "Senegal", "Tanzania", "Togo",
    "United Arab Emirates", "Zambia",
)

ALL = "1|2|2WL|3|special_case"
# Report year -> (complete tiers, governments covered or None where the record does not know, note).
# The counts are those shared/reference/README.md gives, checked against State's and the press's counts.
COVERAGE: dict[int, tuple[str, int | None, str]] = {
    **{y: ("1|2|3", None, "Kelley & Simmons compilation (ranked governments; no Watch List before 2004; a few "
           "territories missing)") for y in range(2001, 2004)},
    **{y: ("1|2|2WL|3", None, "Kelley & Simmons compilation (ranked governments; a few territories missing)")
       for y in range(2004, 2016)},
    2016: (ALL, 188, "public sources; complete"),
    2017: (ALL, 187, "public sources; complete (Djibouti, Liberia and The Gambia on the Watch List, corrected "
           "2026-12-01)"),
    2018: (ALL, 187, "public sources; complete"),
    2019: (ALL, 187, "public sources; complete"),
    2020: (ALL, 188, "public sources; complete"),
    2021: (ALL, 188, "public sources; complete"),
    2022: (ALL, 188, "public sources; complete"),
    2023: (ALL, 188, "2023 report introduction lists and public sources; complete"),
    2024: ("1|2WL|3", 188, "public sources; Tier 1, Watch List and Tier 3 complete; the 102 covered governments "
           "on none of them are Tier 2 or Special Case, 21 of them not yet sourced (2|special_case)"),
    2025: (ALL, 188, "public sources; complete"),
}
# What a 2001-2015 year's note adds about Special Cases, by whether special_cases_2001_2015.csv has rows for it.
SPECIAL_CASE_NOTE = {
    True: f"; Special Cases from {SPECIAL_CASES}, which does not claim to be complete; so a year missing inside a "
          "government's run is unknown",
    False: f"; {SPECIAL_CASES} has no row for this year; so a year missing inside a government's run is unknown",
}
# Published list sizes the record must match where a year is complete only for some lists.
LIST_COUNTS = {2024: {"1": 33, "2WL": 32, "3": 21}}

# Lists of 2001-2015 verified complete against a count State published. ``complete_tiers`` for those years is the
# compilation's claim, which the record does not rely on (its 2009 rows lack South Korea and Timor-Leste); a list
# here is one whose rows add up to the published count, so a government with no row that year was not on it.
INTERIM_2009 = "state-2009-interim-assessment"
INTERIM_2009_TEXT = (
    "U.S. Department of State, Office to Monitor and Combat Trafficking in Persons, interim assessment of the 2009 "
    "Trafficking in Persons Report, February 24, 2010, http://m.state.gov/md137250.htm (copy: "
    "https://www.ecoi.net/en/document/135456): 55 countries on the Special Watch List, 52 of them on Tier 2 Watch "
    "List, one of which (Swaziland) was on Tier 3 in the June 2009 report and moved to the Watch List in September "
    "2009; so 51 of the June 2009 Watch List entries. Corroborated by a third-party copy of the June 2009 tier lists, "
    "http://gvnet.com/humantrafficking/00-Ratings.htm (then 'Adapted from U.S. State Dept Trafficking in Persons "
    "Report, June 17, 2009'): 52 entries on the Watch List, the 52nd the Netherlands Antilles (a territory, no "
    "government of the package); lists of 28, 76, 52 and 17, the 173 ranked of the release "
    "(https://fpa.org/us-department-of-state-releases-2009-trafficking-in-persons-report/). DEDUCED: a government "
    "of the package with no 2009 row was not on the 2009 Watch List")
# Report year -> (source id, {tier: how many rows the list must have}): for 2009's Watch List, State's 52 less
# Swaziland (on Tier 3 in the June report), which is also the June list's 52 less the Netherlands Antilles.
VERIFIED: dict[int, tuple[str, dict[str, int]]] = {2009: (INTERIM_2009, {"2WL": 51})}


def evidence_of(text: str) -> str:
    """The strength of a ``tiers_2016_2025.csv`` source, from what its description says of itself ("WEAK",
    "DEDUCED", "implied" or "IMPLIED")."""
    if "WEAK" in text:
        return "weak"
    if "DEDUCED" in text:
        return "deduced"
    if "implied" in text.lower():
        return "implied"
    return "direct"


class Disagreement(Exception):
    pass


def main() -> int:
    rows: dict[tuple[int, str], dict[str, str]] = {}
    sources: dict[str, tuple[str, str]] = {KS: ("direct", KS_TEXT), SEED: ("direct", SEED_TEXT),
                                           COVERED_2024: ("deduced", COVERED_2024_TEXT),
                                           INTERIM_2009: ("deduced", INTERIM_2009_TEXT)}

    def add(year: int, name: str, tier: str, source: str) -> None:
        key = (year, lookup(name).name)
        if key in rows:
            if rows[key]["tier"] != tier:
                raise Disagreement(f"{key[1]} {year}: tier {rows[key]['tier']} ({rows[key]['source']}) but {tier} "
                                   f"from {source}")
            rows[key]["source"] += f"|{source}"
            if name not in rows[key]["name_in_source"].split("|"):
                rows[key]["name_in_source"] += f"|{name}"
            return
        rows[key] = {"report_year": str(year), "country": key[1], "tier": tier, "source": source,
                     "name_in_source": name}

    try:
        with open(SHARED / "tiers_2001_2015.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                add(int(r["report_year"]), r["country"], r["tier"], KS)
        special_ids: dict[str, str] = {}
        special_years: set[int] = set()
        with open(SHARED / SPECIAL_CASES, encoding="utf-8") as f:
            for line, r in enumerate(csv.DictReader(f), start=2):
                text, strength = r["source"].strip(), r["evidence"].strip()
                if strength not in EVIDENCE:
                    raise Disagreement(f"{SPECIAL_CASES}: line {line}: evidence: not one of {', '.join(EVIDENCE)} "
                                       f"(got {strength!r})")
                if text not in special_ids:
                    special_ids[text] = f"sc{len(special_ids) + 1:02d}"
                    sources[special_ids[text]] = (strength, text)
                elif sources[special_ids[text]][0] != strength:
                    raise Disagreement(f"{SPECIAL_CASES}: line {line}: evidence: {strength!r}, but the same source "
                                       f"is {sources[special_ids[text]][0]!r} on an earlier line")
                add(int(r["report_year"]), r["country"], r["tier"], special_ids[text])
                special_years.add(int(r["report_year"]))
        for name, tier in lists_2023().tiers:
            add(2023, name, tier.value, SEED)
        source_ids: dict[str, str] = {}
        with open(SHARED / "tiers_2016_2025.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                text = r["source"].strip()
                if text not in source_ids:
                    source_ids[text] = f"s{len(source_ids) + 1:03d}"
                    sources[source_ids[text]] = (evidence_of(text), text)
                add(int(r["report_year"]), r["country"], r["tier"], source_ids[text])
        for name in UNSOURCED_2024:
            if (2024, lookup(name).name) in rows:
                raise Disagreement(f"{name} 2024 is listed as unsourced but the record has a row for it")
            add(2024, name, "2|special_case", COVERED_2024)
        check_counts(rows)
    except Disagreement as err:
        print(f"build_placements: {err}", file=sys.stderr)
        return 1

    with open(OUT / "placements.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, ["report_year", "country", "tier", "source", "name_in_source"], lineterminator="\n")
        w.writeheader()
        for key in sorted(rows):
            w.writerow(rows[key])
    with open(OUT / "sources.csv", "w", encoding="utf-8", newline="") as f:
        w2 = csv.writer(f, lineterminator="\n")
        w2.writerow(["source", "evidence", "description"])
        for source_id, (strength, text) in sources.items():
            w2.writerow([source_id, strength, text])
    with open(OUT / "coverage.csv", "w", encoding="utf-8", newline="") as f:
        w3 = csv.writer(f, lineterminator="\n")
        w3.writerow(["report_year", "complete_tiers", "covered", "verified_complete", "verified_source", "note"])
        for year, (tiers, covered, note) in sorted(COVERAGE.items()):
            if year <= 2015:
                note += SPECIAL_CASE_NOTE[year in special_years]
            verified_by, counts = VERIFIED.get(year, ("", {}))
            if counts:
                listed = ", ".join(f"{tier} ({count} rows)" for tier, count in counts.items())
                note += (f"; but verified complete against the count published in {verified_by}: {listed}; so such a "
                         "year was not on those lists")
            w3.writerow([year, tiers, "" if covered is None else covered, "|".join(counts), verified_by, note])
    print(f"{len(rows)} placements, {len(sources)} sources, {len(COVERAGE)} report years")
    return 0


def check_counts(rows: dict[tuple[int, str], dict[str, str]]) -> None:
    per_year = Counter(year for year, _ in rows)
    for year, (_, covered, _) in COVERAGE.items():
        if covered is not None and per_year[year] != covered:
            raise Disagreement(f"{year}: {per_year[year]} governments in the record, but the report covered {covered}")
    for year, counts in LIST_COUNTS.items():
        found = Counter(r["tier"] for (y, _), r in rows.items() if y == year)
        for tier, expected in counts.items():
            if found[tier] != expected:
                raise Disagreement(f"{year}: {found[tier]} rows on tier {tier}, but the list has {expected}")
    for year, (source, counts) in VERIFIED.items():
        found = Counter(r["tier"] for (y, _), r in rows.items() if y == year)
        claimed = COVERAGE[year][0].split("|") if year in COVERAGE else []
        for tier, expected in counts.items():
            if tier not in claimed:
                raise Disagreement(f"{year}: tier {tier} is verified complete ({source}) but not among the year's "
                                   f"complete tiers")
            if found[tier] != expected:
                raise Disagreement(f"{year}: {found[tier]} rows on tier {tier}, but {source} counts {expected} on that "
                                   "list")
    if set(COVERAGE) != set(per_year):
        raise Disagreement(f"coverage years {sorted(set(COVERAGE) ^ set(per_year))} do not match the record")


if __name__ == "__main__":
    raise SystemExit(main())
