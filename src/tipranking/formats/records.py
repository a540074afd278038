"""The record form of every result, and the builders that make a record from the result.

Each kind has one :class:`~tipranking.formats.contract.RecordForm` (its fields, types and meanings) and one
builder; JSON, JSON Lines, CSV and DataFrames are made from the record (see :mod:`tipranking.formats.contract`
for the flattening rule), and the JSON Schema of each kind ships in ``tipranking/schema/<kind>.schema.json``.

=====================  =====================================================  ==========================
kind                   one record per                                         builder
=====================  =====================================================  ==========================
``placement``          placement (``place``; with its consequences on the      :func:`placement_record`
                       command line)
``consequences``       country-year's consequences (``consequences``)          :func:`consequences_record`
``outlook``            government and report year (``outlook``)                :func:`outlook_record`
``reading``            reading of § 7107(b)(2)(F) (``outlook --readings``)     :func:`reading_record`
``audit_event``        audit event (``audit --format csv|jsonl``)              :func:`audit_event_record`
``audit``              audit (``audit --format json``)                         :func:`audit_record`
``diff_class``         class of inputs two versions place differently          :func:`diff_class_record`
``diff_move``          government-year of the replay whose lawful tiers differ :func:`diff_move_record`
``diff_change``        change between two versions the diff does not compare   :func:`diff_change_record`
``diff``               diff (``diff --format json``)                           :func:`diff_record`
``what_it_takes``      set of changes that reaches a target tier               :func:`what_it_takes_record`
``forecast``           government's chances of each tier in a report           :func:`forecast_record`
                       (``forecast``)
``backtest_score``     model and group of a backtest (``forecast --backtest    :func:`backtest_score_records`
                       --format csv|jsonl``)
``backtest``           backtest (``forecast --backtest --format json``)        :func:`backtest_record`
=====================  =====================================================  ==========================

A command's JSON output with several records is a *collection*: ``{"format": "tipranking.<kind>_list/1",
"items": [record, ...]}`` (:func:`collection_schema`); its JSON Lines output is the records, one per line.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from tipranking.analysis.audit import AuditEvent, AuditReport
from tipranking.analysis.diff import DiffClass, Move, NotCompared, Side, StatuteDiff
from tipranking.analysis.forecast import CATEGORIES, MODELS, BacktestReport, Forecast
from tipranking.analysis.outlook import Outlook, Standing
from tipranking.analysis.readings import ReadingEvidence
from tipranking.analysis.what_it_takes import Path
from tipranking.assessment import History
from tipranking.consequences import Consequences, FiscalYear, Restriction, TradeStatus
from tipranking.consequences.cspa import CspaListing
from tipranking.countries import Identity, identify
from tipranking.formats.contract import TIER_CODES, Field, RecordForm, tier_code
from tipranking.placing import Placement
from tipranking.provisions import CSPA_PROHIBITIONS, POST_WAIVER_LIMIT, TIER_3_RESTRICTIONS, TRADE_BAR
from tipranking.rules.base import Finding
from tipranking.rules.downgrade import Reading
from tipranking.tiers import RANKED, Tier, best_first

__all__ = [
    "AUDIT",
    "AUDIT_EVENT",
    "BACKTEST",
    "BACKTEST_SCORE",
    "CONSEQUENCES",
    "DIFF",
    "DIFF_CHANGE",
    "DIFF_CLASS",
    "DIFF_MOVE",
    "FORECAST",
    "FORMS",
    "OUTLOOK",
    "PLACEMENT",
    "READING",
    "WHAT_IT_TAKES",
    "audit_event_record",
    "audit_record",
    "backtest_record",
    "backtest_score_records",
    "collection",
    "collection_schema",
    "consequences_json",
    "consequences_record",
    "contract_markdown",
    "diff_change_record",
    "diff_class_record",
    "diff_move_record",
    "diff_record",
    "forecast_record",
    "identity_names",
    "names",
    "outlook_record",
    "outputs_index",
    "placement_json",
    "placement_record",
    "reading_record",
    "schema_digest",
    "schemas",
    "what_it_takes_record",
]

_STANDINGS = tuple(s.value for s in Standing)
_ACCESS_STANDING = {"free": "open", "waiver": "waiver_required", "unavailable": "closed", "unknown": "unknown",
                    "none": "closed"}

# --------------------------------------------------------------------------- shared fields

_NAMES = (
    Field("country", "string", "the government's canonical name (the TIP report's style) where the package knows "
          "it, else the name as given"),
    Field("iso3", "string", "ISO 3166-1 alpha-3 code (null: unknown name, or a government without one, e.g. "
          "Kosovo)", nullable=True),
    Field("input_country", "string", "the name as given, when it differs from `country` (else null)",
          nullable=True),
)
_YEAR = Field("report_year", "integer", "the TIP Report's year")
_CITATIONS = Field("citations", "strings", "citations of the provisions")
_FISCAL_YEAR = Field("fiscal_year", "object", "the U.S. fiscal year", fields=(
    Field("year", "integer", "FY N runs from October 1 of N-1 to September 30 of N"),
    Field("start", "string", "first day (ISO date)"), Field("end", "string", "last day (ISO date)")))
_RESTRICTION = (
    Field("category", "string", "what is restricted (e.g. bilateral_assistance, imet)"),
    Field("description", "string", "the restriction in words"),
    Field("status", "string", "applies, waived, excepted, partly_excepted, not_applicable, pending, alternative "
          "or if_listed"),
    Field("ground", "string", "the waiver's ground, if waived", nullable=True),
    _FISCAL_YEAR, Field("citation", "string", "the provision"),
    Field("note", "string", "more, where needed", nullable=True),
)
_CONSEQUENCES_BODY = (
    _FISCAL_YEAR,
    Field("tier3_restrictions", "objects", f"{TIER_3_RESTRICTIONS.citation} restrictions", fields=_RESTRICTION,
          keys=("category", "status")),
    Field("cspa_restrictions", "objects", f"{CSPA_PROHIBITIONS.citation} restrictions", fields=_RESTRICTION,
          keys=("category", "status")),
    Field("cspa_listing", "object", "the CSPA listing and where it comes from", fields=(
        Field("status", "string", "listed, not_listed, not_stated or no_list"),
        Field("source", "string", "input or bundled_list", nullable=True),
        Field("criterion", "string", "the list criterion's words in force", nullable=True),
        Field("criterion_citation", "string", "its provision", nullable=True),
        Field("list", "object", "the bundled list read", nullable=True, fields=(
            Field("report_year", "integer", "the list's report"), Field("governments", "integer", "how many"),
            Field("file", "string", "bundled file"), Field("source", "string", "source id"),
            Field("description", "string", "the source"))),
        Field("note", "string", "more, where needed", nullable=True))),
    Field("trade", "object", f"trade-authorities procedures, {TRADE_BAR.citation}", fields=(
        Field("status", "string", "available, barred, not_yet_enacted or not_in_force"),
        Field("in_force", "boolean", "whether the Tier 3 bar governed the report"),
        Field("reason", "string", "why"), Field("citation", "string", "the provision"))),
    Field("special_watch_list", "objects", "the special watch list of § 7107(b)(2)(A), if on it", fields=(
        Field("reason", "string", "which part"), Field("citation", "string", "the provision")),
        keys=("citation",)),
    Field("obligations", "objects", "what the executive must deliver", fields=(
        Field("description", "string", "the duty"), Field("citation", "string", "the provision"),
        Field("due", "string", "ISO date", nullable=True), Field("due_rule", "string", "the deadline's rule")),
        keys=("citation",)),
)
_DECIDING = Field("deciding", "objects", "each unknown fact that decides the tier, with the tiers each value "
                  "leads to", fields=(
                      Field("field", "string", "the fact's path"), _CITATIONS,
                      Field("outcomes", "object", "tiers by value", fields=(
                          Field("true", "tiers", "the tiers if true"), Field("false", "tiers", "the tiers if false")))),
                  keys=("field",))

# --------------------------------------------------------------------------- forms

PLACEMENT = RecordForm("placement", 2, "A placement of one government in one report, with its explanation", (
    *_NAMES, _YEAR,
    Field("tier", "tier", "the tier (null while the facts leave it open)", nullable=True),
    Field("possible_tiers", "tiers", "every tier some completion of the unknown facts reaches"),
    Field("statute", "string", "the statute version's name"),
    Field("decided_by", "object", "the finding that fixed the tier", nullable=True, fields=(
        Field("rule", "string", "the rule's id"), Field("citation", "string", "its provision"))),
    Field("events", "strings", "history events: automatic_downgrade, waiver_applied, watch_list_unavailable, "
          "post_waiver_limit"),
    _DECIDING,
    Field("irrelevant", "strings", "unknown facts that cannot change the tier"),
    Field("findings", "objects", "the explanation: every finding in order (JSON only)", fields=(
        Field("rule", "string", "the rule's id"), Field("citation", "string", "its provision"),
        Field("holds", "boolean", "whether its condition holds (null: unknown)", nullable=True),
        Field("reason", "string", "why, naming the facts used"))),
    Field("consequences", "object", "what follows from the placement, on the command line (JSON only; null when "
          "the tier is open or none were computed)", nullable=True, fields=_CONSEQUENCES_BODY, table=False),
))
"""A placement, with its explanation (``place``)."""

CONSEQUENCES = RecordForm("consequences", 2, "What follows from one placement", (
    *_NAMES, _YEAR,
    Field("tier", "tier", "the tier (null while the facts leave it open: no consequences then)", nullable=True),
    Field("possible_tiers", "tiers", "the tiers still possible"),
    _DECIDING,
    Field("consequences", "object", "null while the tier is open", nullable=True, fields=_CONSEQUENCES_BODY),
))
"""What follows from a placement (``consequences``)."""


def _tier_field(tier: Tier) -> Field:
    return Field(f"tier_{tier.value}", "object", f"{tier.label}: what the statute says of it", fields=(
        Field("status", "string", "open, waiver_required (the Watch List only with a waiver), closed or unknown "
              "(depends on years the data does not hold)", enum=_STANDINGS),
        Field("reason", "string", "why"), Field("citation", "string", "the provision that decides it"),
        Field("missing_years", "integers", "the years an unknown status depends on")))


OUTLOOK = RecordForm("outlook", 2, "What the statute allows one government in one report", (
    *_NAMES, _YEAR,
    Field("statute", "string", "the statute version's name"),
    Field("latest", "object", "what the history last says before the report", nullable=True, fields=(
        Field("report_year", "integer", "its year"),
        Field("tier", "tier", "its tier (null for a partly known year)", nullable=True),
        Field("possible_tiers", "tiers", "the tiers it allows"), Field("label", "string", "in words"))),
    Field("allowed", "tiers", "the tiers some assessment reaches (the Watch List also when only with a waiver)"),
    *(_tier_field(t) for t in RANKED),
    Field("readings", "objects", "each reading of § 7107(b)(2)(F) the text bears under which the Watch List's "
          "status differs", fields=(
              Field("reading", "string", "its name"), Field("question", "string", "the open question"),
              Field("tier", "tier", "the tier concerned"),
              Field("status", "string", "the status under the reading", enum=_STANDINGS),
              Field("reason", "string", "why"), Field("citation", "string", "the provision")),
          keys=("reading", "status")),
    Field("notes", "objects", "facts that change no status: for a government on the Watch List in the previous "
          "report, the Watch List clock's count so far", fields=(
              Field("tier", "tier", "the tier concerned"), Field("reason", "string", "the note"),
              Field("citation", "string", "the provision")), keys=("tier", "citation")),
))
"""The tiers the statute allows a government in a report: one status per ranked tier (``outlook``)."""

_PLACED = Field("placed", "objects", "real placements", fields=(
    Field("country", "string", "government"), _YEAR), keys=("country", "report_year"))
READING = RecordForm("reading", 1, f"One open reading of {POST_WAIVER_LIMIT.citation}, with what the record says", (
    Field("reading", "string", "its name (for --statute VERSION+READING)"),
    Field("question", "string", "the open question"),
    Field("default", "string", "the package's answer"),
    Field("default_follows", "string", "text or practice", enum=("text", "practice")),
    Field("alternative", "string", "this reading's answer"),
    Field("contrary_to_text", "string", "why the text does not bear the reading (null: it does)", nullable=True),
    Field("noted", "boolean", "whether the outlook and the audit note it per government"),
    Field("argument", "string", "the argument from the text"),
    Field("citation", "string", "the provision"),
    Field("record", "object", "what the record says of it (null: not computed)", nullable=True, fields=(
        Field("summary", "string", "in words"),
        *(Field(name, "objects", meaning, fields=_PLACED.fields, keys=_PLACED.keys) for name, meaning in (
            ("unlawful", "real Watch List placements the reading would make unlawful"),
            ("unlawful_by_default", "real Watch List placements lawful only under the reading"),
            ("forced_by_default", "moves off the Watch List the default forced and the reading would not have"),
            ("forced_by_reading", "moves off the Watch List the reading would have forced"),
            ("waiver", "Watch List placements needing a waiver under one side only"))))),
))
"""A reading of § 7107(b)(2)(F) and what the record says of it (``outlook --readings``)."""

_ACCESS = ("none", "free", "waiver", "unavailable", "unknown")
AUDIT_EVENT = RecordForm("audit_event", 1, "One finding of the audit about one placement", (
    *_NAMES, _YEAR,
    Field("event", "string", "waiver_required, forced_move, violation, undetermined or reading_note",
          enum=("waiver_required", "forced_move", "violation", "undetermined", "reading_note")),
    Field("tier", "tier", "the placement"),
    Field("citation", "string", "the provision"), Field("reason", "string", "why"),
    Field("reading", "string", "the reading of § 7107(b)(2)(F) behind a reading_note", nullable=True),
    Field("access", "string", "the Watch List's availability that year", nullable=True, enum=_ACCESS),
    Field("reading_access", "string", "its availability under the reading (reading_note)", nullable=True,
          enum=_ACCESS),
))
"""One audit event (``audit --format jsonl|csv``)."""

AUDIT = RecordForm("audit", 2, "The audit of a set of placement histories", (
    Field("rows", "integer", "placements read"), Field("countries", "integer", "governments read"),
    Field("events", "objects", "the events (audit_event records without their format)",
          fields=AUDIT_EVENT.fields),
    Field("input", "object", "how the input was read", fields=(
        Field("source", "string", "the file, or the bundled record"),
        Field("merged_names", "document", "canonical name -> the spellings read as it"),
        Field("gaps", "document", "country -> years with no row inside its span"),
        Field("gap_policy", "string", "unknown or absent", nullable=True),
        Field("kept_names", "strings", "names kept as written"))),
))
"""The audit document (``audit --format json``)."""

_SIDE = (Field("statute", "string", "the version"),
         Field("tier", "tier", "the tier, when the version decides one for every input", nullable=True),
         Field("possible_tiers", "tiers", "the tiers possible"), _CITATIONS,
         Field("refusal", "string", "why the version refuses the input", nullable=True),
         Field("varies", "boolean", "whether the answer varies over the class"))
DIFF_CLASS = RecordForm("diff_class", 1, "A class of inputs two statute versions place differently", (
    Field("index", "integer", "the class's number"), _YEAR,
    Field("a", "object", "what the first version does", fields=_SIDE),
    Field("b", "object", "what the second version does", fields=_SIDE),
    Field("conditions", "objects", "the conjunction describing the class", fields=(
        Field("variable", "string", "the variable's key"), Field("label", "string", "in words"),
        Field("values", "document", "the values it takes (true, false, null)"),
        Field("text", "string", "the condition in words")), keys=("text",)),
    Field("example", "document", "one input of the class: {assessment, history}"),
))
"""A class of inputs two versions place differently."""
DIFF_MOVE = RecordForm("diff_move", 1, "A government-year of the record whose lawful tiers differ", (
    Field("statute_a", "string", "first version"), Field("statute_b", "string", "second version"),
    *_NAMES, _YEAR,
    Field("tier", "tier", "the record's placement", nullable=True),
    Field("lawful_a", "tiers", "allowed by the first"), Field("lawful_b", "tiers", "allowed by the second"),
    Field("undetermined_a", "tiers", "undetermined under the first"),
    Field("undetermined_b", "tiers", "undetermined under the second"),
    *(Field(f"reasons_{side}", "objects", f"the {word} version's reasons for the tiers that differ", fields=(
        Field("tier", "tier", "the tier"), Field("reason", "string", "why"),
        Field("citation", "string", "the provision")), keys=("tier", "citation"))
      for side, word in (("a", "first"), ("b", "second"))),
    Field("readings", "objects", "readings of § 7107(b)(2)(F) the difference depends on", fields=(
        Field("statute", "string", "the version read otherwise"), Field("reading", "string", "the reading"),
        Field("question", "string", "its question"), Field("lawful", "tiers", "lawful under it"),
        Field("undetermined", "tiers", "undetermined under it")), keys=("statute", "reading")),
))
"""A government-year of the replay whose lawful tiers differ."""
DIFF_CHANGE = RecordForm("diff_change", 1, "A change between two versions that the diff does not compare", (
    Field("statute_a", "string", "first version"), Field("statute_b", "string", "second version"),
    Field("citation", "string", "the provision"), Field("change", "string", "what changed"),
    Field("first_report_year", "integer", "first report it governs"),
    Field("last_report_year", "integer", "last report it governed", nullable=True),
    Field("enacted_by", "string", "the act"), Field("confidence", "string", "V, R, I or U"),
))
"""A change between two versions the diff does not compare."""
DIFF = RecordForm("diff", 2, "Every kind of input two statute versions place differently", (
    Field("a", "string", "first version"), Field("b", "string", "second version"), _YEAR,
    Field("variables", "document", "the variables the conditions are on"),
    Field("classes", "objects", "diff_class records without their format", fields=DIFF_CLASS.fields),
    Field("record", "string", "the record replayed", nullable=True),
    Field("moves", "objects", "diff_move records without their format (null: no replay)", nullable=True,
          fields=DIFF_MOVE.fields),
    Field("not_compared", "objects", "diff_change records without their format", fields=DIFF_CHANGE.fields),
))
"""The diff document (``diff --format json``)."""

WHAT_IT_TAKES = RecordForm("what_it_takes", 1, "A smallest set of fact changes that reaches a target tier", (
    *_NAMES, _YEAR,
    Field("target", "tier", "the tier aimed at"),
    Field("changes", "objects", "the changes", fields=(
        Field("field", "string", "the fact's path"), Field("value", "boolean", "its new value"),
        _CITATIONS), keys=("field", "value")),
    Field("statute", "string", "the statute version"),
    Field("citation", "string", "the provision that then decides the tier"),
))
"""A smallest set of fact changes that reaches a target tier."""



def _outcome_key(tier: Tier) -> str:
    """The key of an outcome in a ``forecast`` record: ``tier_1``, ``tier_2``, ``tier_2WL``, ``tier_3`` (as the
    ``outlook`` record keys the ranked tiers), ``special_case``."""
    return tier.value if tier is Tier.SPECIAL_CASE else f"tier_{tier.value}"


def _outcome_field(tier: Tier) -> Field:
    standing = ("null: the report may always treat a government as a Special Case" if tier is Tier.SPECIAL_CASE
                else "open, waiver_required (the Watch List only with a waiver), closed (the probability is then "
                "exactly 0) or unknown (depends on years the data does not hold)")
    return Field(_outcome_key(tier), "object", f"{tier.label}: its probability and what the statute says of it",
                 fields=(Field("probability", "number", "the probability (the five outcomes' probabilities sum to 1)"),
                         Field("standing", "string", standing, nullable=True, enum=_STANDINGS)))


FORECAST = RecordForm("forecast", 1, "The chances of each tier for one government in one report", (
    *_NAMES, _YEAR,
    Field("statute", "string", "the statute version's name (the tiers it closes get 0)"),
    Field("previous", "string", "the tier of the report before (a tier code), unknown (not known, or known only "
          "in part) or none (no placement in it)", enum=(*TIER_CODES, "unknown", "none")),
    *(_outcome_field(t) for t in CATEGORIES),
    Field("drivers", "strings", "the facts that drove the estimate, in words"),
    Field("cases", "integer", "the earlier cases of the record in the most detailed situation the estimate used"),
))
"""The chances of each tier for a government in a report (``forecast``)."""

_MODEL = Field("model", "string", "the forecast (model) or a baseline", enum=MODELS)
_GROUP = Field("group", "string", "the targets scored: all, watch_list_before (on the Watch List the year "
               "before), or a range of report years FIRST-LAST")
_SCORES = (
    Field("targets", "integer", "the government-years scored (placed on one tier that year)"),
    Field("log_loss", "number", "mean log-loss in nats, probabilities floored at 1e-4 (lower is better; null: no "
          "targets)", nullable=True),
    Field("brier", "number", "mean Brier score, summed over the five outcomes (null: no targets)", nullable=True),
    Field("accuracy", "number", "how often the most likely outcome was the placement (null: no targets)",
          nullable=True),
)
_INTERVAL = (
    Field("mean", "number", "the baseline's mean log-loss minus the model's (positive: the model is better; "
          "null: no targets)", nullable=True),
    Field("low", "number", "the 95% bootstrap interval's lower end (resampling governments)", nullable=True),
    Field("high", "number", "its upper end", nullable=True),
)
_RANGE = (Field("first", "integer", "the first report year forecast"),
          Field("last", "integer", "the last report year forecast"))
BACKTEST_SCORE = RecordForm("backtest_score", 1, "How one model scored on one group of a backtest", (
    *_RANGE, _MODEL, _GROUP, *_SCORES,
    Field("difference", "object", "for a baseline: its log-loss minus the model's, with the interval (null for the "
          "model)", nullable=True, fields=_INTERVAL),
))
"""How one model scored on one group of a backtest (``forecast --backtest --format csv|jsonl``)."""

BACKTEST = RecordForm("backtest", 1, "An expanding-window backtest of the forecast against baselines", (
    *_RANGE,
    Field("groups", "strings", "the groups scored"),
    Field("scores", "objects", "every model on every group", fields=(_MODEL, _GROUP, *_SCORES)),
    Field("differences", "objects", "every baseline's log-loss minus the model's, per group", fields=(
        Field("baseline", "string", "the baseline", enum=MODELS[1:]), _GROUP, *_INTERVAL)),
    Field("reliability", "objects", "the model's targets binned by the probability of their most likely outcome",
          fields=(Field("low", "number", "the bin's lower end (included)"),
                  Field("high", "number", "its upper end (excluded; 1 included in the last bin)"),
                  Field("count", "integer", "the targets in it"),
                  Field("predicted", "number", "their mean probability of the most likely outcome"),
                  Field("observed", "number", "how often that outcome was the placement"))),
    Field("ece", "number", "the expected calibration error of the most likely outcome (the bins' gaps between "
          "predicted and observed, weighted by count)"),
))
"""The backtest document (``forecast --backtest --format json``)."""

FORMS: tuple[RecordForm, ...] = (PLACEMENT, CONSEQUENCES, OUTLOOK, READING, AUDIT_EVENT, AUDIT, DIFF_CLASS,
                                 DIFF_MOVE, DIFF_CHANGE, DIFF, WHAT_IT_TAKES, FORECAST, BACKTEST_SCORE, BACKTEST)
"""Every record form, by kind."""


def contract_markdown() -> str:
    """Every record form as Markdown (:meth:`RecordForm.markdown`), for docs/output.md."""
    return "\n".join(form.markdown() for form in FORMS)


def collection(form: RecordForm, records: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """A command's JSON output of several records: ``{"format": "tipranking.<kind>_list/1", "items": [...]}``."""
    return {"format": f"tipranking.{form.kind}_list/1", "items": list(records)}


