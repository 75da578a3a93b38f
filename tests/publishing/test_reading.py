"""The pages as a journalist reads them, in Chromium at 1280 and 390 px: every kind of page fits a phone,
no page prints a datatype IRI, an EDTF code or an empty claim slot, relations read the right way round,
a person's story marks the inferred year, the editor shows plain values. Screenshots of every page kind
at both widths go to tests/artifacts/."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit
from urllib.request import Request, urlopen

import pytest
from browser_support import shot
from playwright.sync_api import Browser, Page, expect

RECORDS = Path(__file__).resolve().parents[2] / "examples" / "records"
WIDTHS = (1280, 390)

#: One page of every kind (the query editor and /validate's report are driven apart, below).
PAGES = {
    "home": "/",
    "list-people": "/id/person/",
    "list-events": "/id/event/?sort=date",
    "person": "/id/person/sam-bopha",
    "event": "/id/event/killing-of-sam-bopha",
    "claim": "/id/claim/amnesty-cambodia-2019-f24",
    "source": "/id/document/amnesty-cambodia-2019",
    "timeline": "/timeline",
    "day": "/id/time/30-october",
    "graph": "/graph/amnesty-cambodia-2019",
    "ontology": "/ontology",
    "shapes": "/shapes",
    "query": "/query",
    "query-answer": "/query?example=01-deaths-in-custody",
    "search": "/search?q=police+custody",
    "validate": "/validate",
    "sparql": "/sparql",
    "void": "/.well-known/void",
    "downloads": "/dumps/",
    "not-found": "/id/person/nobody-of-that-name",
    "no-such-route": "/no/such/page",
}

#: What no page may show a reader: datatype IRIs and markers, EDTF codes, claims with empty slots.
RAW = {
    "datatype IRI": re.compile(r"XMLSchema#|\^\^"),
    "datatype marker": re.compile(r"\((?:boolean|date|integer|string|decimal)\)"),
    "EDTF code": re.compile(r"(?<![\w/])(?:\d{4}-\d{2}(?:-\d{2})?|\.\./\d{4}|\d{4}(?:-\d{2}){0,2}/(?:\.\.|\d{4})|\d{4}[~%])"),
    "empty claim slot": re.compile(r"—\s*—|— *$", re.M),
}

#: Not a reader's text: scripts, styles, the query being edited, and code (an IRI, or a shape's example of
#: how to write a literal, shown as syntax on purpose).
HIDDEN = ("script", "style", "textarea", "code")
READER_TEXT = f"""() => {{ const copy = document.body.cloneNode(true);
  copy.querySelectorAll("{', '.join(HIDDEN)}, noscript").forEach(e => e.remove()); return copy.textContent; }}"""


def overflow(page: Page) -> int:
    """How far the document is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def visit(browser: Browser, url: str, width: int, *, javascript: bool = True):
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(url)
    return context, page


@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_phone_and_shows_no_raw_value(browser: Browser, server_url: str, name: str):
    for width in WIDTHS:
        context, page = visit(browser, server_url + PAGES[name], width)
        try:
            if name == "query-answer":
                expect(page.locator(".yasr table tbody tr").first).to_be_visible(timeout=15000)
            text = page.evaluate(READER_TEXT)
            for what, pattern in RAW.items():
                assert not pattern.search(text), f"{name} shows a {what}: {pattern.search(text).group(0)!r}"
            shot(page, f"{name}-{width}")
            if width == 390:
                assert overflow(page) == 0, f"{name} is {overflow(page)} px wider than a 390 px phone"
        finally:
            context.close()


def test_query_page_without_javascript_fits_a_phone(browser: Browser, server_url: str):
    query = "SELECT ?claim ?text WHERE { ?claim <https://w3id.org/rightsgraph/ontology/evidence>/<https://w3id.org/rightsgraph/ontology/exactText> ?text } LIMIT 20"
    for width in WIDTHS:
        context, page = visit(browser, server_url + "/query", width, javascript=False)
        try:
            page.fill("#query-text", query)
            page.click("form[action='/query'] button")
            rows = page.locator("table.results tbody tr")
            expect(rows.first).to_be_visible()
            assert rows.count() == 20
            shot(page, f"query-no-js-{width}")
            if width == 390:
                assert overflow(page) == 0
        finally:
            context.close()


def test_validate_report_sits_in_the_site_layout_and_fits_a_phone(browser: Browser, server_url: str):
    for width in WIDTHS:
        context, page = visit(browser, server_url + "/validate", width)
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        try:
            expect(page.locator("header.site nav")).to_be_visible()
            expect(page.locator("a.skip")).to_have_attribute("href", "#content")
            page.set_input_files("#record", str(RECORDS / "case-records-invalid.csv"))
            page.click("button:has-text('Validate')")
            expect(page.locator("#report-title")).to_be_visible()
            assert page.locator("table.findings tbody tr").count() > 0
            assert page.locator("a[href='/docs/records.md']").count() == 1
            assert not [url for url in requests if "favicon" in url]
            shot(page, f"validate-report-{width}")
            if width == 390:
                assert overflow(page) == 0
        finally:
            context.close()


