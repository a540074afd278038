"""Hypothesis entry point: registers tipranking's strategies for ``st.from_type``.

Kept apart from :mod:`tipranking.testing.strategies` so that Hypothesis, which runs entry points while it
is being imported, never reaches into a half-imported strategies module.
"""

from __future__ import annotations

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    try:
        import tipranking.testing.strategies  # noqa: F401 - importing registers the strategies
    except ImportError as err:
        if err.name != "hypothesis":
            raise
        # A Hypothesis older than the kit supports: registering nothing keeps ``import hypothesis`` working for
        # every other suite; importing tipranking.testing says what to install.
