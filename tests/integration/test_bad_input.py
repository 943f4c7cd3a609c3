"""D5: nothing but a NumcoreError escapes the API for bad input, and bad input changes nothing."""

import pytest

from numcore import InvalidInput, InvalidNumber, InvalidState, NotFound, NumcoreError

from tests.integration.builders import n

# (what is wrong, the call, the refusal it gets)
BAD_COMMANDS = [
    ("numbers given as None", lambda a: a.inv.allocate_numbers(None, a.sales.id, actor="ann"),
     InvalidInput),
    ("numbers given as one int", lambda a: a.inv.allocate_numbers(5, a.sales.id, actor="ann"),
     InvalidInput),
    ("withdrawn numbers given as None", lambda a: a.inv.withdraw_numbers(None, actor="ann"),
     InvalidInput),
    ("a None in the list", lambda a: a.inv.allocate_numbers([None], a.sales.id, actor="ann"),
     InvalidNumber),
    ("series id as text", lambda a: a.inv.allocate("x", 1, a.sales.id, actor="ann"), NotFound),
    ("org id as a dict", lambda a: a.inv.allocate(a.us415.id, 1, {}, actor="ann"), NotFound),
    ("quantity None", lambda a: a.inv.allocate(a.us415.id, None, a.sales.id, actor="ann"),
     InvalidInput),
    ("number None", lambda a: a.inv.reserve(None, a.desk.id, actor="ann"), InvalidNumber),
    ("tag id as text", lambda a: a.inv.reserve(n(0), "x", actor="ann"), NotFound),
    ("expiry as text", lambda a: a.inv.reserve(n(0), a.desk.id, expires="tomorrow", actor="ann"),
     InvalidInput),
    ("user as an int", lambda a: a.inv.assign(n(0), 5, a.sales.id, actor="ann"), InvalidInput),
    ("number as an int", lambda a: a.inv.release(14155550100, actor="ann"), InvalidNumber),
    ("ranges as an int", lambda a: a.inv.create_series("NY", 5, actor="ann"), InvalidInput),
    ("ranges as None", lambda a: a.inv.create_series("NY", None, actor="ann"), InvalidInput),
    ("range ends as ints", lambda a: a.inv.add_range(a.us415.id, 1, 2, actor="ann"), InvalidNumber),
    ("org name as an int", lambda a: a.inv.create_org(5, a.root.id, actor="ann"), InvalidInput),
    ("role as a list", lambda a: a.inv.grant("bob", ["admin"], actor="ann"), InvalidInput),
    ("tag kind None", lambda a: a.inv.create_tag("X", None, actor="ann"), InvalidInput),
    ("threshold as text", lambda a: a.inv.set_threshold(a.sales.id, "50", actor="ann"),
     InvalidInput),
    ("actor as an int", lambda a: a.inv.release(n(0), actor=5), InvalidInput),
]


@pytest.mark.parametrize("what, call, error", BAD_COMMANDS, ids=[c[0] for c in BAD_COMMANDS])
def test_a_malformed_command_is_refused_in_words_and_changes_nothing(acme, what, call, error):
    acme.refused(lambda: call(acme), error)


BAD_READS = [
    ("number as a list", lambda a: a.inv.number([1])),
    ("org id None", lambda a: a.inv.utilization(None)),
    ("org id as text", lambda a: a.inv.holdings("x")),
    ("history of a missing org", lambda a: a.inv.history("x")),
    ("history limit 0", lambda a: a.inv.history(limit=0)),
    ("search limit as text", lambda a: a.inv.search_available(a.root.id, limit="x")),
    ("search in a missing series", lambda a: a.inv.search_available(a.root.id, series_id=9)),
    ("grants of a user given as an int", lambda a: a.inv.grants(5)),
    ("reachable orgs of None", lambda a: a.inv.reachable_orgs(None)),
]


@pytest.mark.parametrize("what, call", BAD_READS, ids=[c[0] for c in BAD_READS])
def test_a_malformed_read_is_refused_with_a_numcore_error(acme, what, call):
    with pytest.raises(NumcoreError) as refused:
        call(acme)
    assert str(refused.value).endswith(".")



def test_a_quantity_beyond_any_inventory_is_refused_in_words(acme):
    acme.refused(lambda: acme.inv.allocate(acme.us415.id, 10**30, acme.sales.id, actor="ann"),
                 InvalidInput, "The quantity 1,000,000,000,000,000,000,000,000,000,000 is larger "
                               "than any inventory holds.")


def test_setting_a_threshold_or_aging_period_to_what_it_is_changes_nothing(acme):
    acme.refused(lambda: acme.inv.set_threshold(acme.sales.id, 80, actor="ann"), InvalidState,
                 "The threshold of Acme / Sales is already 80%.")
    acme.refused(lambda: acme.inv.set_aging_days(acme.sales.id, 45, actor="ann"), InvalidState,
                 "The aging period of Acme / Sales is already 45 days.")
