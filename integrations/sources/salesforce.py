"""Salesforce through simple-salesforce: a SOQL aggregate, or a report's grand total.

Authentication, in this order:

- a consumer key and secret (a connected app with the OAuth 2.0 client-credentials flow):
  Cascade asks ``<instance>/services/oauth2/token`` for an access token at each fetch;
- an access token and the instance address (e.g. from a web-server OAuth flow).

simple-salesforce talks HTTPS to the instance only (it builds its URLs from the host).
"""

import requests
from django.conf import settings
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import (
    SalesforceAuthenticationFailed,
    SalesforceError,
    SalesforceExpiredSession,
    SalesforceMalformedRequest,
    SalesforceRefusedRequest,
    SalesforceResourceNotFound,
)

from core.encryption import is_unreadable
from integrations.sources import SourceError, as_amount


def _first_message(content) -> str:
    """Salesforce errors come as ``[{"message", "errorCode"}]``: the first, in words."""
    if isinstance(content, list) and content and isinstance(content[0], dict):
        first = content[0]
        return f"{first.get('message', '')} ({first.get('errorCode', 'error')})".strip()
    return str(content)[:200]


def client(connection) -> Salesforce:
    """A simple-salesforce client for ``connection``, with a fresh token when it uses a consumer key."""
    if is_unreadable(connection.client_secret) or is_unreadable(connection.access_token):
        raise SourceError(
            f"The credentials of {connection.name} cannot be read with this server's encryption key; enter them again."
        )
    if not connection.instance_url:
        raise SourceError(f"{connection.name} has no Salesforce address (SALESFORCE_INSTANCE_URL or the connection).")
    session = requests.Session()
    instance_url = connection.instance_url.rstrip("/")
    if connection.client_id and connection.client_secret:
        access_token, instance_url = _client_credentials_token(session, instance_url, connection)
    elif connection.access_token:
        access_token = connection.access_token
    else:
        raise SourceError(f"{connection.name} has neither a consumer key and secret nor an access token.")
    return Salesforce(
        instance_url=instance_url, session_id=access_token, session=session, version=settings.SALESFORCE_API_VERSION
    )


def _client_credentials_token(session: requests.Session, instance_url: str, connection) -> tuple[str, str]:
    try:
        response = session.post(
            f"{instance_url}/services/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "client_id": connection.client_id,
                "client_secret": connection.client_secret,
            },
            timeout=settings.FEED_FETCH_TIMEOUT,
        )
    except requests.RequestException as error:
        raise SourceError(f"Could not reach Salesforce at {instance_url}: {type(error).__name__}.") from None
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code != 200 or "access_token" not in body:
        reason = body.get("error_description") or body.get("error") or f"HTTP {response.status_code}"
        raise SourceError(f"Salesforce refused the consumer key and secret of {connection.name}: {reason}.")
    return body["access_token"], body.get("instance_url") or instance_url


def _call(what: str, call):
    try:
        return call()
    except SalesforceExpiredSession:
        raise SourceError("Salesforce says the access token expired or is invalid (INVALID_SESSION_ID).") from None
    except SalesforceAuthenticationFailed as error:
        raise SourceError(f"Salesforce refused to sign in: {error.message}.") from None
    except SalesforceMalformedRequest as error:
        raise SourceError(f"Salesforce refused the {what}: {_first_message(error.content)}.") from None
    except SalesforceResourceNotFound as error:
        raise SourceError(f"Salesforce found no such {what}: {_first_message(error.content)}.") from None
    except SalesforceRefusedRequest as error:
        raise SourceError(f"Salesforce refused access to the {what}: {_first_message(error.content)}.") from None
    except SalesforceError as error:
        raise SourceError(f"Salesforce answered HTTP {error.status}: {_first_message(error.content)}.") from None
    except requests.RequestException as error:
        raise SourceError(f"Could not reach Salesforce: {type(error).__name__}.") from None


def soql_value(connection, soql: str):
    """The one number an aggregate query returns: ``SELECT SUM(Amount) total ...`` or ``SELECT COUNT() ...``."""
    sf = client(connection)
    result = _call("query", lambda: sf.query(soql, timeout=settings.FEED_FETCH_TIMEOUT))
    records = result.get("records") or []
    if not records:
        # SELECT COUNT() FROM ... answers with the count in totalSize and no records.
        return as_amount(result.get("totalSize", 0), "The query's count")
    if len(records) > 1:
        raise SourceError(
            f"The query returned {len(records)} rows; a feed needs one number (an aggregate without GROUP BY)."
        )
    fields = {key: value for key, value in records[0].items() if key != "attributes"}
    if len(fields) != 1:
        raise SourceError(
            f"The query returned {len(fields)} columns ({', '.join(fields) or 'none'}); select exactly one aggregate."
        )
    (column, value), *_ = fields.items()
    return as_amount(value, f"The query's {column}")


def report_value(connection, report_id: str, aggregate: str = ""):
    """A grand total of a report run synchronously (``factMap["T!T"]``), picked by its name in the report."""
    sf = client(connection)
    result = _call(
        "report",
        lambda: sf.restful(
            f"analytics/reports/{report_id}", params={"includeDetails": "false"}, timeout=settings.FEED_FETCH_TIMEOUT
        ),
    )
    names = (result.get("reportMetadata") or {}).get("aggregates") or []
    totals = ((result.get("factMap") or {}).get("T!T") or {}).get("aggregates") or []
    if not totals:
        raise SourceError("The report has no grand total: add a summary to it in Salesforce.")
    if aggregate:
        if aggregate not in names:
            listed = ", ".join(names) or "none"
            raise SourceError(f"The report has no summary {aggregate!r}; it has: {listed}.")
        index = names.index(aggregate)
    else:
        index = 0
    if index >= len(totals):
        raise SourceError(f"The report's grand totals have no value for {aggregate!r}.")
    value = totals[index].get("value")
    if isinstance(value, dict):  # currency summaries in multi-currency orgs: {"amount", "currency"}
        value = value.get("amount")
    return as_amount(value, f"The report's {aggregate or (names[0] if names else 'grand total')}")
