#!/usr/bin/env python3
"""How gunicorn.conf.py's settings were chosen: the same load against other settings, and an overload's aftermath.

    .venv/bin/python bench/serving_options.py --database cascade_bench [--write]

Against a database seeded by bench/burst_benchmark.py (data set L), on loopback, niced:

1. Worker settings: the readers' capacity (40 readers without pause, ``--seconds`` each) with
   sync workers, with two and four threads per worker, and with more processes; the trivial
   view's capacity first, as the baseline of the same run.
2. An overload with impatient clients (3 s timeout, 150 readers without pause): how many
   requests the server worked on for clients that had already gone, and how long it stayed
   busy after the load stopped, with gunicorn's default backlog (2048) and no client check,
   against the shipped settings (backlog 64, core.middleware.ClientGoneMiddleware).

Writes bench/SERVING.md with ``--write``.
"""

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import burst_benchmark as bb  # noqa: E402
from render_results import load, ms, row_of  # noqa: E402

CONFIGS = [
    ("3 sync workers (1 thread)", {"GUNICORN_WORKERS": "3", "GUNICORN_THREADS": "1"}),
    ("3 workers x 2 threads (shipped)", {"GUNICORN_WORKERS": "3", "GUNICORN_THREADS": "2"}),
    ("3 workers x 4 threads", {"GUNICORN_WORKERS": "3", "GUNICORN_THREADS": "4"}),
    ("6 sync workers", {"GUNICORN_WORKERS": "6", "GUNICORN_THREADS": "1"}),
]


class ConfiguredServices(bb.Services):
    def __init__(self, args, url: str, extra: dict):
        super().__init__(args, url)
        self.env.update(extra)


def busy_after(host: str, quiet_ms: float = 500, limit: float = 120) -> float:
    """Seconds until the sign-in page answers within ``quiet_ms`` again (the server has drained its queue)."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        begun = time.monotonic()
        try:
            urllib.request.urlopen(f"{host}/accounts/login/", timeout=limit)
        except OSError:
            time.sleep(0.2)
            continue
        if (time.monotonic() - begun) * 1000 < quiet_ms:
            return time.monotonic() - started
    return limit


def access_statuses(log: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in log.read_text().splitlines():
        parts = line.split('"')
        if len(parts) > 2:
            status = parts[2].split()[0] if parts[2].split() else "?"
            counts[status] = counts.get(status, 0) + 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="cascade_bench")
    parser.add_argument("--server", default=bb.SERVER)
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    parser.add_argument("--port", type=int, default=8119)
    parser.add_argument("--seconds", type=int, default=25)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    url = f"{args.server}/{args.database}"
    host = f"http://127.0.0.1:{args.port}"
    company = bb.scan_benchmark.describe_company(url)
    plan_path = Path(tempfile.mkstemp(prefix="cascade-plan-", suffix=".json")[1])
    plan_path.write_text(json.dumps(bb.plan(url, args.redis, company)))
    results = {"configs": [], "overload": []}
    for name, extra in CONFIGS:
        print(f"{name} ...", flush=True)
        with ConfiguredServices(args, url, extra):
            trivial = bb.locust(host, "TrivialUser", 20, 10, plan_path)
            readers = bb.locust(host, "ReaderUser", 40, args.seconds, plan_path)
        results["configs"].append({"name": name, "trivial": trivial, "readers": readers})
    overloads = [
        ("backlog 2048, every request worked on", {"GUNICORN_BACKLOG": "2048", "CLIENT_GONE_CHECK": "off"}),
        ("backlog 64, requests of clients gone skipped (shipped)", {}),
    ]
    for name, extra in overloads:
        print(f"Overload: {name} ...", flush=True)
        log = Path(tempfile.mkstemp(prefix="cascade-access-", suffix=".log")[1])
        with ConfiguredServices(args, url, {**extra, "GUNICORN_ACCESS_LOG": str(log)}):
            run = bb.locust(host, "ReaderUser", 150, 20, plan_path, timeout=3)
            stopped = time.monotonic()
            drained = busy_after(host)
            statuses = access_statuses(log)
        results["overload"].append(
            {"name": name, "run": run, "drain_seconds": drained, "statuses": statuses, "waited": stopped}
        )
        log.unlink()
    plan_path.unlink()
    report = render(results)
    print(report)
    if args.write:
        (BENCH / "SERVING.md").write_text(report)
    return 0


def render(results: dict) -> str:
    lines = [
        "# Serving: how gunicorn.conf.py's settings were chosen",
        "",
        f"Recorded {datetime.date.today():%d %b %Y} by `bench/serving_options.py` on data set L (see RESULTS.md for "
        "the machine). Each row's load average is beside it; the trivial view's capacity, measured right before "
        "each configuration's readers, is the baseline to read the readers against.",
        "",
        "| workers | trivial view req/s | readers req/s | readers p50 | p95 | failures | readers / trivial | load |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for config in results["configs"]:
        trivial = row_of(config["trivial"], "trivial: sign-in page")
        readers = row_of(config["readers"], "Aggregated")
        ratio = readers["rps"] / trivial["rps"] if trivial["rps"] else 0
        lines.append(
            f"| {config['name']} | {trivial['rps']:.0f} | **{readers['rps']:.1f}** | {ms(readers['p50'])} "
            f"| {ms(readers['p95'])} | {readers['failures']} | {ratio:.3f} | {load(config['readers']['load'])} |"
        )
    lines += [
        "",
        "## An overload with impatient clients",
        "",
        "150 readers without pause for 20 s, each giving up on a request after 3 s; then the load stops and the",
        "sign-in page is polled until it answers within 500 ms again.",
        "",
        "| server | requests sent | client timeouts/failures | answered 200 | skipped (499) | busy after the load "
        "stopped | load |",
        "|---|---|---|---|---|---|---|",
    ]
    for case in results["overload"]:
        total = row_of(case["run"], "Aggregated")
        statuses = case["statuses"]
        lines.append(
            f"| {case['name']} | {total['requests']:,} | {total['failures']:,} | {statuses.get('200', 0):,} "
            f"| {statuses.get('499', 0):,} | **{case['drain_seconds']:.1f} s** | {load(case['run']['load'])} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
