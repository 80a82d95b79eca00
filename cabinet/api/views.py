"""The Shadow Cabinet over the API, under /api/cabinet/.

Everyone signed in reads the committee, the seats, the questions with their published
decisions, the meetings and the strategy room; recommendations stay sealed until the
decision is published. Every write is a service of cabinet/services.py, which checks
the rules again, so the API and the pages cannot disagree.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Person
from cabinet import services
from cabinet.api.filters import (
    ActionItemFilter,
    HighPerformerMarkFilter,
    MeetingFilter,
    QuestionFilter,
    ShadowSeatFilter,
)
from cabinet.api.serializers import (
    ActionItemSerializer,
    AgendaPointInput,
    CabinetMeetingSerializer,
    CandidateSerializer,
    CommitteeQuestionSerializer,
    CommitteeRoleSerializer,
    DecideInput,
    HighPerformerMarkSerializer,
    MinutesInput,
    OutcomeInput,
    QuestionInput,
    QuestionUpdateInput,
    RecommendInput,
    SeatAnswerInput,
    SeatEndInput,
    SeatRefillInput,
    SeatWithdrawInput,
    ShadowSeatSerializer,
    StrategyRoomSerializer,
    TrackRecordSerializer,
)
from cabinet.candidates import suggest_candidates
from cabinet.forms import StrategyRoomViewForm
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
from cabinet.selectors import may, track_record
from cabinet.strategy_room import RoomOrder, RoomPaceFilter, strategy_room
from core.api.views import ServiceActionMixin
from goals.models import Cycle, Goal
from goals.selectors import current_cycle

CYCLE_PARAMETER = OpenApiParameter(
    "cycle", int, required=False, description="The cycle's id; the one in play now when left out."
)


def _cycle_from(request) -> Cycle:
    raw = request.query_params.get("cycle", "")
    if raw:
        if not raw.isdigit():
            raise ValidationError({"cycle": ["Give the cycle's id: ?cycle=<id>."]})
        return get_object_or_404(Cycle, pk=int(raw))
    cycle = current_cycle()
    if cycle is None:
        raise NotFound("There is no cycle yet.")
    return cycle


def _visible_objectives(person) -> Prefetch:
    return Prefetch("objectives", queryset=Goal.objects.visible_to(person).only("id"))


# --- the committee and high performers ------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Roles of the Executive Strategy Committee"),
    retrieve=extend_schema(summary="One committee role"),
    create=extend_schema(summary="Add a committee role (executives and admins)"),
    update=extend_schema(summary="Change a committee role (executives and admins); is_active=false retires it"),
    partial_update=extend_schema(summary="Change some of a committee role's fields"),
)
class CommitteeRoleViewSet(
    ServiceActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """No delete: a retired role keeps its seats, questions and track record."""

    serializer_class = CommitteeRoleSerializer

    def get_queryset(self):
        return (
            CommitteeRole.objects.select_related("holder")
            .prefetch_related(_visible_objectives(self.request.user), "assumptions")
            .order_by("position", "title", "pk")
        )

    def create(self, request, *args, **kwargs):
        data = dict(self.validated_input(CommitteeRoleSerializer))
        data.pop("is_active", None)
        role = services.committee_role_create(actor=request.user, **data)
        return self.object_response(role, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        role = self.get_object()
        serializer = self.get_serializer(role, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        if "objectives" in changes:
            # Objectives out of the caller's sight were not shown to them; the edit keeps them.
            visible = Goal.objects.visible_to(request.user).values("pk")
            changes["objectives"] = [*changes["objectives"], *role.objectives.exclude(pk__in=visible)]
        services.committee_role_update(actor=request.user, role=role, **changes)
        return self.object_response(role)


@extend_schema_view(
    list=extend_schema(
        summary="High-performer marks: who marked whom, when and why",
        description="The caller's own history, that of the people under them, and everyone's for executives and "
        "admins.",
    ),
    retrieve=extend_schema(summary="One high-performer mark"),
    create=extend_schema(
        summary="Mark (or unmark) someone a high performer",
        description="Managers mark the people under them; executives and admins anyone; nobody themselves. "
        "Always with a reason. The person's is_high_performer follows.",
    ),
)
class HighPerformerMarkViewSet(
    ServiceActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = HighPerformerMarkSerializer
    filterset_class = HighPerformerMarkFilter

    def get_queryset(self):
        person = self.request.user
        marks = HighPerformerMark.objects.select_related("person", "marked_by").order_by("-created", "-pk")
        if getattr(self, "swagger_fake_view", False) or person.is_staff or person.is_executive:
            return marks
        under = Q(person__tree_id=person.tree_id, person__lft__gt=person.lft, person__rght__lt=person.rght)
        return marks.filter(Q(person=person) | under)

    def create(self, request, *args, **kwargs):
        data = self.validated_input(HighPerformerMarkSerializer)
        mark = services.high_performer_mark(
            actor=request.user,
            person=data["person"],
            is_high_performer=data["is_high_performer"],
            reason=data["reason"],
        )
        return self.object_response(mark, status_code=status.HTTP_201_CREATED)


class CandidateList(generics.GenericAPIView):
    """People to consider for the cabinet, best first, with the evidence: attainment, discipline, challenges."""

    serializer_class = CandidateSerializer
    queryset = Person.objects.none()  # candidates are computed (cabinet/candidates.py); this names the model

    @extend_schema(
        summary="Candidates for the Shadow Cabinet, suggested from data",
        description="Executives and admins see everyone; managers the people under them. A person is suggested "
        "once they beat last cycle's target (company-visible goals) or had a challenge accepted; people holding or "
        "offered a seat are left out.",
        parameters=[CYCLE_PARAMETER],
        responses=CandidateSerializer(many=True),
    )
    def get(self, request):
        if not may(request.user, "cabinet.view_candidates"):
            raise PermissionDenied("Executives, admins and managers (for their own people) see the candidates.")
        cycle = _cycle_from(request)
        suggestions = suggest_candidates(cycle, request.user, limit=100)
        page = self.paginate_queryset(suggestions.candidates)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


# --- seats ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Terms in the Shadow Cabinet's seats (every offer, held, declined or vacated)"),
    retrieve=extend_schema(summary="One term in a seat"),
    create=extend_schema(
        summary="Offer a seat (executives and admins)",
        description="To someone marked high performer, for a term within the cycle that overlaps no other live "
        "term of the same seat, at a time they hold no other seat. They accept or decline it.",
    ),
)
class ShadowSeatViewSet(
    ServiceActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ShadowSeatSerializer
    filterset_class = ShadowSeatFilter

    def get_queryset(self):
        return ShadowSeat.objects.select_related("role", "holder", "cycle").order_by(
            "cycle", "role", "term_start", "pk"
        )

    def create(self, request, *args, **kwargs):
        data = self.validated_input(ShadowSeatSerializer)
        seat = services.seat_offer(
            actor=request.user,
            cycle=data["cycle"],
            role=data["role"],
            holder=data["holder"],
            term_start=data.get("term_start"),
            term_end=data.get("term_end"),
            note=data.get("offer_note", ""),
        )
        return self.object_response(seat, status_code=status.HTTP_201_CREATED)

    @extend_schema(summary="Accept the seat offered to you", request=SeatAnswerInput, responses=ShadowSeatSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def accept(self, request, pk=None):
        seat = services.seat_accept(actor=request.user, seat=self.get_object(), **self.validated_input(SeatAnswerInput))
        return self.object_response(seat)

    @extend_schema(summary="Decline the seat offered to you", request=SeatAnswerInput, responses=ShadowSeatSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def decline(self, request, pk=None):
        seat = services.seat_decline(
            actor=request.user, seat=self.get_object(), **self.validated_input(SeatAnswerInput)
        )
        return self.object_response(seat)

    @extend_schema(
        summary="Withdraw an unanswered offer (executives and admins)",
        request=SeatWithdrawInput,
        responses=ShadowSeatSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def withdraw(self, request, pk=None):
        seat = services.seat_withdraw(
            actor=request.user, seat=self.get_object(), **self.validated_input(SeatWithdrawInput)
        )
        return self.object_response(seat)

    @extend_schema(
        summary="Vacate a held seat: the holder steps down, or an executive or admin ends the term",
        request=SeatEndInput,
        responses=ShadowSeatSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def vacate(self, request, pk=None):
        seat = services.seat_vacate(actor=request.user, seat=self.get_object(), **self.validated_input(SeatEndInput))
        return self.object_response(seat)

    @extend_schema(
        summary="Re-fill an empty seat: offer the rest of its term to someone else (executives and admins)",
        request=SeatRefillInput,
        responses={201: ShadowSeatSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def refill(self, request, pk=None):
        seat = services.seat_refill(actor=request.user, seat=self.get_object(), **self.validated_input(SeatRefillInput))
        return self.object_response(seat, status_code=status.HTTP_201_CREATED)


# --- questions ------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Questions before the committee, with decisions, recommendations and outcomes"),
    retrieve=extend_schema(summary="One committee question"),
)
class CommitteeQuestionViewSet(ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    """Recommendations are sealed until the decision is published (seat holders read them all along)."""

    serializer_class = CommitteeQuestionSerializer
    filterset_class = QuestionFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        recommendations = ShadowRecommendation.objects.select_related("seat__role", "author", "option").order_by(
            "created", "pk"
        )
        return (
            CommitteeQuestion.objects.select_related("decision", "outcome")
            .prefetch_related(
                Prefetch("options", queryset=QuestionOption.objects.order_by("position", "pk")),
                _visible_objectives(self.request.user),
                "assumptions",
                Prefetch("recommendations", queryset=recommendations),
            )
            .order_by("due_date", "pk")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        if user.is_authenticated:
            held = ShadowSeat.objects.held_on(timezone.localdate()).filter(holder=user)
            context["seated_cycle_ids"] = set(held.values_list("cycle_id", flat=True))
        return context

    @extend_schema(
        summary="Put a question to the committee (committee members and admins)",
        request=QuestionInput,
        responses={201: CommitteeQuestionSerializer},
    )
    def create(self, request, *args, **kwargs):
        question = services.question_create(actor=request.user, **self.validated_input(QuestionInput))
        return self.object_response(question, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Edit a question until its decision is published (options only while nobody has recommended)",
        request=QuestionUpdateInput,
        responses=CommitteeQuestionSerializer,
    )
    def partial_update(self, request, *args, **kwargs):
        question = self.get_object()
        services.question_update(actor=request.user, question=question, **self.validated_input(QuestionUpdateInput))
        return self.object_response(question)

    @extend_schema(
        summary="Record (or change) your seat's recommendation, until the decision is published",
        description="Seat holders of the question's cycle only. 409 once the decision is published.",
        request=RecommendInput,
        responses=CommitteeQuestionSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def recommend(self, request, pk=None):
        question = self.get_object()
        services.recommendation_record(actor=request.user, question=question, **self.validated_input(RecommendInput))
        return self.object_response(question)

    @extend_schema(
        summary="Publish the committee's decision (committee members)",
        description="Reveals the cabinet's recommendations beside it; the seats that recommended are told.",
        request=DecideInput,
        responses=CommitteeQuestionSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def decide(self, request, pk=None):
        question = self.get_object()
        services.question_decide(actor=request.user, question=question, **self.validated_input(DecideInput))
        return self.object_response(question)

    @extend_schema(
        summary="Record the outcome: which call proved right, and why (committee members or seat holders)",
        request=OutcomeInput,
        responses=CommitteeQuestionSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def outcome(self, request, pk=None):
        question = self.get_object()
        services.question_record_outcome(actor=request.user, question=question, **self.validated_input(OutcomeInput))
        return self.object_response(question)


# --- meetings and action items --------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Cabinet meetings, latest first"),
    retrieve=extend_schema(summary="One meeting with its agenda, minutes and action items"),
    create=extend_schema(summary="Schedule a meeting (seat holders, committee members and admins)"),
)
class CabinetMeetingViewSet(
    ServiceActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = CabinetMeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self):
        return (
            CabinetMeeting.objects.select_related("cycle")
            .prefetch_related(
                Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("objective__owner")),
                Prefetch(
                    "action_items", queryset=ActionItem.objects.select_related("owner").order_by("due_date", "pk")
                ),
            )
            .order_by("-scheduled_for", "-pk")
        )

    def create(self, request, *args, **kwargs):
        data = self.validated_input(CabinetMeetingSerializer)
        meeting = services.meeting_schedule(
            actor=request.user,
            cycle=data["cycle"],
            title=data["title"],
            scheduled_for=data["scheduled_for"],
            location=data.get("location", ""),
        )
        return self.object_response(meeting, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Draw the agenda from the strategy room",
        description="Objectives off pace, assumptions under challenge, decisions due within 30 days; replaces points "
        "drawn before and keeps typed ones. Not once published (409).",
        request=None,
        responses=CabinetMeetingSerializer,
    )
    @action(detail=True, methods=["post"], url_path="draw-agenda", filterset_class=None)
    def draw_agenda(self, request, pk=None):
        meeting = self.get_object()
        services.meeting_draw_agenda(actor=request.user, meeting=meeting)
        return self.object_response(meeting)

    @extend_schema(summary="Add a point to the agenda", request=AgendaPointInput, responses=CabinetMeetingSerializer)
    @action(detail=True, methods=["post"], url_path="agenda-points", filterset_class=None)
    def agenda_points(self, request, pk=None):
        meeting = self.get_object()
        services.agenda_item_add(actor=request.user, meeting=meeting, **self.validated_input(AgendaPointInput))
        return self.object_response(meeting)

    @extend_schema(
        summary="Publish the agenda: the cabinet and the committee are told",
        request=None,
        responses=CabinetMeetingSerializer,
    )
    @action(detail=True, methods=["post"], url_path="publish-agenda", filterset_class=None)
    def publish_agenda(self, request, pk=None):
        meeting = self.get_object()
        services.meeting_publish_agenda(actor=request.user, meeting=meeting)
        return self.object_response(meeting)

    @extend_schema(
        summary="Record (or correct) the minutes, once the meeting has begun",
        request=MinutesInput,
        responses=CabinetMeetingSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def minutes(self, request, pk=None):
        meeting = self.get_object()
        services.meeting_record_minutes(actor=request.user, meeting=meeting, **self.validated_input(MinutesInput))
        return self.object_response(meeting)


@extend_schema_view(
    list=extend_schema(summary="Action items of cabinet meetings (?mine=true&open=true: your to-do list)"),
    retrieve=extend_schema(summary="One action item"),
    create=extend_schema(summary="Add an action item to a meeting (the people running it)"),
    partial_update=extend_schema(summary="Change an action item's title, owner or due date"),
)
class ActionItemViewSet(
    ServiceActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return ActionItem.objects.select_related("owner", "meeting__cycle").order_by("due_date", "pk")

    def create(self, request, *args, **kwargs):
        data = self.validated_input(ActionItemSerializer)
        item = services.action_item_add(
            actor=request.user,
            meeting=data["meeting"],
            title=data["title"],
            owner=data["owner"],
            due_date=data["due_date"],
        )
        return self.object_response(item, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        item = self.get_object()
        serializer = self.get_serializer(item, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        if "meeting" in changes and changes.pop("meeting") != item.meeting:
            raise ValidationError({"meeting": ["An action item stays with the meeting that agreed it."]})
        services.action_item_update(actor=request.user, item=item, **changes)
        return self.object_response(item)

    @extend_schema(summary="Tick the action item off", request=None, responses=ActionItemSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def done(self, request, pk=None):
        item = services.action_item_set_done(actor=request.user, item=self.get_object(), done=True)
        return self.object_response(item)

    @extend_schema(summary="Open the action item again", request=None, responses=ActionItemSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def reopen(self, request, pk=None):
        item = services.action_item_set_done(actor=request.user, item=self.get_object(), done=False)
        return self.object_response(item)


# --- the strategy room and track records ---------------------------------------------------


class StrategyRoomView(APIView):
    """The strategy room as data: what the page shows, for the caller."""

    @extend_schema(
        summary="The strategy room: every corporate objective's progress over time, pace, flags, assumptions, "
        "course corrections and drift",
        parameters=[
            CYCLE_PARAMETER,
            OpenApiParameter(
                "pace",
                str,
                required=False,
                enum=[value for value, _ in RoomPaceFilter.choices if value],
                description="Only the objectives behind or off pace (trailing), or on pace or ahead (on_pace).",
            ),
            OpenApiParameter(
                "order",
                str,
                required=False,
                enum=[value for value, _ in RoomOrder.choices],
                description="cascade (the default), behind (furthest behind pace first) or forecast (lowest "
                "projected attainment first). The summary counts stay those of every objective.",
            ),
        ],
        responses={200: StrategyRoomSerializer, 400: OpenApiResponse(description="A bad pace or order.")},
    )
    def get(self, request):
        view = StrategyRoomViewForm(request.query_params)
        if not view.is_valid():
            raise ValidationError(view.errors)
        room = strategy_room(_cycle_from(request), request.user, **view.arrangement())
        return Response(StrategyRoomSerializer(room, context={"request": request}).data)


class TrackRecordView(APIView):
    @extend_schema(
        summary="Track records: each seat's and the cabinet's calls against the decisions and the outcomes",
        parameters=[CYCLE_PARAMETER],
        responses=TrackRecordSerializer,
    )
    def get(self, request):
        record = track_record(_cycle_from(request))
        return Response(TrackRecordSerializer(record, context={"request": request}).data)
