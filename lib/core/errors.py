"""Errors that services raise; every message is Vietnamese and safe to show to the user."""


class DomainError(Exception):
    """A rule of the domain refused the request. `str(error)` is the Vietnamese message; `field` names the input it
    is about, `fields` gives several inputs each its own message (the page shows them under those inputs)."""

    def __init__(self, message: str, *, field: str | None = None, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.fields = dict(fields or {})

    def __str__(self) -> str:
        return self.message


class ValidationError(DomainError):
    """The input is not acceptable (wrong format, out of range, missing)."""


class PermissionDenied(DomainError):
    """The actor may not do this, or the data is outside the actor's scope."""


class NotFound(DomainError):
    """The record does not exist (or is not visible to the actor: we do not tell the difference)."""


class ConflictError(DomainError):
    """Someone else changed the record first, or the value is already used."""
