"""docs/operations.md, "Backup and restore": a seeded database, dumped and restored into a fresh one, is the same."""

import subprocess
import uuid
from decimal import Decimal

import psycopg
import pytest
from django.db import connection

from goals.models import CheckIn, Goal
from tests.factories import AssumptionFactory, CheckInFactory

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads committed rows only


def snapshot(dsn: str) -> dict[str, list[tuple]]:
    """What makes the cascade: goals with their tree fields, check-ins, assumptions and their links."""
    goal, checkin = Goal._meta.db_table, CheckIn._meta.db_table
    links = Goal.assumptions.through._meta.db_table
    assumption = Goal._meta.get_field("assumptions").related_model._meta.db_table
    queries = {
        "goals": f"SELECT id, parent_id, tree_id, lft, rght, level, title, target, status, owner_id, cycle_id "
        f"FROM {goal} ORDER BY id",
        "checkins": f"SELECT id, goal_id, value, confidence, note FROM {checkin} ORDER BY id",
        "assumptions": f"SELECT id, statement, status FROM {assumption} ORDER BY id",
        "links": f"SELECT goal_id, assumption_id FROM {links} ORDER BY goal_id, assumption_id",
    }
    with psycopg.connect(dsn) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}


def dsn_of(database: str) -> str:
    settings = connection.settings_dict
    return f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{database}"


def test_a_dump_restored_into_a_fresh_database_is_the_same_cascade(people, cascade, tmp_path):
    assumption = AssumptionFactory(cycle=cascade.rep.cycle, statement="Churn stays under 8%")
    cascade.rep.assumptions.add(assumption)
    CheckInFactory(goal=cascade.rep, value=Decimal("120000"), note="Two renewals closed")
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restore_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "cascade.dump"
    admin = dsn_of("postgres")

    # The commands of docs/operations.md.
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", dsn_of(source)], check=True)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{restored}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={dsn_of(restored)}", dump], check=True
        )

        before, after = snapshot(dsn_of(source)), snapshot(dsn_of(restored))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')

    assert len(before["goals"]) == 5 and before["checkins"] and before["links"]
    assert after == before
