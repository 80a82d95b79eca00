#!/usr/bin/env python3
"""Prototypes of the ways to make goal creation cheaper, measured on copies of the goal table.

    .venv/bin/python bench/create_options.py --database cascade_bench [--inserts 40]

Each option is a copy of ``goals_goal`` (or of its tree columns only) in the benchmark
database, shaped as the option says, and the same insertions are timed on every copy: the
space-making UPDATE django-mptt runs for an insert (``_manage_space``: every node to the
right of the insertion point in the tree moves by 2) plus the INSERT of the new row. The
insertion points are the right edges of random manager goals in the largest tree of this
year's cycle, as in the drafting season. Prints, per option, the median time of one insert,
the rows each shift touched, whether the updates were HOT, and how the table grew.

The copies are dropped at the end. Nothing here touches the real goal table.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time

import psycopg

SERVER = "postgres://postgres@127.0.0.1:5432"
WIDE_COLUMNS = "*"
TREE_COLUMNS = "id, parent_id, tree_id, lft, rght, level"

# The goal table's indexes as the migrations make them (0001 + 0004), by what they cover.
ALL_INDEXES = {
    "cycle_tier": "(cycle_id, tier)",
    "owner_cycle": "(owner_id, cycle_id)",
    "tree_lft": "(tree_id, lft)",
    "status": "(status)",
    "status_like": "(status varchar_pattern_ops)",
    "tree": "(tree_id)",
    "carried_over_from": "(carried_over_from_id)",
    "cycle": "(cycle_id)",
    "owner": "(owner_id)",
    "parent": "(parent_id)",
    "title_trgm": "USING gin ((UPPER(title::text)) gin_trgm_ops)",
    "carried_over_from_partial": "(carried_over_from_id) WHERE carried_over_from_id IS NOT NULL",
}
EXTERNAL_KEY = "CREATE UNIQUE INDEX {name} ON {table} (cycle_id, external_key) WHERE external_key <> ''"
REDUNDANT = {"status_like", "tree", "cycle", "owner"}


def options() -> list[dict]:
    """The designs compared: name, table shape, indexes, fillfactor."""
    lean = [name for name in ALL_INDEXES if name not in REDUNDANT]
    chosen = [name for name in lean if name != "carried_over_from"] + ["carried_over_from_partial"]
    return [
        {"name": "today: goal table, 13 indexes", "columns": WIDE_COLUMNS, "indexes": list(ALL_INDEXES), "ff": 100},
        {"name": "goal table, 4 redundant indexes dropped (9)", "columns": WIDE_COLUMNS, "indexes": lean, "ff": 100},
        {
            "name": "goal table, 9 indexes, one partial, fillfactor 85",
            "columns": WIDE_COLUMNS,
            "indexes": chosen,
            "ff": 85,
        },
        {
            "name": "goal table, 9 indexes, no trigram (8)",
            "columns": WIDE_COLUMNS,
            "indexes": [name for name in lean if name != "title_trgm"],
            "ff": 100,
        },
        {
            "name": "goal table, lft/rght in no index (HOT), fillfactor 70",
            "columns": WIDE_COLUMNS,
            "indexes": [name for name in lean if name != "tree_lft"] + ["tree"],
            "ff": 70,
        },
        {
            "name": "narrow tree table (id, parent, tree_id, lft, rght, level), 3 indexes",
            "columns": TREE_COLUMNS,
            "indexes": ["tree_lft", "parent"],
            "ff": 100,
        },
        {
            "name": "narrow tree table, lft/rght in no index (HOT), fillfactor 70",
            "columns": TREE_COLUMNS,
            "indexes": ["parent", "tree"],
            "ff": 70,
        },
    ]


def build(conn, table: str, option: dict) -> None:
    conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute(
        f"CREATE TABLE {table} WITH (fillfactor = {option['ff']}) AS SELECT {option['columns']} FROM goals_goal"
    )
    conn.execute(f"ALTER TABLE {table} ADD PRIMARY KEY (id)")
    for index in option["indexes"]:
        definition = ALL_INDEXES[index]
        if definition.startswith("USING"):
            conn.execute(f"CREATE INDEX ON {table} {definition}")
        else:
            conn.execute(f"CREATE INDEX ON {table} {definition}")
    if option["columns"] == WIDE_COLUMNS:
        conn.execute(EXTERNAL_KEY.format(name=f"{table}_ext", table=table))
    conn.execute(f"VACUUM ANALYZE {table}")


def stats(conn, table: str) -> dict:
    row = conn.execute(
        "SELECT n_tup_upd, n_tup_hot_upd, n_dead_tup, pg_total_relation_size(relid) FROM pg_stat_user_tables "
        "WHERE relname = %s",
        [table],
    ).fetchone()
    return {"updates": row[0], "hot": row[1], "dead": row[2], "bytes": row[3]}


def insertion_points(conn, count: int, seed: int) -> tuple[int, list[tuple[int, int, int]]]:
    """(tree_id, [(parent_id, parent_rght, level)]) for ``count`` manager goals of the largest tree."""
    tree_id = conn.execute(
        "SELECT g.tree_id FROM goals_goal g JOIN goals_cycle c ON c.id = g.cycle_id WHERE c.phase = 'active' "
        "GROUP BY g.tree_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    managers = conn.execute(
        "SELECT id FROM goals_goal WHERE tree_id = %s AND tier = 'manager' ORDER BY id", [tree_id]
    ).fetchall()
    rng = random.Random(seed)
    return tree_id, [row[0] for row in rng.sample(managers, count)]


def time_inserts(conn, table: str, tree_id: int, parents: list[int], wide: bool, offset: int = 0) -> list[dict]:
    template = conn.execute(
        "SELECT * FROM goals_goal WHERE tree_id = %s AND tier = 'rep' LIMIT 1", [tree_id]
    ).fetchone()
    columns = [d.name for d in conn.execute("SELECT * FROM goals_goal LIMIT 0").description]
    next_id = conn.execute(f"SELECT max(id) + 1000000 FROM {table}").fetchone()[0]
    rows = []
    for number, parent_id in enumerate(parents, start=offset):
        with conn.transaction():
            started = time.perf_counter()
            rght, level = conn.execute(f"SELECT rght, level FROM {table} WHERE id = %s", [parent_id]).fetchone()
            target = rght - 1
            shifted = conn.execute(
                f"UPDATE {table} SET lft = CASE WHEN lft > %(t)s THEN lft + 2 ELSE lft END, "
                f"rght = CASE WHEN rght > %(t)s THEN rght + 2 ELSE rght END "
                f"WHERE tree_id = %(tree)s AND (lft > %(t)s OR rght > %(t)s)",
                {"t": target, "tree": tree_id},
            ).rowcount
            values = dict(zip(columns, template, strict=True))
            values.update(id=next_id + number, parent_id=parent_id, lft=rght, rght=rght + 1, level=level + 1)
            if wide:
                values["title"] = f"Prototype goal {number} in {table}"
                names = columns
            else:
                names = ["id", "parent_id", "tree_id", "lft", "rght", "level"]
            placeholders = ", ".join(["%s"] * len(names))
            conn.execute(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({placeholders})", [values[n] for n in names]
            )
            seconds = time.perf_counter() - started
        rows.append({"seconds": seconds, "shifted": shifted})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="cascade_bench")
    parser.add_argument("--server", default=SERVER)
    parser.add_argument("--inserts", type=int, default=15, help="inserts timed per option (default %(default)s)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    chosen = options()
    with psycopg.connect(f"{args.server}/{args.database}", autocommit=True) as conn:
        conn.execute("SET max_parallel_workers_per_gather = 0")
        tree_id, parents = insertion_points(conn, args.inserts, args.seed)
        tables = [f"bench_create_option_{number}" for number in range(len(chosen))]
        for table, option in zip(tables, chosen, strict=True):
            build(conn, table, option)
        before = {table: stats(conn, table) for table in tables}
        timed: dict[str, list[dict]] = {table: [] for table in tables}
        baseline: list[float] = []
        load_before = os.getloadavg()
        # Round-robin: every option takes its turn at each insertion point, so load from other
        # work on the machine falls on all options alike; SELECT 1 is timed in every round.
        for number, parent_id in enumerate(parents):
            started = time.perf_counter()
            conn.execute("SELECT 1").fetchone()
            baseline.append(time.perf_counter() - started)
            for table, option in zip(tables, chosen, strict=True):
                wide = option["columns"] == WIDE_COLUMNS
                timed[table] += time_inserts(conn, table, tree_id, [parent_id], wide, number)
        time.sleep(0.7)  # let the statistics collector catch up
        load_after = os.getloadavg()
        results = []
        for table, option in zip(tables, chosen, strict=True):
            after = stats(conn, table)
            seconds = [row["seconds"] for row in timed[table]]
            results.append(
                {
                    "option": option["name"],
                    "median_ms": statistics.median(seconds) * 1000,
                    "p95_ms": percentile(seconds, 0.95) * 1000,
                    "rows_shifted": statistics.median(row["shifted"] for row in timed[table]),
                    "hot_share": (after["hot"] - before[table]["hot"])
                    / max(1, after["updates"] - before[table]["updates"]),
                    "size_before_mb": before[table]["bytes"] / 2**20,
                    "size_after_mb": after["bytes"] / 2**20,
                }
            )
            conn.execute(f"DROP TABLE {table}")
    summary = {
        "results": results,
        "select_1_ms": statistics.median(baseline) * 1000,
        "inserts": args.inserts,
        "load_before": load_before,
        "load_after": load_after,
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"SELECT 1: {summary['select_1_ms']:.2f} ms median; load {load_before} -> {load_after}")
        for result in results:
            print(
                f"{result['option']:<72} {result['median_ms']:7.1f} ms median {result['p95_ms']:7.1f} ms p95 "
                f"{result['rows_shifted']:>7,.0f} rows  HOT {result['hot_share']:4.0%}  "
                f"{result['size_before_mb']:.0f} -> {result['size_after_mb']:.0f} MB"
            )
    return 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


if __name__ == "__main__":
    sys.exit(main())
