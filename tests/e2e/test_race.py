"""Two people allocate from the same small pool at the same moment, each in their own browser
session: one gets the whole pool, the other is told why not, and no number is held twice."""

from playwright.sync_api import expect

from numcore import Inventory

from .screens import (choose, open_app, open_screen, org_id, screenshot, series_id, shown,
                      wait_idle, work_in)

POOL = 30  # UK London numbers that Acme / Support holds, and all that each person asks for


def test_two_sessions_allocating_the_same_pool_at_once_give_each_number_once(
        fresh_db, start_app, new_page):
    with Inventory.open(str(fresh_db)) as inv:  # the scene, set before the server holds the file
        support, uk_london = org_id(inv, "Acme / Support"), series_id(inv, "UK London")
        assert inv.count_available(support, uk_london) == 0
        pool = inv.allocate(uk_london, POOL, support, actor="admin")
    server = start_app()
    targets = {"Acme / Support / Tier 1", "Acme / Support / Tier 2"}
    pages = {}
    for target in sorted(targets):
        page = pages[target] = new_page()
        open_app(page, server.url)
        work_in(page, "Acme / Support")
        open_screen(page, "Allocate", "Allocate numbers")
        choose(page, "Series", "UK London")
        shown(page, f"Acme / Support has {POOL} available numbers of UK London to allocate.")
        choose(page, "Sub-organization", target)
        expect(page.get_by_role("combobox", name="Sub-organization")).to_have_value(target)
        wait_idle(page)
        page.get_by_role("spinbutton", name="Quantity").fill(str(POOL))

    for page in pages.values():  # both at once: no wait between the clicks
        page.get_by_role("button", name="Allocate", exact=True).click()

    outcome = {}
    for target, page in pages.items():
        main = page.get_by_role("main")
        got = main.get_by_text(f"Allocated {POOL} numbers of UK London to {target}:")
        refused = main.get_by_text("cannot allocate")
        expect(got.or_(refused)).to_be_visible()
        wait_idle(page)
        outcome[target] = "got" if got.count() else refused.inner_text()
    winners = [t for t, said in outcome.items() if said == "got"]
    assert len(winners) == 1, outcome
    (winner,), (loser,) = winners, targets - set(winners)
    assert outcome[loser] == (f"Acme / Support holds 0 available numbers of UK London; "
                              f"cannot allocate {POOL} to {loser}.")
    screenshot(pages[loser], "race-refused")
    print(f"race: {winner} got {POOL}; {loser} was told: {outcome[loser]}")  # shown by -rP

    with server.snapshot() as inv:
        held = {t: set(inv.search_available(org_id(inv, t), uk_london, limit=POOL + 1)["e164"])
                for t in targets}
        assert len(held[winner]) + len(held[loser]) == POOL  # all there was, once
        assert held[winner] == set(pool) and held[loser] == set()
        assert inv.count_available(support, uk_london) == 0
        assert {inv.number(n).holder_id for n in pool} == {org_id(inv, winner)}
        assert inv.check() == []
