"""Old home of the parser of a report's printed lists, kept for one release: use :mod:`tipranking.data.lists`."""

from tipranking.data.lists import *  # noqa: F403
from tipranking.data.lists import __all__ as __all__
