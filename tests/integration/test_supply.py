"""Issue 7.3-7.6: reclaiming aging numbers, reservations about to expire, requests for more
numbers answered by the parent's managers, and the burn-rate forecast."""

from datetime import date, timedelta

from numcore import InvalidState, NotEnoughNumbers, NotFound, PermissionDenied
from tests.integration.builders import n


def test_the_holder_can_take_an_aging_number_back_early(acme):
    inv = acme.inv
    inv.allocate(acme.us415.id, 5, acme.sales.id, actor="ann")
    inv.assign(n(0), "ada", acme.sales.id, actor="mia")
    inv.release(n(0), actor="mia")
    assert inv.number(n(0)).status == "aging"
    inv.reclaim(n(0), actor="mia")
    assert acme.state(n(0)) == ("Acme / Sales", "available", None, None)
    assert inv.history(limit=1)["action"].tolist() == ["reclaim"]
    acme.refused(lambda: inv.reclaim(n(0), actor="mia"), InvalidState,
                 "+1 415-555-0100 is available, not aging")


def test_reservations_expiring_within_seven_days_are_listed_soonest_first(acme):
    inv, today = acme.inv, acme.clock.now.date()
    inv.reserve(n(1), acme.desk.id, expires=today + timedelta(days=6), actor="ann")
    inv.reserve(n(2), acme.desk.id, expires=today + timedelta(days=2), actor="ann")
    inv.reserve(n(3), acme.desk.id, expires=today + timedelta(days=30), actor="ann")
    inv.reserve(n(4), acme.lee.id, actor="ann")
    soon = inv.expiring_reservations(acme.root.id, within_days=7)
    assert soon["e164"].tolist() == [n(2), n(1)]
    assert soon["tag"].tolist() == ["Front desk", "Front desk"]


def run_low(acme, used: int = 9, of: int = 10):
    """West gets ``of`` numbers and puts ``used`` of them into service."""
    inv = acme.inv
    inv.allocate(acme.us415.id, 40, acme.sales.id, actor="ann")
    inv.allocate(acme.us415.id, of, acme.west.id, actor="mia")
    for k, number in enumerate(inv.search_available(acme.west.id)["e164"][:used]):
        inv.assign(number, f"rep{k}", acme.west.id, actor="mia")


def test_a_request_is_filed_only_by_an_org_at_or_over_its_threshold(acme):
    run_low(acme, used=7)
    acme.refused(lambda: acme.inv.request_numbers(acme.west.id, 20, actor="mia"), InvalidState,
                 "Acme / Sales / West is 70.0% used, below its 80% threshold")
    acme.inv.assign(acme.inv.search_available(acme.west.id)["e164"][0], "rep7", acme.west.id,
                    actor="mia")
    request = acme.inv.request_numbers(acme.west.id, 20, series_id=acme.us415.id,
                                       note="new hires", actor="mia")
    open_requests = acme.inv.requests(acme.root.id)
    assert open_requests[["id", "org", "series", "quantity", "note", "filed_by", "state"]] \
        .values.tolist() == [[request, "Acme / Sales / West", "US 415", 20, "new hires", "mia",
                              "open"]]


def test_the_parents_managers_see_and_fulfil_a_request_by_allocating(acme):
    run_low(acme)
    inv = acme.inv
    inv.grant("wes", "manager", acme.west.id, actor="ann")
    request = inv.request_numbers(acme.west.id, 15, series_id=acme.us415.id, actor="wes")
    assert inv.requests(answerable_by="mia")["id"].tolist() == [request]
    assert inv.requests(answerable_by="wes").empty  # West's own manager cannot answer it
    acme.refused(lambda: inv.fulfil_request(request, actor="wes"), PermissionDenied,
                 "wes manages only Acme / Sales / West", "Acme / Sales")
    numbers = inv.fulfil_request(request, actor="mia")
    assert len(numbers) == 15
    assert {inv.number(x).holder_id for x in numbers} == {acme.west.id}
    answered = inv.requests(acme.root.id, state=None).iloc[0]
    assert (answered["state"], answered["answered_by"]) == ("fulfilled", "mia")
    assert inv.history(limit=2)["action"].tolist() == ["fulfil_request", "request_numbers"]
    acme.refused(lambda: inv.decline_request(request, "too late", actor="mia"), InvalidState,
                 f"Request {request} of Acme / Sales / West is fulfilled already")
    assert inv.check() == []


