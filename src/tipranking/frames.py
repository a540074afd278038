"""Old home of the pandas DataFrames, kept for one release: use :mod:`tipranking.formats.frames`."""

from tipranking.formats.frames import *  # noqa: F403
from tipranking.formats.frames import __all__ as __all__
