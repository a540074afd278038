"""Rebuild the bundled placement data from the reference files in ../shared/reference and the bundled
2023 lists. Run from the repository root: ``.venv/bin/python tools/build_placements.py``.

Writes src/tipranking/data/placements.csv (one row per country-year, canonical names) and
src/tipranking/data/sources.csv (the source of each row, by id). Rows of different sources for the same
country-year must agree; the script stops on any disagreement.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from tipranking.countries import lookup
from tipranking.data import lists_2023

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "reference"
OUT = ROOT / "src" / "tipranking" / "data"

KS = "kelley-simmons"
KS_TEXT = ("Kelley & Simmons compilation of TIP Report tier placements, 2001-2015 "
           "(shared/reference/tiers_2001_2015.csv)")
SEED = "tip-2023-intro"
SEED_TEXT = ("U.S. Department of State, 2023 Trafficking in Persons Report, introduction: tier lists "
             "(bundled tip_2023_lists.csv, with its recorded resolutions)")


def main() -> int:
    rows: dict[tuple[int, str], dict[str, str]] = {}
    sources: dict[str, str] = {KS: KS_TEXT, SEED: SEED_TEXT}

    def add(year: int, name: str, tier: str, source: str, as_named: str) -> None:
        key = (year, lookup(name).name)
        if key in rows:
            if rows[key]["tier"] != tier:
                print(f"conflict for {key}: {rows[key]} vs {tier} from {source}", file=sys.stderr)
                raise SystemExit(1)
            rows[key]["source"] += f"|{source}"
            return
        rows[key] = {"report_year": str(year), "country": key[1], "tier": tier, "source": source,
                     "name_in_source": as_named}

    with open(SHARED / "tiers_2001_2015.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            add(int(r["report_year"]), r["country"], r["tier"], KS, r["country"])
    for name, tier in lists_2023().tiers:
        add(2023, name, tier.value, SEED, name)
    source_ids: dict[str, str] = {}
    with open(SHARED / "tiers_2016_2025.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            text = r["source"].strip()
            if text not in source_ids:
                source_ids[text] = f"s{len(source_ids) + 1:03d}"
                sources[source_ids[text]] = text
            add(int(r["report_year"]), r["country"], r["tier"], source_ids[text], r["country"])
    with open(OUT / "placements.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, ["report_year", "country", "tier", "source", "name_in_source"], lineterminator="\n")
        w.writeheader()
        for key in sorted(rows):
            w.writerow(rows[key])
    with open(OUT / "sources.csv", "w", encoding="utf-8", newline="") as f:
        w2 = csv.writer(f, lineterminator="\n")
        w2.writerow(["source", "description"])
        for key, text in sources.items():
            w2.writerow([key, text])
    print(f"{len(rows)} placements, {len(sources)} sources")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
