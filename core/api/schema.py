"""The OpenAPI schema: drf-spectacular, plus the error responses API.md promises on every operation.

drf-spectacular documents success responses only. ``AutoSchema`` adds, unless a view's
``@extend_schema`` already names the code: 401/403 on every operation that needs a
signed-in person, 404 on paths with an id (and on paginated lists: a page out of
range, and on reads that name an object by id in the query), 400 on writes and on every read that
takes query parameters, 409 on writes (a state
conflict). An import's 400 is either its rejected rows or a refused field (``{"file": [...]}``).
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.permissions import AllowAny

ERROR_SCHEMA = {
    "type": "object",
    "description": "What went wrong, in a sentence meant for people.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": (
        'Each field that was refused, with its messages: {"field": ["message", ...]}. Errors that belong '
        'to no single field come as "non_field_errors" (a list) or "detail" (a sentence).'
    ),
    "properties": {
        # A sentence; or, where the input has a field called "detail" (an agenda point's), its messages.
        "detail": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    # A nested field (a list of options, the items of a batch) reports its errors nested the same way:
    # {"options": {"0": ["..."]}}, {"items": [{"goal": ["..."]}]}.
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "array", "items": {"type": "object"}},
            {"type": "object"},
        ]
    },
}
ERROR_DESCRIPTIONS = {
    "400": "The input was refused; the body names each field and why.",
    "401": "Not signed in: send a session cookie or `Authorization: Token <token>`.",
    "403": "Signed in, but not allowed to do this.",
    "404": "No such object, or one the caller may not see.",
    "409": "The object's state does not allow this now (e.g. its cycle is closed, or it was already approved).",
}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            responses.setdefault(code, self._error_response(code))
        self._import_rejection_or_field_errors(responses.get("400"))
        return responses

    def _import_rejection_or_field_errors(self, response: dict | None) -> None:
        """An import's 400 lists bad rows, or names the field it refused (no file, no cycle)."""
        schema = (response or {}).get("content", {}).get("application/json", {}).get("schema", {})
        if not schema.get("$ref", "").endswith("/ImportRejected"):
            return
        validation = self._error_response("400")["content"]["application/json"]["schema"]
        response["content"]["application/json"]["schema"] = {"oneOf": [dict(schema), validation]}

    def _error_codes(self) -> list[str]:
        codes = []
        if self.method in {"POST", "PUT", "PATCH"} or self._takes_query_parameters():
            codes.append("400")
        if not self._is_public():
            codes += ["401", "403"]
        if "{" in self.path or (self.method == "GET" and self._is_list_view() and self._get_paginator()):
            codes.append("404")
        elif self.method == "GET" and self._names_an_object_in_the_query():
            codes.append("404")  # ?cycle=<id> of a cycle that does not exist
        if self.method in WRITE_METHODS and not self._is_public():
            codes.append("409")
        return codes

    def _is_public(self) -> bool:
        permissions = self.view.get_permissions()
        return all(isinstance(permission, AllowAny) for permission in permissions)

    def _takes_query_parameters(self) -> bool:
        if self._is_list_view() and (self._has_filters() or self._get_paginator()):
            return True
        return any(parameter.get("in") == "query" for parameter in self._get_parameters())

    def _names_an_object_in_the_query(self) -> bool:
        return any(
            parameter.get("in") == "query" and parameter.get("schema", {}).get("type") == "integer"
            for parameter in self._get_parameters()
        )

    def _has_filters(self) -> bool:
        return bool(getattr(self.view, "filterset_class", None) or getattr(self.view, "filterset_fields", None))

    def _error_response(self, code: str) -> dict:
        name, schema = ("ValidationError", VALIDATION_ERROR_SCHEMA) if code == "400" else ("Error", ERROR_SCHEMA)
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema)
        self.registry.register_on_missing(component)
        return {"description": ERROR_DESCRIPTIONS[code], "content": {"application/json": {"schema": component.ref}}}
