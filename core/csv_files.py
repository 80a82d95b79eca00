"""Reading the CSV files people import: strict about columns, forgiving about spreadsheets' quirks."""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from core.exceptions import ImportRejected

MAX_ROWS = 50_000
NUL_MESSAGE = (
    "This cell holds a NUL character (\\x00), which is not text and cannot be stored; "
    "remove it (a spreadsheet saved as CSV never writes one)."
)


def decode_csv(content: bytes | str) -> str:
    if isinstance(content, str):
        return content
    try:
        return content.decode("utf-8-sig")  # Excel writes a byte-order mark
    except UnicodeDecodeError as error:
        raise ValidationError({"file": "The file is not UTF-8 text; save it as CSV (UTF-8) and try again."}) from error


def read_csv_rows(
    text: str, *, columns: set[str], required: set[str], ignored: frozenset[str] = frozenset()
) -> list[tuple[int, dict[str, str]]]:
    """The file's rows as ``(line number, {column: stripped value})``, skipping blank lines.

    Column names are matched case-insensitively; a missing required column or an unknown
    one is refused before any row is read, so a typo in a header never drops data silently.
    A row with more values than the header has columns comes as ``(line, None)``. Columns in
    ``ignored`` (e.g. the read-only columns of an export) are accepted and left out of the rows.
    """
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError({"file": "The file is empty; the first line should name the columns."}) from None
    except csv.Error as error:
        raise ValidationError({"file": f"The file is not valid CSV: {error}."}) from error
    names = [name.strip().lower() for name in header]
    unknown = [name for name in names if name not in columns and name not in ignored]
    missing = sorted(required - set(names))
    duplicated = sorted({name for name in names if names.count(name) > 1})
    problems = []
    if unknown:
        problems.append(f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
    if missing:
        problems.append(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    if duplicated:
        problems.append(f"repeated column{'s' if len(duplicated) > 1 else ''} {', '.join(duplicated)}")
    if problems:
        expected = ", ".join(sorted(columns))
        raise ValidationError({"file": f"The header has {'; '.join(problems)}. Columns this import reads: {expected}."})

    rows = []
    nul_cells: list[dict] = []
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(values) > len(names):
                rows.append((reader.line_num, None))
                continue
            row = {name: value.strip() for name, value in zip(names, values, strict=False) if name not in ignored}
            if any("\x00" in value for value in row.values()):
                nul_cells.append(
                    {"row": reader.line_num, "errors": {name: [NUL_MESSAGE] for name, v in row.items() if "\x00" in v}}
                )
            rows.append((reader.line_num, row))
            if len(rows) > MAX_ROWS:
                raise ValidationError({"file": f"The file has more than {MAX_ROWS} rows; split it into smaller files."})
    except csv.Error as error:
        raise ValidationError({"file": f"The file is not valid CSV near line {reader.line_num}: {error}."}) from error
    if nul_cells:
        # PostgreSQL refuses NUL in text; better every such cell named now than a failed write later.
        raise ImportRejected(nul_cells)
    if not rows:
        raise ValidationError({"file": "The file has a header but no rows."})
    return rows


# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as a CSV cell that a spreadsheet shows as text, never runs as a formula.

    A goal titled ``=HYPERLINK(...)`` is exported as ``'=HYPERLINK(...)`` (OWASP's advice
    for CSV injection); numbers, even as text, are left alone, so ``-5.00`` stays a number.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS) or _is_number(value):
        return value
    return "'" + value


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return text.strip() == text
