"""Reflow at 320 CSS px (WCAG 1.4.10) over every page type each role reaches by following links,
with a footer on every page; and no cookie beyond the session cookie, no web storage, before and
after sign-in."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urldefrag, urlparse

import pytest
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from .fixtures.browser import log_in
from .fixtures.clients import make_client

pytestmark = pytest.mark.browser

# Richest views first: a page type is checked once, as the first role that reaches it sees it.
ROLES = ["koordination.zwickau", "land", "coach1", "kontakt", "mitglied.zittau", None]  # None: a visitor
START = {None: ["/", "/kpr/", "/k/zwickau/"]}
HREF = re.compile(r'href="([^"]+)"')
SKIP = (".ics", ".pdf", ".csv", ".xlsx", ".zip", "/datei", "/static/", "mailto:", "/logout", "/healthz", "/readyz",
        "/livez")
FETCH_LIMIT = 900  # requests of the discovery crawl, over all roles
TRIES_PER_TYPE = 3  # URLs of one page type fetched until one answers 200 with HTML
FOOTER_HREFS: tuple[str, ...] = ("/impressum", "/datenschutz", "/barrierefreiheit")

MEASURE = """() => {
    const root = document.documentElement;
    const footer = document.querySelector('footer');
    return {
        overflow: root.scrollWidth - root.clientWidth,
        wide: [...document.querySelectorAll('body *')]
            .filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right > root.clientWidth + 1).slice(0, 5)
            .map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)),
        footer: footer !== null,
        footerHrefs: footer ? [...footer.querySelectorAll('a[href]')].map(a => new URL(a.href).pathname) : [],
        storage: localStorage.length + sessionStorage.length,
    };
}"""


def page_type(adapter, path: str) -> str | None:
    """The Flask endpoint that answers GET `path`, or None for no page of ours."""
    try:
        return adapter.match(path, method="GET")[0]
    except RequestRedirect as redirect:
        return page_type(adapter, urlparse(redirect.new_url).path)
    except HTTPException:
        return None


def is_download(response) -> bool:
    """A file (the Präventionsbericht as HTML, shown inline or saved), not a page of the platform."""
    return "filename=" in response.headers.get("Content-Disposition", "")


def discover(app, login: str | None, known: dict[str, str], files: set[str], budget: int) -> int:
    """Follow same-origin links from the role's start pages with the test client; add one URL per
    page type not yet in `known` (type -> URL), and to `files` the types that answer with a file
    (exports, downloads). Returns the requests made."""
    client = make_client(app)
    if login:
        assert client.login(f"{login}@demo.asskomm.de").status_code == 302, login
    adapter = app.url_map.bind("localhost")
    queue, queued, tries, fetched = list(START.get(login, ["/"])), set(), {}, 0
    queued.update(queue)
    while queue and fetched < budget:
        url = queue.pop(0)
        kind = page_type(adapter, urlparse(url).path)
        if (kind is None or kind in files or tries.get(kind, 0) >= TRIES_PER_TYPE
                or (kind in known and known[kind] != url)):
            continue
        tries[kind] = tries.get(kind, 0) + 1
        response = client.get(url)
        fetched += 1
        target = urlparse(response.location or "")._replace(scheme="", netloc="").geturl()
        if response.status_code in (301, 302, 303) and target not in queued:
            queued.add(target)
            queue.append(target)
        if response.status_code == 200 and (response.mimetype != "text/html" or is_download(response)):
            files.add(kind)
        if response.status_code != 200 or kind in files:
            continue
        known.setdefault(kind, url)
        tries[kind] = TRIES_PER_TYPE
        for href in HREF.findall(response.get_data(as_text=True)):
            link = urldefrag(href.replace("&amp;", "&"))[0]
            if urlparse(link).netloc or not link.startswith("/") or any(part in link for part in SKIP):
                continue
            if link not in queued:
                queued.add(link)
                queue.append(link)
    return fetched


def test_no_page_type_of_any_role_scrolls_sideways_at_320_px(live_server, browser, committed, tmp_path):
    started = time.monotonic()
    known_by_role: dict[str | None, dict[str, str]] = {}
    known: dict[str, str] = {}
    files: set[str] = set()
    fetched = 0
    for login in ROLES:
        before = set(known)
        fetched += discover(committed, login, known, files, FETCH_LIMIT - fetched)
        known_by_role[login] = {kind: known[kind] for kind in known if kind not in before}

    discovered = time.monotonic()
    problems, checked, assets = [], [], {}

    def static_from_memory(route) -> None:  # the style sheet and icon once, not revalidated per page
        if route.request.url not in assets:
            fetched = route.fetch()
            assets[route.request.url] = {"status": fetched.status, "headers": fetched.headers, "body": fetched.body()}
        route.fulfill(**assets[route.request.url])

    for login, pages in known_by_role.items():
        context = browser.new_context(viewport={"width": 320, "height": 800})
        context.route("**/static/**", static_from_memory)
        page = context.new_page()
        if login:
            log_in(page, live_server, login)
        for kind, url in sorted(pages.items()):
            response = page.goto(live_server + url)
            if response is None or response.status != 200:
                problems.append((login, kind, url, "status", response and response.status))
                continue
            found = page.evaluate(MEASURE)
            checked.append({"role": login or "Besucher:in", "type": kind, "url": url, "overflow": found["overflow"]})
            if found["overflow"] > 0:
                problems.append((login, kind, url, f"scrolls sideways by {found['overflow']} px", found["wide"]))
            if not found["footer"]:
                problems.append((login, kind, url, "no <footer>"))
            missing = [href for href in FOOTER_HREFS if href not in found["footerHrefs"]]
            if missing:
                problems.append((login, kind, url, "footer does not link to", missing))
        context.close()

    record = tmp_path / "reflow-320.json"
    timing = {"discovery": round(discovered - started, 1), "browser": round(time.monotonic() - discovered, 1)}
    summary = {"fetched": fetched, "seconds": timing, "checked": len(checked), "pages": checked}
    record.write_text(json.dumps(summary, indent=1))
    print(f"reflow at 320 px: {len(checked)} page types checked ({fetched} fetched, {timing}), "
          f"{len(problems)} problems; list in {record}")
    assert not problems, "\n".join(map(str, problems))
    assert len(checked) >= 120, f"only {len(checked)} page types reached: {sorted(known)}"
    assert {"meetings.new", "state.overview", "documents.index", "public.home", "alliance.index"} <= set(known)


def test_no_cookie_but_the_session_and_no_web_storage_before_and_after_sign_in(live_server, browser, committed):
    session_cookie = committed.config["SESSION_COOKIE_NAME"]
    context = browser.new_context()
    page = context.new_page()
    storage = []

    def visit(path: str) -> None:
        assert page.goto(live_server + path).status == 200, path
        storage.append((path, page.evaluate("localStorage.length + sessionStorage.length")))

    for path in ("/", "/kpr/", "/k/zwickau/", "/veranstaltungen/", "/login"):
        visit(path)
    before = {cookie["name"] for cookie in context.cookies()}
    assert before <= {session_cookie}, before  # the CSRF token of the login form lives in the session

    log_in(page, live_server, "koordination.zwickau")
    for path in ("/k/zwickau/", "/k/zwickau/sitzungen", "/k/zwickau/dokumente", "/suche/?q=Graffiti",
                 "/veranstaltungen/", "/kpr/"):
        visit(path)
    after = context.cookies()
    assert [cookie["name"] for cookie in after] == [session_cookie], after
    assert after[0]["httpOnly"] and after[0]["sameSite"] == "Lax"
    assert all(count == 0 for _, count in storage), storage
    context.close()
