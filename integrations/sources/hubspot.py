"""HubSpot deals through hubspot-api-client: the CRM search API, summed or counted.

Deals are found with ``POST /crm/v3/objects/deals/search``: in the chosen stages (by
default ``closedwon``), closed within the goal's cycle, optionally in one pipeline and for
one owner. The count is the search's ``total``; the amount is the sum of the deals'
``amount`` property, read 200 deals a page. HubSpot's search stops at 10,000 results, so a
filter matching more is refused with a message saying so.
"""

import datetime

from django.conf import settings
from hubspot import HubSpot
from hubspot.crm.deals import Filter, FilterGroup, PublicObjectSearchRequest
from hubspot.crm.deals.exceptions import ApiException
from urllib3.exceptions import HTTPError

from core.encryption import is_unreadable
from integrations.models import HubSpotMeasure
from integrations.sources import CENT, SourceError, as_amount

PAGE = 200
SEARCH_LIMIT = 10_000
DEFAULT_API_URL = "https://api.hubapi.com"


def client(connection) -> HubSpot:
    if is_unreadable(connection.access_token):
        raise SourceError(
            f"The access token of {connection.name} cannot be read with this server's encryption key; enter it again."
        )
    if not connection.access_token:
        raise SourceError(f"{connection.name} has no access token (HUBSPOT_ACCESS_TOKEN or the connection).")
    return HubSpot(access_token=connection.access_token, host=(connection.instance_url or DEFAULT_API_URL).rstrip("/"))


def _epoch_ms(day: datetime.date, end_of_day: bool = False) -> str:
    moment = datetime.datetime.combine(day, datetime.time.max if end_of_day else datetime.time.min, datetime.UTC)
    return str(int(moment.timestamp() * 1000))


def _message(error: ApiException) -> str:
    import json

    try:
        body = json.loads(error.body or "{}")
    except ValueError:
        body = {}
    reason = body.get("message") or error.reason or "no reason given"
    category = body.get("category") or body.get("errorType")
    return f"{reason} ({category})" if category else reason


def deals_value(
    connection,
    *,
    stages: list[str],
    pipeline: str,
    owner_id: str,
    measure: str,
    closed_from: datetime.date,
    closed_until: datetime.date,
):
    hubspot = client(connection)
    filters = [
        Filter(
            property_name="closedate",
            operator="BETWEEN",
            value=_epoch_ms(closed_from),
            high_value=_epoch_ms(closed_until, end_of_day=True),
        )
    ]
    if stages:
        filters.append(Filter(property_name="dealstage", operator="IN", values=stages))
    if pipeline:
        filters.append(Filter(property_name="pipeline", operator="EQ", value=pipeline))
    if owner_id:
        filters.append(Filter(property_name="hubspot_owner_id", operator="EQ", value=owner_id))

    total = CENT * 0
    after = None
    seen = 0
    while True:
        request = PublicObjectSearchRequest(
            filter_groups=[FilterGroup(filters=filters)],
            properties=["amount"],
            sorts=["hs_object_id"],
            limit=1 if measure == HubSpotMeasure.COUNT else PAGE,
            after=after,
        )
        try:
            page = hubspot.crm.deals.search_api.do_search(
                public_object_search_request=request, _request_timeout=settings.FEED_FETCH_TIMEOUT
            )
        except ApiException as error:
            if error.status == 401:
                raise SourceError(f"HubSpot refused the access token: {_message(error)}.") from None
            if error.status == 403:
                raise SourceError(
                    f"HubSpot refused access to deals (scope crm.objects.deals.read): {_message(error)}."
                ) from None
            if error.status == 429:
                raise SourceError(
                    f"HubSpot's rate limit was reached; the feed tries again later: {_message(error)}."
                ) from None
            raise SourceError(f"HubSpot answered HTTP {error.status}: {_message(error)}.") from None
        except (HTTPError, OSError) as error:
            raise SourceError(f"Could not reach HubSpot: {type(error).__name__}.") from None
        if page.total > SEARCH_LIMIT:
            raise SourceError(
                f"{page.total} deals match, more than HubSpot's search returns ({SEARCH_LIMIT}); narrow the filter."
            )
        if measure == HubSpotMeasure.COUNT:
            return as_amount(page.total, "HubSpot's deal count")
        for deal in page.results:
            amount = (deal.properties or {}).get("amount")
            if amount not in (None, ""):
                total += as_amount(amount, f"The amount of deal {deal.id}")
            seen += 1
        following = page.paging.next.after if page.paging and page.paging.next else None
        if not following or not page.results:
            return as_amount(total, "The deals' total")
        after = following
