"""The OpenAPI schema describes the API, validates as OpenAPI 3, and the doc page renders from local files."""

import io

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(anonymous):
    response = anonymous.get("/api/schema/?format=json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def test_the_schema_validates_as_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_the_schema_builds_without_a_single_warning():
    # A warning means a field or a response drf-spectacular could not describe.
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", "/dev/null", stdout=io.StringIO())


def test_the_schema_is_yaml_by_default(anonymous):
    response = anonymous.get("/api/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.")


def test_the_token_endpoint_is_documented_with_its_body_and_errors(schema):
    operation = schema["paths"]["/api/auth/token/"]["post"]
    request_schema = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert request_schema.endswith("/AuthTokenRequest")
    assert set(schema["components"]["schemas"]["AuthTokenRequest"]["required"]) == {"username", "password"}
    assert {"200", "400"} <= set(operation["responses"])


def test_token_authentication_is_described(schema):
    assert schema["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"


def test_the_doc_page_renders_with_swagger_ui_served_locally(anonymous):
    response = anonymous.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn." not in page and "unpkg" not in page
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


def test_the_swagger_ui_script_is_served(client):
    response = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert response.status_code == 200


def test_the_redoc_page_renders_from_local_files(anonymous):
    response = anonymous.get("/api/docs/redoc/")
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in response.content.decode()


CONTRACT_PATHS = [
    "/api/people/",
    "/api/people/{id}/",
    "/api/people/me/",
    "/api/people/{id}/chain/",
    "/api/people/import/",
    "/api/cycles/",
    "/api/cycles/{id}/",
    "/api/cycles/{id}/phase/",
    "/api/cycles/{id}/export/",
    "/api/goals/",
    "/api/goals/{id}/",
    "/api/goals/{id}/subtree/",
    "/api/goals/{id}/path/",
    "/api/goals/{id}/move/",
    "/api/goals/{id}/submit/",
    "/api/goals/{id}/approve/",
    "/api/goals/{id}/return/",
    "/api/goals/{id}/allocate/",
    "/api/goals/{id}/carry-over/",
    "/api/goals/import/",
    "/api/goals/{goal_pk}/checkins/",
    "/api/goals/{goal_pk}/checkins/{id}/",
    "/api/flags/",
    "/api/flags/{id}/",
]


def test_every_path_of_the_contract_is_documented(schema):
    assert set(CONTRACT_PATHS) <= set(schema["paths"])


def test_goals_are_documented_field_by_field(schema):
    goal = schema["components"]["schemas"]["Goal"]["properties"]
    for name in ["cycle", "parent", "tier", "owner", "title", "metric", "unit", "baseline", "target", "current"]:
        assert name in goal
    for name in ["progress", "rolled_up_progress", "open_flags", "status"]:
        assert goal[name].get("readOnly") is True, name
    request = schema["components"]["schemas"]["GoalRequest"]["properties"]
    assert "progress" not in request and "assumptions" in request
    assert set(schema["components"]["schemas"]["GoalRequest"]["required"]) == {"cycle", "title", "metric", "target"}


def test_the_filters_are_documented(schema):
    parameters = {parameter["name"] for parameter in schema["paths"]["/api/goals/"]["get"]["parameters"]}
    assert {"cycle", "owner", "tier", "status", "parent", "flag", "search", "page", "page_size"} <= parameters
    flag_parameters = {parameter["name"] for parameter in schema["paths"]["/api/flags/"]["get"]["parameters"]}
    assert {"cycle", "kind", "open", "owner"} <= flag_parameters


def test_every_operation_documents_its_errors(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            if path.startswith("/api/auth/"):
                continue
            if path.endswith("/webhook/"):  # signed, not signed in: no session or token, so no 403
                assert {"400", "401", "404", "409"} <= codes, (method, path)
                continue
            assert {"401", "403"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method in ("post", "put", "patch"):
                assert {"400", "409"} <= codes, (method, path)


def test_the_import_rejection_lists_rows_or_names_the_refused_field(schema):
    response = schema["paths"]["/api/goals/import/"]["post"]["responses"]["400"]
    shapes = [shape["$ref"] for shape in response["content"]["application/json"]["schema"]["oneOf"]]
    assert [ref.rsplit("/", 1)[1] for ref in shapes] == ["ImportRejected", "ValidationError"]
    assert "text/csv" in schema["paths"]["/api/goals/import/"]["post"]["requestBody"]["content"]


def test_every_read_with_query_parameters_documents_a_400(schema):
    drift = schema["paths"]["/api/workshop/drift/"]["get"]
    assert any(parameter["in"] == "query" for parameter in drift["parameters"])
    assert "400" in drift["responses"]


def test_nested_field_errors_fit_the_validation_error_schema(schema):
    from openapi_schema_validator import validate

    validation = schema["components"]["schemas"]["ValidationError"]
    validate({"options": {"0": ["Not a valid string."]}}, validation)
    validate({"items": [{"goal": ["There is no goal with id 0."]}]}, validation)
    validate({"title": ["This field is required."]}, validation)


def test_a_read_that_names_an_object_in_the_query_documents_a_404(schema):
    track_record = schema["paths"]["/api/cabinet/track-record/"]["get"]
    assert any(p["in"] == "query" and p["schema"]["type"] == "integer" for p in track_record["parameters"])
    assert "404" in track_record["responses"]