def test_a_declined_request_keeps_its_reason(acme):
    run_low(acme)
    request = acme.inv.request_numbers(acme.west.id, 5, actor="ann")
    acme.refused(lambda: acme.inv.fulfil_request(request, actor="mia"), InvalidState,
                 f"Request {request} names no series")
    acme.inv.decline_request(request, "Use the Support pool", actor="mia")
    row = acme.inv.requests(state="declined").iloc[0]
    assert (row["answer"], row["answered_by"]) == ("Use the Support pool", "mia")
    acme.refused(lambda: acme.inv.decline_request(999, "x", actor="mia"), NotFound,
                 "There is no request with id 999")


def test_an_org_with_an_open_request_cannot_be_deleted(acme):
    inv = acme.inv
    inv.set_aging_days(acme.west.id, 0, actor="ann")
    inv.allocate(acme.us415.id, 1, acme.sales.id, actor="ann")
    (number,) = inv.allocate(acme.us415.id, 1, acme.west.id, actor="ann")
    inv.assign(number, "x", acme.west.id, actor="ann")
    inv.request_numbers(acme.west.id, 5, actor="ann")
    inv.release(number, actor="ann")
    inv.withdraw_numbers([number], actor="ann")
    assert inv.utilization(acme.west.id)["total"] == 0
    acme.refused(lambda: inv.delete_org(acme.west.id, actor="ann"), InvalidState,
                 "Acme / Sales / West has 1 open request for numbers")


def test_the_forecast_says_when_an_org_runs_out_at_its_burn_rate(acme):
    inv, clock = acme.inv, acme.clock
    inv.allocate(acme.us415.id, 60, acme.sales.id, actor="ann")
    clock.advance(days=1)
    inv.allocate(acme.us415.id, 30, acme.west.id, actor="mia")  # Sales gives 30 in the window
    forecast = inv.forecast(acme.root.id, window_days=30).set_index("path")
    sales = forecast.loc["Acme / Sales"]
    assert sales["available"] == 30
    assert sales["burn_per_day"] == 1.0
    assert sales["days_left"] == 30.0
    assert sales["runs_out_on"] == (clock.now + timedelta(days=30)).date()
    assert forecast.loc["Acme / Support", "runs_out_on"] is None
    clock.advance(days=31)
    assert inv.forecast(acme.sales.id).set_index("path").loc["Acme / Sales", "burn_per_day"] == 0


def test_golden_numbers_are_flagged_and_skipped_by_quantity_allocations(acme):
    inv = acme.inv
    inv.add_range(acme.us415.id, "+14155551230", "+14155551240", actor="ann")
    assert inv.flag_golden(acme.us415.id, actor="ann") == 2  # ...0123 and ...1234
    golden = [x for x in ("+14155550123", "+14155551234", "+14155551235")
              if inv.number(x).golden]
    assert golden == ["+14155550123", "+14155551234"]
    got = inv.allocate(acme.us415.id, 100, acme.sales.id, actor="ann")
    assert not set(golden) & set(got)
    acme.refused(lambda: inv.allocate(acme.us415.id, 11, acme.sales.id, actor="ann"),
                 NotEnoughNumbers, "Acme holds 9 available numbers of US 415",
                 "cannot allocate 11 to Acme / Sales", "2 golden numbers there are kept")
    inv.allocate(acme.us415.id, 11, acme.sales.id, include_golden=True, actor="ann")
    assert inv.number("+14155551234").holder_id == acme.sales.id
    assert inv.check() == []


def test_golden_numbers_may_be_reserved_and_allocated_explicitly(acme):
    inv = acme.inv
    inv.add_range(acme.us415.id, "+14155557770", "+14155557779", actor="ann")
    inv.flag_golden(acme.us415.id, actor="ann")
    inv.allocate_numbers(["+14155557777"], acme.sales.id, actor="ann")
    inv.reserve("+14155557777", acme.lee.id, actor="mia")
    assert acme.state("+14155557777") == ("Acme / Sales", "reserved", "Dr. Lee", None)


def test_reservations_given_a_date_last_through_that_day(acme):
    inv, today = acme.inv, acme.clock.now.date()
    inv.reserve(n(7), acme.desk.id, expires=today + timedelta(days=1), actor="ann")
    acme.clock.advance(days=1, hours=14)
    assert inv.number(n(7)).status == "reserved"
    acme.clock.advance(hours=12)
    assert inv.number(n(7)).status == "available"
    assert date.today()  # the real clock plays no part
