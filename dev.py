#!/usr/bin/env python3
"""Install and run Cascade with nothing but Python 3.11+.

    python3 dev.py demo    install, migrate, seed the demo company, serve http://127.0.0.1:8000
    python3 dev.py test    install and run the whole test suite on every core (extra arguments go to pytest)

Everything is installed into .venv/ beside this file; it is reinstalled when
pyproject.toml changes.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*args: str | Path, **kwargs) -> int:
    return subprocess.call([str(arg) for arg in args], cwd=ROOT, **kwargs)


def ensure_installed(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - people do run an older python3
        sys.exit(f"Cascade needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print("Creating the virtualenv in .venv/ ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / ".cascade-installed"
    installed = stamp.read_text().split() if stamp.exists() else []
    if wanted in installed:
        return
    print(f"Installing Cascade{extras} and its dependencies ...", flush=True)
    target = f".{extras}" if extras else "."
    if run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip") != 0:
        sys.exit("Could not upgrade pip in .venv/.")
    if run(PYTHON, "-m", "pip", "install", "--quiet", "-e", target) != 0:
        sys.exit("Installing the dependencies failed; see the pip output above.")
    stamp.write_text("\n".join([*installed, wanted]))


def manage(*args: str) -> None:
    if run(PYTHON, "manage.py", *args) != 0:
        sys.exit(f"manage.py {' '.join(args)} failed.")


def local_secret_key() -> str:
    """This clone's own SECRET_KEY, made once and kept in .venv/, so sessions survive a restart."""
    path = VENV / "cascade-secret-key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def demo(args: list[str]) -> int:
    ensure_installed("")
    # With DEBUG off, settings refuse the public development key; the demo brings its own.
    os.environ.setdefault("SECRET_KEY", local_secret_key())
    manage("migrate", "--no-input")
    manage("seed_demo", "--if-empty")
    address = args[0] if args else "127.0.0.1:8000"
    print(f"\nCascade is starting on http://{address}/ (Ctrl+C stops it).\n", flush=True)
    return run(PYTHON, "manage.py", "runserver", address)


def test(args: list[str]) -> int:
    ensure_installed("[dev]")
    # The whole suite runs on every core (pytest-xdist); a run with arguments is the caller's to shape.
    return run(PYTHON, "-m", "pytest", *(args or ["-n", "auto"]))


def main() -> int:
    commands = {"demo": demo, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
