from django.urls import path

from territories.views import exports, home, joint, plans, review

app_name = "territories"

PLAN = "territory-plans/<int:pk>/"

urlpatterns = [
    path("territory-plans/", home.plans_home, name="home"),
    path("territory-plans/new/", home.plan_start, name="plan-create"),
    path("territory-plans/team/", home.team_view, name="team"),
    path("territory-plans/team/funnel/", home.team_funnel_save, name="team-funnel"),
    path(PLAN, plans.plan_detail, name="plan"),
    path(f"{PLAN}sections/<slug:section>/", plans.plan_section_save, name="plan-section"),
    path(f"{PLAN}accounts/", plans.account_add, name="account-add"),
    path(f"{PLAN}accounts/<int:account_pk>/", plans.account_edit, name="account-edit"),
    path(f"{PLAN}accounts/<int:account_pk>/delete/", plans.account_delete, name="account-delete"),
    path(f"{PLAN}objectives/", plans.objective_add, name="objective-add"),
    path(f"{PLAN}objectives/<int:objective_pk>/", plans.objective_edit, name="objective-edit"),
    path(f"{PLAN}objectives/<int:objective_pk>/delete/", plans.objective_delete, name="objective-delete"),
    path(f"{PLAN}objectives/<int:objective_pk>/goal/", plans.objective_to_goal, name="objective-goal"),
    path(f"{PLAN}actions/", plans.action_add, name="action-add"),
    path(f"{PLAN}actions/<int:item_pk>/delete/", plans.action_delete, name="action-delete"),
    path(f"{PLAN}actions/<int:item_pk>/done/", plans.action_done, name="action-done"),
    path(f"{PLAN}submit/", review.plan_submit, name="plan-submit"),
    path(f"{PLAN}review/", review.plan_review, name="plan-review"),
    path(f"{PLAN}plan-check/", review.plan_check_answer, name="plan-check"),
    path(f"{PLAN}versions/<int:number>/", review.plan_version, name="plan-version"),
    path(f"{PLAN}print/", exports.plan_print, name="plan-print"),
    path(f"{PLAN}pdf/", exports.plan_pdf, name="plan-pdf"),
    path("joint-plans/new/", joint.joint_plan_start, name="joint-plan-create"),
    path("joint-plans/<int:pk>/", joint.joint_plan_detail, name="joint-plan"),
    path("joint-plans/<int:pk>/save/", joint.joint_plan_save, name="joint-plan-save"),
    path("joint-plans/<int:pk>/activities/", joint.activity_add, name="activity-add"),
    path("joint-plans/<int:pk>/activities/<int:activity_pk>/delete/", joint.activity_delete, name="activity-delete"),
    path("joint-plans/<int:pk>/targets/", joint.target_add, name="target-add"),
    path("joint-plans/<int:pk>/targets/<int:target_pk>/delete/", joint.target_delete, name="target-delete"),
    path("joint-plans/<int:pk>/targets/<int:target_pk>/place/", joint.target_place, name="target-place"),
]
