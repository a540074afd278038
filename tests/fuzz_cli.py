"""Run the command-line robustness suite (tests/test_fuzz_cli.py): ``python tests/fuzz_cli.py [pytest args]``.

pytest collects only ``test_*.py``; this file is the direct entry point.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    raise SystemExit(pytest.main([str(here / "test_fuzz_cli.py"), "-q", "-p", "no:cacheprovider", *sys.argv[1:]]))
