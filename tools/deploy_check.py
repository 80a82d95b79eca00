#!/usr/bin/env python3
"""Run ``manage.py check --deploy --fail-level WARNING`` with the production variables the README lists.

    .venv/bin/python tools/deploy_check.py [NAME=value ...]

The variables come from the README's block marked ``<!-- production-env -->`` (so the README and
this check cannot drift apart); a placeholder SECRET_KEY is replaced by a random one, and
NAME=value arguments override the README's (the tests use that to show the check bites).
Exits with the check's own status. .ci/run runs it.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "<!-- production-env -->"


def production_environment(readme: Path = ROOT / "README.md") -> dict[str, str]:
    text = readme.read_text()
    if MARKER not in text:
        raise SystemExit(f"README.md has no {MARKER} block listing the production variables.")
    block = text.split(MARKER, 1)[1].split("```", 2)[1]
    found = dict(re.findall(r"^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)=(\S*)", block, flags=re.MULTILINE))
    if found.get("SECRET_KEY", "").startswith("<"):
        found["SECRET_KEY"] = secrets.token_urlsafe(50)
    return found


def main(overrides: list[str]) -> int:
    environment = {
        # Only the README's variables decide: nothing of the caller's shell (DEBUG, a local key) leaks in.
        **{name: value for name, value in os.environ.items() if name in {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **production_environment(),
        **dict(item.split("=", 1) for item in overrides),
    }
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.call(command, cwd=ROOT, env=environment)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
