"""The number commands as a person runs them in the browser: what the screen says, what numcore
then holds, and how the Dashboard's figures move; then every screen, with the flows' results.

The tests share one server: each works on its own orgs and series, and compares numcore's
state before and after itself."""

from playwright.sync_api import expect

from ui.format import describe, pretty

from .screens import (changes, choose, dashboard_figures, expand, figures_of, open_app,
                      open_screen, org_id, screenshot, series_id, shown, wait_idle, work_in)


def test_allocating_a_quantity_moves_the_lowest_numbers_and_the_dashboard_follows(
        shared_app, new_page):
    with shared_app.snapshot() as inv:
        acme, london = org_id(inv, "Acme"), org_id(inv, "Acme / Operations / London Office")
        uk_london = series_id(inv, "UK London")
        lowest = inv.search_available(acme, uk_london, limit=25)["e164"].tolist()
        free = inv.count_available(acme, uk_london)
        expected_before = figures_of(inv, acme)
        allocations = len(inv.history(org_id=acme, limit=100, action="allocate"))
    page = new_page()
    open_app(page, shared_app.url)
    before = dashboard_figures(page)
    assert before == expected_before

    open_screen(page, "Allocate", "Allocate numbers")
    choose(page, "Series", "UK London")
    shown(page, f"Acme has {free:,} available numbers of UK London to allocate.")
    choose(page, "Sub-organization", "Acme / Operations / London Office")
    page.get_by_role("spinbutton", name="Quantity").fill("25")
    page.get_by_role("button", name="Allocate", exact=True).click()
    shown(page, "Allocated 25 numbers of UK London to Acme / Operations / London Office: "
                f"{describe(lowest)}")
    shown(page, f"Acme has {free - 25:,} available numbers of UK London to allocate.")
    screenshot(page, "allocate")

    with shared_app.snapshot() as inv:
        assert {inv.number(n).holder_id for n in lowest} == {london}
        assert inv.count_available(acme, uk_london) == free - 25
        assert inv.check() == []
        expected_after = figures_of(inv, acme)
        newest = inv.history(org_id=acme, limit=1).iloc[0]
        assert (newest["action"], newest["quantity"]) == ("allocate", 25)
    open_screen(page, "Dashboard", "Number utilization")
    after = dashboard_figures(page)
    assert after == expected_after
    assert changes(before, after) == {"Available": -25, "In sub-organizations": 25}
    page.get_by_text("Numbers by status").wait_for()  # the charts are drawn
    screenshot(page, "dashboard")

    open_screen(page, "History", "History")
    choose(page, "Action", "allocate")
    shown(page, f"{allocations + 1} events shown.")  # the one above is the newest
    screenshot(page, "history")


def test_reserving_a_number_found_by_its_first_digits_for_a_new_tag(shared_app, new_page):
    with shared_app.snapshot() as inv:
        acme = org_id(inv, "Acme")
        first = inv.search_available(acme, None, "(212) 555-87", limit=1)["e164"].iloc[0]
        assert "night nurse" not in inv.tags()["name"].str.lower().tolist()
    page = new_page()
    open_app(page, shared_app.url)
    before = dashboard_figures(page)

    open_screen(page, "Reserve", "Reserve numbers")
    find = page.get_by_role("textbox", name="Find a number by its first digits")
    find.fill("(212) 555-87")
    find.press("Enter")
    expect(page.get_by_role("combobox", name="Number", exact=True)).to_have_value(pretty(first))
    wait_idle(page)
    choose(page, "For (tag)", "New tag...")
    page.get_by_role("textbox", name="New tag name").fill("Night nurse")
    page.get_by_role("radiogroup", name="It names a").get_by_text("role", exact=True).click()
    page.get_by_role("button", name="Reserve", exact=True).click()
    shown(page, f"Reserved {pretty(first)} for Night nurse in Acme.")
    screenshot(page, "reserve")

    with shared_app.snapshot() as inv:
        number = inv.number(first)
        tags = inv.tags().set_index("id")
        assert (number.status, number.holder_id) == ("reserved", acme)
        assert tuple(tags.loc[number.tag_id, ["name", "kind"]]) == ("Night nurse", "role")
        assert inv.check() == []
        expected_after = figures_of(inv, acme)
    open_screen(page, "Dashboard", "Number utilization")
    after = dashboard_figures(page)
    assert after == expected_after
    assert changes(before, after) == {"Available": -1, "Reserved": 1}

    open_screen(page, "Admin", "Admin")
    page.get_by_role("tab", name="Tags").click()
    page.get_by_role("combobox", name="Tag", exact=True).click()
    expect(page.get_by_role("option", name="Night nurse", exact=True)).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_role("combobox", name="Tag", exact=True).blur()
    screenshot(page, "admin")


