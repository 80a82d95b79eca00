"""What territory plans announce, so the inbox (territories/notices.py) can tell the people concerned."""

from django.dispatch import Signal

# A rep submitted a version of their plan for review. kwargs: plan, version (PlanVersion), actor.
plan_submitted = Signal()
# A manager commented on, approved or returned a plan (or the rep replied). kwargs: review (PlanReview).
plan_reviewed = Signal()
# The quarterly plan check opened checks. kwargs: check_ids (list of PlanCheck ids).
plan_checks_opened = Signal()
