"""Issue 10 C1: `next` is followed only to a page of this site, on every route that takes it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from asskomm.policy import same_site_path

from .matrix_objects.meetings import _action_item

# What an attacker puts into ?next= (raw, before the query string's own encoding), and what a
# browser would make of it: another site, a script, or a header injection.
HOSTILE = [
    "//evil.example",
    "///evil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "/\n/evil.example",
    "/%0a/evil.example",
    "/%0d%0aSet-Cookie:%20x=1",
    "/\r\nLocation: https://evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "\\\\evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "%2F%2Fevil.example",
    "/%252F%252Fevil.example",
    "/%25252F%25252Fevil.example",
    "/%25252525252F%25252525252Fevil.example",
    " //evil.example",
    "/ /evil.example",
    "/\u3000/evil.example",
    "/%E3%80%80/evil.example",
    "/\u2028/evil.example",
    "/\x00/evil.example",
    "/%00/evil.example",
    "/./\x2fevil.example",
    "/../evil.example",
    "/%2e%2e/evil.example",
    "https://evil.example",
    "http:evil.example",
    "HTTPS://evil.example/k/zwickau/",
    "javascript:alert(1)",
    "/javascript:alert(1)//%0a",  # a same-site path with an encoded newline: refused as well
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "",
]


def _query(target: str) -> str:
    return "next=" + quote(target, safe="%")


def _assert_stays(response, default: str) -> None:
    """Back to the default page; a NUL byte is refused before any view (asskomm.web): 400."""
    if response.status_code == 400:
        assert "unzulässige Steuerzeichen" in response.get_data(as_text=True)
        return
    assert response.status_code in (302, 303), response.status_code
    assert response.headers["Location"] == default


def _login(client_as, client, ctx):
    return client, "/login", {"email": "land@demo.asskomm.de", "password": "asskomm-demo"}, "/", "/login"


def _complete_action_item(client_as, client, ctx):
    with ctx() as session:
        item_id = _action_item(session, "zwickau")
        session.commit()
    return client_as("koordination.zwickau"), f"/k/zwickau/aufgaben/{item_id}/erledigt", {}, "/k/zwickau/aufgaben", None


def _renew_event_feed(client_as, client, ctx):
    return client_as("mitglied.zwickau"), "/veranstaltungen/kalender/erneuern", {}, "/veranstaltungen/", None


# Every route that takes ?next=: who uses it, its URL, the form, where it returns by default.
ROUTES = {"login": _login, "action_item_done": _complete_action_item, "renew_event_feed": _renew_event_feed}


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("target", HOSTILE)
def test_a_hostile_next_is_not_followed(client_as, client, ctx, route, target):
    who, url, data, default, page = ROUTES[route](client_as, client, ctx)
    shown = who.get(f"{url}?{_query(target)}")
    assert shown.status_code in (200, 400, 405)
    if "Abbrechen" in shown.get_data(as_text=True):  # a confirmation page: its way back stays here
        assert f'href="{default}"' in shown.get_data(as_text=True)
    _assert_stays(who.submit(f"{url}?{_query(target)}", data, page=page), default)


def test_a_page_of_this_site_is_followed_with_its_query(client_as, client, ctx):
    assert client.get("/k/zwickau/mitglieder").headers["Location"] == "/login?next=%2Fk%2Fzwickau%2Fmitglieder"
    response = client.submit("/login?next=%2Fk%2Fzwickau%2Fmitglieder", {
        "email": "koordination.zwickau@demo.asskomm.de", "password": "asskomm-demo"}, page="/login")
    assert response.headers["Location"] == "/k/zwickau/mitglieder"

    with ctx() as session:
        item_id = _action_item(session, "zwickau")
        session.commit()
    target = "/k/zwickau/aufgaben?gremium=1&person=2#offen"
    response = client_as("koordination.zwickau").submit(f"/k/zwickau/aufgaben/{item_id}/erledigt?{_query(target)}")
    assert response.headers["Location"] == target


def test_non_ascii_paths_are_sent_encoded():
    assert same_site_path("/k/meißen/") == "/k/mei%C3%9Fen/"
    assert same_site_path("/suche?q=100%25") == "/suche?q=100%25"
    assert same_site_path("/k/zwickau/%0a") is None


def test_the_routes_above_are_all_that_follow_next():
    """A new view that reads ?next= joins the tables above (and goes through safe_next_url)."""
    root = Path(__file__).resolve().parents[1] / "asskomm"
    readers = {str(path.relative_to(root)) for path in root.rglob("*.py")
               if re.search(r"safe_next_url\(|args(\.get\(|\[)[\"']next[\"']", path.read_text())}
    assert readers == {"policy/urls.py", "signin/views.py", "meetings/views.py", "events/catalog/views.py"}
