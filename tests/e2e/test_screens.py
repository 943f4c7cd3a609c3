"""Every screen the sidebar offers opens in a real browser, with its title and without an error,
and the first one shows numcore's figures."""

from playwright.sync_api import expect

from .screens import (dashboard_figures, figures_of, open_app, org_id, screenshot, wait_idle)


def test_every_screen_of_the_sidebar_opens_with_its_title_and_no_error(start_app, new_page):
    server = start_app()
    with server.snapshot() as inv:
        expected = figures_of(inv, org_id(inv, "Acme"))
    page = new_page()
    open_app(page, server.url)
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
