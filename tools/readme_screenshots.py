#!/usr/bin/env python3
"""Refresh the README's gallery: every room at 1366 px and at 390 px, from the demo company.

    .venv/bin/python tools/readme_screenshots.py

Runs the browser test that visits every room at both widths
(tests/browser/test_every_room_at_both_widths.py) with ``CASCADE_SCREENSHOTS_DIR`` pointing at
docs/screenshots/rooms/, so the pictures are the ones the test checked: a room that fails to
open, scrolls sideways or throws a script error fails here too, and no picture of it is kept.
Needs Debian's Chromium (apt-get install chromium), as the browser tests do.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "docs" / "screenshots" / "rooms"
TEST = "tests/browser/test_every_room_at_both_widths.py"


def main() -> int:
    environment = {**os.environ, "CASCADE_SCREENSHOTS_DIR": str(GALLERY), "CASCADE_REQUIRE_BROWSER": "1"}
    status = subprocess.call([sys.executable, "-m", "pytest", TEST, "-p", "no:xdist", "-q"], cwd=ROOT, env=environment)
    if status == 0:
        pictures = sorted(GALLERY.glob("*.jpg"))
        size = sum(picture.stat().st_size for picture in pictures)
        print(f"{len(pictures)} pictures in {GALLERY.relative_to(ROOT)} ({size / 1e6:.1f} MB)")
    return status


if __name__ == "__main__":
    sys.exit(main())
