"""Two people allocate from the same small pool at the same moment, each signed in in their own
browser: one gets the whole pool, the other is told why not, and no number is held twice."""

from playwright.sync_api import expect

from numcore import Inventory

from .screens import (choose, open_app, open_screen, org_id, screenshot, series_id, shown,
                      wait_idle, work_in)

POOL = 30  # UK London numbers that Acme / Support holds, and all that each person asks for
# Who allocates to where: the admin, and the demo's manager of Acme / Support. The server runs
# in proxy sign-in mode, so each browser is its own user by the header the proxy would set.
PEOPLE = {"admin": "Acme / Support / Tier 1", "sam@acme.example": "Acme / Support / Tier 2"}


def test_two_users_allocating_the_same_pool_at_once_get_each_number_once(
        fresh_db, start_app, new_page, record_property):
    with Inventory.open(str(fresh_db)) as inv:  # the scene, set before the server holds the file
        support, uk_london = org_id(inv, "Acme / Support"), series_id(inv, "UK London")
        assert inv.count_available(support, uk_london) == 0
        pool = inv.allocate(uk_london, POOL, support, actor="admin")
        events = inv.event_count()
    server = start_app(env={"NUMBERS_AUTH": "proxy"})
    pages = {}
    for user, target in PEOPLE.items():
        page = pages[user] = new_page(extra_http_headers={"X-Forwarded-Email": user})
        open_app(page, server.url)
        expect(page.get_by_text(f"Signed in as {user}")).to_be_visible()
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

    said = {}
    for user, page in pages.items():
        main = page.get_by_role("main")
        got = main.get_by_text(f"Allocated {POOL} numbers of UK London to {PEOPLE[user]}:")
        refused = main.get_by_text("cannot allocate")
        expect(got.or_(refused)).to_be_visible()
        wait_idle(page)
        said[user] = got.inner_text() if got.count() else refused.inner_text()
    winners = [user for user in PEOPLE if said[user].startswith("Allocated")]
    assert len(winners) == 1, said
    (winner,), (loser,) = winners, set(PEOPLE) - set(winners)
    assert said[loser] == (f"Acme / Support holds 0 available numbers of UK London; "
                           f"cannot allocate {POOL} to {PEOPLE[loser]}.")
    screenshot(pages[loser], "race-refused")
    record_property("race", f"{winner} got {POOL} for {PEOPLE[winner]}; {loser} was told: "
                            f"{said[loser]}")

    with server.snapshot() as inv:
        held = {user: set(inv.search_available(org_id(inv, target), uk_london, limit=POOL + 1)
                          ["e164"]) for user, target in PEOPLE.items()}
        assert len(held[winner]) + len(held[loser]) == POOL  # all there was, once
        assert held[winner] == set(pool) and held[loser] == set()
        assert {inv.number(n).holder_id for n in pool} == {org_id(inv, PEOPLE[winner])}
        assert inv.count_available(support, uk_london) == 0
        assert inv.event_count() == events + 1  # the refusal wrote none
        newest = inv.history(limit=1).iloc[0]
        assert (newest["actor"], newest["action"], newest["quantity"]) == (winner, "allocate", POOL)
        assert inv.check() == []
