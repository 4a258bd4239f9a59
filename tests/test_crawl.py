"""Every page a person can reach by following links renders: a crawl per role, no server errors."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlparse

import pytest

HREF = re.compile(r'href="([^"]+)"')
LOGINS = ["land", "kontakt", "coach1", "koordination.zwickau", "mitglied.zittau", "koordination.landkreis-rostock"]
SKIP = (".ics", ".pdf", ".csv", ".xlsx", "/datei", "/versionen/", "/static/", "mailto:", "/logout")


def crawl(client, start: str, limit: int = 250) -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url, follow_redirects=True)
        seen[url] = response.status_code
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        for href in HREF.findall(response.get_data(as_text=True)):
            link = urldefrag(href.replace("&amp;", "&"))[0]
            parsed = urlparse(link)
            if parsed.netloc or not link.startswith("/") or any(part in link for part in SKIP):
                continue
            if link not in seen:
                queue.append(link)
    return seen


@pytest.mark.parametrize("login", LOGINS)
def test_every_linked_page_renders_for(client_as, login):
    pages = crawl(client_as(login), "/")
    errors = {url: status for url, status in pages.items() if status >= 500}
    assert not errors, errors
    assert sum(status == 200 for status in pages.values()) >= 5, pages


def test_every_public_page_renders_for_visitors(client):
    pages = crawl(client, "/kpr/")
    assert not {url: status for url, status in pages.items() if status >= 500}
    assert any(url.startswith("/k/zwickau/aktuelles/") for url in pages)
