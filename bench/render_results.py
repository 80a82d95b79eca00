"""bench/RESULTS.md from the figures bench/burst_benchmark.py measured (and bench/notes.md, written by hand)."""

import datetime
from pathlib import Path

NOTES = Path(__file__).resolve().parent / "notes.md"


def load(values) -> str:
    return " / ".join(f"{value:.1f}" for value in values) if values else "?"


def ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def row_of(run: dict, name: str) -> dict:
    return run["rows"].get(name) or {"requests": 0, "failures": 0, "rps": 0, "p50": 0, "p95": 0, "p99": 0, "max": 0}


def render_report(results: dict, command: str, box: dict) -> str:
    company, base = results["company"], results["baselines"]
    parts = [
        "# Benchmarks: the workshop burst (issue 14) and the alignment scan (issue 6)",
        "",
        f"Recorded {datetime.date.today():%d %b %Y} by `make bench` (`{command}`), started {results['started']}.",
        "Every figure has the machine's load average (1 / 5 / 15 min) beside it. Figures are medians or",
        "percentiles of repeated runs, read against the baselines measured in the same run: the server,",
        "the worker, PostgreSQL, Redis and the load generator share the machine's cores.",
        "",
        "## Machine",
        "",
        f"- {box['cores']} cores: {box['cpu']}; {box['memory_gb']:.0f} GB RAM; {box['os']}",
        f"- PostgreSQL {company['postgres']} (127.0.0.1, default settings), Python {box['python']}, "
        f"Django {box['django']}, Redis on loopback",
        f"- load average at the start {load(results['load']['start'])}, at the end {load(results['load']['end'])}",
        "",
        "## Data set L",
        "",
        f"{company['goals_in_cycle']:,} goals in {company['cycle']} (the active cycle), "
        f"{company['goals']:,} goals in all, {company['people']:,} people, {company['checkins']:,} check-ins.",
    ]
    if "seed" in results:
        seed = results["seed"]
        parts += [
            "",
            f"Seeded (`seed_demo --reps 9200 --goals-per-rep 10`) in **{seed['seconds']:.0f} s** with a peak of "
            f"**{seed['peak_rss_mb']:,.0f} MB** (the seeding process's `ru_maxrss`); targets < 5 min, < 1 GB: "
            f"{verdict(seed['seconds'] < 300 and seed['peak_rss_mb'] < 1024)}. Load {load(seed['load'])} "
            f"-> {load(seed['load_after'])}.",
        ]
    parts += [
        "",
        "## Baselines (same run)",
        "",
        "| baseline | p50 | p95 | load |",
        "|---|---|---|---|",
        f"| `SELECT 1` (psycopg, loopback) | {ms(base['select_1']['p50'])} | {ms(base['select_1']['p95'])} "
        f"| {load(base['select_1']['load'])} |",
        f"| bare indexed SELECT of 50 goals in tree order | {ms(base['bare_select_50']['p50'])} "
        f"| {ms(base['bare_select_50']['p95'])} | {load(base['bare_select_50']['load'])} |",
    ]
    serving = results.get("serving")
    if serving:
        one = row_of(serving["trivial_one"], "trivial: sign-in page")
        capacity = row_of(serving["trivial_capacity"], "trivial: sign-in page")
        parts += [
            f"| trivial view (sign-in page), one client | {ms(one['p50'])} | {ms(one['p95'])} "
            f"| {load(serving['trivial_one']['load'])} |",
            f"| trivial view, 20 clients without pause: **{capacity['rps']:.0f} req/s** | {ms(capacity['p50'])} "
            f"| {ms(capacity['p95'])} | {load(serving['trivial_capacity']['load'])} |",
        ]
    parts += scan_section(results.get("scan"))
    parts += options_section(results.get("options"))
    parts += room_section(results.get("room"))
    if serving:
        parts += serving_section(serving, base)
    if NOTES.exists():
        parts += ["", NOTES.read_text().strip()]
    parts += [
        "",
        "## Reproduce",
        "",
        "    make bench     # installs .venv/ with the bench extra (locust), seeds, measures, writes this file",
        "",
        "`.venv/bin/python bench/burst_benchmark.py --help` lists the options (`--reuse` measures the database",
        "as it is; `--skip options,scan,serving`; `--workers`/`--threads` try other gunicorn settings).",
        "`bench/serving_options.py` compares gunicorn settings and an overload's aftermath (bench/SERVING.md);",
        "`bench/scan_benchmark.py` times the scan alone, `bench/create_options.py` the create prototypes alone,",
        "`bench/web_pages.py` prints each page's queries and time in-process.",
        "",
    ]
    return "\n".join(parts)


