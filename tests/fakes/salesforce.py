"""Salesforce's REST API as the fake server answers it: the shapes of real responses.

- ``POST /services/oauth2/token`` (client credentials): ``{"access_token", "instance_url", "id",
  "token_type", "issued_at", "signature"}``, or 400 ``{"error", "error_description"}``;
- ``GET /services/data/vXX.X/query/?q=``: ``{"totalSize", "done", "records": [{"attributes": {"type":
  "AggregateResult"}, "<alias>": <number>}]}``; errors are lists ``[{"message", "errorCode"}]``
  (400 MALFORMED_QUERY, 401 INVALID_SESSION_ID);
- ``GET /services/data/vXX.X/analytics/reports/<id>``: a report run synchronously, its grand
  totals in ``factMap["T!T"]["aggregates"]`` in the order of ``reportMetadata.aggregates``.
"""

ACCESS_TOKEN = "00D5g000004ABCD!AQ4AQFakeTokenForTests"


def token_response(instance_url: str) -> dict:
    return {
        "access_token": ACCESS_TOKEN,
        "signature": "SSSbLO/gBhmmyNUvN18ODBDFYHzakxOMgqYtu+hDPsc=",
        "scope": "api",
        "instance_url": instance_url,
        "id": "https://login.salesforce.com/id/00D5g000004ABCDEA2/0055g00000AbCdEAAV",
        "token_type": "Bearer",
        "issued_at": "1795420800000",
    }


def aggregate_query_response(alias: str, value) -> dict:
    return {
        "totalSize": 1,
        "done": True,
        "records": [{"attributes": {"type": "AggregateResult"}, alias: value}],
    }


def count_query_response(count: int) -> dict:
    """``SELECT COUNT() FROM ...``: the count is totalSize; there are no records."""
    return {"totalSize": count, "done": True, "records": []}


def error_response(message: str, code: str) -> list:
    return [{"message": message, "errorCode": code}]


def report_response(report_id: str, aggregates: dict) -> dict:
    """A summary report run synchronously without details; ``aggregates``: name -> value (in report order)."""
    names = list(aggregates)
    return {
        "attributes": {
            "describeUrl": f"/services/data/v62.0/analytics/reports/{report_id}/describe",
            "instancesUrl": f"/services/data/v62.0/analytics/reports/{report_id}/instances",
            "reportId": report_id,
            "reportName": "Closed Won This Quarter",
            "type": "Report",
        },
        "allData": True,
        "factMap": {
            "T!T": {
                "aggregates": [{"label": f"{value:,}", "value": value} for value in aggregates.values()],
                "rows": [],
            }
        },
        "groupingsAcross": {"groupings": []},
        "groupingsDown": {"groupings": []},
        "hasDetailRows": False,
        "reportExtendedMetadata": {
            "aggregateColumnInfo": {
                name: {
                    "acrossGroupingContext": None,
                    "dataType": "currency" if name != "RowCount" else "int",
                    "downGroupingContext": None,
                    "label": "Sum of Amount" if name != "RowCount" else "Record Count",
                }
                for name in names
            },
            "detailColumnInfo": {},
            "groupingColumnInfo": {},
        },
        "reportMetadata": {
            "aggregates": names,
            "currency": None,
            "detailColumns": ["OPPORTUNITY_NAME", "AMOUNT", "CLOSE_DATE"],
            "developerName": "Closed_Won_This_Quarter",
            "groupingsAcross": [],
            "groupingsDown": [],
            "hasDetailRows": False,
            "hasRecordCount": True,
            "id": report_id,
            "name": "Closed Won This Quarter",
            "reportFormat": "SUMMARY",
            "reportType": {"label": "Opportunities", "type": "Opportunity"},
            "scope": "organization",
            "showGrandTotal": True,
            "showSubtotals": True,
        },
    }