def collection_schema(form: RecordForm) -> dict[str, Any]:
    """The JSON Schema of a collection of ``form`` records."""
    item = form.json_schema()
    for key in ("$schema", "$id", "title"):
        item.pop(key)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://tipranking.invalid/schema/{form.kind}_list.schema.json",
            "title": f"A list of {form.kind} records", "type": "object", "additionalProperties": False,
            "required": ["format", "items"],
            "properties": {"format": {"const": f"tipranking.{form.kind}_list/1"},
                           "items": {"type": "array", "items": item}}}


def schema_digest(schema: Mapping[str, Any]) -> str:
    """A schema's content as a SHA-256 hex digest (of its canonical JSON): what ``schema/outputs.json`` records
    per ``format``."""
    import hashlib

    return hashlib.sha256(json.dumps(schema, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def outputs_index() -> dict[str, str]:
    """``format`` -> :func:`schema_digest` of every output schema the package ships now."""
    out = {}
    for schema in schemas().values():
        fmt = schema["properties"]["format"]["const"]
        out[fmt] = schema_digest(schema)
    return dict(sorted(out.items()))


def schemas() -> dict[str, dict[str, Any]]:
    """Every output schema the package ships, by file name (``<kind>.schema.json``; collections as
    ``<kind>_list.schema.json`` for the kinds a command lists)."""
    out = {f"{form.kind}.schema.json": form.json_schema() for form in FORMS}
    for form in (PLACEMENT, CONSEQUENCES, OUTLOOK, READING, FORECAST):
        out[f"{form.kind}_list.schema.json"] = collection_schema(form)
    return out


# --------------------------------------------------------------------------- builders


def names(country: str) -> dict[str, Any]:
    """``country``, ``iso3`` and ``input_country`` for a name as given (:func:`tipranking.countries.identify`): the
    canonical name and code where the package knows the government, and the spelling given when it differed."""
    return identity_names(identify(country))


def identity_names(identity: Identity) -> dict[str, Any]:
    """:func:`names` of the name ``identity`` identifies (from :func:`tipranking.countries.identify_all`, for many
    names at once)."""
    return {"country": identity.name, "iso3": identity.iso3,
            "input_country": None if identity.name == identity.input_spelling else identity.input_spelling}


def _codes(tiers: Iterable[Tier]) -> list[str]:
    return [t.value for t in best_first(tiers)]


def _deciding(p: Placement) -> list[dict[str, Any]]:
    return [{"field": d.field, "citations": list(d.citations),
             "outcomes": {"true": _codes(dict(d.outcomes).get("true", ())),
                          "false": _codes(dict(d.outcomes).get("false", ()))}} for d in p.deciding]


_Shared = Callable[..., Any]
"""How a builder makes the value of a part that many records share (an explanation's findings, a tier's
restrictions in a year): called with the part's source (an immutable value), the function that makes its value
from it, its depth in the record, and optionally the function that makes the value of one element of the source
(a tuple), whose elements many parts share (findings of one rule, year and facts). :func:`_direct` makes the
value; :class:`_Encoder` makes the part's JSON text once per source."""


def _direct(source: Any, build: Callable[[Any], Any], depth: int, element: Callable[[Any], Any] | None = None) -> Any:
    return build(source)


def placement_record(p: Placement, consequences: Consequences | None = None) -> dict[str, Any]:
    """The ``placement`` record of ``p`` (with its consequences, when given)."""
    return _placement(p, consequences, _direct)


def _placement(p: Placement, consequences: Consequences | None, shared: _Shared) -> dict[str, Any]:
    return PLACEMENT.record(
        **names(p.country), report_year=p.report_year, tier=tier_code(p.tier), possible_tiers=_codes(p.possible_tiers),
        statute=p.statute,
        decided_by=None if p.decided_by is None else {"rule": p.decided_by.rule, "citation": p.decided_by.citation},
        events=[e.value for e in p.events], deciding=_deciding(p), irrelevant=list(p.irrelevant),
        findings=shared(p.findings, _findings, 1, _finding),
        consequences=None if consequences is None else _consequences_body(consequences, shared))


def _finding(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "citation": f.citation, "holds": f.holds, "reason": f.reason}


def _findings(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    return [_finding(f) for f in findings]


def _fiscal_year(fy: FiscalYear) -> dict[str, Any]:
    return {"year": fy.year, "start": fy.start.isoformat(), "end": fy.end.isoformat()}


def _restriction(r: Restriction) -> dict[str, Any]:
    return {"category": r.category, "description": r.description, "status": r.status.value, "ground": r.ground,
            "fiscal_year": _fiscal_year(r.fiscal_year), "citation": r.citation, "note": r.note}


def _restrictions(restrictions: tuple[Restriction, ...]) -> list[dict[str, Any]]:
    return [_restriction(r) for r in restrictions]


def _cspa_listing(listing: CspaListing) -> dict[str, Any]:
    bundled = listing.bundled
    return {"status": listing.status.value, "source": None if listing.source is None else listing.source.value,
            "criterion": None if listing.criterion is None else listing.criterion.words,
            "criterion_citation": None if listing.criterion is None else listing.criterion.citation,
            "list": None if bundled is None else {
                "report_year": bundled.report_year, "governments": len(bundled.governments),
                "file": bundled.file, "source": bundled.source, "description": bundled.description},
            "note": listing.note}


def _trade(trade: TradeStatus) -> dict[str, Any]:
    return {"status": trade.status.value, "in_force": trade.in_force, "reason": trade.reason,
            "citation": trade.citation}


def _consequences_body(c: Consequences, shared: _Shared = _direct) -> dict[str, Any]:
    return {
        "fiscal_year": shared(c.fiscal_year, _fiscal_year, 2),
        "tier3_restrictions": shared(c.tier3, _restrictions, 2),
        "cspa_restrictions": shared(c.cspa, _restrictions, 2),
        "cspa_listing": _cspa_listing(c.cspa_listing),
        "trade": shared(c.trade, _trade, 2),
        "special_watch_list": [{"reason": r, "citation": cite} for r, cite in c.special_watch_list],
        "obligations": [{"description": o.description, "citation": o.citation,
                         "due": None if o.due is None else o.due.isoformat(), "due_rule": o.due_rule}
                        for o in c.obligations],
    }


def consequences_record(result: Consequences | Placement) -> dict[str, Any]:
    """The ``consequences`` record: the consequences, or (for a placement whose tier is open) the tiers still
    possible and the facts that decide."""
    return _consequences(result, _direct)


def _consequences(result: Consequences | Placement, shared: _Shared) -> dict[str, Any]:
    if isinstance(result, Consequences):
        return CONSEQUENCES.record(**names(result.country), report_year=result.report_year,
                                   tier=result.tier.value, possible_tiers=[result.tier.value], deciding=[],
                                   consequences=_consequences_body(result, shared))
    return CONSEQUENCES.record(**names(result.country), report_year=result.report_year, tier=None,
                               possible_tiers=_codes(result.possible_tiers), deciding=_deciding(result),
                               consequences=None)


# --------------------------------------------------------------------------- JSON text, parts encoded once


@attrs.frozen(slots=True)
class _Part:
    """The JSON text of a shared part, standing in the record for its value."""

    text: str


_MOST_PARTS = 1 << 16
_PARTS: dict[tuple[bool, int | None, int], dict[int, tuple[Any, str]]] = {}
"""JSON text of shared parts by encoding (``ensure_ascii``, indent, depth), then by the identity of their source
(kept alive here, so the identity stays its own)."""


class _Encoder:
    """Encodes a record as ``json.dumps(record, ensure_ascii=..., indent=...)`` would, a shared part's text made once
    per source (the :data:`_Shared` of :func:`_json`)."""

    __slots__ = ("ensure_ascii", "indent")

    def __init__(self, ensure_ascii: bool, indent: int | None) -> None:
        self.ensure_ascii, self.indent = ensure_ascii, indent

    def __call__(self, source: Any, build: Callable[[Any], Any], depth: int,
                 element: Callable[[Any], Any] | None = None) -> _Part:
        if element is not None and source:
            return _Part(self._list(source, element, depth))
        return _Part(self._text(source, build, depth))

    def _text(self, source: Any, build: Callable[[Any], Any], depth: int) -> str:
        texts = _PARTS.get((self.ensure_ascii, self.indent, depth))
        if texts is None:
            texts = _PARTS[(self.ensure_ascii, self.indent, depth)] = {}
        found = texts.get(id(source))
        if found is None or found[0] is not source:
            if len(texts) >= _MOST_PARTS:
                texts.clear()
            found = texts[id(source)] = (source, self._dumps(build(source), depth))
        return found[1]

    def _dumps(self, value: Any, depth: int) -> str:
        text = json.dumps(value, ensure_ascii=self.ensure_ascii, indent=self.indent)
        if self.indent is not None and depth:
            text = text.replace("\n", "\n" + " " * (self.indent * depth))
        return text

    def _list(self, source: tuple[Any, ...], element: Callable[[Any], Any], depth: int) -> str:
        """The text of a non-empty list, as ``json.dumps`` writes it, from its elements' texts."""
        texts = [self._text(item, element, depth + 1) for item in source]
        if self.indent is None:
            return "[" + ", ".join(texts) + "]"
        inner = "\n" + " " * (self.indent * (depth + 1))
        return "[" + inner + ("," + inner).join(texts) + "\n" + " " * (self.indent * depth) + "]"

    def object(self, obj: dict[str, Any], depth: int = 0) -> str:
        """The text of ``obj`` at ``depth``: its members in order, runs of plain members dumped together."""
        members: list[str] = []
        plain: dict[str, Any] = {}
        for key, value in obj.items():
            if value.__class__ is _Part:
                self._plain(plain, members, depth)
                members.append(f'"{key}": {value.text}')  # a field's name: no character to escape
            elif value.__class__ is dict and any(v.__class__ is _Part for v in value.values()):
                self._plain(plain, members, depth)
                members.append(f'"{key}": {self.object(value, depth + 1)}')
            else:
                plain[key] = value
        self._plain(plain, members, depth)
        if not members:
            return "{}"
        if self.indent is None:
            return "{" + ", ".join(members) + "}"
        inner = "\n" + " " * (self.indent * (depth + 1))
        return "{" + inner + ("," + inner).join(members) + "\n" + " " * (self.indent * depth) + "}"

    def _plain(self, plain: dict[str, Any], members: list[str], depth: int) -> None:
        """Add the run of plain members to ``members`` as one text (the inside of their object), and empty it."""
        if not plain:
            return
        text = self._dumps(plain, depth)
        if self.indent is None:
            members.append(text[1:-1])
        else:  # "{" newline, the first member's indentation ... newline, the closing indentation, "}"
            members.append(text[2 + self.indent * (depth + 1):-(2 + self.indent * depth)])
        plain.clear()


def _json(build: Callable[[_Shared], dict[str, Any]], ensure_ascii: bool, indent: int | None) -> str:
    encoder = _Encoder(ensure_ascii, indent)
    return encoder.object(build(encoder))


def placement_json(p: Placement, consequences: Consequences | None = None, *, ensure_ascii: bool = True,
                   indent: int | None = None) -> str:
    """``json.dumps(placement_record(p, consequences), ensure_ascii=ensure_ascii, indent=indent)``: the same text,
    made faster by encoding the parts many placements share (the explanation's findings, the restrictions of a
    tier in a fiscal year, the trade status) once each.

    >>> from tipranking import Assessment, MinimumStandards, place
    >>> p = place(Assessment("Norway", 2023, MinimumStandards(True, True, True, True), significant_efforts=True))
    >>> placement_json(p, indent=2) == json.dumps(placement_record(p), indent=2)
    True
    """
    return _json(lambda shared: _placement(p, consequences, shared), ensure_ascii, indent)


def consequences_json(result: Consequences | Placement, *, ensure_ascii: bool = True,
                      indent: int | None = None) -> str:
    """``json.dumps(consequences_record(result), ...)``, the same text, shared parts encoded once (see
    :func:`placement_json`)."""
    return _json(lambda shared: _consequences(result, shared), ensure_ascii, indent)


def outlook_record(o: Outlook) -> dict[str, Any]:
    """The ``outlook`` record of ``o``: one status per ranked tier."""
    tiers = {f"tier_{s.tier.value}": {"status": s.standing.value, "reason": s.reason, "citation": s.citation,
                                      "missing_years": list(s.missing_years)} for s in o.tiers}
    latest = None if o.latest is None else {
        "report_year": o.latest.report_year, "tier": tier_code(o.latest.tier),
        "possible_tiers": o.latest.codes.split("|"), "label": o.latest.label}
    return OUTLOOK.record(
        **names(o.country), report_year=o.report_year, statute=o.statute, latest=latest,
        allowed=_codes(o.allowed), **tiers,
        readings=[{"reading": r.reading, "question": r.question, "tier": r.tier.value,
                   "status": _ACCESS_STANDING[r.access.value], "reason": r.reason, "citation": r.citation}
                  for r in o.readings],
        notes=[{"tier": n.tier.value, "reason": n.reason, "citation": n.citation} for n in o.notes])


def reading_record(reading: Reading, evidence: ReadingEvidence | None = None) -> dict[str, Any]:
    """The ``reading`` record (with what the record says of it, when ``evidence`` is given)."""
    record = None if evidence is None else {
        "summary": evidence.summary,
        **{kind: [{"country": c, "report_year": y} for c, y in getattr(evidence, kind)]
           for kind in ("unlawful", "unlawful_by_default", "forced_by_default", "forced_by_reading", "waiver")}}
    return READING.record(reading=reading.name, question=reading.question, default=reading.default,
                          default_follows=reading.default_follows.value, alternative=reading.alternative,
                          contrary_to_text=reading.contrary_to_text, noted=reading.noted, argument=reading.argument,
                          citation=reading.citation, record=record)


def _event_fields(e: AuditEvent) -> dict[str, Any]:
    return {**names(e.country), "report_year": e.report_year, "event": e.event.value, "tier": e.tier.value,
            "citation": e.citation, "reason": e.reason, "reading": e.reading,
            "access": None if e.access is None else e.access.value,
            "reading_access": None if e.reading_access is None else e.reading_access.value}


def audit_event_record(e: AuditEvent) -> dict[str, Any]:
    """The ``audit_event`` record of ``e``."""
    return AUDIT_EVENT.record(**_event_fields(e))


def audit_record(report: AuditReport, source: Mapping[str, Any]) -> dict[str, Any]:
    """The ``audit`` record: the report and how its input was read (``source``: the ``input`` object)."""
    return AUDIT.record(rows=report.rows, countries=report.countries,
                        events=[_event_fields(e) for e in report.events], input=dict(source))


def _side(side: Side) -> dict[str, Any]:
    return {"statute": side.statute, "tier": tier_code(side.tier), "possible_tiers": _codes(side.possible_tiers),
            "citations": list(side.citations), "refusal": side.refusal, "varies": side.varies}


def _history_marks(history: History) -> dict[str, str]:
    return {str(p.report_year): p.tier.value for p in history.placements}


def _class_fields(d: StatuteDiff, n: int, c: DiffClass) -> dict[str, Any]:
    from tipranking.formats.assessments import assessment_to_json

    return {"index": n, "report_year": d.report_year, "a": _side(c.a), "b": _side(c.b),
            "conditions": [{"variable": cond.variable.key, "label": cond.variable.label,
                            "values": list(cond.values), "text": str(cond)} for cond in c.conditions],
            "example": {"assessment": assessment_to_json(c.example[0]), "history": _history_marks(c.example[1])}}


def _move_fields(d: StatuteDiff, m: Move) -> dict[str, Any]:
    return {"statute_a": d.a, "statute_b": d.b, **names(m.country), "report_year": m.report_year,
            "tier": tier_code(m.tier), "lawful_a": _codes(m.lawful_a), "lawful_b": _codes(m.lawful_b),
            "undetermined_a": _codes(m.undetermined_a), "undetermined_b": _codes(m.undetermined_b),
            "reasons_a": [{"tier": r.tier.value, "reason": r.reason, "citation": r.citation} for r in m.reasons_a],
            "reasons_b": [{"tier": r.tier.value, "reason": r.reason, "citation": r.citation} for r in m.reasons_b],
            "readings": [{"statute": r.statute, "reading": r.reading, "question": r.question,
                          "lawful": _codes(r.lawful), "undetermined": _codes(r.undetermined)} for r in m.readings]}


def _change_fields(d: StatuteDiff, n: NotCompared) -> dict[str, Any]:
    return {"statute_a": d.a, "statute_b": d.b, "citation": n.citation, "change": n.change,
            "first_report_year": n.first_report_year, "last_report_year": n.last_report_year,
            "enacted_by": n.enacted_by, "confidence": n.confidence}


def diff_class_record(d: StatuteDiff, index: int) -> dict[str, Any]:
    """The ``diff_class`` record of class ``index`` (1-based) of ``d``."""
    return DIFF_CLASS.record(**_class_fields(d, index, d.classes[index - 1]))


def diff_move_record(d: StatuteDiff, move: Move) -> dict[str, Any]:
    """The ``diff_move`` record of one of ``d``'s moves."""
    return DIFF_MOVE.record(**_move_fields(d, move))


def diff_change_record(d: StatuteDiff, change: NotCompared) -> dict[str, Any]:
    """The ``diff_change`` record of one of ``d``'s changes not compared."""
    return DIFF_CHANGE.record(**_change_fields(d, change))


def diff_record(d: StatuteDiff) -> dict[str, Any]:
    """The ``diff`` record: every class, move and change not compared."""
    return DIFF.record(
        a=d.a, b=d.b, report_year=d.report_year,
        variables=[{"key": v.key, "label": v.label, "kind": v.kind, "statutes": list(v.statutes),
                    "citations": list(v.citations), "domain": list(v.domain)} for v in d.variables],
        classes=[_class_fields(d, n, c) for n, c in enumerate(d.classes, start=1)], record=d.record,
        moves=None if d.moves is None else [_move_fields(d, m) for m in d.moves],
        not_compared=[_change_fields(d, n) for n in d.not_compared])


def what_it_takes_record(country: str, report_year: int, target: Tier, path: Path) -> dict[str, Any]:
    """The ``what_it_takes`` record of one of :func:`~tipranking.analysis.what_it_takes.what_it_takes`'s paths."""
    placement = path.placement
    return WHAT_IT_TAKES.record(
        **names(country), report_year=report_year, target=target.value,
        changes=[{"field": c.field, "value": c.value, "citations": list(c.citations)} for c in path.changes],
        statute=placement.statute, citation=placement.citation)


def forecast_record(f: Forecast) -> dict[str, Any]:
    """The ``forecast`` record of ``f``: one object per outcome (``tier_1`` ... ``special_case``), each with its
    probability and the statute's standing of it."""
    outcomes = {_outcome_key(c.tier): {"probability": c.probability,
                                       "standing": None if c.standing is None else c.standing.value}
                for c in f.chances}
    return FORECAST.record(**names(f.country), report_year=f.report_year, statute=f.statute, previous=f.previous,
                           **outcomes, drivers=list(f.drivers), cases=f.cases)


def _number(value: float) -> float | None:
    """A number of a record: ``None`` for NaN (a group with no targets), which JSON cannot hold."""
    return None if math.isnan(value) else value


def _score_fields(report: BacktestReport) -> list[dict[str, Any]]:
    return [{"model": s.model, "group": s.group, "targets": s.targets, "log_loss": _number(s.log_loss),
             "brier": _number(s.brier), "accuracy": _number(s.accuracy)} for s in report.scores]


def _interval(mean: float, low: float, high: float) -> dict[str, Any]:
    return {"mean": _number(mean), "low": _number(low), "high": _number(high)}


def backtest_score_records(report: BacktestReport) -> list[dict[str, Any]]:
    """The ``backtest_score`` records of ``report``: one per model and group, in the report's order, a baseline's
    with its difference to the model."""
    differences = {(d.baseline, d.group): _interval(d.mean, d.low, d.high) for d in report.differences}
    return [BACKTEST_SCORE.record(first=report.first, last=report.last, **fields,
                                  difference=differences.get((fields["model"], fields["group"])))
            for fields in _score_fields(report)]


def backtest_record(report: BacktestReport) -> dict[str, Any]:
    """The ``backtest`` record of ``report`` (its forecasts aside: ``forecast --year`` gives any year's)."""
    return BACKTEST.record(
        first=report.first, last=report.last, groups=list(report.groups), scores=_score_fields(report),
        differences=[{"baseline": d.baseline, "group": d.group, **_interval(d.mean, d.low, d.high)}
                     for d in report.differences],
        reliability=[{"low": b.low, "high": b.high, "count": b.count, "predicted": b.predicted,
                      "observed": b.observed} for b in report.reliability],
        ece=report.ece)
