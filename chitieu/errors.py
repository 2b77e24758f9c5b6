"""Domain errors raised by services; one handler per entry point maps them to a response.

Every error carries Vietnamese messages keyed by field (and, for bulk input, by row), so a
form shows them next to the field, the API returns them under the field's name and the CLI
prints them with the row and field.
"""

from __future__ import annotations

from chitieu.core.quantities import format_number


class DomainError(Exception):
    """Base class. `errors` maps a field name (or "row N.field") to its Vietnamese message."""

    status = 400

    def __init__(self, message: str, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = dict(errors or {})

    def __str__(self) -> str:
        if not self.errors:
            return self.message
        details = "; ".join(f"{k}: {v}" for k, v in self.errors.items())
        return f"{self.message} ({details})"


class Invalid(DomainError):
    """Input that breaks a rule: nothing was written."""

    status = 422


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Conflict(DomainError):
    """The change collides with existing data (a second official figure, a locked period)."""

    status = 409


#: The longest note, reason or comment a person types (a text column has no limit of its own:
#: a 10 MB note was accepted and shown on every page that lists it).
NOTE_MAX_CHARS = 5000


def too_long(text: str, limit: int) -> str | None:
    """"Dài 300 ký tự, tối đa 255 ký tự.": why `text` does not fit a column of `limit`
    characters, or None when it fits."""
    if len(text) <= limit:
        return None
    return f"Dài {format_number(len(text))} ký tự, tối đa {format_number(limit)} ký tự."