def scan_section(scan: dict | None) -> list[str]:
    if not scan:
        return []
    cold, warm = scan["cold"], scan["warm"]
    return [
        "",
        "## Alignment scan",
        "",
        f"Load {load(scan['load'])} -> {load(scan['load_after'])}. Target < 3 s: "
        f"{verdict(max(cold['median'], warm['median']) < 3)}.",
        "",
        "| scan | runs | median | min | max | peak RSS |",
        "|---|---|---|---|---|---|",
        f"| cold: new process, no open flags | {cold['runs']} | **{cold['median']:.2f} s** | {cold['min']:.2f} s "
        f"| {cold['max']:.2f} s | {cold['peak_rss_mb']:.0f} MB |",
        f"| warm: flags already in line | {warm['runs']} | **{warm['median']:.2f} s** | {warm['min']:.2f} s "
        f"| {warm['max']:.2f} s | {warm['peak_rss_mb']:.0f} MB |",
    ]


def one_core_lines(serving: dict, two_cores: dict, trivial_two: dict) -> list[str]:
    """Readers against gunicorn held to one core (locust on the other), beside the two-core figures."""
    if "one_core_readers" not in serving:
        return []
    readers = row_of(serving["one_core_readers"], "Aggregated")
    trivial = row_of(serving["one_core_trivial"], "trivial: sign-in page")
    per_request_ms = 1000 / readers["rps"] if readers["rps"] else 0
    cores = 200 * per_request_ms / 1000
    return [
        f"- The same 40 readers against gunicorn and the worker held to **one core** (`taskset`, locust on the "
        f"other core): **{readers['rps']:.0f} req/s** at p50 {ms(readers['p50'])}, p95 {ms(readers['p95'])} "
        f"(load {load(serving['one_core_readers']['load'])}); the trivial view {trivial['rps']:.0f} req/s. Two cores, "
        f"shared with locust and PostgreSQL, served {two_cores['rps']:.0f} and {trivial_two['rps']:.0f}: "
        f"{two_cores['rps'] / readers['rps']:.1f}x and {trivial_two['rps'] / max(trivial['rps'], 1):.1f}x one core. "
        f"A mixed read costs about {per_request_ms:.0f} ms of one core, so 200 req/s needs about {cores:.0f} cores "
        f"busy, {cores / 0.6:.0f} to keep p95 low at 60% use (docs/scaling.md).",
    ]


def room_section(room: dict | None) -> list[str]:
    if not room:
        return []
    return [
        "",
        "## Room for sub-goals (goals/room.py)",
        "",
        f"The nightly job, run before the serving measurements as before a drafting day, renumbered "
        f"**{room['renumbered']:,} goals in {room['seconds']:.1f} s** (load {load(room['load'])}), leaving room "
        "under every goal that can have sub-goals; drafts that fit that room move no other goal.",
    ]


def options_section(options: dict | None) -> list[str]:
    if not options:
        return []
    lines = [
        "",
        "## Goal creation: the options measured (bench/create_options.py)",
        "",
        f"One insert = django-mptt's space-making UPDATE plus the INSERT, into copies of the goal table "
        f"shaped as each option says, at the same {options['inserts']} insertion points (under random manager "
        f"goals of the largest tree), the options taking turns at each point so that load falls on all alike. "
        f"`SELECT 1` in the same rounds: {ms(options['select_1_ms'])}. Load {load(options['load_before'])} "
        f"-> {load(options['load_after'])}.",
        "",
        "| option | one insert, median | p95 | rows shifted | HOT updates | table + indexes before -> after |",
        "|---|---|---|---|---|---|",
    ]
    today = options["results"][0]["median_ms"]
    for row in options["results"]:
        lines.append(
            f"| {row['option']} | **{ms(row['median_ms'])}** ({row['median_ms'] / today:.2f}x) | {ms(row['p95_ms'])} "
            f"| {row['rows_shifted']:,.0f} | {row['hot_share']:.0%} "
            f"| {row['size_before_mb']:.0f} -> {row['size_after_mb']:.0f} MB |"
        )
    return lines


