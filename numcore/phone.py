"""Telephone-number rules with no I/O: parsing, formatting, runs, prefixes, golden patterns.

Inside numcore a number is an ``int`` of its E.164 digits (``+14155550123`` -> 14155550123):
country codes never start with 0, so the int is unique, sorts numerically, and a series'
range ``first..last`` holds ``last - first + 1`` numbers.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import numpy as np
import phonenumbers

from .errors import InvalidInput, InvalidNumber

MAX_DIGITS = 15
MAX_RANGE_SIZE = 10_000_000
_LETTERS = re.compile(r"[A-Za-z]")


def parse(text: str | int) -> int:
    """The E.164 digits of ``text`` ('+1 415-555-0123' or '+14155550123'), or InvalidNumber."""
    raw = str(text).strip()
    if not raw.startswith("+"):
        raise InvalidNumber(
            f"'{raw}' is not in international form: start with + and the country code, "
            "e.g. +14155550123."
        )
    if _LETTERS.search(raw):
        raise InvalidNumber(f"'{raw}' contains letters; a telephone number has only digits.")
    try:
        parsed = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        raise InvalidNumber(f"'{raw}' is not a telephone number.") from None
    digits = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)[1:]
    if len(digits) > MAX_DIGITS:
        raise InvalidNumber(f"'{raw}' has {len(digits)} digits; E.164 allows at most 15.")
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidNumber(
            f"'{raw}' is not a possible number for country code +{parsed.country_code}."
        )
    return int(digits)


def parse_range(first: str, last: str) -> tuple[int, int]:
    """An inclusive range of numbers of equal length, first <= last, one area code, or a refusal."""
    low, high = parse(first), parse(last)
    shown = f"{pretty(low)} .. {pretty(high)}"
    if len(str(low)) != len(str(high)):
        raise InvalidInput(f"Range {shown}: its start and end must have the same number of digits.")
    if low > high:
        raise InvalidInput(f"Range {shown} starts after it ends.")
    size = high - low + 1
    if size > MAX_RANGE_SIZE:
        raise InvalidInput(
            f"Range {shown} holds {size:,} numbers; a range may hold at most {MAX_RANGE_SIZE:,}."
        )
    start_area, end_area = country_and_area(low), country_and_area(high)
    if start_area != end_area:
        raise InvalidInput(
            f"Range {shown} spans +{start_area[0]} {start_area[1]} and +{end_area[0]} "
            f"{end_area[1]}; a range stays inside one country and area code."
        )
    return low, high


def e164(number: int) -> str:
    """The canonical E.164 string of a number: '+14155550123'."""
    return f"+{number}"


def pretty(number: int | str) -> str:
    """The number as people read it: '+1 415-555-0123'.

    How phonenumbers groups a number depends on its country and its leading digits, not on its
    last four (for national numbers of 9 digits or more), so numbers that differ only there
    share one layout, worked out once: a table of 100,000 numbers formats in a blink.
    """
    text = number if isinstance(number, str) else e164(number)
    digits = text[1:]
    if text.startswith("+") and digits.isdigit() and _national_length(digits) >= 9:
        layout = _layout(digits[:-4], len(digits))
        if layout is not None:
            filled = iter(digits)
            return "".join(next(filled) if c == "#" else c for c in layout)
    return _format(text)


def _national_length(digits: str) -> int:
    for size in (1, 2, 3):
        if int(digits[:size]) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            return len(digits) - size
    return 0


def _format(text: str) -> str:
    try:
        parsed = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return text
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@functools.lru_cache(maxsize=4096)
def _layout(head: str, length: int) -> str | None:
    """'+# ###-###-####' for numbers of ``length`` digits that start with ``head``; None when
    the last four digits do change the layout (then each number is formatted alone)."""
    layouts = set()
    for tail in ("0000", "9999"):
        sample = head + tail
        formatted = _format("+" + sample)
        if re.sub(r"\D", "", formatted) != sample:
            return None
        layouts.add(re.sub(r"\d", "#", formatted))
    return layouts.pop() if len(layouts) == 1 else None


def country_and_area(number: int) -> tuple[int, str]:
    """The country code and area code of a number: 14155550123 -> (1, '415')."""
    parsed = phonenumbers.parse(e164(number), None)
    length = phonenumbers.length_of_geographical_area_code(parsed)
    if length == 0:
        length = phonenumbers.length_of_national_destination_code(parsed)
    return parsed.country_code, phonenumbers.national_significant_number(parsed)[:length]


def runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted numbers folded into inclusive runs of consecutive numbers."""
    ordered = np.sort(np.fromiter(numbers, dtype=np.int64))  # a command may move millions
    if not len(ordered):
        return []
    breaks = np.flatnonzero(np.diff(ordered) != 1)
    starts = ordered[np.concatenate(([0], breaks + 1))]
    ends = ordered[np.concatenate((breaks, [len(ordered) - 1]))]
    return list(zip(starts.tolist(), ends.tolist()))


