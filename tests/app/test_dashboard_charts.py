"""Dashboard: the treemap shows the structure below the picked org, readably at the root; the
forecast says when the org and each one below it run out at their burn rate."""

import json

from app_helpers import org_id, pick_org


def figures(app) -> dict:
    return {chart.key: json.loads(chart.proto.spec) for chart in app.get("plotly_chart")}


def test_the_treemap_leaves_out_the_roots_own_pool_and_labels_the_others(app, inv):
    usage = inv.report(1).set_index("path")
    treemap = figures(app)["dashboard_treemap"]
    boxes = treemap["data"][0]
    by_id = dict(zip(boxes["ids"], zip(boxes["parents"], boxes["labels"], boxes["values"])))

    assert "1" not in by_id and "1-pool" not in by_id  # Acme's own pool would fill the chart
    top = {label: value for parent, label, value in by_id.values() if parent == ""}
    assert top == {"Engineering": 602, "Operations": 6403, "Sales": 3501, "Support": 1201}
    assert sum(top.values()) == usage.loc["Acme", "allocated_to_suborgs"]
    sales = str(org_id(inv, "Acme / Sales"))
    sales_own = usage.loc["Acme / Sales"]
    assert by_id[f"{sales}-pool"] == (
        sales, "own pool", sales_own["total"] - sales_own["allocated_to_suborgs"])
    own_pool = f"{usage.loc['Acme', 'total'] - usage.loc['Acme', 'allocated_to_suborgs']:,}"
    assert treemap["layout"]["title"]["subtitle"]["text"].endswith(
        f"Acme's own pool ({own_pool}) is not drawn.")


def test_an_org_without_sub_organizations_shows_its_series_instead(app, inv):
    pick_org(app, org_id(inv, "Acme / Sales / West / Bay Area"))
    assert set(figures(app)) == {"dashboard_donut", "dashboard_series"}
    assert not app.info


def test_the_forecast_shows_the_burn_rate_and_the_run_out_day_of_the_org_and_those_below(
        app, inv):
    sales = org_id(inv, "Acme / Sales")
    pick_org(app, sales)
    forecast = inv.forecast(sales)
    mine = forecast.iloc[0]
    shown = {m.label: m.value for m in app.metric}
    assert shown["Burn rate"] == f"{mine['burn_per_day']:g} a day" == "50 a day"
    assert shown["Days left"] == "40"
    assert shown["Runs out on"] == f"{mine['runs_out_on']:%Y-%m-%d}"

    below = next(t.value for t in app.dataframe if "burn_per_day" in t.value.columns)
    assert below["path"].tolist()[0] == "Acme / Sales / West"  # 17.6 days left, the soonest
    assert sorted(below["path"]) == sorted(forecast["path"].iloc[1:])
    assert below["days_left"].is_monotonic_increasing