def test_relations_read_the_right_way_round(page: Page, server_url: str):
    page.goto(server_url + "/id/person/sam-bopha")
    incoming = page.locator("#incoming ~ dl").inner_text()
    assert "has father-in-law" in incoming and "victim in" in incoming
    assert "father-in-law of" not in page.locator("#incoming ~ dl > dt").all_inner_texts()
    page.goto(server_url + "/id/event/death-of-sam-bopha")
    assert "had consequence" not in page.locator("#incoming ~ dl").inner_text()
    assert "consequence of" in page.locator("#incoming ~ dl").inner_text()


def test_a_persons_story_says_when_where_and_how_sure_with_the_year_marked_inferred(page: Page, server_url: str):
    page.goto(server_url + "/id/person/sam-bopha")
    killing = page.locator("ol.story > li").filter(has=page.locator("h3", has_text="killing of Sam Bopha"))
    text = killing.inner_text()
    assert "30 October" in text and "Svay Rieng province" in text
    assert "asserted by Amnesty International in its own voice" in text
    assert killing.locator("a[href='/id/claim/amnesty-cambodia-2019-f24']").count() == 1
    for when in page.locator("dl.line dt:text-is('When') + dd").all():
        words = when.evaluate("e => [...e.childNodes].filter(n => !n.classList?.contains('inferred')).map(n => n.textContent).join('')")
        assert "2019" not in words, f"a year the statement does not print, shown as printed: {words!r}"
    expect(killing.locator(".badge.inferred")).to_contain_text("2019")


def test_editor_shows_plain_values_that_fit_the_screen(browser: Browser, server_url: str):
    query = ("SELECT ?label ?count ?when WHERE { BIND(\"Sam Bopha\"@en AS ?label) BIND(1666 AS ?count) "
             "BIND(\"2019-10-30\"^^<http://www.w3.org/2001/XMLSchema#date> AS ?when) }")
    for width in WIDTHS:
        context, page = visit(browser, f"{server_url}/query?{urlencode({'query': query})}", width)
        try:
            cells = page.locator(".yasr table tbody tr").first
            expect(cells).to_be_visible(timeout=15000)
            text = cells.inner_text()
            assert "Sam Bopha" in text and "1666" in text
            assert "@en" not in text and "^^" not in text and '"' not in text
            table = page.locator(".yasr table").first.bounding_box()
            assert table["x"] + table["width"] <= width
            if width == 390:
                assert overflow(page) == 0
        finally:
            context.close()


def test_editor_opens_on_a_question_not_on_every_triple(page: Page, server_url: str):
    page.goto(server_url + "/query")
    editor = page.locator(".CodeMirror").first
    expect(editor).to_contain_text("hr:Person")
    assert "?sub ?pred ?obj" not in editor.inner_text()


class _Page(HTMLParser):
    """A page's reader text (see HIDDEN) and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self._hidden += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def _crawlable(url: str, root: str) -> bool:
    path = urlsplit(url).path
    return (url.startswith(root) and not path.startswith(("/data/", "/dumps/rightsgraph", "/assets/", "/sparql"))
            and not path.startswith(("/ontology/", "/shapes/"))  # 303s to a section of /ontology or /shapes
            and not re.search(r"\.(ttl|nt|rdf|jsonld|md)$", path) and "format=" not in url)


def test_crawl_of_every_page_from_home_and_lists_finds_no_raw_value(server_url: str):
    """Every HTML page reachable from the home page and the lists: no 5xx, no datatype IRI, EDTF code or empty slot."""
    start = [server_url + path for path in ("/", "/id/person/", "/id/event/", "/id/claim/", "/id/time/", "/id/place/")]
    queue, seen, problems = deque(start), set(start), []
    while queue:
        url = queue.popleft()
        with urlopen(Request(url, headers={"Accept": "text/html"}), timeout=30) as response:
            assert response.status < 500, url
            if "text/html" not in response.headers["Content-Type"]:
                continue
            parsed = _Page()
            parsed.feed(response.read().decode("utf-8"))
        text = "".join(parsed.text)
        problems += [f"{url}: {what} {pattern.search(text).group(0)!r}" for what, pattern in RAW.items() if pattern.search(text)]
        for link in parsed.links:
            target = urldefrag(urljoin(url, link))[0]
            if target not in seen and _crawlable(target, server_url):
                seen.add(target)
                queue.append(target)
    assert len(seen) > 300, f"the crawl reached only {len(seen)} pages"
    assert problems == [], "\n".join(sorted(set(p.split(": ", 1)[1] for p in problems)))
