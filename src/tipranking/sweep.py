"""Old home of the scenario sweeps, kept for one release: use :mod:`tipranking.analysis.sweep`."""

from tipranking.analysis.sweep import (
    CHUNK,
    Distribution,
    Scenario,
    SweepResult,
    sweep,
)

__all__ = [
    "CHUNK",
    "Distribution",
    "Scenario",
    "SweepResult",
    "sweep",
]
