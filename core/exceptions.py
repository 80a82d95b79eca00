"""Errors the domain raises that are not plain validation errors."""


class StateConflict(Exception):
    """The action does not fit the current state (a closed cycle, a goal already approved)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ImportRejected(Exception):
    """A bulk import found bad rows, so nothing was written.

    ``rows`` lists each bad row by its line in the file: ``[{"row": 3, "errors": {"manager": ["..."]}}]``.
    """

    def __init__(self, rows: list[dict]):
        self.rows = sorted(rows, key=lambda row: row["row"])
        count = len(self.rows)
        rows = f"{count} rows of the file have" if count != 1 else "1 row of the file has"
        self.message = f"{rows} errors; nothing was imported."
        super().__init__(self.message)
