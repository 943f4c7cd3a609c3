"""Requests for more numbers on the Dashboard: a manager of an org at its threshold files one,
the managers of its parent fulfil it (allocating) or decline it (saying why)."""

import pytest

from app_helpers import button, org_id, series_id, texts
from ui.format import describe

ASKER = "ian@acme.example"  # manager of Inside Sales only; maria manages Sales, its parent


def requests_filed(app):
    """The table of the picked org's own requests (the one with a 'filed_by' column)."""
    return next(t.value for t in app.dataframe if "filed_by" in t.value.columns)


@pytest.fixture
def inside_sales(inv) -> int:
    """Inside Sales (77.5% used, threshold 75%), with a manager of its own."""
    org = org_id(inv, "Acme / Sales / Inside Sales")
    inv.grant(ASKER, "manager", org, actor="admin")
    return org


def test_a_manager_at_the_threshold_files_a_request_and_the_parents_manager_fulfils_it(
        app_as, inv, inside_sales):
    us415 = series_id(inv, "US 415")
    app = app_as(ASKER)  # works in Inside Sales, its only org
    assert [e.label for e in app.expander] == ["Request more numbers from Acme / Sales"]
    app.number_input(key="dashboard_request_quantity").set_value(20)
    app.selectbox(key="dashboard_request_series").set_value(us415)
    app.text_input(key="dashboard_request_note").input("Ten new hires")
    button(app, "File request").click().run()

    assert texts(app.success) == [
        "Filed request 1: Acme / Sales / Inside Sales asks Acme / Sales for 20 numbers of US 415. "
        "Its managers answer on their dashboard."]
    filed = requests_filed(app)
    assert filed[["quantity", "series", "note", "filed_by", "state"]].values.tolist() == [
        [20, "US 415", "Ten new hires", ASKER, "open"]]

    app = app_as("maria@acme.example")  # in Acme / Sales, below its threshold: nothing to file
    assert not [e for e in app.expander if e.label.startswith("Request more numbers")]
    assert texts(app.info) == ["1 request for more numbers waits for your answer, below."]
    assert "**Acme / Sales / Inside Sales** asks Acme / Sales for 20 numbers of US 415: " \
           "Ten new hires" in texts(app.markdown)
    lowest = inv.search_available(org_id(inv, "Acme / Sales"), us415, limit=20)["e164"].tolist()
    available = inv.count_available(inside_sales, us415)
    app.button(key="dashboard_request_1_fulfil_button").click().run()

    assert texts(app.success) == [
        "Fulfilled request 1: allocated 20 numbers of US 415 from Acme / Sales to "
        f"Acme / Sales / Inside Sales: {describe(lowest)}"]
    assert inv.count_available(inside_sales, us415) == available + 20
    assert {inv.number(n).holder_id for n in lowest} == {inside_sales}
    answered = inv.requests(state=None).iloc[0]
    assert (answered["state"], answered["answered_by"]) == ("fulfilled", "maria@acme.example")
    assert not app.info  # nothing left to answer


def test_a_declined_request_tells_the_requester_why(app_as, inv, inside_sales):
    inv.request_numbers(inside_sales, 50, note="Spring campaign", actor=ASKER)
    app = app_as("maria@acme.example")
    events = inv.event_count()
    app.button(key="dashboard_request_1_decline_button").click().run()
    assert "reason" in texts(app.error)[0]  # numcore's refusal: a decline needs its reason
    assert inv.event_count() == events and inv.requests()["state"].tolist() == ["open"]

    app.text_input(key="dashboard_request_1_reason").input("Budget freeze until May")
    app.button(key="dashboard_request_1_decline_button").click().run()
    assert texts(app.success) == [
        "Declined request 1 of Acme / Sales / Inside Sales: Budget freeze until May"]

    app = app_as(ASKER)
    filed = requests_filed(app).iloc[0]
    assert (filed["state"], filed["answer"], filed["answered_by"]) == (
        "declined", "Budget freeze until May", "maria@acme.example")
