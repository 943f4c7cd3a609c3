"""Sub-organizations: the tree below the picked org, and Withdraw back to the parent."""

from app_helpers import button, expand, open_page, org_id, series_id, texts
from ui.format import describe


def open_withdraw(app, inv, path: str, series: str):
    """Open the Withdraw dialog of one org's series, as its button does."""
    org, series = org_id(inv, path), series_id(inv, series)
    expand(app, [org])
    app.button(key=f"suborgs_withdraw_{org}_{series}").click().run()
    return org, series


def test_the_tree_lists_every_org_below_with_its_numbers(app, inv):
    open_page(app, "suborgs")
    labels = [e.label for e in app.expander]
    assert len(labels) == len(inv.subtree(1)) - 1 == 16
    assert labels[0] == "**Engineering** · 602 numbers, 36.9% used"
    assert "\u2003\u2003\u2003\u2003↳ **Bay Area** · 150 numbers, 73.3% used" in labels
    assert not app.main.button  # closed, an org shows only its line

    expand(app, [org_id(inv, "Acme / Sales / West")])
    west = next(e for e in app.expander if "**West**" in e.label)
    assert [m.value for m in west.markdown][:2] == [
        "**US 415**", "90 available · 1 reserved · 60 assigned · 288 registered · 12 aging"]
    assert [b.label for b in west.button] == ["Withdraw..."]


def test_withdraw_moves_the_highest_unused_numbers_to_the_parent(app, inv):
    open_page(app, "suborgs")
    west, us415 = open_withdraw(app, inv, "Acme / Sales / West", "US 415")
    assert "Acme / Sales / West holds 90 unused numbers of US 415." in texts(app.markdown)[-1]
    assert app.number_input(key="suborgs_quantity").label == "Quantity (at most 90)"
    highest = inv.search_available(west, us415, limit=1000)["e164"].tolist()[-5:]
    app.number_input(key="suborgs_quantity").set_value(5).run()
    button(app, "Proceed").click().run()

    assert texts(app.success) == ["Withdrew 5 numbers of US 415 from Acme / Sales / West to "
                                  f"Acme / Sales: {describe(highest)}"]
    assert {inv.number(n).holder_id for n in highest} == {org_id(inv, "Acme / Sales")}
    assert inv.count_available(west, us415) == 85
    assert not app.number_input  # the dialog closed
    west_row = next(e for e in app.expander if "**West**" in e.label)
    assert "85 available" in west_row.markdown[1].value


def test_withdrawing_more_than_the_unused_count_is_refused_and_changes_nothing(app, inv):
    open_page(app, "suborgs")
    west, us415 = open_withdraw(app, inv, "Acme / Sales / West", "US 415")
    before, events = inv.holdings(1), inv.event_count()
    app.number_input(key="suborgs_quantity").set_value(91).run()  # the field lets you type it
    button(app, "Proceed").click().run()

    assert texts(app.error) == [
        "Acme / Sales / West holds 90 unused numbers of US 415; cannot withdraw 91."]
    assert not app.success
    assert inv.holdings(1).equals(before) and inv.event_count() == events
    assert app.number_input(key="suborgs_quantity").value == 91  # still open, to correct it


def test_cancel_closes_the_dialog_without_a_change(app, inv):
    open_page(app, "suborgs")
    open_withdraw(app, inv, "Acme / Sales / West", "US 415")
    events = inv.event_count()
    button(app, "Cancel").click().run()
    assert not app.number_input and not app.success and inv.event_count() == events
