"""Old home of the charts, kept for one release: use :mod:`tipranking.formats.plot`."""

from tipranking.formats.plot import *  # noqa: F403
from tipranking.formats.plot import __all__ as __all__
