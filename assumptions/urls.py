"""The assumptions pages."""

from django.urls import path

from assumptions.views import board, challenges, change_requests

app_name = "assumptions"

urlpatterns = [
    path("assumptions/", board.assumption_board_page, name="board"),
    path("assumptions/new/", board.assumption_create, name="create"),
    path("assumptions/<int:pk>/", board.assumption_detail, name="detail"),
    path("assumptions/<int:pk>/edit/", board.assumption_edit, name="edit"),
    path("assumptions/<int:pk>/status/", board.assumption_status, name="status"),
    path("assumptions/<int:pk>/challenge/", challenges.challenge_create, name="challenge-create"),
    path("assumptions/challenges/<int:pk>/", challenges.challenge_detail, name="challenge"),
    path("assumptions/challenges/<int:pk>/endorse/", challenges.challenge_endorse, name="endorse"),
    path("assumptions/challenges/<int:pk>/resolve/", challenges.challenge_resolve, name="resolve"),
    path("assumptions/challenges/<int:pk>/comments/", challenges.comment_create, name="comment"),
    path("assumptions/comments/<int:pk>/edit/", challenges.comment_edit, name="comment-edit"),
    path("assumptions/comments/<int:pk>/remove/", challenges.comment_remove, name="comment-remove"),
    path("assumptions/course-corrections/", change_requests.change_request_list, name="change-requests"),
    path("assumptions/course-corrections/<int:pk>/", change_requests.change_request_detail, name="change-request"),
]
