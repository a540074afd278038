"""Write the output JSON Schemas the package ships, from the record forms (``tipranking.formats.records``), into
``src/tipranking/schema/<kind>.schema.json``, and add each new ``format`` to ``schema/outputs.json``, the record
of every output format ever shipped with the digest of its schema.

A format already in ``outputs.json`` whose schema changed is refused (exit 1): a change of a record's fields is a
new version (``RecordForm.version``). ``tests/test_output_contract.py`` checks the same. Run from the repository
root after changing a record form::

    .venv/bin/python tools/schemas.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tipranking.formats.records import outputs_index, schemas

OUT = Path(__file__).resolve().parents[1] / "src" / "tipranking" / "schema"


def main() -> int:
    index_file = OUT / "outputs.json"
    shipped: dict[str, str] = json.loads(index_file.read_text(encoding="utf-8")) if index_file.exists() else {}
    now = outputs_index()
    changed = [fmt for fmt, digest in now.items() if fmt in shipped and shipped[fmt] != digest]
    if changed:
        print(f"schemas: {', '.join(changed)} changed without a version change: raise the RecordForm's version",
              file=sys.stderr)
        return 1
    for name, schema in schemas().items():
        (OUT / name).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    index_file.write_text(json.dumps(dict(sorted({**shipped, **now}.items())), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(now)} schemas; outputs.json records {len({**shipped, **now})} formats", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
