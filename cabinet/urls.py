"""The Shadow Cabinet's pages."""

from django.urls import path

from cabinet.views import committee, meetings, questions, room, seats

app_name = "cabinet"

urlpatterns = [
    path("cabinet/", room.home, name="home"),
    path("cabinet/strategy-room/", room.strategy_room_page, name="strategy-room"),
    path("cabinet/committee/", committee.committee, name="committee"),
    path("cabinet/committee/new/", committee.role_create, name="role-create"),
    path("cabinet/committee/<int:pk>/edit/", committee.role_edit, name="role-edit"),
    path("cabinet/candidates/", committee.candidates, name="candidates"),
    path("cabinet/people/<int:pk>/high-performer/", committee.high_performer, name="high-performer"),
    path("cabinet/seats/", seats.seat_list, name="seats"),
    path("cabinet/seats/<int:pk>/", seats.seat_detail, name="seat"),
    path("cabinet/seats/<int:pk>/<slug:verb>/", seats.seat_action, name="seat-action"),
    path("cabinet/questions/", questions.question_list, name="questions"),
    path("cabinet/questions/new/", questions.question_create, name="question-create"),
    path("cabinet/questions/<int:pk>/", questions.question_detail, name="question"),
    path("cabinet/questions/<int:pk>/edit/", questions.question_edit, name="question-edit"),
    path("cabinet/questions/<int:pk>/<slug:verb>/", questions.question_action, name="question-action"),
    path("cabinet/meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("cabinet/meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("cabinet/meetings/<int:pk>/<slug:verb>/", meetings.meeting_action, name="meeting-action"),
    path("cabinet/action-items/<int:pk>/<slug:verb>/", meetings.action_item_action, name="action-item"),
]
