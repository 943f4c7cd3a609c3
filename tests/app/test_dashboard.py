"""Dashboard: the warning at the org's threshold, and changing that threshold."""

from app_helpers import button, org_id, pick_org, texts


def test_lowering_the_threshold_below_the_utilization_raises_the_warning(app, inv):
    sales = org_id(inv, "Acme / Sales")
    pick_org(app, sales)
    assert not app.warning
    field = app.number_input(key=f"dashboard_threshold_{sales}")
    assert field.value == 80
    field.set_value(40)
    button(app, "Save threshold").click().run()

    assert texts(app.success) == ["The warning threshold of Acme / Sales is now 40%."]
    assert texts(app.warning) == [
        "Acme / Sales has used 42.9% of its numbers, at or above its warning threshold of 40%."]
    assert inv.settings(sales).threshold == 40
    assert app.number_input(key=f"dashboard_threshold_{sales}").value == 40


def test_the_threshold_field_shows_the_picked_orgs_own_threshold(app, inv):
    inside_sales = org_id(inv, "Acme / Sales / Inside Sales")
    pick_org(app, inside_sales)
    assert app.number_input(key=f"dashboard_threshold_{inside_sales}").value == 75
    assert texts(app.warning) == [
        "Acme / Sales / Inside Sales has used 77.5% of its numbers, at or above its warning "
        "threshold of 75%."]


def test_a_viewer_reads_the_dashboard_without_a_threshold_field(app_as):
    app = app_as("victor@acme.example")
    assert app.metric and not app.number_input and not app.button
