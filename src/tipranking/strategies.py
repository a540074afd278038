"""Old home of the Hypothesis strategies, kept for one release: use :mod:`tipranking.testing.strategies`."""

from tipranking.testing.strategies import (
    assessments,
    cspa_determinations,
    determinations,
    histories,
    register,
    report_years,
    statutes,
    tiers,
)

__all__ = [
    "assessments",
    "cspa_determinations",
    "determinations",
    "histories",
    "register",
    "report_years",
    "statutes",
    "tiers",
]
