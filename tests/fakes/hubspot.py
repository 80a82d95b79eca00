"""HubSpot's CRM search API as the fake server answers it (``POST /crm/v3/objects/deals/search``).

A page is ``{"total", "results": [{"id", "properties": {...}, "createdAt", "updatedAt", "archived"}],
"paging": {"next": {"after", "link"}}}`` (no ``paging`` on the last page); errors are
``{"status": "error", "message", "correlationId", "category"}`` (401 INVALID_AUTHENTICATION,
429 RATE_LIMITS with ``errorType``, 400 VALIDATION_ERROR).
"""

import math

SEARCH_PATH = "/crm/v3/objects/deals/search"


def deal(deal_id: int, amount) -> dict:
    return {
        "id": str(deal_id),
        "properties": {
            "amount": None if amount is None else str(amount),
            "closedate": "2026-10-15T14:32:11.000Z",
            "createdate": "2026-08-01T09:00:00.000Z",
            "dealname": f"Deal {deal_id}",
            "dealstage": "closedwon",
            "hs_lastmodifieddate": "2026-10-15T14:32:12.345Z",
            "hs_object_id": str(deal_id),
            "pipeline": "default",
        },
        "createdAt": "2026-08-01T09:00:00.000Z",
        "updatedAt": "2026-10-15T14:32:12.345Z",
        "archived": False,
    }


def search_handler(amounts: list):
    """Answers searches over deals with these amounts, paged as HubSpot pages (``after`` is an offset)."""

    def respond(request):
        body = request.json()
        limit = int(body.get("limit") or 10)
        start = int(body.get("after") or 0)
        chunk = amounts[start : start + limit]
        page = {"total": len(amounts), "results": [deal(1000 + start + i, amount) for i, amount in enumerate(chunk)]}
        if start + limit < len(amounts):
            after = str(start + limit)
            page["paging"] = {"next": {"after": after, "link": f"?after={after}"}}
        return 200, page

    return respond


def error(status: int, message: str, category: str) -> tuple[int, dict]:
    body = {
        "status": "error",
        "message": message,
        "correlationId": "0b8d1f1e-6f6c-4b8e-9d8b-2f3f7e1b2a11",
        "category": category,
    }
    if status == 429:
        body |= {"errorType": "RATE_LIMIT", "policyName": "SECONDLY"}
    return status, body


def pages_needed(count: int, size: int = 200) -> int:
    return max(1, math.ceil(count / size))
