"""One output contract: each kind of result has one :class:`RecordForm` -- its fields, their types and meanings --
and every rendering is made from it.

* **JSON and JSON Lines**: the record itself, a JSON object whose first key is ``format``
  (``"tipranking.<kind>/<version>"``). :meth:`RecordForm.json_schema` is its JSON Schema (draft 2020-12); the
  package ships one file per kind in ``tipranking/schema/`` (:func:`tipranking.formats.records.schemas`).
* **CSV and DataFrames**: one row per record, its columns by **one rule** (:meth:`RecordForm.columns`,
  :meth:`RecordForm.row`):

  - a nested object's fields become columns named ``<object>_<field>`` (recursively);
  - a list of values (tiers, years, citations, paths) is one column, its values joined by ``|``;
  - a list of objects is one column when the form names its *key fields* (e.g. a reading and its effect): each
    item as its key values joined by ``:``, the items joined by ``|``; a list of objects without key fields (a
    placement's explanation), an embedded ``document`` (a diff example's assessment) and a field the form marks
    ``table=False`` (a placement's consequences) are in JSON only;
  - ``null`` is an empty CSV cell and ``NA`` in a frame; booleans are ``true``/``false`` in CSV and a nullable
    boolean column in a frame; a number is written in CSV as Python's ``repr`` of the float (the shortest text
    that reads back as the same float, as JSON writes it) and is a nullable ``Float64`` column in a frame; a
    tier is an ordered categorical (``1 < 2 < 2WL < 3 < special_case``) with those five categories whatever the
    data; the ``format`` key is not a column.

  So a CSV file's header is the frame's columns, and reading the CSV with ``pandas.read_csv`` gives the same
  values.
* **Text** is for people; it says the same things in sentences.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from tipranking.errors import InputTypeError
from tipranking.tiers import Tier

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TIER_CODES", "TYPES", "Field", "RecordForm", "tier_code", "typed"]

TIER_CODES: tuple[str, ...] = ("1", "2", "2WL", "3", "special_case")
"""The tier codes, in the order of the tier categorical (best first, Special Case last)."""

TYPES = ("string", "integer", "number", "boolean", "tier", "strings", "integers", "tiers", "object", "objects",
         "document")
"""The field types: scalars (``number``: a float, e.g. a probability), lists of scalars (``strings``,
``integers``, ``tiers``), a nested ``object``, a list of ``objects``, and a ``document`` (any JSON value,
described in words; JSON only)."""

_SCALAR_JSON: dict[str, dict[str, Any]] = {
    "string": {"type": "string"}, "integer": {"type": "integer"}, "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "tier": {"enum": list(TIER_CODES)}}
_ITEM = {"strings": "string", "integers": "integer", "tiers": "tier"}


def _type(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in TYPES:
        raise InputTypeError(attribute.name, value, f"must be one of {', '.join(TYPES)}")


@attrs.frozen(slots=True)
class Field:
    """One field of a record form.

    ``type`` is one of :data:`TYPES`; ``nullable`` allows ``null``; ``enum`` restricts a string to a vocabulary;
    ``fields`` are the fields of an ``object`` or of each item of ``objects``; ``keys`` are the item fields that
    represent an ``objects`` field in a table (none: JSON only); ``table=False`` keeps the field out of tables.
    """

    name: str
    type: str = attrs.field(validator=_type)
    meaning: str
    nullable: bool = False
    enum: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    keys: tuple[str, ...] = ()
    table: bool = True

    @property
    def in_tables(self) -> bool:
        """Whether the field has table columns."""
        return self.table and self.type != "document" and not (self.type == "objects" and not self.keys)

    def schema(self) -> dict[str, Any]:
        """This field's JSON Schema."""
        if self.type in _SCALAR_JSON:
            out: dict[str, Any] = dict(_SCALAR_JSON[self.type])
            if self.enum:
                out = {"enum": list(self.enum)}
        elif self.type in _ITEM:
            item = Field("item", _ITEM[self.type], self.meaning, enum=self.enum)
            out = {"type": "array", "items": item.schema()}
        elif self.type == "object":
            out = _object_schema(self.fields)
        elif self.type == "objects":
            out = {"type": "array", "items": _object_schema(self.fields)}
        else:
            out = {}
        out["description"] = self.meaning
        if self.nullable:
            out = {"anyOf": [out, {"type": "null"}], "description": self.meaning}
        return out

    def columns(self, prefix: str = "") -> list[str]:
        """The table columns this field becomes."""
        name = prefix + self.name
        if not self.in_tables:
            return []
        if self.type == "object":
            return [c for f in self.fields for c in f.columns(name + "_")]
        return [name]

    def cells(self, value: Any, prefix: str = "") -> dict[str, Any]:
        """This field's table cells for ``value`` (a JSON value of this field)."""
        name = prefix + self.name
        if not self.in_tables:
            return {}
        if self.type == "object":
            if value is None:
                return {c: None for c in self.columns(prefix)}
            return {c: v for f in self.fields for c, v in f.cells(value.get(f.name), name + "_").items()}
        if self.type == "objects":
            if value is None:
                return {name: None}
            return {name: "|".join(":".join(_text(item.get(k)) for k in self.keys) for item in value)}
        if self.type in _ITEM:
            return {name: None if value is None else "|".join(_text(v) for v in value)}
        return {name: value}

    def dtypes(self, prefix: str = "") -> dict[str, Any]:
        """The pandas dtype of each of this field's columns (``None``: object)."""
        name = prefix + self.name
        if not self.in_tables:
            return {}
        if self.type == "object":
            return {c: d for f in self.fields for c, d in f.dtypes(name + "_").items()}
        return {name: {"integer": "Int64", "number": "Float64", "boolean": "boolean", "tier": "tier"}.get(
            self.type, "string")}


