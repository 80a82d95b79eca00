from rest_framework.routers import SimpleRouter

from territories.api import views

PLAN = r"territory-plans/(?P<plan_pk>\d+)"
JOINT_PLAN = r"joint-plans/(?P<plan_pk>\d+)"

router = SimpleRouter()
router.register("territory-plans/team-funnels", views.TeamFunnelViewSet, basename="team-funnel")
router.register("territory-plans", views.TerritoryPlanViewSet, basename="territory-plan")
router.register(f"{PLAN}/accounts", views.NamedAccountViewSet, basename="territory-plan-account")
router.register(f"{PLAN}/objectives", views.PlanObjectiveViewSet, basename="territory-plan-objective")
router.register(f"{PLAN}/action-items", views.ActionItemViewSet, basename="territory-plan-action-item")
router.register(f"{PLAN}/reviews", views.PlanReviewViewSet, basename="territory-plan-review")
router.register(f"{PLAN}/versions", views.PlanVersionViewSet, basename="territory-plan-version")
router.register("joint-plans", views.JointPlanViewSet, basename="joint-plan")
router.register(f"{JOINT_PLAN}/activities", views.PastActivityViewSet, basename="joint-plan-activity")
router.register(f"{JOINT_PLAN}/targets", views.JointTargetViewSet, basename="joint-plan-target")

urlpatterns = router.urls
