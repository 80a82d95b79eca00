from rest_framework import parsers
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


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a body nested too deeply for Python's parser refused as a 400 (not a 500)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("The JSON is nested too deeply to read; send a flatter body.") from None
