"""Old home of the Hypothesis strategies, kept for one release: use :mod:`tipranking.testing.strategies`."""

from tipranking.testing.strategies import *  # noqa: F403
from tipranking.testing.strategies import __all__ as __all__
