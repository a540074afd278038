"""Old home of the scenario sweeps, kept for one release: use :mod:`tipranking.analysis.sweep`."""

from tipranking.analysis.sweep import *  # noqa: F403
from tipranking.analysis.sweep import __all__ as __all__
