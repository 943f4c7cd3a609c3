"""D2: the allowed status transitions work, and every other one is refused with the reason."""

import pytest

from numcore import STATUSES, InvalidState

from tests.integration.builders import n

NUMBER = n(0)
SHOWN = "+1 415-555-0100"


def put_in_status(acme, status: str) -> None:
    """Bring NUMBER, held by Acme / Sales, into ``status`` (aging lasts Sales' 45 days)."""
    acme.inv.allocate_numbers([NUMBER], acme.sales.id, actor="ann")
    if status == "reserved":
        acme.inv.reserve(NUMBER, acme.desk.id, actor="ann")
    if status in ("assigned", "registered", "aging"):
        acme.inv.assign(NUMBER, "bob", acme.sales.id, actor="ann")
    if status in ("registered", "aging"):
        acme.inv.register(NUMBER, actor="ann")
    if status == "aging":
        acme.inv.release(NUMBER, actor="ann")
    assert acme.inv.number(NUMBER).status == status


COMMANDS = {
    "reserve": lambda acme: acme.inv.reserve(NUMBER, acme.lee.id, actor="ann"),
    "unreserve": lambda acme: acme.inv.unreserve(NUMBER, actor="ann"),
    "assign": lambda acme: acme.inv.assign(NUMBER, "Dr. Lee", acme.west.id, actor="ann"),
    "register": lambda acme: acme.inv.register(NUMBER, actor="ann"),
    "release": lambda acme: acme.inv.release(NUMBER, actor="ann"),
    "allocate_numbers": lambda acme: acme.inv.allocate_numbers([NUMBER], acme.west.id, actor="ann"),
    "withdraw_numbers": lambda acme: acme.inv.withdraw_numbers([NUMBER], actor="ann"),
}

# (status before, command) -> status after; every pair not listed must be refused.
ALLOWED = {
    ("available", "reserve"): "reserved",
    ("available", "assign"): "assigned",
    ("available", "allocate_numbers"): "available",
    ("available", "withdraw_numbers"): "available",
    ("reserved", "unreserve"): "available",
    ("reserved", "assign"): "assigned",
    ("assigned", "register"): "registered",
    ("assigned", "release"): "aging",
    ("registered", "release"): "aging",
}

STATE_WORDS = {
    "available": f"{SHOWN} is available",
    "reserved": f"{SHOWN} is reserved for Front desk",
    "assigned": f"{SHOWN} is assigned to bob",
    "registered": f"{SHOWN} is registered to bob",
    "aging": f"{SHOWN} is aging until 2025-04-17 09:00 UTC",
}

REFUSAL_ENDINGS = {
    "reserve": "not available; only available numbers can be reserved.",
    "unreserve": "not reserved; only reserved numbers can be unreserved.",
    "assign": "; only available or reserved numbers can be assigned.",
    "register": "not assigned; only assigned numbers can be registered.",
    "release": "; only assigned or registered numbers can be released.",
    "allocate_numbers": "not available; only available numbers can be allocated.",
    "withdraw_numbers": "not available; only available numbers can be withdrawn.",
}


@pytest.mark.parametrize("before, command", sorted(ALLOWED))
def test_an_allowed_transition_leads_to_the_next_status(acme, before, command):
    put_in_status(acme, before)
    events = acme.inv.event_count()
    COMMANDS[command](acme)
    assert acme.inv.number(NUMBER).status == ALLOWED[(before, command)]
    assert acme.inv.event_count() == events + 1
    assert acme.inv.check() == []


@pytest.mark.parametrize("before", STATUSES)
def test_every_other_transition_is_refused_and_changes_nothing(acme, before):
    put_in_status(acme, before)
    refused = [command for command in COMMANDS if (before, command) not in ALLOWED]
    assert refused
    for command in refused:
        acme.refused(lambda: COMMANDS[command](acme), InvalidState, STATE_WORDS[before],
                     REFUSAL_ENDINGS[command])


def test_aging_turns_available_only_when_its_time_is_up(acme):
    put_in_status(acme, "aging")
    acme.clock.advance(days=45, seconds=-1)
    assert acme.inv.number(NUMBER).status == "aging"
    acme.clock.advance(seconds=1)
    assert acme.inv.number(NUMBER).status == "available"


def test_reclaim_ends_aging_early_and_only_for_aging_numbers(acme):
    put_in_status(acme, "aging")
    acme.inv.reclaim(NUMBER, actor="mia")
    assert acme.inv.number(NUMBER).status == "available"
    acme.refused(lambda: acme.inv.reclaim(NUMBER, actor="ann"), InvalidState,
                 f"{SHOWN} is available, not aging; only aging numbers can be reclaimed.")
