"""What territory plans mean for people's inboxes.

The notifications app sits below territories and cannot import it, so this module plugs in from
above: it registers event builders with ``notifications.events.event`` and connects the signals
of territories/signals.py to ``notifications.receivers.enqueue`` (one task once the change
commits). Plans are private to their rep's chain, and only the rep and their managers hear.
"""

from django.urls import reverse

from notifications.delivery import Draft, shorten
from notifications.events import event
from notifications.models import Kind
from notifications.receivers import enqueue
from territories.models import PlanCheck, PlanReview, ReviewKind, TerritoryPlan
from territories.signals import plan_checks_opened, plan_reviewed, plan_submitted


def plan_url(plan_id: int, anchor: str = "") -> str:
    return reverse("territories:plan", args=[plan_id]) + (f"#{anchor}" if anchor else "")


@event("territory_plan_submitted")
def territory_plan_submitted(*, plan_id: int, version: int, actor_id: int | None):
    plan = TerritoryPlan.objects.select_related("owner").filter(pk=plan_id).first()
    if plan is None or plan.owner.manager_id is None:
        return []
    owner = plan.owner
    return [
        Draft(
            recipient_id=owner.manager_id,
            kind=Kind.TERRITORY_PLAN_SUBMITTED,
            actor_id=actor_id,
            title=f"{owner.full_name} submitted version {version} of their territory plan for your review",
            url=plan_url(plan_id, "review"),
            key=f"territory-plan:{plan_id}:v{version}:submitted",
        )
    ]


VERBS = {ReviewKind.COMMENT: "commented on", ReviewKind.APPROVED: "approved", ReviewKind.RETURNED: "returned"}


@event("territory_plan_reviewed")
def territory_plan_reviewed(*, review_id: int):
    review = PlanReview.objects.select_related("plan__owner", "author").filter(pk=review_id).first()
    if review is None:
        return []
    plan, author = review.plan, review.author
    if author.pk == plan.owner_id:
        # The rep answers: their manager hears, and anyone above who took part in the review.
        earlier = set(
            PlanReview.objects.filter(plan=plan).exclude(author_id=plan.owner_id).values_list("author_id", flat=True)
        )
        recipients = {plan.owner.manager_id, *earlier} - {None}
        title = f"{author.full_name} commented on their territory plan"
    else:
        recipients = {plan.owner_id}
        title = f"{author.full_name} {VERBS[review.kind]} your territory plan"
        if review.kind != ReviewKind.COMMENT:
            title += f" (version {review.version})"
    anchor = f"section-{review.section}" if review.section else "review"
    return [
        Draft(
            recipient_id=recipient,
            kind=Kind.TERRITORY_PLAN_REVIEWED,
            actor_id=author.pk,
            title=title,
            body=shorten(review.body, 500),
            url=plan_url(plan.pk, anchor),
            key=f"territory-plan-review:{review_id}",
        )
        for recipient in sorted(recipients)
    ]


@event("plan_checks_opened")
def plan_checks_opened_event(*, check_ids: list[int]):
    checks = PlanCheck.objects.filter(pk__in=check_ids, completed_at__isnull=True).select_related("plan__cycle")
    return [
        Draft(
            recipient_id=check.plan.owner_id,
            kind=Kind.PLAN_CHECK_DUE,
            title=f"Q{check.quarter} plan check: is your territory plan for {check.plan.cycle.name} still right?",
            body="Look at your funnel, objectives and action plan: revise what changed (a new version goes to your "
            "manager), or say it still holds.",
            url=plan_url(check.plan_id, "plan-check"),
            key=f"plan-check:{check.pk}",
        )
        for check in checks
    ]


def _on_plan_submitted(sender, plan, version, actor=None, **kwargs) -> None:
    enqueue("territory_plan_submitted", plan_id=plan.pk, version=version.number, actor_id=getattr(actor, "pk", None))


def _on_plan_reviewed(sender, review, **kwargs) -> None:
    enqueue("territory_plan_reviewed", review_id=review.pk)


def _on_plan_checks_opened(sender, check_ids, **kwargs) -> None:
    enqueue("plan_checks_opened", check_ids=sorted(check_ids))


def connect() -> None:
    plan_submitted.connect(_on_plan_submitted, dispatch_uid="notify-territory-plan-submitted")
    plan_reviewed.connect(_on_plan_reviewed, dispatch_uid="notify-territory-plan-reviewed")
    plan_checks_opened.connect(_on_plan_checks_opened, dispatch_uid="notify-plan-checks-opened")
