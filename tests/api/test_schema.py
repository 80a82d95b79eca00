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
