"""pytest for the documentation pages: every page's ``>>>`` examples run as doctests, except the API reference,
which quotes the package's docstrings (their examples run where they are written, with ``--doctest-modules``)."""

collect_ignore = ["api.md"]
