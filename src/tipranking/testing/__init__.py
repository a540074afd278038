"""The Hypothesis kit: strategies that draw valid inputs, and invariants of the statute to check them with,
for this package's tests and for downstream suites.

It needs Hypothesis: ``pip install 'tipranking[testing]'``. Without it, importing this package or one of its
modules raises an :class:`ImportError` that says so.
"""

_MINIMUM = (6, 100)
"""The oldest Hypothesis the kit supports: the pin of the ``testing`` extra."""
_HINT = "pip install 'tipranking[testing]'"

try:
    import hypothesis
except ImportError as err:
    if err.name != "hypothesis":
        raise
    raise ImportError(f"tipranking.testing needs Hypothesis, which is not installed: {_HINT}",
                      name="hypothesis") from err
if hypothesis.__version_info__[:2] < _MINIMUM:
    raise ImportError(f"tipranking.testing needs Hypothesis {'.'.join(map(str, _MINIMUM))} or later, not "
                      f"{hypothesis.__version__}: {_HINT}", name="hypothesis")

__all__: list[str] = []
