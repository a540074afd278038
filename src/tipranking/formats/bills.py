"""Bill files: a Python file that builds a statute version, usually a variant of a real one, to compare with
:func:`tipranking.analysis.diff.diff` (``tipranking diff VERSION --bill FILE.py``). See ``docs/bills.md``.
"""

from __future__ import annotations

import os
import runpy
import traceback

from tipranking.errors import FieldError
from tipranking.statute import Statute

__all__ = ["load_bill"]


def load_bill(path: str | os.PathLike[str]) -> Statute:
    """The statute a *bill file* builds: a Python file that sets ``statute`` to a :class:`Statute`, usually a
    variant of a real version (``statute_named("tvpra-2019").replace_rule(...)``). The file is run as
    Python -- only run files you trust. Any problem is a :class:`~tipranking.errors.FieldError` naming the
    file (and the line, when the file raised).
    """
    shown = os.fspath(path)
    if not os.path.isfile(shown):
        raise FieldError("--bill", shown, "no such file")
    try:
        namespace = runpy.run_path(shown, run_name="tipranking_bill")
    except Exception as err:  # the file's own error, reported as the input's fault
        line = next((f.lineno for f in reversed(traceback.extract_tb(err.__traceback__))
                     if os.path.abspath(f.filename) == os.path.abspath(shown)), None)
        raise FieldError("--bill", shown, f"running the bill raised {type(err).__name__}: {err}",
                         f"line {line}" if line is not None else None) from None
    found = namespace.get("statute")
    if not isinstance(found, Statute):
        raise FieldError("--bill", shown, "the file must set `statute` to a tipranking Statute (e.g. "
                         "statute_named('tvpra-2019').replace_rule(...))"
                         + ("" if found is None else f"; it is a {type(found).__name__}"))
    return found
