"""Old home of the text, JSON and CSV renderings, kept for one release: use :mod:`tipranking.formats.render`."""

from tipranking.formats.render import *  # noqa: F403
from tipranking.formats.render import __all__ as __all__
