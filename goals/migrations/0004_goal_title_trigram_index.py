"""A trigram index on goal titles, so "title contains" searches stay fast at 100,000 goals.

PostgreSQL only (SQLite has no such index and scans small tables quickly anyway). The
index is on UPPER(title), the expression Django's icontains compares on PostgreSQL.
Where the database user may not create the pg_trgm extension, searches still work,
only slower; the migration says so instead of failing.
"""

from django.db import migrations, transaction

INDEX = "goals_goal_title_upper_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as error:  # noqa: BLE001 - a managed database may refuse extensions
        print(f"\n  Skipped the goal title search index: could not create the pg_trgm extension ({error}).")
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX} ON goals_goal USING gin ((UPPER("title"::text)) gin_trgm_ops)'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("goals", "0003_goal_comments")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
