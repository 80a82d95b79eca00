"""Salesforce feeds fetch through simple-salesforce from a local server that answers as Salesforce does."""

from decimal import Decimal

import pytest

from goals.models import CheckIn
from integrations.models import CrmConnection, FeedKind
from integrations.services import feed_create, feed_fetch
from tests.fakes import salesforce

pytestmark = pytest.mark.django_db

QUERY = r"/services/data/v62\.0/query/"
REPORT = r"/services/data/v62\.0/analytics/reports/00O5g000004XyZ1EAK"
SOQL = "SELECT SUM(Amount) total FROM Opportunity WHERE IsWon = true AND CloseDate = THIS_FISCAL_YEAR"


@pytest.fixture
def connection(fake_salesforce, people):
    fake_salesforce.route(
        "POST", "/services/oauth2/token", lambda _: (200, salesforce.token_response(fake_salesforce.url))
    )
    return CrmConnection.objects.create(
        provider="salesforce",
        name="Salesforce production",
        instance_url=fake_salesforce.url,
        client_id="3MVG9fakeconsumerkey",
        client_secret="fake-consumer-secret",
        created_by=people.staff,
    )


def soql_feed(people, cascade, connection, soql=SOQL):
    return feed_create(
        actor=people.manager,
        goal=cascade.manager,
        name="West closed-won",
        kind=FeedKind.SALESFORCE_SOQL,
        connection=connection,
        soql=soql,
    )


def test_a_soql_aggregate_becomes_a_sourced_checkin(fake_salesforce, connection, people, cascade):
    fake_salesforce.route("GET", QUERY, (200, salesforce.aggregate_query_response("total", 182500.5)))
    feed = soql_feed(people, cascade, connection)

    outcome = feed_fetch(feed.pk)

    assert outcome["outcome"] == "recorded"
    goal = cascade.manager
    goal.refresh_from_db()
    assert goal.current == Decimal("182500.50")
    checkin = CheckIn.objects.get(goal=goal)
    assert checkin.source == "Salesforce: West closed-won"
    assert checkin.author == people.manager
    # The real client's requests: a client-credentials token first, then the query with it.
    token_request = fake_salesforce.received("POST", "/services/oauth2/token")[0]
    assert token_request.form["grant_type"] == ["client_credentials"]
    assert token_request.form["client_secret"] == ["fake-consumer-secret"]
    query = fake_salesforce.received("GET", QUERY)[0]
    assert query.query["q"] == [SOQL]
    assert query.headers["authorization"] == f"Bearer {salesforce.ACCESS_TOKEN}"
    feed.refresh_from_db()
    assert feed.last_value == Decimal("182500.50") and feed.consecutive_failures == 0


def test_a_count_query_reads_the_total_size(fake_salesforce, connection, people, cascade):
    fake_salesforce.route("GET", QUERY, (200, salesforce.count_query_response(42)))
    feed = soql_feed(people, cascade, connection, soql="SELECT COUNT() FROM Opportunity WHERE IsWon = true")

    feed_fetch(feed.pk)

    cascade.manager.refresh_from_db()
    assert cascade.manager.current == Decimal(42)


def test_a_query_with_several_rows_fails_with_what_to_change(fake_salesforce, connection, people, cascade):
    rows = salesforce.aggregate_query_response("total", 1)
    rows["records"] *= 2
    fake_salesforce.route("GET", QUERY, (200, rows))
    feed = soql_feed(people, cascade, connection)

    outcome = feed_fetch(feed.pk)

    assert outcome["outcome"] == "failed"
    feed.refresh_from_db()
    assert "2 rows" in feed.last_error and "GROUP BY" in feed.last_error
    assert not CheckIn.objects.exists()


def test_a_malformed_query_fails_with_salesforces_message(fake_salesforce, connection, people, cascade):
    answer = salesforce.error_response("unexpected token: 'FORM'", "MALFORMED_QUERY")
    fake_salesforce.route("GET", QUERY, (400, answer))
    feed = soql_feed(people, cascade, connection)

    feed_fetch(feed.pk)

    feed.refresh_from_db()
    assert feed.last_error == "Salesforce refused the query: unexpected token: 'FORM' (MALFORMED_QUERY)."
    assert feed.consecutive_failures == 1


