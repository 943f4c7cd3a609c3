"""The refusals of the inventory. Each message is the sentence the user reads."""


class NumcoreError(Exception):
    """Base of every refusal; ``str(error)`` is a complete sentence for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(NumcoreError):
    """An org, series, tag, number, grant or request that does not exist."""


class NotEnoughNumbers(NumcoreError):
    """Fewer numbers qualify than were asked for; ``available`` says how many do."""

    def __init__(self, message: str, available: int):
        super().__init__(message)
        self.available = available


class InvalidNumber(NumcoreError):
    """Text that is not a possible E.164 telephone number."""


class InvalidInput(NumcoreError):
    """A malformed argument: an empty name, a quantity below 1, an unknown role..."""


class InvalidState(NumcoreError):
    """The command does not fit the current state (e.g. the number is not available)."""


class OutOfScope(NumcoreError):
    """The number or org lies outside the part of the tree the command may use."""


class PermissionDenied(NumcoreError):
    """The actor's grants do not allow the command."""


class Conflict(NumcoreError):
    """A concurrent change won and retrying gave up."""
