"""The API tests' signed-in clients, for the notifications API tests here."""

from tests.api.conftest import anonymous, api_as

__all__ = ["anonymous", "api_as"]
