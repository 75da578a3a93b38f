"""In a real browser: headless Chromium (Debian's package) driven by Playwright, against
``rightsgraph serve`` in a subprocess. Screenshots go to tests/artifacts/."""

from __future__ import annotations

from browser_support import shot
from playwright.sync_api import Page, expect


def test_home_then_person_then_claim_with_its_quote(page: Page, server_url: str):
    page.goto(server_url + "/")
    expect(page.locator("h1")).to_have_text("rightsgraph")
    shot(page, "home")
    page.click("a[href='/id/person/']")
    page.click("text=Sam Bopha")
    expect(page).to_have_url(server_url + "/page/id/person/sam-bopha")
    expect(page.locator("h1")).to_have_text("Sam Bopha")
    shot(page, "person")
    page.locator("ol.claims a").first.click()
    expect(page.locator("h2#words")).to_be_visible()
    quote = page.locator("mark.quote").first
    expect(quote).to_be_visible()
    assert "Sam Bopha" in quote.inner_text()
    assert quote.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    paragraph = quote.locator("xpath=..").inner_text()
    assert len(paragraph) > len(quote.inner_text()), "the quote sits inside its paragraph"
    shot(page, "claim")
    assert page.errors == []


def test_query_editor_runs_an_example_and_shows_rows(page: Page, server_url: str):
    page.goto(server_url + "/query")
    page.locator("a.example").filter(has_text="Which people does the graph name").click()
    rows = page.locator(".yasr table tbody tr")
    expect(rows.first).to_be_visible(timeout=15000)
    assert rows.count() > 3
    page.locator(".yasr").scroll_into_view_if_needed()
    expect(page.locator(".yasr table")).to_contain_text("Sam Bopha")
    shot(page, "query", full_page=False)
    assert page.errors == []


def test_source_page_jumps_to_a_quoted_span(page: Page, server_url: str):
    page.goto(server_url + "/id/document/amnesty-cambodia-2019")
    refs = page.locator("a.claim-ref")
    assert refs.count() > 50
    anchor = refs.nth(20).get_attribute("id")
    page.goto(f"{server_url}/id/document/amnesty-cambodia-2019#{anchor}")
    expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()
    shot(page, "source", full_page=False)


def test_timeline_and_ontology_render(page: Page, server_url: str):
    page.goto(server_url + "/timeline")
    expect(page.locator("#prospects")).to_be_visible()
    shot(page, "timeline")
    page.goto(server_url + "/ontology/Claim")
    expect(page).to_have_url(server_url + "/ontology#Claim")
    expect(page.locator("#Claim")).to_be_in_viewport()
    shot(page, "ontology", full_page=False)