def serving_section(serving: dict, base: dict) -> list[str]:
    pages, mixed = serving["pages_one"], serving["mixed"]
    bare = base["bare_select_50"]["p50"]
    lines = [
        "",
        "## Serving: pages, mixed load, creates (gunicorn.conf.py on loopback, Redis cache and broker, one Celery "
        "worker)",
        "",
        f"### One request at a time (load {load(pages['load'])})",
        "",
        "| page | requests | p50 | p95 | p50 / bare SELECT of 50 | target |",
        "|---|---|---|---|---|---|",
    ]
    targets = {"explorer first view": 150, "goal page": 250, "API goal list": 80}
    for name in ("explorer first view", "explorer level", "goal page", "API goal list", "home"):
        row = row_of(pages, name)
        target = targets.get(name)
        shown = f"p95 < {target} ms: {verdict(row['p95'] < target)}" if target else ""
        lines.append(
            f"| {name} | {row['requests']} | {ms(row['p50'])} | {ms(row['p95'])} | {row['p50'] / bare:.0f}x | {shown} |"
        )
    capacity = row_of(serving["reader_capacity"], "Aggregated")
    trivial = row_of(serving["trivial_capacity"], "trivial: sign-in page")
    total = row_of(mixed, "Aggregated")
    met = total["failures"] == 0 and total["p95"] < 300 and total["rps"] >= 0.95 * mixed["target_rps"]
    lines += [
        "",
        "### Mixed read load",
        "",
        f"- Capacity, 40 readers without pause for {serving['reader_capacity']['seconds']} s: **{capacity['rps']:.0f} "
        f"req/s** at p50 {ms(capacity['p50'])}, p95 {ms(capacity['p95'])}, {capacity['failures']} failures "
        f"(load {load(serving['reader_capacity']['load'])} -> {load(serving['reader_capacity']['load_after'])}); "
        f"the trivial view's capacity in the same run: {trivial['rps']:.0f} req/s.",
        f"- Target {mixed['target_rps']:.0f} req/s for {mixed['seconds']} s from {mixed['users']} readers: "
        f"**{total['rps']:.0f} req/s served**, p50 {ms(total['p50'])}, p95 **{ms(total['p95'])}**, p99 "
        f"{ms(total['p99'])}, **{total['failures']} failures** of {total['requests']:,} "
        f"(load {load(mixed['load'])} -> {load(mixed['load_after'])}). Target (200 req/s, p95 < 300 ms, "
        f"no failure): {verdict(met)}.",
        *one_core_lines(serving, capacity, trivial),
        "",
        "| request | served | req/s | p50 | p95 | p99 | failures |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in sorted(mixed["rows"].items()):
        if name == "sign in (setup)":
            continue
        lines.append(
            f"| {name} | {row['requests']:,} | {row['rps']:.1f} | {ms(row['p50'])} | {ms(row['p95'])} "
            f"| {ms(row['p99'])} | {row['failures']} |"
        )
    one = row_of(serving["create_one"], "goal create")
    burst = row_of(serving["burst"], "goal create")
    paced = row_of(serving["burst_paced"], "goal create")
    table = serving["table"]
    integrity = serving["integrity"]
    vacuumed, peak, after = table["vacuumed"][0], table["peak"][0], table["after"][0]
    lines += [
        "",
        "### Goal creation (POST /api/goals/ under manager goals all over the largest trees)",
        "",
        "| writers | creates | creates/s | p50 | p95 | p99 | failures | load |",
        "|---|---|---|---|---|---|---|---|",
        f"| 1, one after another | {one['requests']} | {one['rps']:.1f} | {ms(one['p50'])} | {ms(one['p95'])} "
        f"| {ms(one['p99'])} | {one['failures']} | {load(serving['create_one']['load'])} |",
        f"| 20 without pause (closed loop) | {burst['requests']} | **{burst['rps']:.1f}** | {ms(burst['p50'])} "
        f"| **{ms(burst['p95'])}** | {ms(burst['p99'])} | {burst['failures']} | {load(serving['burst']['load'])} |",
        f"| 20 offering 12 creates/s together | {paced['requests']} | **{paced['rps']:.1f}** | {ms(paced['p50'])} "
        f"| **{ms(paced['p95'])}** | {ms(paced['p99'])} | {paced['failures']} "
        f"| {load(serving['burst_paced']['load'])} |",
        "",
        f"Target (20 writers, p95 < 200 ms, > 10 creates/s, tree intact): "
        f"throughput {verdict(max(burst['rps'], paced['rps']) > 10)}, p95 {verdict(paced['p95'] < 200)}, "
        f"tree {'intact' if integrity['problems'] == 0 else '**BROKEN**'} ({integrity['problems']} problems from "
        f"`core.tree_integrity.tree_problems` over {integrity['goals']:,} goals, {integrity['benchmark_drafts']:,} "
        f"drafts made by the benchmark, {integrity['waiting']} left waiting).",
        "",
        f"The goal table (with its indexes) through both bursts: {vacuumed / 2**20:.0f} MB vacuumed before, "
        f"{peak / 2**20:.0f} MB at its largest ({peak / vacuumed:.2f}x; target within 2x: "
        f"{verdict(peak <= 2 * vacuumed)}), {after / 2**20:.0f} MB after; dead rows at the end: {table['after'][2]:,}.",
    ]
    if "rows_written" in serving:
        inserted, updated = serving["rows_written"]
        lines += [
            "",
            f"Rows of the goal table written through both bursts: {inserted:,} inserted, {updated:,} updated "
            f"({updated / max(inserted, 1):,.1f} updated per goal created: roll-ups of the parents, and the goals "
            "moved by shifts where a parent's room ran out).",
        ]
    return lines
