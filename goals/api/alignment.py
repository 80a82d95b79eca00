"""JSON shapes of the alignment scan's actions on cycles: ``scan/`` and ``alignment/`` (API.md)."""

from rest_framework import serializers

from goals.models import FlagKind, Severity, Tier


class CountsField(serializers.DictField):
    """Counts keyed by kind, severity or tier: ``{"orphan": 3, "cross_cycle": 0, ...}``."""

    child = serializers.IntegerField()

    def to_representation(self, rows) -> dict[str, int]:
        return {row.key: row.open_flags for row in rows}


class ScanResultSerializer(serializers.Serializer):
    cycle = serializers.IntegerField(source="cycle_id")
    opened = serializers.IntegerField(help_text="Flags this scan opened (new causes, or causes that returned).")
    updated = serializers.IntegerField(help_text="Open flags whose message or severity changed with the numbers.")
    resolved = serializers.IntegerField(help_text="Flags whose cause went away; they are kept, with resolved_at.")
    open_flags = serializers.IntegerField(help_text="Flags open in the cycle after the scan.")
    seconds = serializers.FloatField()


class ScanQueuedSerializer(serializers.Serializer):
    cycle = serializers.IntegerField(source="cycle_id")
    task_id = serializers.CharField(help_text="The Celery task that runs the scan on a worker.")
    delayed = serializers.BooleanField(
        help_text="True when the broker could not be reached: the scan waits and runs when the worker is back."
    )


class TeamCountSerializer(serializers.Serializer):
    team = serializers.CharField(source="key", help_text='The owners\' region/team ("No region" when blank).')
    open_flags = serializers.IntegerField()


class TrendPointSerializer(serializers.Serializer):
    day = serializers.DateField()
    open_flags = serializers.IntegerField()
    goals = serializers.IntegerField(help_text="Company-visible goals in the cycle that day.")
    by_kind = serializers.DictField(child=serializers.IntegerField(), source="open_by_kind")


class SubtreeSerializer(serializers.Serializer):
    goal = serializers.IntegerField(source="goal_id")
    title = serializers.CharField()
    tier = serializers.ChoiceField(choices=Tier.choices)
    owner_name = serializers.CharField()
    open_flags = serializers.IntegerField(help_text="Open flags on the goal and everything under it.")


class AlignmentHealthSerializer(serializers.Serializer):
    """Open flags of a cycle on the goals the caller may see; the trend counts company-visible goals only."""

    cycle = serializers.IntegerField(source="cycle.pk")
    open_flags = serializers.IntegerField()
    by_kind = CountsField(help_text=f"Open flags per kind: {', '.join(FlagKind.values)}.")
    by_severity = CountsField(help_text=f"Open flags per severity: {', '.join(Severity.values)}.")
    by_tier = CountsField(help_text=f"Open flags per tier of the flagged goal: {', '.join(Tier.values)}.")
    by_team = TeamCountSerializer(many=True, source="by_region", help_text="Most flags first.")
    trend = TrendPointSerializer(many=True, help_text="One point a day, oldest first.")
    worst_subtrees = SubtreeSerializer(
        many=True, help_text="Executive, then manager goals with the most open flags in their subtree."
    )
    last_changed_at = serializers.DateTimeField(
        allow_null=True, help_text="When a scan last opened, updated or resolved a flag of the cycle (null: never)."
    )


class AlignmentHealthQuery(serializers.Serializer):
    days = serializers.IntegerField(
        min_value=1, max_value=366, default=90, help_text="How many days of trend to return (1 to 366; default 90)."
    )
