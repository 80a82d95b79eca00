"""The staff audit page: every recorded change to goals, cycles and people, filtered, and as CSV."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit.forms import AuditFilterForm
from audit.selectors import SUBJECT_LABELS, audit_entries, audit_rows, export_entries
from core.csv_files import spreadsheet_safe

PAGE_SIZE = 50
CSV_COLUMNS = ["when", "subject", "id", "name", "changed_by", "kind", "field", "from", "to", "reason"]


def _require_staff(request) -> None:
    if not request.user.is_staff:
        raise PermissionDenied("The audit trail is for administrators.")


@require_GET
@login_required
def audit_trail(request):
    _require_staff(request)
    form = AuditFilterForm(request.GET or None)
    filters = form.filters()
    page = Paginator(audit_rows(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    entries = audit_entries(filters.subject, list(page.object_list), filters.field)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "entries": entries,
        "subject": filters.subject,
        "subject_label": SUBJECT_LABELS[filters.subject],
        "export_query": query.urlencode(),
    }
    return render(request, "audit/trail.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
@login_required
def audit_trail_csv(request):
    """The filtered trail, one line per field changed (one line for a creation or deletion), streamed."""
    _require_staff(request)
    form = AuditFilterForm(request.GET or None)
    filters = form.filters()
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(CSV_COLUMNS)
        for entry in export_entries(filters):
            changes = entry.changes if entry.kind == "changed" and entry.changes else [None]
            for change in changes:
                if filters.field and change is not None and change.field != filters.field:
                    continue
                row = [
                    entry.when.isoformat(),
                    filters.subject,
                    entry.object_id,
                    entry.object_name,
                    entry.actor_name,
                    entry.kind,
                    change.field if change else "",
                    change.old if change else "",
                    change.new if change else "",
                    entry.reason,
                ]
                yield writer.writerow([spreadsheet_safe(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{filters.subject}.csv"'
    return response
