"""Analyses built on ``place``: the audit of real placements, the outlook for a report, what it takes to reach
a tier, and scenario sweeps. Each module holds one; none holds a rule of its own."""

__all__: list[str] = []
