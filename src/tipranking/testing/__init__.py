"""The Hypothesis kit: strategies that draw valid inputs, and invariants of the statute to check them with,
for this package's tests and for downstream suites."""

__all__: list[str] = []
