"""The permission matrix: every route of config.urls, and who gets what from it (see matrix.py for the notation).

Cells read, in order: anonymous, owner (the rep unless the row names another), peer (another rep
of the same team), manager (the owner's manager), elsewhere (a manager of another team),
executive (the CRO, above every manager and rep), staff.
"""

from tests.security.company import soon, soon_at
from tests.security.matrix import row


def the_private_goal(c):
    return {"pk": c.private_goal.pk}


def the_submitted_private_goal(c):
    return {"pk": c.submitted_private_goal.pk}


def the_plan(c):
    return {"pk": c.plan.pk}


def the_plan_as_parent(c):
    return {"plan_pk": c.plan.pk}


def the_cycle(c):
    return {"cycle_id": c.cycle.pk}


def the_workshop_cycle(c):
    return {"cycle_id": c.workshop_cycle.pk}


ROWS = [
    # accounts/login/
    row("login", get="200 200 200 200 200 200 200", post="200 200 200 200 200 200 200"),
    # accounts/logout/
    row("logout", get="405 405 405 405 405 405 405", post="login login login login login login login"),
    # accounts/password_change/
    row("password_change", get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # accounts/password_change/done/
    row("password_change_done", get="login 200 200 200 200 200 200", post="login 405 405 405 405 405 405"),
    # accounts/password_reset/
    row("password_reset", get="200 200 200 200 200 200 200", post="200 200 200 200 200 200 200"),
    # accounts/password_reset/done/
    row("password_reset_done", get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    # accounts/reset/<uidb64>/<token>/
    row(
        "password_reset_confirm",
        kwargs=lambda c: {"uidb64": "MQ", "token": "set-password"},
        get="200 200 200 200 200 200 200",
        post="200 200 200 200 200 200 200",
    ),
    # accounts/reset/done/
    row("password_reset_complete", get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    # api/auth/token/
    row("api-token", post="400 400 400 400 400 400 400"),
    # api/auth/tokens/
    row(
        "api-token-mine-list",
        bodies={"post": lambda c: {"name": "Reporting"}},
        get="401 200 200 200 200 200 200",
        post="401 201 201 201 201 201 201",
    ),
    # api/auth/tokens/<pk>/: someone else's token is not even said to exist, an administrator's request included
    row(
        "api-token-mine-detail",
        kwargs=lambda c: {"pk": c.api_token.pk},
        get="401 200 404 404 404 404 404",
        delete="401 204 404 404 404 404 404",
    ),
    # account/api-tokens/
    row("accounts:api-tokens", get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # api/workshop/close/: executives and staff close a workshop
    row(
        "workshop-close",
        bodies={"post": lambda c: {"cycle": c.workshop_cycle.pk, "reason": "Gaps agreed in the room."}},
        post="401 403 403 403 403 201 201",
    ),
    # map/
    row("goals:map-default", get="login 302 302 302 302 302 302"),
    # cycles/<cycle_id>/map/
    row("goals:map", kwargs=the_cycle, get="login 200 200 200 200 200 200"),
    # cycles/<cycle_id>/map/search/
    row("goals:map-search", kwargs=the_cycle, query="q=new", get="login 200 200 200 200 200 200"),
    # api/schema/
    row("api-schema", get="200 200 200 200 200 200 200"),
    # api/docs/
    row("api-docs", get="200 200 200 200 200 200 200"),
    # api/docs/redoc/
    row("api-redoc", get="200 200 200 200 200 200 200"),
    # api/^people/$
    row("person-list", get="401 200 200 200 200 200 200", post="401 403 403 403 403 403 400"),
    # api/^people/import/$
    row("person-import", post="401 403 403 403 403 403 400"),
    # api/^people/me/$
    row("person-me", get="401 200 200 200 200 200 200"),
    # api/^people/(?P<pk>[^/.]+)/$
    row(
        "person-detail",
        kwargs=lambda c: {"pk": c.people.rep.pk},
        get="401 200 200 200 200 200 200",
        put="401 403 403 403 403 403 400",
        patch="401 403 403 403 403 403 200",
    ),
    # api/^people/(?P<pk>[^/.]+)/chain/$
    row("person-chain", kwargs=lambda c: {"pk": c.people.rep.pk}, get="401 200 200 200 200 200 200"),
    # api/^cycles/$
    row("cycle-list", get="401 200 200 200 200 200 200", post="401 403 403 403 403 403 400"),
    # api/^cycles/(?P<pk>[^/.]+)/$
    row(
        "cycle-detail",
        kwargs=lambda c: {"pk": c.cycle.pk},
        get="401 200 200 200 200 200 200",
        put="401 403 403 403 403 403 400",
        patch="401 403 403 403 403 403 200",
    ),
    # api/^cycles/(?P<pk>[^/.]+)/alignment/$
    row("cycle-alignment", kwargs=lambda c: {"pk": c.cycle.pk}, get="401 200 200 200 200 200 200"),
    # api/^cycles/(?P<pk>[^/.]+)/export/$
    row("cycle-export", kwargs=lambda c: {"pk": c.cycle.pk}, get="401 200 200 200 200 200 200"),
    # api/^cycles/(?P<pk>[^/.]+)/phase/$
    row(
        "cycle-phase",
        bodies={"post": {"phase": "closed"}},
        kwargs=lambda c: {"pk": c.cycle.pk},
        post="401 403 403 403 403 403 200",
    ),
    # api/^cycles/(?P<pk>[^/.]+)/scan/$
    row("cycle-scan", kwargs=lambda c: {"pk": c.cycle.pk}, post="401 403 403 403 403 200 200"),
    # api/^goals/$
    row(
        "goal-list",
        bodies={
            "post": lambda c: {
                "cycle": c.cycle.pk,
                "owner": c.people.rep.pk,
                "parent": c.cascade.manager.pk,
                "title": "Upsell",
                "metric": "ARR",
                "target": "1000",
            }
        },
        get="401 200 200 200 200 200 200",
        post="401 201 403 201 403 201 201",
    ),
    # api/^goals/import/$
    row("goal-import", post="401 400 400 400 400 400 400"),
    # api/^goals/(?P<pk>[^/.]+)/$
    # The rep's private draft: the peer and the other team's manager may not learn it exists.
    row(
        "goal-detail",
        bodies={
            "put": lambda c: {
                "cycle": c.cycle.pk,
                "owner": c.people.rep.pk,
                "parent": c.cascade.manager.pk,
                "title": "Renamed",
                "metric": "ARR",
                "unit": "USD",
                "target": "1000",
            },
            "patch": {"title": "Renamed"},
        },
        kwargs=the_private_goal,
        get="401 200 404 200 404 200 200",
        put="401 200 404 403 404 403 200",
        patch="401 200 404 403 404 403 200",
        delete="401 204 404 403 404 403 204",
    ),
    # api/^goals/(?P<pk>[^/.]+)/allocate/$
    row(
        "goal-allocate",
        bodies={"post": {"method": "even"}},
        kwargs=the_private_goal,
        post="401 400 404 400 404 400 400",
    ),
    # api/^goals/(?P<pk>[^/.]+)/approve/$
    row("goal-approve", kwargs=the_submitted_private_goal, post="401 403 404 200 404 200 200"),
    # api/^goals/(?P<pk>[^/.]+)/carry-over/$
    row(
        "goal-carry-over",
        bodies={"post": lambda c: {"cycle": c.workshop_cycle.pk}},
        kwargs=the_private_goal,
        post="401 201 404 201 404 201 201",
    ),
    # api/^goals/(?P<pk>[^/.]+)/move/$
    row(
        "goal-move",
        bodies={"post": lambda c: {"parent": c.cascade.executive.pk}},
        kwargs=the_private_goal,
        post="401 200 404 403 404 403 200",
    ),
    # api/^goals/(?P<pk>[^/.]+)/path/$
    row("goal-path", kwargs=the_private_goal, get="401 200 404 200 404 200 200"),
    # api/^goals/(?P<pk>[^/.]+)/return/$
    row(
        "goal-return",
        bodies={"post": {"reason": "Too low"}},
        kwargs=the_submitted_private_goal,
        post="401 403 404 200 404 200 200",
    ),
    # api/^goals/(?P<pk>[^/.]+)/submit/$
    # Submitting is the owner's own word: staff and the managers above may not submit for them.
    row("goal-submit", kwargs=the_private_goal, post="401 200 404 403 404 403 403"),
    # api/^goals/(?P<pk>[^/.]+)/subtree/$
    row("goal-subtree", kwargs=the_private_goal, get="401 200 404 200 404 200 200"),
    # api/^goals/(?P<goal_pk>\d+)/checkins/$
    row(
        "goal-checkin-list",
        bodies={"post": {"value": "1000", "confidence": "on_track"}},
        kwargs=lambda c: {"goal_pk": c.private_goal.pk},
        get="401 200 404 200 404 200 200",
        post="401 201 404 201 404 201 201",
    ),
    # api/^goals/(?P<goal_pk>\d+)/checkins/(?P<pk>[^/.]+)/$
    row(
        "goal-checkin-detail",
        kwargs=lambda c: {"goal_pk": c.private_goal.pk, "pk": c.checkin.pk},
        get="401 200 404 200 404 200 200",
    ),
    # api/^flags/$
    row("flag-list", get="401 200 200 200 200 200 200"),
    # api/^flags/(?P<pk>[^/.]+)/$
    row("flag-detail", kwargs=lambda c: {"pk": c.flag.pk}, get="401 200 404 200 404 200 200"),
    # api/^deletions/$
    row("deletion-list", get="401 200 200 200 200 200 200"),
    # api/^deletions/(?P<pk>[^/.]+)/$
    row("deletion-detail", kwargs=lambda c: {"pk": c.deletion.pk}, get="401 200 404 404 404 404 200"),
    # api/^deletions/(?P<pk>[^/.]+)/restore/$
    row("deletion-restore", kwargs=lambda c: {"pk": c.deletion.pk}, post="401 200 404 404 404 404 200"),
    # api/^import-jobs/$
    row("import-job-list", get="401 200 200 200 200 200 200"),
    # api/^import-jobs/(?P<pk>[^/.]+)/$
    row("import-job-detail", kwargs=lambda c: {"pk": c.import_job.pk}, get="401 200 404 404 404 404 200"),
    # api/goals/<int:pk>/phasing/
    row(
        "goal-phasing",
        bodies={"put": {"method": "even", "granularity": "quarter"}},
        kwargs=the_private_goal,
        get="401 200 404 200 404 200 200",
        put="401 200 404 200 404 200 200",
        delete="401 204 404 204 404 204 204",
    ),
    # api/goals/<int:pk>/pace/
    row("goal-pace", kwargs=the_private_goal, get="401 200 404 200 404 200 200"),
    # api/goals/<int:pk>/score/
    row(
        "goal-score",
        bodies={"put": {"retrospective": "The pipeline came late."}},
        kwargs=lambda c: {"pk": c.closed_goal_pk},
        get="401 200 200 200 200 200 200",
        put="401 200 403 403 403 403 403",
    ),
    # api/cycles/<int:pk>/pace/
    row("cycle-pace", kwargs=lambda c: {"pk": c.cycle.pk}, get="401 200 200 200 200 200 200"),
    # api/cycles/<int:pk>/scores/
    row("cycle-scores", kwargs=lambda c: {"pk": c.closed_cycle.pk}, get="401 200 200 200 200 200 200"),
    # api/^assumptions/$
    row(
        "assumption-list",
        bodies={"post": lambda c: {"cycle": c.cycle.pk, "statement": "Churn stays under 5%"}},
        get="401 200 200 200 200 200 200",
        post="401 403 403 403 403 201 400",
    ),
    # api/^assumptions/(?P<pk>[^/.]+)/$
    row(
        "assumption-detail",
        owner="ceo",
        bodies={
            "put": lambda c: {"cycle": c.cycle.pk, "statement": "Mid-market grows 10%", "owner": c.people.ceo.pk},
            "patch": {"statement": "Mid-market grows 10%"},
        },
        kwargs=lambda c: {"pk": c.assumption.pk},
        get="401 200 200 200 200 200 200",
        put="401 200 403 403 403 403 200",
        patch="401 200 403 403 403 403 200",
    ),
    # api/^assumptions/(?P<pk>[^/.]+)/revisions/$
    row(
        "assumption-revisions", owner="ceo", kwargs=lambda c: {"pk": c.assumption.pk}, get="401 200 200 200 200 200 200"
    ),
    # api/^challenges/$
    row(
        "challenge-list",
        bodies={"post": lambda c: {"assumption": c.assumption.pk, "claim": "Churn is rising"}},
        get="401 200 200 200 200 200 200",
        post="401 201 201 201 201 201 201",
    ),
    # api/^challenges/(?P<pk>[^/.]+)/$
    row("challenge-detail", kwargs=lambda c: {"pk": c.challenge.pk}, get="401 200 200 200 200 200 200"),
    # api/^challenges/(?P<pk>[^/.]+)/endorse/$
    row("challenge-endorse", kwargs=lambda c: {"pk": c.challenge.pk}, post="401 403 200 200 200 200 200"),
    # api/^challenges/(?P<pk>[^/.]+)/resolve/$
    row(
        "challenge-resolve",
        owner="ceo",
        bodies={"post": {"status": "declined", "response": "The data says otherwise."}},
        kwargs=lambda c: {"pk": c.challenge.pk},
        post="401 200 403 403 403 403 403",
    ),
    # api/^comments/$
    row(
        "comment-list",
        bodies={"post": lambda c: {"challenge": c.challenge.pk, "body": "Agreed."}},
        get="401 200 200 200 200 200 200",
        post="401 201 201 201 201 201 201",
    ),
    # api/^comments/(?P<pk>[^/.]+)/$
    # Authors edit their own comments; staff remove them (DELETE) but never put words in someone's mouth.
    row(
        "comment-detail",
        bodies={"put": {"body": "Edited."}, "patch": {"body": "Edited."}},
        kwargs=lambda c: {"pk": c.comment.pk},
        get="401 200 200 200 200 200 200",
        put="401 200 403 403 403 403 403",
        patch="401 200 403 403 403 403 403",
        delete="401 204 403 403 403 403 204",
    ),
    # api/^change-requests/$
    row("change-request-list", get="401 200 200 200 200 200 200"),
    # api/^change-requests/(?P<pk>[^/.]+)/$
    row("change-request-detail", kwargs=lambda c: {"pk": c.change_request.pk}, get="401 200 200 200 200 200 200"),
    # api/^change-requests/(?P<pk>[^/.]+)/apply/$
    row("change-request-apply", kwargs=lambda c: {"pk": c.change_request.pk}, post="401 409 403 409 403 409 409"),
    # api/^change-requests/(?P<pk>[^/.]+)/decline/$
    row(
        "change-request-decline",
        bodies={"post": {"note": "Not now."}},
        kwargs=lambda c: {"pk": c.change_request.pk},
        post="401 409 403 409 403 409 409",
    ),
    # api/^notifications/$
    row("notification-list", get="401 200 200 200 200 200 200"),
    # api/^notifications/read-all/$
    row("notification-read-all", post="401 200 200 200 200 200 200"),
    # api/^notifications/(?P<pk>[^/.]+)/$
    # An inbox is personal: not even staff read another person's notifications.
    row("notification-detail", kwargs=lambda c: {"pk": c.notification.pk}, get="401 200 404 404 404 404 404"),
    # api/^notifications/(?P<pk>[^/.]+)/read/$
    row("notification-read", kwargs=lambda c: {"pk": c.notification.pk}, post="401 200 404 404 404 404 404"),
    # api/^chat-channels/$
    row(
        "chat-channel-list",
        bodies={"post": {"provider": "slack", "webhook_url": "https://hooks.slack.com/services/T/B/x"}},
        get="401 200 200 200 200 200 200",
        post="401 400 400 400 400 400 400",
    ),
    # api/^chat-channels/(?P<pk>[^/.]+)/$
    row(
        "chat-channel-detail",
        kwargs=lambda c: {"pk": c.chat_channel.pk},
        get="401 200 404 404 404 404 404",
        put="401 400 404 404 404 404 404",
        patch="401 400 404 404 404 404 404",
        delete="401 204 404 404 404 404 404",
    ),
    # api/^chat-channels/(?P<pk>[^/.]+)/test/$
    row("chat-channel-test", kwargs=lambda c: {"pk": c.chat_channel.pk}, post="401 200 404 404 404 404 404"),
    # api/^workshop/decisions/$
    row(
        "workshop-decision-list",
        bodies={"post": lambda c: {"cycle": c.workshop_cycle.pk, "text": "Keep APAC flat."}},
        get="401 200 200 200 200 200 200",
        post="401 403 403 403 403 201 201",
    ),
    # api/^workshop/decisions/(?P<pk>[^/.]+)/$
    row("workshop-decision-detail", kwargs=lambda c: {"pk": c.workshop_decision.pk}, get="401 200 200 200 200 200 200"),
    # api/workshop/drift/
    row("workshop-drift", get="401 400 400 400 400 400 400"),
    # api/^cabinet/committee-roles/$
    row(
        "cabinet-committee-role-list",
        bodies={"post": lambda c: {"title": "Chief Marketing Officer", "holder": c.people.ceo.pk}},
        get="401 200 200 200 200 200 200",
        post="401 403 403 403 403 201 201",
    ),
    # api/^cabinet/committee-roles/(?P<pk>[^/.]+)/$
    row(
        "cabinet-committee-role-detail",
        bodies={"put": {"title": "Chief Revenue Officer", "remit": "All of it."}, "patch": {"remit": "All of it."}},
        kwargs=lambda c: {"pk": c.committee_role.pk},
        get="401 200 200 200 200 200 200",
        put="401 400 400 400 400 400 400",
        patch="401 403 403 403 403 200 200",
    ),
    # api/^cabinet/high-performer-marks/$
    row(
        "cabinet-high-performer-mark-list",
        bodies={"post": lambda c: {"person": c.people.rep.pk, "reason": "Beat the number."}},
        get="401 200 200 200 200 200 200",
        post="401 403 403 201 403 201 201",
    ),
    # api/^cabinet/high-performer-marks/(?P<pk>[^/.]+)/$
    row(
        "cabinet-high-performer-mark-detail",
        kwargs=lambda c: {"pk": c.high_performer_mark.pk},
        get="401 200 404 200 404 200 200",
    ),
    # api/^cabinet/seats/$
    row(
        "cabinet-seat-list",
        bodies={
            "post": lambda c: {
                "cycle": c.cycle.pk,
                "role": c.committee_role.pk,
                "holder": c.high_performer_mark.person_id,
            }
        },
        get="401 200 200 200 200 200 200",
        post="401 403 403 403 403 201 201",
    ),
    # api/^cabinet/seats/(?P<pk>[^/.]+)/$
    row("cabinet-seat-detail", kwargs=lambda c: {"pk": c.seat_offer.pk}, get="401 200 200 200 200 200 200"),
    # api/^cabinet/seats/(?P<pk>[^/.]+)/accept/$
    row("cabinet-seat-accept", kwargs=lambda c: {"pk": c.seat_offer.pk}, post="401 200 403 403 403 403 403"),
    # api/^cabinet/seats/(?P<pk>[^/.]+)/decline/$
    row("cabinet-seat-decline", kwargs=lambda c: {"pk": c.seat_offer.pk}, post="401 200 403 403 403 403 403"),
    # api/^cabinet/seats/(?P<pk>[^/.]+)/refill/$
    row(
        "cabinet-seat-refill",
        bodies={"post": lambda c: {"holder": c.people.peer_rep.pk}},
        kwargs=lambda c: {"pk": c.seat_offer.pk},
        post="401 409 409 409 409 409 409",
    ),
    # api/^cabinet/seats/(?P<pk>[^/.]+)/vacate/$
    row(
        "cabinet-seat-vacate",
        bodies={"post": {"reason": "Moving on."}},
        kwargs=lambda c: {"pk": c.seat_offer.pk},
        post="401 409 409 409 409 409 409",
    ),
    # api/^cabinet/seats/(?P<pk>[^/.]+)/withdraw/$
    row("cabinet-seat-withdraw", kwargs=lambda c: {"pk": c.seat_offer.pk}, post="401 403 403 403 403 200 200"),
    # api/^cabinet/questions/$
    row(
        "cabinet-question-list",
        bodies={
            "post": lambda c: {
                "role": c.committee_role.pk,
                "cycle": c.cycle.pk,
                "title": "Hire in APAC?",
                "options": ["Yes", "No"],
                "due_date": soon(30).isoformat(),
            }
        },
        get="401 200 200 200 200 200 200",
        post="401 403 403 403 403 201 201",
    ),
    # api/^cabinet/questions/(?P<pk>[^/.]+)/$
    row(
        "cabinet-question-detail",
        kwargs=lambda c: {"pk": c.question.pk},
        get="401 200 200 200 200 200 200",
        patch="401 403 403 403 403 200 200",
    ),
    # api/^cabinet/questions/(?P<pk>[^/.]+)/decide/$
    # Only committee members decide; staff run the cabinet but do not decide for it.
    row(
        "cabinet-question-decide",
        bodies={"post": lambda c: {"option": c.question.options.first().pk, "rationale": "Growth."}},
        kwargs=lambda c: {"pk": c.question.pk},
        post="401 403 403 403 403 200 403",
    ),
    # api/^cabinet/questions/(?P<pk>[^/.]+)/outcome/$
    row(
        "cabinet-question-outcome",
        bodies={"post": lambda c: {"option": c.question.options.first().pk, "note": "It worked."}},
        kwargs=lambda c: {"pk": c.question.pk},
        post="401 400 400 400 400 400 400",
    ),
    # api/^cabinet/questions/(?P<pk>[^/.]+)/recommend/$
    row(
        "cabinet-question-recommend",
        bodies={"post": lambda c: {"option": c.question.options.first().pk, "reasoning": "Growth."}},
        kwargs=lambda c: {"pk": c.question.pk},
        post="401 403 403 403 403 403 403",
    ),
    # api/^cabinet/meetings/$
    row(
        "cabinet-meeting-list",
        bodies={
            "post": lambda c: (
                {
                    "cycle": c.cycle.pk,
                    "title": "Extra cabinet",
                    "scheduled_for": soon_at(20).isoformat(),
                }
                if c.committee_role  # the CRO schedules meetings as a member of the committee
                else {}
            )
        },
        get="401 200 200 200 200 200 200",
        post="401 403 403 403 403 201 201",
    ),
    # api/^cabinet/meetings/(?P<pk>[^/.]+)/$
    row("cabinet-meeting-detail", kwargs=lambda c: {"pk": c.meeting.pk}, get="401 200 200 200 200 200 200"),
    # api/^cabinet/meetings/(?P<pk>[^/.]+)/agenda-points/$
    row(
        "cabinet-meeting-agenda-points",
        bodies={"post": {"title": "APAC hiring", "detail": ""}},
        kwargs=lambda c: {"pk": c.meeting.pk},
        post="401 403 403 403 403 200 200",
    ),
    # api/^cabinet/meetings/(?P<pk>[^/.]+)/draw-agenda/$
    row("cabinet-meeting-draw-agenda", kwargs=lambda c: {"pk": c.meeting.pk}, post="401 403 403 403 403 200 200"),
    # api/^cabinet/meetings/(?P<pk>[^/.]+)/minutes/$
    row(
        "cabinet-meeting-minutes",
        bodies={"post": {"minutes": "We agreed."}},
        kwargs=lambda c: {"pk": c.meeting.pk},
        post="401 403 403 403 403 409 409",
    ),
    # api/^cabinet/meetings/(?P<pk>[^/.]+)/publish-agenda/$
    row("cabinet-meeting-publish-agenda", kwargs=lambda c: {"pk": c.meeting.pk}, post="401 403 403 403 403 400 400"),
    # api/^cabinet/action-items/$
    row(
        "cabinet-action-item-list",
        bodies={
            "post": lambda c: {
                "meeting": c.meeting.pk,
                "title": "Draft the plan",
                "owner": c.people.rep.pk,
                "due_date": soon(25).isoformat(),
            }
        },
        get="401 200 200 200 200 200 200",
        post="401 403 403 403 403 201 201",
    ),
    # api/^cabinet/action-items/(?P<pk>[^/.]+)/$
    row(
        "cabinet-action-item-detail",
        kwargs=lambda c: {"pk": c.cabinet_action_item.pk},
        get="401 200 200 200 200 200 200",
        put="401 405 405 405 405 405 405",
        patch="401 200 403 403 403 200 200",
    ),
    # api/^cabinet/action-items/(?P<pk>[^/.]+)/done/$
    row(
        "cabinet-action-item-done",
        kwargs=lambda c: {"pk": c.cabinet_action_item.pk},
        post="401 200 403 403 403 200 200",
    ),
    # api/^cabinet/action-items/(?P<pk>[^/.]+)/reopen/$
    row(
        "cabinet-action-item-reopen",
        kwargs=lambda c: {"pk": c.cabinet_action_item.pk},
        post="401 409 403 403 403 409 409",
    ),
    # api/cabinet/candidates/
    row("cabinet-candidates", get="401 403 403 200 200 200 200"),
    # api/cabinet/strategy-room/
    row("cabinet-strategy-room", get="401 200 200 200 200 200 200"),
    # api/cabinet/track-record/
    row("cabinet-track-record", get="401 200 200 200 200 200 200"),
    # api/^territory-plans/team-funnels/$
    row(
        "team-funnel-list",
        bodies={
            "post": lambda c: {
                "cycle": c.cycle.pk,
                "average_deal_size": "20000",
                "stages": [{"name": "Qualified", "conversion_rate": "50"}],
            }
        },
        get="401 200 200 200 200 200 200",
        post="401 403 403 201 201 201 403",
    ),
    # api/^territory-plans/team-funnels/(?P<pk>[^/.]+)/$
    # A funnel default is read by its manager's own team and the manager (down the chain), not by managers above.
    row("team-funnel-detail", kwargs=lambda c: {"pk": c.team_funnel.pk}, get="401 200 200 200 404 404 200"),
    # api/^territory-plans/$
    row(
        "territory-plan-list",
        bodies={"post": lambda c: {"cycle": c.cycle.pk}},
        get="401 200 200 200 200 200 200",
        post="401 201 201 403 403 403 403",
    ),
    # api/^territory-plans/(?P<pk>\d+)/$
    # A plan is its rep's to write: the managers above read, comment, approve or return it.
    row(
        "territory-plan-detail",
        bodies={"put": {"territory": "Greater Boston"}, "patch": {"territory": "Greater Boston"}},
        kwargs=the_plan,
        get="401 200 404 200 404 200 200",
        put="401 200 404 403 404 403 403",
        patch="401 200 404 403 404 403 403",
    ),
    # api/^territory-plans/(?P<pk>\d+)/approve/$
    row("territory-plan-approve", kwargs=the_plan, post="401 403 404 409 404 409 403"),
    # api/^territory-plans/(?P<pk>\d+)/plan-check/$
    row("territory-plan-plan-check", kwargs=the_plan, post="401 409 404 409 404 409 409"),
    # api/^territory-plans/(?P<pk>\d+)/return/$
    row(
        "territory-plan-return",
        bodies={"post": {"reason": "Add churn."}},
        kwargs=the_plan,
        post="401 403 404 409 404 409 403",
    ),
    # api/^territory-plans/(?P<pk>\d+)/submit/$
    row("territory-plan-submit", kwargs=the_plan, post="401 400 404 403 404 403 403"),
    # api/^territory-plans/(?P<plan_pk>\d+)/accounts/$
    row(
        "territory-plan-account-list",
        bodies={"post": {"name": "Globex", "kind": "prospect"}},
        kwargs=the_plan_as_parent,
        get="401 200 404 200 404 200 200",
        post="401 201 404 403 404 403 403",
    ),
    # api/^territory-plans/(?P<plan_pk>\d+)/accounts/(?P<pk>[^/.]+)/$
    row(
        "territory-plan-account-detail",
        bodies={"put": {"name": "Acme Corp", "kind": "prospect"}, "patch": {"name": "Acme Corp"}},
        kwargs=lambda c: {"plan_pk": c.plan.pk, "pk": c.plan_account.pk},
        get="401 200 404 200 404 200 200",
        put="401 200 404 403 404 403 403",
        patch="401 200 404 403 404 403 403",
        delete="401 204 404 403 404 403 403",
    ),
    # api/^territory-plans/(?P<plan_pk>\d+)/objectives/$
    row(
        "territory-plan-objective-list",
        bodies={"post": {"title": "Win Globex", "metric": "new ARR", "unit": "USD", "target": "40000"}},
        kwargs=the_plan_as_parent,
        get="401 200 404 200 404 200 200",
        post="401 201 404 403 404 403 403",
    ),
    # api/^territory-plans/(?P<plan_pk>\d+)/objectives/(?P<pk>[^/.]+)/$
    row(
        "territory-plan-objective-detail",
        bodies={
            "put": {"title": "Win Acme Corp", "metric": "new ARR", "unit": "USD", "target": "60000"},
            "patch": {"title": "Win Acme Corp"},
        },
        kwargs=lambda c: {"plan_pk": c.plan.pk, "pk": c.plan_objective.pk},
        get="401 200 404 200 404 200 200",
        put="401 200 404 403 404 403 403",
        patch="401 200 404 403 404 403 403",
        delete="401 204 404 403 404 403 403",
    ),
    # api/^territory-plans/(?P<plan_pk>\d+)/objectives/(?P<pk>[^/.]+)/goal/$
    row(
        "territory-plan-objective-goal",
        kwargs=lambda c: {"plan_pk": c.plan.pk, "pk": c.plan_objective.pk},
        post="401 201 404 403 404 403 403",
    ),
    # api/^territory-plans/(?P<plan_pk>\d+)/action-items/$
    row(
        "territory-plan-action-item-list",
        bodies={
            "post": lambda c: {"title": "Visit Globex", "owner": c.people.rep.pk, "due_date": soon(20).isoformat()}
        },
        kwargs=the_plan_as_parent,
        get="401 200 404 200 404 200 200",
        post="401 201 404 403 404 403 403",
    ),
    # api/^territory-plans/(?P<plan_pk>\d+)/action-items/(?P<pk>[^/.]+)/$
    row(
        "territory-plan-action-item-detail",
        bodies={
            "put": lambda c: {
                "title": "Call Acme twice",
                "owner": c.people.rep.pk,
                "due_date": soon(20).isoformat(),
            },
            "patch": {"title": "Call Acme twice"},
        },
        kwargs=lambda c: {"plan_pk": c.plan.pk, "pk": c.plan_action.pk},
        get="401 200 404 200 404 200 200",
        put="401 200 404 403 404 403 403",
        patch="401 200 404 403 404 403 403",
        delete="401 204 404 403 404 403 403",
    ),
    # api/^territory-plans/(?P<plan_pk>\d+)/action-items/(?P<pk>[^/.]+)/done/$
    row(
        "territory-plan-action-item-done",
        bodies={"post": {"done": True}},
        kwargs=lambda c: {"plan_pk": c.plan.pk, "pk": c.plan_action.pk},
        post="401 200 404 403 404 403 403",
    ),
    # api/^territory-plans/(?P<plan_pk>\d+)/reviews/$
    row(
        "territory-plan-review-list",
        bodies={"post": {"body": "Looks right."}},
        kwargs=the_plan_as_parent,
        get="401 200 404 200 404 200 200",
        post="401 201 404 201 404 201 403",
    ),
    # api/^territory-plans/(?P<plan_pk>\d+)/reviews/(?P<pk>[^/.]+)/$
    row(
        "territory-plan-review-detail",
        kwargs=lambda c: {"plan_pk": c.plan.pk, "pk": c.plan_review.pk},
        get="401 200 404 200 404 200 200",
    ),
    # api/^territory-plans/(?P<plan_pk>\d+)/versions/$
    row("territory-plan-version-list", kwargs=the_plan_as_parent, get="401 200 404 200 404 200 200"),
    # api/^territory-plans/(?P<plan_pk>\d+)/versions/(?P<number>\d+)/$
    row(
        "territory-plan-version-detail",
        kwargs=lambda c: {"plan_pk": c.plan.pk, "number": c.plan_version.number},
        get="401 200 404 200 404 200 200",
    ),
    # api/^joint-plans/$
    row(
        "joint-plan-list",
        bodies={"post": lambda c: {"cycle": c.cycle.pk, "half": 2}},
        get="401 200 200 200 200 200 200",
        post="401 403 403 201 201 201 400",
    ),
    # api/^joint-plans/(?P<pk>\d+)/$
    row(
        "joint-plan-detail",
        bodies={"put": {"potential_analysis": "Events."}, "patch": {"potential_analysis": "Events."}},
        kwargs=lambda c: {"pk": c.joint_plan.pk},
        get="401 200 200 200 404 200 200",
        put="401 403 403 200 404 403 200",
        patch="401 403 403 200 404 403 200",
    ),
    # api/^joint-plans/(?P<plan_pk>\d+)/activities/$
    row(
        "joint-plan-activity-list",
        bodies={"post": {"function": "marketing", "name": "Autumn webinar", "verdict": "repeat"}},
        kwargs=lambda c: {"plan_pk": c.joint_plan.pk},
        get="401 200 200 200 404 200 200",
        post="401 403 403 201 404 403 201",
    ),
    # api/^joint-plans/(?P<plan_pk>\d+)/activities/(?P<pk>[^/.]+)/$
    row(
        "joint-plan-activity-detail",
        bodies={
            "put": {"function": "marketing", "name": "Spring webinar 2", "verdict": "improve"},
            "patch": {"verdict": "improve"},
        },
        kwargs=lambda c: {"plan_pk": c.joint_plan.pk, "pk": c.joint_activity.pk},
        get="401 200 200 200 404 200 200",
        put="401 403 403 200 404 403 200",
        patch="401 403 403 200 404 403 200",
        delete="401 403 403 204 404 403 204",
    ),
    # api/^joint-plans/(?P<plan_pk>\d+)/targets/$
    row(
        "joint-plan-target-list",
        bodies={
            "post": lambda c: {
                "title": "MQLs",
                "metric": "leads",
                "unit": "count",
                "target": "300",
                "co_owner": c.marketer.pk,
            }
        },
        kwargs=lambda c: {"plan_pk": c.joint_plan.pk},
        get="401 200 200 200 404 200 200",
        post="401 403 403 201 404 403 201",
    ),
    # api/^joint-plans/(?P<plan_pk>\d+)/targets/(?P<pk>[^/.]+)/$
    row(
        "joint-plan-target-detail",
        bodies={
            "put": lambda c: {
                "title": "More pipeline",
                "metric": "pipeline",
                "unit": "USD",
                "target": "120000",
                "co_owner": c.marketer.pk,
            },
            "patch": {"title": "More pipeline"},
        },
        kwargs=lambda c: {"plan_pk": c.joint_plan.pk, "pk": c.joint_target.pk},
        get="401 200 200 200 404 200 200",
        put="401 403 403 200 404 403 200",
        patch="401 403 403 200 404 403 200",
        delete="401 403 403 204 404 403 204",
    ),
    # api/^joint-plans/(?P<plan_pk>\d+)/targets/(?P<pk>[^/.]+)/place/$
    row(
        "joint-plan-target-place",
        kwargs=lambda c: {"plan_pk": c.joint_plan.pk, "pk": c.joint_target.pk},
        post="401 403 403 403 404 403 403",
    ),
    # api/feeds/<int:pk>/webhook/
    # Signed, not signed in: without the feed's signature everyone gets 401.
    row("feed-webhook", kwargs=lambda c: {"pk": c.feed.pk}, post="401 401 401 401 401 401 401"),
    # api/^feeds/$
    row(
        "feed-list",
        bodies={"post": lambda c: {"goal": c.private_goal.pk, "name": "Closed won", "kind": "webhook"}},
        get="401 200 200 200 200 200 200",
        post="401 201 400 201 400 201 201",
    ),
    # api/^feeds/(?P<pk>[^/.]+)/$
    row(
        "feed-detail",
        bodies={
            "put": lambda c: {"goal": c.private_goal.pk, "name": "Renamed feed", "kind": "webhook"},
            "patch": {"name": "Renamed feed"},
        },
        kwargs=lambda c: {"pk": c.feed.pk},
        get="401 200 404 200 404 200 200",
        put="401 200 404 200 404 200 200",
        patch="401 200 404 200 404 200 200",
        delete="401 204 404 204 404 204 204",
    ),
    # api/^feeds/(?P<pk>[^/.]+)/fetch/$
    row("feed-fetch", kwargs=lambda c: {"pk": c.feed.pk}, post="401 400 404 400 404 400 400"),
    # api/^feeds/(?P<pk>[^/.]+)/readings/$
    row("feed-readings", kwargs=lambda c: {"pk": c.feed.pk}, get="401 200 404 200 404 200 200"),
    # api/^feeds/(?P<pk>[^/.]+)/rotate-secret/$
    row("feed-rotate-secret", kwargs=lambda c: {"pk": c.feed.pk}, post="401 200 404 200 404 200 200"),
    # api/^crm-connections/$
    row(
        "crm-connection-list",
        bodies={"post": {"provider": "hubspot", "name": "HubSpot sandbox", "client_secret": "s3cret"}},
        get="401 403 403 403 403 403 200",
        post="401 403 403 403 403 403 400",
    ),
    # api/^crm-connections/(?P<pk>[^/.]+)/$
    row(
        "crm-connection-detail",
        kwargs=lambda c: {"pk": c.crm_connection.pk},
        get="401 403 403 403 403 403 200",
        put="401 403 403 403 403 403 400",
        patch="401 403 403 403 403 403 400",
        delete="401 403 403 403 403 403 204",
    ),
    #
    row("home", get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # explorer/
    row("goals:explorer-default", get="login 302 302 302 302 302 302", post="login 302 302 302 302 302 302"),
    # cycles/<int:cycle_id>/explorer/
    row("goals:explorer", kwargs=the_cycle, get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # explorer/regions/
    row("goals:explorer-regions", get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # cycles/<int:cycle_id>/explorer/<slug:group>/
    row(
        "goals:explorer-group",
        kwargs=lambda c: {"cycle_id": c.cycle.pk, "group": "unlinked"},
        get="login 200 200 200 200 200 200",
        post="login 200 200 200 200 200 200",
    ),
    # goals/new/
    row(
        "goals:create",
        bodies={
            "post": lambda c: {
                "cycle": c.cycle.pk,
                "owner": c.people.rep.pk,
                "parent": c.cascade.manager.pk,
                "title": "Upsell",
                "metric": "ARR",
                "unit": "USD",
                "baseline": "0",
                "target": "1000",
                "weight": "1",
                "visibility": "company",
                "rollup": "auto",
            }
        },
        get="login 200 200 200 200 200 200",
        post="login 302 302 302 200 200 200",
    ),
    # goals/parent-suggestions/
    row("goals:parent-suggestions", get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # goals/draft-preview/
    row("goals:draft-preview", get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # goals/<int:pk>/
    row(
        "goals:detail",
        kwargs=the_private_goal,
        get="login 200 404 200 404 200 200",
        post="login 200 404 200 404 200 200",
    ),
    # goals/<int:pk>/edit/
    row(
        "goals:edit",
        bodies={
            "post": {
                "title": "Renamed",
                "metric": "ARR",
                "unit": "USD",
                "baseline": "0",
                "target": "1000",
                "weight": "1",
                "visibility": "private",
                "rollup": "auto",
            }
        },
        kwargs=the_private_goal,
        get="login 200 404 403 404 403 200",
        post="login 302 404 403 404 403 302",
    ),
    # goals/<int:pk>/subgoals/
    row(
        "goals:subgoals",
        kwargs=the_private_goal,
        get="login 200 404 200 404 200 200",
        post="login 200 404 200 404 200 200",
    ),
    # goals/<int:pk>/map/
    row(
        "goals:map-data",
        kwargs=the_private_goal,
        get="login 200 404 200 404 200 200",
        post="login 200 404 200 404 200 200",
    ),
    # goals/<int:pk>/check-in/
    row(
        "goals:checkin",
        bodies={"post": {"value": "1000", "confidence": "on_track", "note": ""}},
        kwargs=the_private_goal,
        get="login 200 404 200 404 200 200",
        post="login 302 404 302 404 302 302",
    ),
    # goals/<int:pk>/comments/
    row(
        "goals:comment",
        bodies={"post": {"body": "Nice."}},
        kwargs=the_private_goal,
        get="login 405 405 405 405 405 405",
        post="login 302 404 302 404 302 302",
    ),
    # goals/<int:pk>/submit/
    row(
        "goals:submit",
        kwargs=the_private_goal,
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 403",
    ),
    # goals/<int:pk>/approve/
    row(
        "goals:approve",
        kwargs=the_submitted_private_goal,
        get="login 405 405 405 405 405 405",
        post="login 403 404 302 404 302 302",
    ),
    # goals/<int:pk>/return/
    row(
        "goals:return",
        bodies={"post": {"reason": "Too low"}},
        kwargs=the_submitted_private_goal,
        get="login 405 405 405 405 405 405",
        post="login 403 404 302 404 302 302",
    ),
    # goals/<int:pk>/carry-over/
    row(
        "goals:carry-over",
        bodies={"post": lambda c: {"cycle": c.workshop_cycle.pk}},
        kwargs=the_private_goal,
        get="login 405 405 405 405 405 405",
        post="login 302 404 302 404 302 302",
    ),
    # goals/<int:pk>/delete/
    row(
        "goals:delete",
        kwargs=the_private_goal,
        get="login 200 404 403 404 403 200",
        post="login 302 404 403 404 403 302",
    ),
    # comments/<int:pk>/delete/
    row(
        "goals:comment-delete",
        kwargs=lambda c: {"pk": c.goal_comment.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 302",
    ),
    # goals/deleted/
    row("goals:deleted", get="login 403 403 403 403 403 200", post="login 403 403 403 403 403 200"),
    # deletions/<int:pk>/restore/
    # Others get 403 here (the API's deletion-detail answers 404): the id of a deletion names no goal.
    row(
        "goals:deletion-restore",
        kwargs=lambda c: {"pk": c.deletion.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 403 403 403 403 302",
    ),
    # cycles/<int:cycle_id>/import/
    row("goals:import", kwargs=the_cycle, get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # imports/<int:pk>/
    row(
        "goals:import-job",
        kwargs=lambda c: {"pk": c.import_job.pk},
        get="login 200 404 404 404 404 200",
        post="login 200 404 404 404 404 200",
    ),
    # approvals/
    row("goals:approvals", get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # approvals/review/
    row("goals:approvals-review", get="login 405 405 405 405 405 405", post="login 200 200 200 200 200 200"),
    # alignment/
    row("alignment:health-default", get="login 302 302 302 302 302 302", post="405 405 405 405 405 405 405"),
    # alignment/<int:cycle_id>/
    row("alignment:health", kwargs=the_cycle, get="login 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    # alignment/<int:cycle_id>/scan/
    row("alignment:scan", kwargs=the_cycle, get="405 405 405 405 405 405 405", post="login 403 403 403 403 302 302"),
    # goals/<int:pk>/phasing/
    row(
        "quotas:phasing",
        kwargs=the_private_goal,
        get="login 200 404 200 404 200 200",
        post="login 200 404 200 404 200 200",
    ),
    # goals/<int:pk>/phasing/clear/
    row(
        "quotas:phasing-clear",
        kwargs=the_private_goal,
        get="login 405 405 405 405 405 405",
        post="login 302 404 302 404 302 302",
    ),
    # goals/<int:pk>/retrospective/
    row(
        "quotas:retrospective",
        kwargs=lambda c: {"pk": c.closed_goal_pk},
        get="login 200 403 403 403 403 403",
        post="login 302 403 403 403 403 403",
    ),
    # assumptions/
    row("assumptions:board", get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # assumptions/new/
    row("assumptions:create", get="login 403 403 403 403 200 200", post="login 403 403 403 403 200 200"),
    # assumptions/<int:pk>/
    row(
        "assumptions:detail",
        owner="ceo",
        kwargs=lambda c: {"pk": c.assumption.pk},
        get="login 200 200 200 200 200 200",
        post="login 200 200 200 200 200 200",
    ),
    # assumptions/<int:pk>/edit/
    row(
        "assumptions:edit",
        owner="ceo",
        kwargs=lambda c: {"pk": c.assumption.pk},
        get="login 200 403 403 403 403 200",
        post="login 200 403 403 403 403 200",
    ),
    # assumptions/<int:pk>/status/
    row(
        "assumptions:status",
        owner="ceo",
        kwargs=lambda c: {"pk": c.assumption.pk},
        get="login 405 405 405 405 405 405",
        post="login 200 403 403 403 403 200",
    ),
    # assumptions/<int:pk>/challenge/
    row(
        "assumptions:challenge-create",
        bodies={"post": {"claim": "Churn is rising"}},
        kwargs=lambda c: {"pk": c.assumption.pk},
        get="login 200 200 200 200 200 200",
        post="login 200 200 200 200 200 200",
    ),
    # assumptions/challenges/<int:pk>/
    row(
        "assumptions:challenge",
        kwargs=lambda c: {"pk": c.challenge.pk},
        get="login 200 200 200 200 200 200",
        post="login 200 200 200 200 200 200",
    ),
    # assumptions/challenges/<int:pk>/endorse/
    row(
        "assumptions:endorse",
        kwargs=lambda c: {"pk": c.challenge.pk},
        get="login 405 405 405 405 405 405",
        post="login 403 302 302 302 302 302",
    ),
    # assumptions/challenges/<int:pk>/resolve/
    row(
        "assumptions:resolve",
        owner="ceo",
        bodies={"post": {"status": "declined", "response": "The data says otherwise."}},
        kwargs=lambda c: {"pk": c.challenge.pk},
        get="login 405 405 405 405 405 405",
        post="login 200 403 403 403 403 403",
    ),
    # assumptions/challenges/<int:pk>/comments/
    row(
        "assumptions:comment",
        bodies={"post": {"body": "Agreed."}},
        kwargs=lambda c: {"pk": c.challenge.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 302 302 302 302 302",
    ),
    # assumptions/comments/<int:pk>/edit/
    row(
        "assumptions:comment-edit",
        bodies={"post": {"body": "Edited."}},
        kwargs=lambda c: {"pk": c.comment.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 403 403 403 403 403",
    ),
    # assumptions/comments/<int:pk>/remove/
    row(
        "assumptions:comment-remove",
        kwargs=lambda c: {"pk": c.comment.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 403 403 403 403 302",
    ),
    # assumptions/course-corrections/
    row("assumptions:change-requests", get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # assumptions/course-corrections/<int:pk>/
    row(
        "assumptions:change-request",
        bodies={"post": {"action": "decline", "note": "Not now."}},
        kwargs=lambda c: {"pk": c.change_request.pk},
        get="login 200 200 200 200 200 200",
        post="login 200 403 200 403 200 200",
    ),
    # notifications/
    row("notifications:inbox", get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # notifications/<int:pk>/open/
    row(
        "notifications:open",
        kwargs=lambda c: {"pk": c.notification.pk},
        get="login 302 404 404 404 404 404",
        post="login 302 404 404 404 404 404",
    ),
    # notifications/<int:pk>/read/
    row(
        "notifications:read",
        kwargs=lambda c: {"pk": c.notification.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 404 404 404 404",
    ),
    # notifications/read-all/
    row("notifications:read-all", get="login 405 405 405 405 405 405", post="login 302 302 302 302 302 302"),
    # notifications/settings/
    row("notifications:preferences", get="login 200 200 200 200 200 200", post="login 302 302 302 302 302 302"),
    # notifications/chat/
    row("notifications:chat", get="login 200 200 200 200 200 200", post="login 302 302 302 302 302 302"),
    # workshop/
    row("workshop:board-default", get="login 302 302 302 302 302 302", post="405 405 405 405 405 405 405"),
    # workshop/<int:cycle_id>/
    row(
        "workshop:board",
        kwargs=the_workshop_cycle,
        get="login 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405",
    ),
    # workshop/<int:cycle_id>/map/
    row(
        "workshop:map",
        kwargs=the_workshop_cycle,
        get="405 405 405 405 405 405 405",
        post="login 403 403 403 403 200 200",
    ),
    # workshop/<int:cycle_id>/unmap/
    row(
        "workshop:unmap",
        kwargs=the_workshop_cycle,
        get="405 405 405 405 405 405 405",
        post="login 403 403 403 403 200 200",
    ),
    # workshop/<int:cycle_id>/decisions/
    row(
        "workshop:decide",
        kwargs=the_workshop_cycle,
        get="405 405 405 405 405 405 405",
        post="login 403 403 403 403 200 200",
    ),
    # workshop/<int:cycle_id>/objectives/<int:objective_id>/allocate/
    row(
        "workshop:allocate",
        kwargs=lambda c: {"cycle_id": c.workshop_cycle.pk, "objective_id": c.workshop_objective.pk},
        get="405 405 405 405 405 405 405",
        post="login 403 403 403 403 403 200",
    ),
    # workshop/<int:cycle_id>/close/
    row(
        "workshop:close",
        kwargs=the_workshop_cycle,
        get="405 405 405 405 405 405 405",
        post="login 403 403 403 403 200 200",
    ),
    # workshop/<int:cycle_id>/baseline/
    row(
        "workshop:baseline",
        kwargs=the_workshop_cycle,
        get="login 404 404 404 404 404 404",
        post="405 405 405 405 405 405 405",
    ),
    # workshop/<int:cycle_id>/baseline.csv
    row(
        "workshop:baseline-csv",
        kwargs=the_workshop_cycle,
        get="login 404 404 404 404 404 404",
        post="405 405 405 405 405 405 405",
    ),
    # workshop/<int:cycle_id>/drift/
    row(
        "workshop:drift",
        kwargs=the_workshop_cycle,
        get="login 404 404 404 404 404 404",
        post="405 405 405 405 405 405 405",
    ),
    # cabinet/
    row("cabinet:home", get="login 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    # cabinet/strategy-room/
    row("cabinet:strategy-room", get="login 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    # cabinet/committee/
    row("cabinet:committee", get="login 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    # cabinet/committee/new/
    row("cabinet:role-create", get="login 403 403 403 403 200 200", post="login 403 403 403 403 200 200"),
    # cabinet/committee/<int:pk>/edit/
    row(
        "cabinet:role-edit",
        kwargs=lambda c: {"pk": c.committee_role.pk},
        get="login 403 403 403 403 200 200",
        post="login 403 403 403 403 200 200",
    ),
    # cabinet/candidates/
    row("cabinet:candidates", get="login 403 403 200 200 200 200", post="405 405 405 405 405 405 405"),
    # cabinet/people/<int:pk>/high-performer/
    row(
        "cabinet:high-performer",
        kwargs=lambda c: {"pk": c.people.rep.pk},
        get="login 200 404 200 404 200 200",
        post="login 403 404 200 404 200 200",
    ),
    # cabinet/seats/
    row("cabinet:seats", get="login 200 200 200 200 200 200", post="login 403 403 403 403 200 200"),
    # cabinet/seats/<int:pk>/
    row(
        "cabinet:seat",
        kwargs=lambda c: {"pk": c.seat_offer.pk},
        get="login 200 200 200 200 200 200",
        post="login 200 200 200 200 200 200",
    ),
    # cabinet/seats/<int:pk>/<slug:verb>/
    row(
        "cabinet:seat-action",
        kwargs=lambda c: {"pk": c.seat_offer.pk, "verb": "accept"},
        get="405 405 405 405 405 405 405",
        post="login 302 403 403 403 403 403",
    ),
    # cabinet/questions/
    row("cabinet:questions", get="login 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    # cabinet/questions/new/
    row("cabinet:question-create", get="login 403 403 403 403 403 200", post="login 403 403 403 403 403 200"),
    # cabinet/questions/<int:pk>/
    row(
        "cabinet:question",
        kwargs=lambda c: {"pk": c.question.pk},
        get="login 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405",
    ),
    # cabinet/questions/<int:pk>/edit/
    row(
        "cabinet:question-edit",
        kwargs=lambda c: {"pk": c.question.pk},
        get="login 403 403 403 403 200 200",
        post="login 403 403 403 403 200 200",
    ),
    # cabinet/questions/<int:pk>/<slug:verb>/
    row(
        "cabinet:question-action",
        kwargs=lambda c: {"pk": c.question.pk, "verb": "recommend"},
        get="405 405 405 405 405 405 405",
        post="login 403 403 403 403 403 403",
    ),
    # cabinet/meetings/new/
    row("cabinet:meeting-create", get="login 403 403 403 403 403 200", post="login 403 403 403 403 403 200"),
    # cabinet/meetings/<int:pk>/
    row(
        "cabinet:meeting",
        kwargs=lambda c: {"pk": c.meeting.pk},
        get="login 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405",
    ),
    # cabinet/meetings/<int:pk>/<slug:verb>/
    row(
        "cabinet:meeting-action",
        kwargs=lambda c: {"pk": c.meeting.pk, "verb": "publish-agenda"},
        get="405 405 405 405 405 405 405",
        post="login 403 403 403 403 200 200",
    ),
    # cabinet/action-items/<int:pk>/<slug:verb>/
    row(
        "cabinet:action-item",
        kwargs=lambda c: {"pk": c.cabinet_action_item.pk, "verb": "done"},
        get="405 405 405 405 405 405 405",
        post="login 302 403 403 403 302 302",
    ),
    # territory-plans/
    row("territories:home", get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # territory-plans/new/
    row(
        "territories:plan-create",
        bodies={"post": lambda c: {"cycle": c.cycle.pk}},
        get="login 405 405 405 405 405 405",
        post="login 302 302 302 302 302 302",
    ),
    # territory-plans/team/
    row("territories:team", get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    # territory-plans/team/funnel/
    row(
        "territories:team-funnel",
        bodies={
            "post": lambda c: {
                "cycle": c.cycle.pk,
                "average_deal_size": "20000",
                "stages-TOTAL_FORMS": "1",
                "stages-INITIAL_FORMS": "0",
                "stages-0-name": "Qualified",
                "stages-0-conversion_rate": "50",
            }
        },
        get="login 405 405 405 405 405 405",
        post="login 403 403 302 302 302 403",
    ),
    # territory-plans/<int:pk>/
    row("territories:plan", kwargs=the_plan, get="login 200 404 200 404 200 200", post="login 200 404 200 404 200 200"),
    # territory-plans/<int:pk>/sections/<slug:section>/
    row(
        "territories:plan-section",
        bodies={"post": {"trends": "Consolidation."}},
        kwargs=lambda c: {"pk": c.plan.pk, "section": "analysis"},
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 403",
    ),
    # territory-plans/<int:pk>/accounts/
    row(
        "territories:account-add",
        bodies={
            "post": {
                "account-kind": "prospect",
                "account-name": "Globex",
                "account-expected_value": "0",
                "account-stage": "identified",
            }
        },
        kwargs=the_plan,
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 403",
    ),
    # territory-plans/<int:pk>/accounts/<int:account_pk>/
    row(
        "territories:account-edit",
        bodies={
            "post": lambda c: {
                f"account-{c.plan_account.pk}-{k}": v
                for k, v in {
                    "kind": "prospect",
                    "name": "Acme Corp",
                    "expected_value": "0",
                    "stage": "identified",
                }.items()
            }
        },
        kwargs=lambda c: {"pk": c.plan.pk, "account_pk": c.plan_account.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 403",
    ),
    # territory-plans/<int:pk>/accounts/<int:account_pk>/delete/
    row(
        "territories:account-delete",
        kwargs=lambda c: {"pk": c.plan.pk, "account_pk": c.plan_account.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 403",
    ),
    # territory-plans/<int:pk>/objectives/
    row(
        "territories:objective-add",
        bodies={
            "post": {
                "objective-title": "Win Globex",
                "objective-metric": "new ARR",
                "objective-unit": "USD",
                "objective-target": "40000",
            }
        },
        kwargs=the_plan,
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 403",
    ),
    # territory-plans/<int:pk>/objectives/<int:objective_pk>/
    row(
        "territories:objective-edit",
        bodies={
            "post": lambda c: {
                f"objective-{c.plan_objective.pk}-{k}": v
                for k, v in {"title": "Win Acme Corp", "metric": "new ARR", "unit": "USD", "target": "60000"}.items()
            }
        },
        kwargs=lambda c: {"pk": c.plan.pk, "objective_pk": c.plan_objective.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 403",
    ),
    # territory-plans/<int:pk>/objectives/<int:objective_pk>/delete/
    row(
        "territories:objective-delete",
        kwargs=lambda c: {"pk": c.plan.pk, "objective_pk": c.plan_objective.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 403",
    ),
    # territory-plans/<int:pk>/objectives/<int:objective_pk>/goal/
    row(
        "territories:objective-goal",
        kwargs=lambda c: {"pk": c.plan.pk, "objective_pk": c.plan_objective.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 403",
    ),
    # territory-plans/<int:pk>/actions/
    row(
        "territories:action-add",
        bodies={
            "post": lambda c: {
                "action-title": "Visit Globex",
                "action-owner": c.people.rep.pk,
                "action-due_date": soon(20).isoformat(),
            }
        },
        kwargs=the_plan,
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 403",
    ),
    # territory-plans/<int:pk>/actions/<int:item_pk>/delete/
    row(
        "territories:action-delete",
        kwargs=lambda c: {"pk": c.plan.pk, "item_pk": c.plan_action.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 403",
    ),
    # territory-plans/<int:pk>/actions/<int:item_pk>/done/
    row(
        "territories:action-done",
        kwargs=lambda c: {"pk": c.plan.pk, "item_pk": c.plan_action.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 403 404 403 403",
    ),
    # territory-plans/<int:pk>/submit/
    row(
        "territories:plan-submit",
        kwargs=the_plan,
        get="login 405 405 405 405 405 405",
        post="login 200 404 403 404 403 403",
    ),
    # territory-plans/<int:pk>/review/
    row(
        "territories:plan-review",
        bodies={"post": {"decision": "comment", "section": "", "body": "Looks right."}},
        kwargs=the_plan,
        get="login 405 405 405 405 405 405",
        post="login 302 404 302 404 302 403",
    ),
    # territory-plans/<int:pk>/plan-check/
    row(
        "territories:plan-check",
        kwargs=the_plan,
        get="login 405 405 405 405 405 405",
        post="login 302 404 302 404 302 302",
    ),
    # territory-plans/<int:pk>/versions/<int:number>/
    row(
        "territories:plan-version",
        kwargs=lambda c: {"pk": c.plan.pk, "number": c.plan_version.number},
        get="login 200 404 200 404 200 200",
        post="login 200 404 200 404 200 200",
    ),
    # territory-plans/<int:pk>/print/
    row(
        "territories:plan-print",
        kwargs=the_plan,
        get="login 200 404 200 404 200 200",
        post="login 200 404 200 404 200 200",
    ),
    # territory-plans/<int:pk>/pdf/
    row(
        "territories:plan-pdf",
        kwargs=the_plan,
        get="login 200 404 200 404 200 200",
        post="login 200 404 200 404 200 200",
    ),
    # joint-plans/new/
    row("territories:joint-plan-create", get="login 302 302 200 200 200 200", post="login 302 302 200 200 200 200"),
    # joint-plans/<int:pk>/
    row(
        "territories:joint-plan",
        kwargs=lambda c: {"pk": c.joint_plan.pk},
        get="login 200 200 200 404 200 200",
        post="login 200 200 200 404 200 200",
    ),
    # joint-plans/<int:pk>/save/
    row(
        "territories:joint-plan-save",
        bodies={"post": {"joint-currency": "USD", "joint-potential_analysis": "Events."}},
        kwargs=lambda c: {"pk": c.joint_plan.pk},
        get="login 405 405 405 405 405 405",
        post="login 403 403 302 404 403 302",
    ),
    # joint-plans/<int:pk>/activities/
    row(
        "territories:activity-add",
        bodies={
            "post": {"activity-function": "marketing", "activity-name": "Autumn webinar", "activity-verdict": "repeat"}
        },
        kwargs=lambda c: {"pk": c.joint_plan.pk},
        get="login 405 405 405 405 405 405",
        post="login 403 403 302 404 403 302",
    ),
    # joint-plans/<int:pk>/activities/<int:activity_pk>/delete/
    row(
        "territories:activity-delete",
        kwargs=lambda c: {"pk": c.joint_plan.pk, "activity_pk": c.joint_activity.pk},
        get="login 405 405 405 405 405 405",
        post="login 403 403 302 404 403 302",
    ),
    # joint-plans/<int:pk>/targets/
    row(
        "territories:target-add",
        bodies={
            "post": lambda c: {
                "target-title": "MQLs",
                "target-metric": "leads",
                "target-unit": "count",
                "target-target": "300",
                "target-co_owner": c.marketer.pk,
            }
        },
        kwargs=lambda c: {"pk": c.joint_plan.pk},
        get="login 405 405 405 405 405 405",
        post="login 403 403 302 404 403 302",
    ),
    # joint-plans/<int:pk>/targets/<int:target_pk>/delete/
    row(
        "territories:target-delete",
        kwargs=lambda c: {"pk": c.joint_plan.pk, "target_pk": c.joint_target.pk},
        get="login 405 405 405 405 405 405",
        post="login 403 403 302 404 403 302",
    ),
    # joint-plans/<int:pk>/targets/<int:target_pk>/place/
    row(
        "territories:target-place",
        kwargs=lambda c: {"pk": c.joint_plan.pk, "target_pk": c.joint_target.pk},
        get="login 405 405 405 405 405 405",
        post="login 403 403 403 404 403 403",
    ),
    # goals/<int:goal_pk>/feeds/new/
    row(
        "integrations:feed-create",
        kwargs=lambda c: {"goal_pk": c.private_goal.pk},
        get="login 200 404 200 404 200 200",
        post="login 200 404 200 404 200 200",
    ),
    # feeds/<int:pk>/
    row(
        "integrations:feed",
        kwargs=lambda c: {"pk": c.feed.pk},
        get="login 200 404 200 404 200 200",
        post="login 200 404 200 404 200 200",
    ),
    # feeds/<int:pk>/edit/
    row(
        "integrations:feed-edit",
        kwargs=lambda c: {"pk": c.feed.pk},
        get="login 200 404 200 404 200 200",
        post="login 200 404 200 404 200 200",
    ),
    # feeds/<int:pk>/fetch/
    row(
        "integrations:feed-fetch",
        kwargs=lambda c: {"pk": c.feed.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 302 404 302 302",
    ),
    # feeds/<int:pk>/toggle/
    row(
        "integrations:feed-toggle",
        kwargs=lambda c: {"pk": c.feed.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 302 404 302 302",
    ),
    # feeds/<int:pk>/rotate-secret/
    row(
        "integrations:feed-rotate-secret",
        kwargs=lambda c: {"pk": c.feed.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 302 404 302 302",
    ),
    # feeds/<int:pk>/delete/
    row(
        "integrations:feed-delete",
        kwargs=lambda c: {"pk": c.feed.pk},
        get="login 405 405 405 405 405 405",
        post="login 302 404 302 404 302 302",
    ),
    # integrations/
    row("integrations:overview", get="login 403 403 403 403 403 200", post="login 403 403 403 403 403 200"),
    # integrations/connections/new/
    row("integrations:connection-create", get="login 403 403 403 403 403 200", post="login 403 403 403 403 403 200"),
    # integrations/connections/<int:pk>/
    row(
        "integrations:connection-edit",
        kwargs=lambda c: {"pk": c.crm_connection.pk},
        get="login 403 403 403 403 403 200",
        post="login 403 403 403 403 403 200",
    ),
    # integrations/connections/<int:pk>/delete/
    row(
        "integrations:connection-delete",
        kwargs=lambda c: {"pk": c.crm_connection.pk},
        get="login 405 405 405 405 405 405",
        post="login 403 403 403 403 403 302",
    ),
    # audit/
    row("audit:trail", get="login 403 403 403 403 403 200", post="405 405 405 405 405 405 405"),
    # audit/export.csv
    row("audit:export", get="login 403 403 403 403 403 200", post="405 405 405 405 405 405 405"),
    # --- ids asked through a parent the person may open: the child belongs to someone else's private object
    row(
        "goal-checkin-detail",
        variant="private check-in through a company goal",
        kwargs=lambda c: {"goal_pk": c.cascade.rep.pk, "pk": c.checkin.pk},
        get="401 404 404 404 404 404 404",
    ),
    row(
        "territory-plan-account-detail",
        variant="the rep's account through the peer's plan",
        kwargs=lambda c: {"plan_pk": c.peer_plan.pk, "pk": c.plan_account.pk},
        get="401 404 404 404 404 404 404",
        patch="401 404 404 404 404 404 404",
        delete="401 404 404 404 404 404 404",
        bodies={"patch": {"name": "Taken"}},
    ),
    row(
        "territory-plan-objective-detail",
        variant="the rep's objective through the peer's plan",
        kwargs=lambda c: {"plan_pk": c.peer_plan.pk, "pk": c.plan_objective.pk},
        get="401 404 404 404 404 404 404",
    ),
    row(
        "territory-plan-action-item-done",
        variant="the rep's action through the peer's plan",
        kwargs=lambda c: {"plan_pk": c.peer_plan.pk, "pk": c.plan_action.pk},
        post="401 404 404 404 404 404 404",
        bodies={"post": {"done": True}},
    ),
    row(
        "territories:account-delete",
        variant="the rep's account through the peer's plan",
        kwargs=lambda c: {"pk": c.peer_plan.pk, "account_pk": c.plan_account.pk},
        post="login 404 404 404 404 404 404",
    ),
    row(
        "territories:action-done",
        variant="the rep's action through the peer's plan",
        kwargs=lambda c: {"pk": c.peer_plan.pk, "item_pk": c.plan_action.pk},
        post="login 404 404 404 404 404 404",
    ),
    # --- bad input: a form posted empty gets the form back, never a 500
    row(
        "assumptions:change-request",
        variant="posted empty",
        kwargs=lambda c: {"pk": c.change_request.pk},
        post="login 200 200 200 200 200 200",
    ),
]
