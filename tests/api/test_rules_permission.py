"""RulesPermission asks the rules registry for the permission each action names, with its message."""

import pytest
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate

from core.api.permissions import RulesPermission

pytestmark = pytest.mark.django_db


class PeopleOnlyStaffAdd(viewsets.ViewSet):
    permission_classes = [RulesPermission]
    permission_required = {"create": "accounts.add_person"}
    object_permission_required = {"partial_update": "accounts.mark_high_performer"}
    permission_messages = {"create": "Only admins add people."}

    def list(self, request):
        return Response([])

    def create(self, request):
        return Response({}, status=201)

    def partial_update(self, request, pk=None):
        from accounts.models import Person

        self.check_object_permissions(request, Person.objects.get(pk=pk))
        return Response({})


def call(method: str, person, action: str, **kwargs):
    view = PeopleOnlyStaffAdd.as_view({method: action})
    request = getattr(APIRequestFactory(), method)("/api/things/", {}, format="json")
    if person is not None:
        force_authenticate(request, user=person)
    return view(request, **kwargs)


def test_an_action_without_a_named_permission_is_open_to_anyone_signed_in(people):
    assert call("get", people.rep, "list").status_code == 200


def test_anonymous_is_refused_everything(people):
    assert call("get", None, "list").status_code == 401


def test_the_named_permission_lets_staff_in(people):
    assert call("post", people.staff, "create").status_code == 201


def test_the_named_permission_keeps_others_out_with_the_views_message(people):
    response = call("post", people.manager, "create")
    assert response.status_code == 403
    assert response.data == {"detail": "Only admins add people."}


def test_object_permissions_are_asked_about_the_object(people):
    assert call("patch", people.manager, "partial_update", pk=people.rep.pk).status_code == 200
    assert call("patch", people.other_manager, "partial_update", pk=people.rep.pk).status_code == 403
