"""Old home of the invariants of the Hypothesis kit, kept for one release: use :mod:`tipranking.testing.invariants`."""

from tipranking.testing.invariants import *  # noqa: F403
from tipranking.testing.invariants import __all__ as __all__