def span(first: int, last: int) -> str:
    """A run for people: '+1 415-555-0100 ... 0124' (the last shown by what differs)."""
    if first == last:
        return pretty(first)
    head, tail = pretty(first), pretty(last)
    groups = re.split(r"([ -])", tail)
    # Drop the leading groups the two share, so the end reads as the part that changes.
    shared = 0
    while shared < len(groups) - 1 and head.startswith("".join(groups[: shared + 2])):
        shared += 2
    return f"{head} ... {''.join(groups[shared:])}"


def describe(numbers: Sequence[int], most: int = 3) -> str:
    """A short account of which numbers: the runs, the first few of them if there are many."""
    folded = runs(numbers)
    shown = ", ".join(span(a, b) for a, b in folded[:most])
    if len(folded) > most:
        shown += f" and {len(folded) - most} more runs"
    return shown


def plural(count: int, word: str) -> str:
    """'1 number', '25 numbers'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# -- search by first digits ---------------------------------------------------------------

def prefix_digits(text: str, country_codes: Iterable[int]) -> list[str]:
    """The E.164 digit prefixes that typed text may mean, as people type the first digits.

    '+1 415 555' is international and means exactly 1415555. Without '+', text is either the
    start of the E.164 digits ('1415555') or a national number of one of ``country_codes``
    ('(415) 555', or '020 7946' with its trunk 0).
    """
    digits = re.sub(r"\D", "", text)
    if text.strip().startswith("+") or not digits:
        return [digits]
    national = digits.lstrip("0")
    candidates = {digits}
    for code in country_codes:
        if national:
            candidates.add(f"{code}{national}")
    return sorted(candidates)


def prefix_bounds(prefix: str, length: int) -> tuple[int, int] | None:
    """The numbers of ``length`` digits that start with ``prefix``, as an inclusive range."""
    if len(prefix) > length:
        return None
    if not prefix:
        return 10 ** (length - 1), 10**length - 1
    scale = 10 ** (length - len(prefix))
    return int(prefix) * scale, (int(prefix) + 1) * scale - 1


# -- golden numbers -------------------------------------------------------------------------

def _golden_endings() -> frozenset[int]:
    repeated = {int(d * 4) for d in "0123456789"}
    ascending = {int("0123456789"[i : i + 4]) for i in range(7)}
    descending = {int("9876543210"[i : i + 4]) for i in range(7)}
    return frozenset(repeated | ascending | descending)


GOLDEN_ENDINGS = _golden_endings()
"""Last four digits that make a number memorable: 0000..9999 repeated, 0123..6789, 9876..3210."""


def is_golden(number: int) -> bool:
    """Whether a number ends in a memorable pattern (see GOLDEN_ENDINGS)."""
    return number % 10_000 in GOLDEN_ENDINGS
