"""The body of .ci/deploy-check: docker-compose.yml's services run as local processes, then checked over HTTP.

The commands are read out of docker-compose.yml (and the image's build step out of the
Dockerfile), so the check follows the files. What differs from a container, and why:
- the services' hosts: ``postgres`` and ``redis`` are 127.0.0.1 here (a fresh database, Redis db 13);
- gunicorn binds 127.0.0.1 on a free port (GUNICORN_BIND, which gunicorn.conf.py reads), not 0.0.0.0:8000;
- the beat's schedule file goes to a temporary folder instead of /tmp itself;
- the beat ticks every 2 s (OUTBOX_DRAIN_INTERVAL), so a tick is seen within the time budget;
- SECRET_KEY is a fresh random one (the compose file takes it from the operator's environment).
"""

import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import redis
import yaml

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/13"
DATABASE = f"cascade_deploy_{int(time.time())}_{os.getpid()}"
BUDGET = 90  # seconds for the services to come up and show their work


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def expand(value: str) -> str:
    """``${NAME:-default}`` as compose reads it from the operator's environment."""
    return re.sub(r"\$\{(\w+)(?::-([^}]*))?\}", lambda match: os.environ.get(match[1], match[2] or ""), str(value))


def command_of(service: dict) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else [str(part) for part in command]


def dockerfile_build_step() -> list[str]:
    """The Dockerfile's ``RUN STATIC_MANIFEST=true python manage.py collectstatic ...`` as a command."""
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if line.startswith("RUN ") and "collectstatic" in line:
            return shlex.split(line.removeprefix("RUN "))
    sys.exit("!! the Dockerfile no longer collects static files: update .ci/deploy_check.py")


def get(url: str, token: str | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"} if token else {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


def manage_shell(code: str, env: dict, check: bool = False) -> subprocess.CompletedProcess:
    """``python manage.py shell -c code`` with the services' environment, as an operator would run it."""
    return subprocess.run(
        ["python", "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        check=check,
        capture_output=True,
        text=True,
        timeout=45,
    )


def wait_for(what: str, condition, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{what}: not within the time budget")


def main() -> int:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="cascade-deploy-"))
    env = {**os.environ, **{name: expand(value) for name, value in services["web"]["environment"].items()}}
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        REDIS_URL=REDIS_URL,
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        OUTBOX_DRAIN_INTERVAL="2",
        SECRET_KEY=secrets.token_urlsafe(50),
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
        PYTHONUNBUFFERED="1",
    )
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    redis.Redis.from_url(REDIS_URL).flushdb()
    started: dict[str, subprocess.Popen] = {}
    logs = {name: work / f"{name}.log" for name in ("web", "worker", "beat")}
    try:
        build = dockerfile_build_step()
        build_env = dict(env, **dict(part.split("=", 1) for part in build if "=" in part and part[0].isupper()))
        build = [part for part in build if not ("=" in part and part[0].isupper())]
        print("-- build step:", " ".join(build))
        subprocess.run(build, cwd=ROOT, env=build_env, check=True, stdout=subprocess.DEVNULL)

        # The services' time budget starts once the image is built.
        for name in ("web", "worker", "beat"):
            command = command_of(services[name])
            if name == "beat":
                command = [re.sub(r"^--schedule=/tmp/", f"--schedule={work}/", part) for part in command]
            print(f"-- {name}:", " ".join(command))
            started[name] = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=logs[name].open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped with everything it forked
            )
        deadline = time.monotonic() + BUDGET
        base = f"http://127.0.0.1:{port}"

        wait_for("the web service serves /", lambda: get(f"{base}/accounts/login/")[0] == 200, deadline)
        status, _, _ = get(f"{base}/")
        assert status in (200, 302), f"/ answered {status}"
        print(f"ok: / answered {status} (gunicorn, migrated at start)")

        token = manage_shell(
            "from accounts.models import Person; from accounts.tokens import api_token_create; "
            "p = Person.objects.create_user(username='deploy-check', password=None, is_staff=True); "
            "print(api_token_create(person=p, name='deploy check')[1])",
            env,
            check=True,
        ).stdout.split()[-1]
        status, content_type, body = get(f"{base}/api/cycles/", token)
        assert status == 200 and content_type.startswith("application/json"), (status, content_type, body[:200])
        assert "results" in json.loads(body)
        print("ok: GET /api/cycles/ with a token answered 200 JSON")

        ran = manage_shell("from core.tasks import drain_outbox; print(drain_outbox.delay().get(timeout=30))", env)
        assert ran.returncode == 0 and "waiting" in ran.stdout, ran.stdout + ran.stderr
        print("ok: a task sent to the broker ran on the worker:", ran.stdout.strip().splitlines()[-1])

        wait_for(
            "the beat sends its scheduled tasks",
            lambda: "Sending due task drain-outbox" in logs["beat"].read_text(),
            deadline,
        )
        wait_for(
            "the worker runs what the beat sent",
            lambda: logs["worker"].read_text().count("core.tasks.drain_outbox") >= 4,  # received + succeeded, twice
            deadline,
        )
        print("ok: the beat ticked and the worker ran its task")
        for name, process in started.items():
            assert process.poll() is None, f"{name} exited with {process.returncode}"
        return 0
    except (AssertionError, TimeoutError, subprocess.SubprocessError) as error:
        print(f"!! deploy check failed: {error}")
        for name, log in logs.items():
            if log.exists():
                print(f"-- {name} log (last lines) --")
                print("\n".join(log.read_text().splitlines()[-40:]))
        return 1
    finally:
        stop(started)
        with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        redis.Redis.from_url(REDIS_URL).flushdb()
        subprocess.run(["rm", "-rf", str(work)], check=False)


def stop(started: dict[str, subprocess.Popen]) -> None:
    for process in started.values():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in started.values():
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


if __name__ == "__main__":
    # A SIGTERM (CI's timeout) still stops the services and drops the database.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))
    sys.exit(main())
