"""Errors the domain raises that are not plain validation errors."""


class StateConflict(Exception):
    """The action does not fit the current state (a closed cycle, a goal already approved)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
