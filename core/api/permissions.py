from rest_framework.permissions import BasePermission


class RulesPermission(BasePermission):
    """Asks the ``rules`` registry (``person.has_perm``) what the view names for the current action.

    A view names its permissions per action (``list``, ``create``, ``update``, or an ``@action``'s name):

        permission_required = {"create": "accounts.add_person"}               # no object
        object_permission_required = {"update": "accounts.change_person"}     # on the object
        permission_messages = {"create": "Only admins add people."}

    Actions it does not name are open to anyone signed in: reads are narrowed by the
    view's queryset, and services check writes again whoever calls them.
    """

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        perm = getattr(view, "permission_required", {}).get(_action(request, view))
        return self._allowed(request, view, perm, None)

    def has_object_permission(self, request, view, obj) -> bool:
        perm = getattr(view, "object_permission_required", {}).get(_action(request, view))
        return self._allowed(request, view, perm, obj)

    def _allowed(self, request, view, perm: str | None, obj) -> bool:
        if perm is None or request.user.has_perm(perm, obj):
            return True
        message = getattr(view, "permission_messages", {}).get(_action(request, view))
        if message:
            self.message = message
        return False


def _action(request, view) -> str:
    return getattr(view, "action", None) or request.method.lower()
