"""JSON shapes of assumptions, their revisions, challenges, comments and change requests (API.md).

Goals appear by id, and only those the caller may see: a private goal out of the caller's
sight is left out of ``goals``, ``proposed_changes`` and the revision history alike.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Person
from assumptions.models import (
    Assumption,
    AssumptionRevision,
    AssumptionStatus,
    Challenge,
    ChallengeStatus,
    ChangeRequest,
    Comment,
    Confidence,
)
from assumptions.services import RESOLUTION_OUTCOMES
from goals.api.serializers import VisibleGoalField

# What the assumption's owner may answer a challenge with.
CHALLENGE_ANSWERS = [(status.value, status.label) for status in (ChallengeStatus.ACCEPTED, ChallengeStatus.DECLINED)]

# Fields an assumption keeps for life; edits that try to change them are refused.
FIXED_ASSUMPTION_FIELDS = {
    "cycle": "An assumption stays in its cycle; write a new one for another cycle.",
    "owner": "An assumption keeps its owner.",
}


class AssumptionSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, help_text="An executive; defaults to the caller."
    )
    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    status = serializers.ChoiceField(
        choices=AssumptionStatus.choices,
        required=False,
        help_text="A new assumption starts active. Its owner may set active, under_review, upheld, revised or "
        "retired (not active or upheld while challenges are open); challenged follows from open challenges.",
    )
    goals = VisibleGoalField(
        many=True,
        required=False,
        help_text="Ids of the goals resting on it (of its cycle). Only goals the caller may see are listed; "
        "an edit keeps links to goals out of the caller's sight.",
    )
    note = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="On edits: why, kept with the revision.",
    )
    open_challenge_count = serializers.IntegerField(read_only=True, help_text="Challenges waiting for an answer.")
    challenge_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Assumption
        fields = [
            "id",
            "cycle",
            "statement",
            "rationale",
            "evidence",
            "owner",
            "owner_name",
            "confidence",
            "status",
            "goals",
            "revision",
            "note",
            "open_challenge_count",
            "challenge_count",
            "created",
            "updated",
        ]
        read_only_fields = ["revision", "created", "updated"]
        extra_kwargs = {"revision": {"help_text": "Number of the latest revision; see revisions/."}}

    def validate(self, attrs):
        assumption = self.instance
        errors = {}
        if assumption is None:
            if attrs.get("status", AssumptionStatus.ACTIVE) != AssumptionStatus.ACTIVE:
                errors["status"] = "A new assumption starts active; change its status once it is written down."
        else:
            for name, message in FIXED_ASSUMPTION_FIELDS.items():
                if name in attrs and attrs[name] != getattr(assumption, name):
                    errors[name] = message
        cycle = attrs.get("cycle") or (assumption.cycle if assumption else None)
        wrong_cycle = [goal for goal in attrs.get("goals", []) if cycle and goal.cycle_id != cycle.pk]
        if wrong_cycle:
            errors["goals"] = [f"Goal {goal.pk} belongs to another cycle than {cycle}." for goal in wrong_cycle]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class AssumptionRevisionSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.full_name", read_only=True, allow_null=True, default=None)
    changes = serializers.SerializerMethodField(
        help_text='Each changed field with its old and new value: {"status": ["active", "challenged"]}; '
        "goals as lists of goal ids (only goals the caller may see). Revision 1 has null old values."
    )

    class Meta:
        model = AssumptionRevision
        fields = ["id", "number", "author", "author_name", "created", "changes", "note", "challenge"]
        read_only_fields = fields

    @extend_schema_field(
        {"type": "object", "additionalProperties": {"type": "array", "items": {}, "minItems": 2, "maxItems": 2}}
    )
    def get_changes(self, revision) -> dict:
        changes = dict(revision.changes)
        if "goals" in changes:
            visible = self.context.get("visible_goal_ids")
            old, new = (
                None if ids is None else [pk for pk in ids if visible is None or pk in visible]
                for ids in changes["goals"]
            )
            if old == new:
                del changes["goals"]  # only goals out of the caller's sight changed
            else:
                changes["goals"] = [old, new]
        return changes


class ProposedChangeSerializer(serializers.ModelSerializer):
    """A course correction for one goal: when the challenge is proposed, and after it is decided."""

    goal = VisibleGoalField(help_text="A goal of the assumption's cycle that the caller may see.")
    proposed_target = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True, help_text="The target the goal should have."
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="What should change, in words."
    )

    class Meta:
        model = ChangeRequest
        fields = ["id", "goal", "proposed_target", "note", "status"]
        read_only_fields = ["id", "status"]
        extra_kwargs = {
            "status": {
                "help_text": "proposed while the challenge is open; pending once it is accepted (for the goal's "
                "owner); applied or declined by them; withdrawn when the challenge is declined; "
                "superseded when another target change on the same goal was applied first."
            }
        }


class ChallengeSerializer(serializers.ModelSerializer):
    assumption = serializers.PrimaryKeyRelatedField(queryset=Assumption.objects.select_related("cycle"))
    author_name = serializers.CharField(source="author.full_name", read_only=True)
    outcome = serializers.ChoiceField(
        choices=AssumptionStatus.choices,
        allow_blank=True,
        read_only=True,
        help_text="The assumption's status the answer led to; empty while the challenge is open.",
    )
    endorsement_count = serializers.IntegerField(read_only=True, help_text="People who endorse it.")
    endorsed_by_me = serializers.BooleanField(read_only=True, help_text="The caller endorses it.")
    proposed_changes = ProposedChangeSerializer(
        many=True,
        required=False,
        source="visible_change_requests",
        help_text="Course corrections for goals resting on the assumption: a target, a note, or both. "
        "Only those on goals the caller may see are listed.",
    )

    class Meta:
        model = Challenge
        fields = [
            "id",
            "assumption",
            "author",
            "author_name",
            "claim",
            "evidence",
            "course_correction",
            "proposed_changes",
            "status",
            "response",
            "outcome",
            "resolved_by",
            "resolved_at",
            "endorsement_count",
            "endorsed_by_me",
            "created",
        ]
        read_only_fields = ["author", "status", "response", "outcome", "resolved_by", "resolved_at", "created"]
        extra_kwargs = {
            "status": {"help_text": "open until the assumption's owner accepts or declines it (resolve/)."},
        }


class ChallengeResolveInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=CHALLENGE_ANSWERS, help_text="accepted or declined.")
    response = serializers.CharField(
        allow_blank=True, help_text="Why: shown to the people who raised and endorsed the challenge."
    )
    outcome = serializers.ChoiceField(
        choices=list(RESOLUTION_OUTCOMES),
        required=False,
        help_text="When accepted: revised (the default) or retired.",
    )
    statement = serializers.CharField(required=False, max_length=300, help_text="When accepted: the new statement.")
    rationale = serializers.CharField(required=False, allow_blank=True)
    evidence = serializers.CharField(required=False, allow_blank=True)
    confidence = serializers.ChoiceField(choices=Confidence.choices, required=False)

    def validate(self, attrs):
        if attrs["status"] == ChallengeStatus.DECLINED:
            given = [name for name in ("outcome", "statement", "rationale", "evidence", "confidence") if name in attrs]
            if given:
                raise serializers.ValidationError(
                    dict.fromkeys(given, "A declined challenge leaves the assumption as it is.")
                )
        return attrs


class CommentSerializer(serializers.ModelSerializer):
    challenge = serializers.PrimaryKeyRelatedField(queryset=Challenge.objects.select_related("assumption__cycle"))
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Comment.objects.all(),
        required=False,
        allow_null=True,
        help_text="The comment this one answers, in the same thread; null for a reply to the challenge itself.",
    )
    author_name = serializers.CharField(source="author.full_name", read_only=True)
    body = serializers.CharField(max_length=4000, allow_blank=True, help_text="Empty once the comment is removed.")
    removed = serializers.BooleanField(source="is_removed", read_only=True, help_text="Its author removed it.")
    depth = serializers.IntegerField(source="level", read_only=True, help_text="0 for a reply to the challenge.")

    class Meta:
        model = Comment
        fields = [
            "id",
            "challenge",
            "parent",
            "author",
            "author_name",
            "body",
            "created",
            "edited_at",
            "removed",
            "depth",
        ]
        read_only_fields = ["author", "created", "edited_at"]


class CommentEditInput(serializers.Serializer):
    body = serializers.CharField(max_length=4000, allow_blank=True)
    challenge = serializers.IntegerField(required=False, help_text="Fixed: a comment stays in its thread.")
    parent = serializers.IntegerField(required=False, allow_null=True, help_text="Fixed: a reply stays where it is.")

    def validate(self, attrs):
        comment = self.context["comment"]
        errors = {}
        if "challenge" in attrs and attrs["challenge"] != comment.challenge_id:
            errors["challenge"] = "A comment stays in its thread."
        if "parent" in attrs and attrs["parent"] != comment.parent_id:
            errors["parent"] = "A reply stays where it was posted."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class ChangeRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChangeRequest
        fields = [
            "id",
            "challenge",
            "goal",
            "proposed_target",
            "note",
            "status",
            "previous_target",
            "decided_by",
            "decided_at",
            "decision_note",
            "created",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "status": {
                "help_text": "proposed while the challenge is open; pending once it is accepted; applied or "
                "declined by the goal's owner or their managers; withdrawn when the challenge is declined; "
                "superseded when another target change on the same goal was applied first."
            },
            "previous_target": {"help_text": "The goal's target before the change was applied."},
        }


class ChangeRequestApplyInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="Optional: a word on it.")


class ChangeRequestDeclineInput(serializers.Serializer):
    note = serializers.CharField(allow_blank=True, help_text="Why the goal keeps its course.")
