"""Fetching a feed's number from its CRM, through the CRMs' own Python clients.

``fetch_value(feed)`` returns the value as a ``Decimal`` (to the cent) or raises
``SourceError`` with a sentence the goal page can show: what went wrong and, where it
helps, what to do. The HTTP work happens outside any database transaction.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
LARGEST = Decimal("99999999999999.99")  # what a check-in's value can hold (16 digits, 2 decimals)


class SourceError(Exception):
    """The source gave no usable value; the message says why, for people."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message[:300]


def as_amount(raw, what: str) -> Decimal:
    """A number the source sent, to the cent; refuses what is not a number or does not fit a check-in."""
    if isinstance(raw, bool) or raw is None:
        raise SourceError(f"{what} is empty, not a number.")
    try:
        value = Decimal(str(raw)).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise SourceError(f"{what} is {str(raw)[:40]!r}, not a number.") from None
    if not value.is_finite() or abs(value) > LARGEST:
        raise SourceError(f"{what} ({raw}) is too large for a check-in.")
    return value


def fetch_value(feed) -> Decimal:
    from integrations.models import CrmConnection, FeedKind
    from integrations.sources import hubspot, salesforce

    connection = feed.connection or CrmConnection.from_environment(feed.provider)
    if feed.kind == FeedKind.SALESFORCE_SOQL:
        return salesforce.soql_value(connection, feed.soql)
    if feed.kind == FeedKind.SALESFORCE_REPORT:
        return salesforce.report_value(connection, feed.report_id, feed.report_aggregate)
    if feed.kind == FeedKind.HUBSPOT_DEALS:
        cycle = feed.goal.cycle
        return hubspot.deals_value(
            connection,
            stages=[stage.strip() for stage in feed.hubspot_stages.split(",") if stage.strip()],
            pipeline=feed.hubspot_pipeline,
            owner_id=feed.hubspot_owner_id,
            measure=feed.hubspot_measure,
            closed_from=cycle.start,
            closed_until=cycle.end,
        )
    raise SourceError(f"A {feed.get_kind_display()} feed is not fetched: values are pushed to it.")
