"""The inventory's words (shared/DOMAIN.md D1-D2) as constants and value objects; no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .errors import InvalidInput

STATUSES = ("available", "reserved", "assigned", "registered", "aging")
IN_SERVICE = ("assigned", "registered")
ROLES = ("admin", "manager", "viewer")
TAG_KINDS = ("person", "role")

DEFAULT_THRESHOLD = 80  # percent used at which the dashboard warns
DEFAULT_AGING_DAYS = 45  # the US minimum before a disconnected number is reused
MAX_NAME_LENGTH = 100
PATH_SEPARATOR = " / "
MAX_WHOLE_NUMBER = 10**15  # every E.164 number there could be; beyond that DuckDB's BIGINT ends


@dataclass(frozen=True)
class Org:
    """A node of the organization tree, shown by its path 'Acme / Sales / West'."""

    id: int
    name: str
    parent_id: int | None
    path: str


@dataclass(frozen=True)
class OrgSettings:
    """Per-org settings: the warning threshold (percent used) and the aging period (days)."""

    threshold: int = DEFAULT_THRESHOLD
    aging_days: int = DEFAULT_AGING_DAYS


@dataclass(frozen=True)
class Range:
    """An inclusive block of E.164 numbers (as ints) of one series."""

    id: int
    series_id: int
    first: int
    last: int

    @property
    def size(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True)
class Series:
    """Numbers that share a country code and an area code, made of one or more ranges."""

    id: int
    name: str
    country_code: int
    area_code: str
    ranges: tuple[tuple[str, str], ...]
    size: int

    @property
    def label(self) -> str:
        """'US 415 (+1 415)'."""
        return f"{self.name} (+{self.country_code} {self.area_code})".replace(" )", ")")


@dataclass(frozen=True)
class Tag:
    """A label for a person or a role that a reserved number carries."""

    id: int
    name: str
    kind: str


@dataclass(frozen=True)
class Grant:
    """A user's role, over the whole tree (admin) or over one org's subtree."""

    user: str
    role: str
    org_id: int | None


@dataclass(frozen=True)
class NumberInfo:
    """Where a number is and what it is doing.

    ``until`` is when an aging number becomes available again, or when a reservation expires.
    """

    e164: str
    series_id: int
    holder_id: int
    status: str
    tag_id: int | None
    assignee: str | None
    until: datetime | None = None
    golden: bool = False


# -- argument rules shared by every command ---------------------------------------------------

def clean_name(text: object, what: str) -> str:
    """A trimmed, non-empty, printable name of at most MAX_NAME_LENGTH characters."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput(f"The {what} name is empty; give a name.")
    name = " ".join(text.split())
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(
            f"The {what} name '{name[:40]}...' has {len(name)} characters; "
            f"at most {MAX_NAME_LENGTH} are allowed."
        )
    if not name.isprintable():
        raise InvalidInput(f"The {what} name '{name}' contains control characters.")
    return name


def whole_number(value: object, what: str, low: int, high: int | None = None) -> int:
    """``value`` as an int within low..high, or InvalidInput naming ``what``."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise InvalidInput(f"The {what} must be a whole number; got {value!r}.")
    if value < low or (high is not None and value > high):
        bound = f"at least {low}" if high is None else f"from {low} to {high}"
        raise InvalidInput(f"The {what} must be {bound}; got {value}.")
    if value > MAX_WHOLE_NUMBER:
        raise InvalidInput(f"The {what} {value:,} is larger than any inventory holds.")
    return value