def _object_schema(fields: Sequence[Field]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": [f.name for f in fields],
            "properties": {f.name: f.schema() for f in fields}}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same float
    return str(value)


@attrs.frozen(slots=True)
class RecordForm:
    """The form of one kind of result: ``kind`` and ``version`` make its ``format``
    (``"tipranking.<kind>/<version>"``); ``fields`` come after ``format`` in every record, in this order.

    A change of the fields (name, type, meaning, vocabulary) is a new ``version``: a test compares each shipped
    schema with the version it was shipped under.
    """

    kind: str
    version: int
    title: str
    fields: tuple[Field, ...]

    @property
    def format(self) -> str:
        return f"tipranking.{self.kind}/{self.version}"

    def record(self, **values: Any) -> dict[str, Any]:
        """A record of this form: ``format``, then each field's value in order. Every field must be given."""
        missing = [f.name for f in self.fields if f.name not in values]
        extra = sorted(set(values) - {f.name for f in self.fields})
        if missing or extra:  # pragma: no cover - a bug in a builder, caught by the schema tests
            raise InputTypeError(self.kind, sorted(values), f"missing {missing}, unexpected {extra}")
        return {"format": self.format, **{f.name: values[f.name] for f in self.fields}}

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema (draft 2020-12) of one record."""
        body = _object_schema((Field("format", "string", "the record's kind and version"), *self.fields))
        body["properties"]["format"] = {"const": self.format, "description": "the record's kind and version"}
        return {"$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": f"https://tipranking.invalid/schema/{self.kind}.schema.json",
                "title": self.title, **body}

    def columns(self) -> tuple[str, ...]:
        """The CSV header and the frame's columns."""
        return tuple(c for f in self.fields for c in f.columns())

    def row(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """One record's table cells, by the module's rule."""
        return {c: v for f in self.fields for c, v in f.cells(record.get(f.name)).items()}

    def csv(self, records: Iterable[Mapping[str, Any]]) -> str:
        """The records as CSV text: the header, then one line per record."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns())
        for record in records:
            writer.writerow([_text(v) for v in self.row(record).values()])
        return out.getvalue()

    def jsonl(self, records: Iterable[Mapping[str, Any]], *, ascii_only: bool = False) -> str:
        """The records as JSON Lines text."""
        return "".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in records)

    def markdown(self) -> str:
        """The form as Markdown: its format, then a table of every field (JSON key, type, meaning; nested fields
        as ``object.field``), then its table columns (docs/output.md is made of these)."""
        lines = [f"### `{self.kind}`", "", f"{self.title}. Format `{self.format}`; schema "
                 f"`tipranking/schema/{self.kind}.schema.json`.", "", "| field | type | meaning |", "|---|---|---|"]
        lines += [f"| `{path}` | {kind} | {meaning} |" for path, kind, meaning in _rows(self.fields)]
        lines += ["", "CSV and frame columns: " + ", ".join(f"`{c}`" for c in self.columns()) + ".", ""]
        return "\n".join(lines)

    def frame(self, records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
        """The records as a DataFrame with :meth:`columns` (needs pandas)."""
        import pandas

        rows = [self.row(r) for r in records]
        frame = pandas.DataFrame(rows, columns=list(self.columns()))
        return typed(frame, {c: d for f in self.fields for c, d in f.dtypes().items()})


def _rows(fields: Sequence[Field], prefix: str = "") -> list[tuple[str, str, str]]:
    rows = []
    for f in fields:
        kind = f.type + (" or null" if f.nullable else "") + (f" ({', '.join(f.enum)})" if f.enum else "")
        if f.type == "objects" and f.in_tables:
            kind += f"; in tables: {':'.join(f.keys)} per item"
        elif not f.in_tables:
            kind += "; JSON only"
        rows.append((prefix + f.name, kind, f.meaning.replace("|", "\\|")))
        if f.type in ("object", "objects"):
            rows += _rows(f.fields, prefix + f.name + ("[]." if f.type == "objects" else "."))
    return rows


def typed(frame: pd.DataFrame, dtypes: Mapping[str, Any]) -> pd.DataFrame:
    """``frame`` with each column of ``dtypes`` cast (``"tier"``: the ordered tier categorical)."""
    import pandas

    tier = pandas.CategoricalDtype(list(TIER_CODES), ordered=True)
    casts = {c: tier if d == "tier" else d for c, d in dtypes.items() if c in frame.columns}
    return frame.astype(casts)


def tier_code(tier: Tier | None) -> str | None:
    """A tier's code, or ``None``."""
    return None if tier is None else tier.value