def test_withdrawing_from_a_sub_org_refuses_too_many_then_moves_the_highest(shared_app, new_page):
    with shared_app.snapshot() as inv:
        sales, west = org_id(inv, "Acme / Sales"), org_id(inv, "Acme / Sales / West")
        us415 = series_id(inv, "US 415")
        unused = inv.count_available(west, us415)
        highest = inv.search_available(west, us415, limit=unused)["e164"].tolist()[-5:]
        holdings, events = inv.holdings(sales), inv.event_count()
    page = new_page()
    open_app(page, shared_app.url)
    work_in(page, "Acme / Sales")
    before = dashboard_figures(page)

    open_screen(page, "Sub-organizations", "Allocated to sub-organizations")
    expand(page, "West").get_by_role("button", name="Withdraw...").click()
    dialog = page.get_by_role("dialog", name="Withdraw numbers")
    shown(page, f"Acme / Sales / West holds {unused} unused numbers of US 415.", within=dialog)
    quantity = dialog.get_by_role("spinbutton", name=f"Quantity (at most {unused})")
    quantity.fill(str(unused + 1))
    dialog.get_by_role("button", name="Proceed").click()
    shown(page, f"Acme / Sales / West holds {unused} unused numbers of US 415; cannot withdraw "
                f"{unused + 1}.", within=dialog)
    screenshot(page, "suborgs")
    with shared_app.snapshot() as inv:
        assert inv.holdings(sales).equals(holdings)
        assert inv.event_count() == events

    quantity.fill("5")
    dialog.get_by_role("button", name="Proceed").click()
    shown(page, f"Withdrew 5 numbers of US 415 from Acme / Sales / West to Acme / Sales: "
                f"{describe(highest)}")
    expect(dialog).to_be_hidden()
    with shared_app.snapshot() as inv:
        assert {inv.number(n).holder_id for n in highest} == {sales}
        assert inv.count_available(west, us415) == unused - 5
        assert inv.check() == []
        expected_after = figures_of(inv, sales)
    open_screen(page, "Dashboard", "Number utilization")
    after = dashboard_figures(page)
    assert after == expected_after
    assert changes(before, after) == {"Available": 5, "In sub-organizations": -5}


def test_allocating_the_rows_ticked_in_available_numbers_moves_exactly_those(
        shared_app, new_page):
    with shared_app.snapshot() as inv:
        sales, east = org_id(inv, "Acme / Sales"), org_id(inv, "Acme / Sales / East")
        found = inv.search_available(sales, None, "+1 415 555 12", limit=50)["e164"].tolist()
        total = inv.count_available(sales, None, "+1 415 555 12")
    page = new_page()
    open_app(page, shared_app.url)
    work_in(page, "Acme / Sales")
    open_screen(page, "Available numbers", "Available numbers")
    digits = page.get_by_role("textbox", name="First digits")
    digits.fill("+1 415 555 12")
    digits.press("Enter")
    shown(page, f"{total} available numbers match; showing 1 to 50.")

    table = page.get_by_test_id("stDataFrame")  # a canvas: tick rows by where they are drawn
    chosen = []
    for row in [1, 3, 4]:  # positions in the table as drawn, below its header row
        table.click(position={"x": 15, "y": 35 * (row + 1) + 17})  # the tick-box column
        chosen.append(found[row])
        word = "number" if len(chosen) == 1 else "numbers"
        shown(page, f"{len(chosen)} {word} selected: {describe(chosen)}")
    screenshot(page, "available", top=page.get_by_text("First digits"))

    choose(page, "Allocate them to", "Acme / Sales / East")
    page.get_by_role("button", name="Allocate selected").click()
    shown(page, f"Allocated 3 selected numbers to Acme / Sales / East: {describe(chosen)}")
    shown(page, "Select rows to allocate or reserve exactly those numbers.")  # none ticked now
    with shared_app.snapshot() as inv:
        assert {inv.number(n).holder_id for n in chosen} == {east}
        assert {inv.number(n).holder_id for n in set(found[:5]) - set(chosen)} == {sales}
        assert inv.check() == []


def test_after_the_flows_every_screen_of_the_sidebar_opens_with_its_title_and_no_error(
        shared_app, new_page):
    with shared_app.snapshot() as inv:
        expected = figures_of(inv, org_id(inv, "Acme"))
    page = new_page()
    open_app(page, shared_app.url)
    assert dashboard_figures(page) == expected

    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    assert links.count() >= 7
    title = page.get_by_role("main").get_by_role("heading", level=1)
    for n in range(1, links.count()):  # the first is the Dashboard, open already
        previous = title.inner_text()
        links.nth(n).click()
        expect(title).not_to_have_text(previous)  # the next screen's run has drawn its title
        wait_idle(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_role("main").get_by_role("alert")).to_have_count(0)
        screenshot(page, "screen-" + page.url.rstrip("/").rsplit("/", 1)[-1])
