from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

MAX_CSV_BYTES = 20 * 1024 * 1024


class CSVParser(BaseParser):
    """A CSV file sent as the request body (``Content-Type: text/csv``): ``request.data["csv"]`` is its bytes."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None) -> dict:
        content = stream.read(MAX_CSV_BYTES + 1) if stream is not None else b""
        if len(content) > MAX_CSV_BYTES:
            raise ParseError(
                f"The CSV is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB; split it into smaller files."
            )
        return {"csv": content}
