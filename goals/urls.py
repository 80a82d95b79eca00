from django.urls import path

from goals.views import approvals, drafting, explorer, goal, imports

app_name = "goals"

urlpatterns = [
    path("explorer/", explorer.explorer_default, name="explorer-default"),
    path("cycles/<int:cycle_id>/explorer/", explorer.explorer, name="explorer"),
    path("explorer/regions/", explorer.explorer_regions, name="explorer-regions"),
    path("map/", explorer.alignment_map_default, name="map-default"),
    path("cycles/<int:cycle_id>/map/", explorer.alignment_map_page, name="map"),
    path("cycles/<int:cycle_id>/map/search/", explorer.alignment_map_search_data, name="map-search"),
    path("cycles/<int:cycle_id>/explorer/<slug:group>/", explorer.explorer_group, name="explorer-group"),
    path("goals/new/", drafting.goal_create, name="create"),
    path("goals/parent-suggestions/", drafting.goal_parent_suggestions, name="parent-suggestions"),
    path("goals/draft-preview/", drafting.goal_draft_preview, name="draft-preview"),
    path("goals/<int:pk>/", goal.goal_detail, name="detail"),
    path("goals/<int:pk>/edit/", drafting.goal_edit, name="edit"),
    path("goals/<int:pk>/subgoals/", explorer.explorer_subgoals, name="subgoals"),
    path("goals/<int:pk>/map/", explorer.alignment_map_data, name="map-data"),
    path("goals/<int:pk>/check-in/", goal.goal_checkin, name="checkin"),
    path("goals/<int:pk>/comments/", goal.goal_comment_create, name="comment"),
    path("goals/<int:pk>/submit/", goal.goal_submit, name="submit"),
    path("goals/<int:pk>/approve/", goal.goal_approve, name="approve"),
    path("goals/<int:pk>/return/", goal.goal_return, name="return"),
    path("goals/<int:pk>/carry-over/", goal.goal_carry_over, name="carry-over"),
    path("goals/<int:pk>/delete/", goal.goal_delete, name="delete"),
    path("comments/<int:pk>/delete/", goal.goal_comment_delete, name="comment-delete"),
    path("goals/deleted/", goal.deleted_goals, name="deleted"),
    path("deletions/<int:pk>/restore/", goal.deletion_restore, name="deletion-restore"),
    path("cycles/<int:cycle_id>/import/", imports.goals_import_page, name="import"),
    path("imports/<int:pk>/", imports.import_job_page, name="import-job"),
    path("approvals/", approvals.approval_queue_page, name="approvals"),
    path("approvals/review/", approvals.approval_review, name="approvals-review"),
]
