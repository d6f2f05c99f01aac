"""The screenshots of the staff and partner guide (docs/handbuch.md) into docs/handbuch/.

    .venv/bin/python bench/handbuch.py        # or: make handbuch

Runs the browser walks of the guide's tasks (tests/browser/test_handbuch.py) with
HANDBUCH_SCREENSHOTS=1: each walk does its task in the running portal (Django's live server on the
test database with the Magdeburg content, Chromium at 1280 × 800, German) and photographs the steps
the guide shows. A walk that fails takes no further pictures, so the guide never shows a step that
no longer works. Run it again after a change to the admin or the partner workspace.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.exit(subprocess.call(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests/browser/test_handbuch.py", *sys.argv[1:]],
        cwd=ROOT, env={**os.environ, "HANDBUCH_SCREENSHOTS": "1", "PYTHONPATH": str(ROOT)},
    ))
