"""JSON shapes of the committee, the Shadow Cabinet, its questions, meetings and the strategy room.

Goals appear by id and only when the caller may see them. A question's recommendations
are sealed (``recommendations_sealed: true``, an empty list, only the count) until the
committee publishes its decision, except for the cabinet's own seat holders.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Person
from assumptions.models import Assumption
from cabinet.models import (
    ActionItem,
    AgendaItem,
    CabinetMeeting,
    CommitteeQuestion,
    CommitteeRole,
    HighPerformerMark,
    QuestionOption,
    ShadowRecommendation,
    ShadowSeat,
)
from cabinet.selectors import cabinet_call
from goals.api.serializers import VisibleGoalField
from goals.models import Cycle
from goals.rules import can_view_goal

# --- the committee and high performers ------------------------------------------------------


class CommitteeRoleSerializer(serializers.ModelSerializer):
    holder = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), help_text="An executive.")
    holder_name = serializers.CharField(source="holder.full_name", read_only=True)
    objectives = VisibleGoalField(
        many=True, required=False, help_text="Corporate objectives in its portfolio (of any cycle) the caller may see."
    )
    assumptions = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Assumption.objects.all())

    class Meta:
        model = CommitteeRole
        fields = [
            "id",
            "title",
            "remit",
            "holder",
            "holder_name",
            "objectives",
            "assumptions",
            "position",
            "is_active",
            "created",
        ]
        read_only_fields = ["created"]


class HighPerformerMarkSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    is_high_performer = serializers.BooleanField(
        default=True, help_text="true marks the person a high performer; false takes the mark away."
    )
    reason = serializers.CharField(allow_blank=True, help_text="Why: kept in the person's history.")
    marked_by_name = serializers.CharField(source="marked_by.full_name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = HighPerformerMark
        fields = [
            "id",
            "person",
            "person_name",
            "is_high_performer",
            "reason",
            "marked_by",
            "marked_by_name",
            "created",
        ]
        read_only_fields = ["marked_by", "created"]


class CandidateSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="person.pk")
    full_name = serializers.CharField(source="person.full_name")
    role = serializers.CharField(source="person.role")
    region = serializers.CharField(source="person.region")
    is_high_performer = serializers.BooleanField(source="person.is_high_performer")
    score = serializers.FloatField(help_text="0..1: 60% attainment (capped at 150%), 30% discipline, 10% challenges.")
    attainment = serializers.FloatField(
        allow_null=True, help_text="Last cycle's weighted progress against target (1.0 = on target; up to 2.0)."
    )
    attainment_goals = serializers.IntegerField()
    attainment_cycle = serializers.CharField()
    checkins = serializers.IntegerField()
    checkins_expected = serializers.IntegerField(help_text="One per check-in interval per goal.")
    discipline = serializers.FloatField(allow_null=True, help_text="checkins / checkins_expected, at most 1.")
    discipline_cycle = serializers.CharField()
    accepted_challenges = serializers.IntegerField()
    evidence = serializers.ListField(child=serializers.CharField(), help_text="The reasons, as people read them.")


# --- seats ----------------------------------------------------------------------------------


class ShadowSeatSerializer(serializers.ModelSerializer):
    role_title = serializers.CharField(source="role.title", read_only=True)
    holder_name = serializers.CharField(source="holder.full_name", read_only=True)
    cycle = serializers.PrimaryKeyRelatedField(queryset=Cycle.objects.all())
    role = serializers.PrimaryKeyRelatedField(queryset=CommitteeRole.objects.all())
    holder = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), help_text="Someone marked high performer."
    )
    term_start = serializers.DateField(required=False, help_text="Today (or the cycle's start), when left out.")
    term_end = serializers.DateField(required=False, help_text="The cycle's end, when left out.")
    note = serializers.CharField(
        source="offer_note", required=False, allow_blank=True, help_text="Why this person; they read it with the offer."
    )
    last_day = serializers.DateField(read_only=True, help_text="The day it was vacated, or the planned end.")

    class Meta:
        model = ShadowSeat
        fields = [
            "id",
            "cycle",
            "role",
            "role_title",
            "holder",
            "holder_name",
            "term_start",
            "term_end",
            "last_day",
            "status",
            "note",
            "offered_by",
            "offered_at",
            "responded_at",
            "response_note",
            "ended_on",
            "ended_by",
            "end_reason",
            "refill_of",
        ]
        read_only_fields = [
            "status",
            "offered_by",
            "offered_at",
            "responded_at",
            "response_note",
            "ended_on",
            "ended_by",
            "end_reason",
            "refill_of",
        ]
        extra_kwargs = {
            "status": {
                "help_text": "offered until the person accepts or declines; an unanswered offer can be withdrawn; "
                "an accepted seat can be vacated (and then re-filled)."
            }
        }


class SeatAnswerInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SeatEndInput(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text="Why: it stays in the cabinet's history.")


class SeatWithdrawInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class SeatRefillInput(serializers.Serializer):
    holder = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    term_end = serializers.DateField(required=False, help_text="The vacated term's end, when left out.")
    note = serializers.CharField(required=False, allow_blank=True, default="")


# --- questions ------------------------------------------------------------------------------


class QuestionOptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuestionOption
        fields = ["id", "label"]


class RecommendationSerializer(serializers.ModelSerializer):
    role = serializers.IntegerField(source="seat.role_id", read_only=True)
    role_title = serializers.CharField(source="seat.role.title", read_only=True)
    author_name = serializers.CharField(source="author.full_name", read_only=True)
    option_label = serializers.CharField(source="option.label", read_only=True)

    class Meta:
        model = ShadowRecommendation
        fields = [
            "id",
            "seat",
            "role",
            "role_title",
            "author",
            "author_name",
            "option",
            "option_label",
            "reasoning",
            "created",
            "updated",
        ]
        read_only_fields = fields


class CommitteeQuestionSerializer(serializers.ModelSerializer):
    options = QuestionOptionSerializer(many=True, read_only=True)
    objectives = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Corporate objectives it concerns (those the caller may see)."
    )
    decision_label = serializers.CharField(source="decision.label", read_only=True, allow_null=True, default=None)
    outcome_label = serializers.CharField(source="outcome.label", read_only=True, allow_null=True, default=None)
    recommendation_count = serializers.SerializerMethodField(help_text="Seats that have recommended.")
    recommendations_sealed = serializers.SerializerMethodField(
        help_text="true until the committee publishes its decision (seat holders read them all along)."
    )
    recommendations = serializers.SerializerMethodField()
    cabinet_call = serializers.SerializerMethodField(
        help_text="The option most seats recommended; null if none did, if seats split evenly, or while sealed."
    )
    cabinet_split = serializers.SerializerMethodField(help_text="Seats split evenly between options.")
    agreed = serializers.SerializerMethodField(
        help_text="Once published: whether the cabinet's call matched the decision (null without a call)."
    )

    class Meta:
        model = CommitteeQuestion
        fields = [
            "id",
            "cycle",
            "title",
            "description",
            "role",
            "objectives",
            "assumptions",
            "due_date",
            "asked_by",
            "created",
            "options",
            "decision",
            "decision_label",
            "decision_rationale",
            "decided_by",
            "published_at",
            "recommendation_count",
            "recommendations_sealed",
            "recommendations",
            "cabinet_call",
            "cabinet_split",
            "agreed",
            "outcome",
            "outcome_label",
            "outcome_explanation",
            "outcome_by",
            "outcome_at",
        ]
        read_only_fields = fields

    def _sealed(self, question) -> bool:
        return not question.is_published and question.cycle_id not in self.context.get("seated_cycle_ids", set())

    def _recommendations(self, question) -> list:
        return list(question.recommendations.all())

    def get_recommendation_count(self, question) -> int:
        return len(self._recommendations(question))

    def get_recommendations_sealed(self, question) -> bool:
        return self._sealed(question)

    @extend_schema_field(RecommendationSerializer(many=True))
    def get_recommendations(self, question) -> list:
        if self._sealed(question):
            return []
        return RecommendationSerializer(self._recommendations(question), many=True, context=self.context).data

    def _call(self, question) -> tuple[int | None, bool]:
        if self._sealed(question):
            return None, False
        return cabinet_call(self._recommendations(question))

    def get_cabinet_call(self, question) -> int | None:
        return self._call(question)[0]

    def get_cabinet_split(self, question) -> bool:
        return self._call(question)[1]

    def get_agreed(self, question) -> bool | None:
        call, _ = self._call(question)
        if not question.is_published or call is None:
            return None
        return call == question.decision_id


class QuestionInput(serializers.Serializer):
    cycle = serializers.PrimaryKeyRelatedField(queryset=Cycle.objects.all())
    title = serializers.CharField(max_length=200, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    options = serializers.ListField(
        child=serializers.CharField(allow_blank=True), help_text="2 to 6 labels the committee chooses between."
    )
    due_date = serializers.DateField()
    role = serializers.PrimaryKeyRelatedField(queryset=CommitteeRole.objects.all(), required=False, allow_null=True)
    objectives = VisibleGoalField(many=True, required=False, help_text="Corporate objectives of the cycle.")
    assumptions = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Assumption.objects.all())


class QuestionUpdateInput(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    options = serializers.ListField(
        child=serializers.CharField(allow_blank=True), required=False, help_text="Only while nobody has recommended."
    )
    due_date = serializers.DateField(required=False)
    role = serializers.PrimaryKeyRelatedField(queryset=CommitteeRole.objects.all(), required=False, allow_null=True)
    objectives = VisibleGoalField(many=True, required=False)
    assumptions = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Assumption.objects.all())


class RecommendInput(serializers.Serializer):
    option = serializers.IntegerField(help_text="One of the question's option ids.")
    reasoning = serializers.CharField(allow_blank=True)


class DecideInput(serializers.Serializer):
    option = serializers.IntegerField(help_text="One of the question's option ids.")
    rationale = serializers.CharField(allow_blank=True)


class OutcomeInput(serializers.Serializer):
    option = serializers.IntegerField(
        allow_null=True, help_text="The option that proved right; null when neither call was."
    )
    explanation = serializers.CharField(allow_blank=True)


# --- meetings and action items --------------------------------------------------------------


class AgendaItemSerializer(serializers.ModelSerializer):
    objective = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "position", "kind", "title", "detail", "objective", "assumption", "question"]
        read_only_fields = fields

    def get_objective(self, item) -> int | None:
        request = self.context.get("request")
        if item.objective is None or request is None or not can_view_goal(request.user, item.objective):
            return None
        return item.objective_id


class ActionItemSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    meeting = serializers.PrimaryKeyRelatedField(queryset=CabinetMeeting.objects.select_related("cycle"))
    done = serializers.BooleanField(source="is_done", read_only=True)

    class Meta:
        ref_name = "CabinetActionItem"  # the cabinet and territory plans both have action items
        model = ActionItem
        fields = [
            "id",
            "meeting",
            "title",
            "owner",
            "owner_name",
            "due_date",
            "done",
            "done_at",
            "done_by",
            "created_by",
            "created",
        ]
        read_only_fields = ["done_at", "done_by", "created_by", "created"]


class CabinetMeetingSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(
        choices=["scheduled", "agenda_published", "held"], read_only=True, help_text="held once minutes are recorded."
    )
    agenda = AgendaItemSerializer(source="agenda_items", many=True, read_only=True)
    action_items = ActionItemSerializer(many=True, read_only=True)

    class Meta:
        model = CabinetMeeting
        fields = [
            "id",
            "cycle",
            "title",
            "scheduled_for",
            "location",
            "organiser",
            "status",
            "agenda_published_at",
            "agenda",
            "minutes",
            "minutes_by",
            "minutes_at",
            "action_items",
            "created",
        ]
        read_only_fields = [
            "organiser",
            "agenda_published_at",
            "minutes",
            "minutes_by",
            "minutes_at",
            "created",
        ]


class AgendaPointInput(serializers.Serializer):
    title = serializers.CharField(max_length=300, allow_blank=True)
    detail = serializers.CharField(required=False, allow_blank=True, default="")


class MinutesInput(serializers.Serializer):
    minutes = serializers.CharField(allow_blank=True)


# --- the strategy room and track records ---------------------------------------------------


class ProgressPointSerializer(serializers.Serializer):
    day = serializers.DateField()
    progress = serializers.FloatField()
    is_live = serializers.BooleanField(help_text="Today's figure, read from the objective (not a stored snapshot).")


class StatusCountSerializer(serializers.Serializer):
    status = serializers.CharField()
    count = serializers.IntegerField()


class RoomAssumptionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    statement = serializers.CharField()
    status = serializers.CharField()
    open_challenges = serializers.IntegerField(source="open_challenge_count")
    endorsements = serializers.IntegerField(
        source="open_endorsement_count", help_text="Endorsements of its open challenges."
    )


class RoomCourseCorrectionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    goal = serializers.IntegerField(source="goal_id")
    goal_title = serializers.CharField(source="goal.title")
    owner_name = serializers.CharField(source="goal.owner.full_name")
    proposed_target = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    challenge = serializers.IntegerField(source="challenge_id")


class RoomCommitteeSerializer(serializers.Serializer):
    role = serializers.IntegerField(source="role.pk")
    title = serializers.CharField(source="role.title")
    holder_name = serializers.CharField(source="role.holder.full_name")
    shadows = serializers.SerializerMethodField(help_text="Names of the people shadowing the role today.")

    def get_shadows(self, seat) -> list[str]:
        return [shadow.holder.full_name for shadow in seat.shadows]


class ObjectiveRoomSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="objective.pk")
    title = serializers.CharField(source="objective.title")
    owner = serializers.IntegerField(source="objective.owner_id")
    owner_name = serializers.CharField(source="objective.owner.full_name")
    metric = serializers.CharField(source="objective.metric")
    unit = serializers.CharField(source="objective.unit")
    target = serializers.DecimalField(source="objective.target", max_digits=16, decimal_places=2)
    baseline_target = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, help_text="Its target in the workshop's baseline."
    )
    rolled_up_progress = serializers.FloatField(source="progress")
    elapsed = serializers.FloatField(help_text="Share of the cycle gone by, 0..1.")
    pace = serializers.ChoiceField(choices=["ahead", "on_pace", "behind", "off_pace", "not_started"])
    gap = serializers.FloatField(help_text="rolled_up_progress - elapsed.")
    projected = serializers.FloatField(allow_null=True, help_text="Progress at the cycle's end at this pace.")
    open_flags = serializers.IntegerField(help_text="Open alignment flags in its subtree, on goals the caller may see.")
    critical_flags = serializers.IntegerField()
    history = ProgressPointSerializer(many=True, help_text="Daily snapshots, then today's figure.")
    assumptions_by_status = StatusCountSerializer(source="assumption_counts", many=True)
    assumptions = RoomAssumptionSerializer(many=True)
    course_correction_count = serializers.IntegerField(help_text="Accepted course corrections waiting on its goals.")
    course_corrections = RoomCourseCorrectionSerializer(many=True, help_text="The first of them, oldest first.")
    committee = RoomCommitteeSerializer(many=True)


class StrategyRoomSerializer(serializers.Serializer):
    cycle = serializers.IntegerField(source="cycle.pk")
    cycle_name = serializers.CharField(source="cycle.name")
    day = serializers.DateField()
    elapsed = serializers.FloatField()
    objectives = ObjectiveRoomSerializer(
        source="shown", many=True, help_text="The objectives kept by ?pace=, in the ?order= asked for."
    )
    unlinked_assumptions = RoomAssumptionSerializer(many=True, help_text="Assumptions under no objective you can see.")
    baseline_frozen_at = serializers.DateTimeField(source="baseline.frozen_at", allow_null=True, default=None)
    drift = serializers.SerializerMethodField(
        help_text="Changes per kind since the workshop's baseline (null without one)."
    )

    @extend_schema_field({"type": "object", "nullable": True, "additionalProperties": {"type": "integer"}})
    def get_drift(self, room) -> dict | None:
        return dict(room.drift.counts) if room.drift is not None else None


class SeatRecordSerializer(serializers.Serializer):
    seat = serializers.IntegerField(source="seat.pk")
    role = serializers.IntegerField(source="seat.role_id")
    role_title = serializers.CharField(source="seat.role.title")
    holder = serializers.IntegerField(source="seat.holder_id")
    holder_name = serializers.CharField(source="seat.holder.full_name")
    term_start = serializers.DateField(source="seat.term_start")
    last_day = serializers.DateField(source="seat.last_day")
    recommended = serializers.IntegerField(help_text="Recommendations on published questions.")
    agreed = serializers.IntegerField()
    diverged = serializers.IntegerField()
    judged = serializers.IntegerField(help_text="Of those, with an outcome recorded.")
    right = serializers.IntegerField(help_text="Recommendations the outcome proved right.")


class CabinetRecordSerializer(serializers.Serializer):
    decided = serializers.IntegerField(help_text="Published decisions.")
    calls = serializers.IntegerField(help_text="Decisions the cabinet made a call on (a majority of its seats).")
    agreed = serializers.IntegerField()
    diverged = serializers.IntegerField()
    split = serializers.IntegerField(help_text="Seats split evenly.")
    unanswered = serializers.IntegerField(help_text="No seat recommended.")
    judged = serializers.IntegerField(help_text="Decisions with an outcome recorded.")
    cabinet_right = serializers.IntegerField()
    committee_right = serializers.IntegerField()
    diverged_and_right = serializers.IntegerField(help_text="The cabinet diverged from the committee, and was right.")


class TrackRecordSerializer(serializers.Serializer):
    cycle = serializers.IntegerField(source="cycle.pk")
    seats = SeatRecordSerializer(many=True)
    cabinet = CabinetRecordSerializer()