def test_an_expired_access_token_fails_clearly(fake_salesforce, people, cascade):
    connection = CrmConnection.objects.create(
        provider="salesforce",
        name="Token",
        instance_url=fake_salesforce.url,
        access_token="expired",
        created_by=people.staff,
    )
    fake_salesforce.route(
        "GET", QUERY, (401, salesforce.error_response("Session expired or invalid", "INVALID_SESSION_ID"))
    )
    feed = soql_feed(people, cascade, connection)

    feed_fetch(feed.pk)

    feed.refresh_from_db()
    assert "INVALID_SESSION_ID" in feed.last_error
    assert fake_salesforce.received("GET", QUERY)[0].headers["authorization"] == "Bearer expired"


def test_refused_consumer_credentials_fail_clearly(fake_salesforce, connection, people, cascade):
    fake_salesforce.route(
        "POST",
        "/services/oauth2/token",
        (400, {"error": "invalid_client", "error_description": "invalid client credentials"}),
    )
    feed = soql_feed(people, cascade, connection)

    feed_fetch(feed.pk)

    feed.refresh_from_db()
    assert (
        feed.last_error
        == "Salesforce refused the consumer key and secret of Salesforce production: invalid client credentials."
    )


def test_a_report_feed_takes_the_named_grand_total(fake_salesforce, connection, people, cascade):
    report = salesforce.report_response("00O5g000004XyZ1EAK", {"s!AMOUNT": 412000.0, "RowCount": 17})
    fake_salesforce.route("GET", REPORT, (200, report))
    feed = feed_create(
        actor=people.manager,
        goal=cascade.manager,
        name="Closed won this quarter",
        kind=FeedKind.SALESFORCE_REPORT,
        connection=connection,
        report_id="00O5g000004XyZ1EAK",
        report_aggregate="RowCount",
    )

    feed_fetch(feed.pk)

    cascade.manager.refresh_from_db()
    assert cascade.manager.current == Decimal(17)
    assert fake_salesforce.received("GET", REPORT)[0].query == {"includeDetails": ["false"]}


def test_a_report_summary_that_does_not_exist_is_named_with_the_ones_that_do(
    fake_salesforce, connection, people, cascade
):
    fake_salesforce.route("GET", REPORT, (200, salesforce.report_response("00O5g000004XyZ1EAK", {"s!AMOUNT": 5.0})))
    feed = feed_create(
        actor=people.manager,
        goal=cascade.manager,
        name="Report",
        kind=FeedKind.SALESFORCE_REPORT,
        connection=connection,
        report_id="00O5g000004XyZ1EAK",
        report_aggregate="a!AMOUNT",
    )

    feed_fetch(feed.pk)

    feed.refresh_from_db()
    assert feed.last_error == "The report has no summary 'a!AMOUNT'; it has: s!AMOUNT."


def test_credentials_can_come_from_the_environment(fake_salesforce, people, cascade, settings):
    settings.SALESFORCE_INSTANCE_URL = fake_salesforce.url
    settings.SALESFORCE_ACCESS_TOKEN = "env-token"
    fake_salesforce.route("GET", QUERY, (200, salesforce.aggregate_query_response("expr0", 7)))
    feed = soql_feed(people, cascade, None)

    feed_fetch(feed.pk)

    cascade.manager.refresh_from_db()
    assert cascade.manager.current == Decimal(7)
    assert fake_salesforce.received("GET", QUERY)[0].headers["authorization"] == "Bearer env-token"


def test_an_unreachable_instance_is_a_failure_not_an_error(people, cascade, settings):
    connection = CrmConnection.objects.create(
        provider="salesforce",
        name="Gone",
        instance_url="https://127.0.0.1:9",
        access_token="t",
        created_by=people.staff,
    )
    feed = soql_feed(people, cascade, connection)

    outcome = feed_fetch(feed.pk)

    assert outcome["outcome"] == "failed"
    feed.refresh_from_db()
    assert feed.last_error.startswith("Could not reach Salesforce")
