import csv
import io

from rest_framework.renderers import BaseRenderer

from core.csv_files import spreadsheet_safe


class CSVRenderer(BaseRenderer):
    """Renders a list of flat dicts as CSV (``?format=csv``); the view's ``csv_columns`` name the header."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        view = (renderer_context or {}).get("view")
        out = io.StringIO()
        if isinstance(data, dict):  # an error: one column per key
            rows, columns = [data], list(data)
        else:
            rows = data or []
            columns = list(getattr(view, "csv_columns", None) or (rows[0].keys() if rows else []))
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: "" if value is None else spreadsheet_safe(value) for key, value in row.items()})
        return out.getvalue().encode(self.charset)
