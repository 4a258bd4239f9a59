"""Search isolation: for every demo persona, over all demo data, every hit opens (200) for that
persona — no result they could not open. The words searched are taken from the entries' titles so
that together they find every entry of the index; a positive control proves the searches find
something of every kind and that personas differ."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
import sqlalchemy as sa

from asskomm.demo.loader import demo_logins
from asskomm.search import backend
from asskomm.search.models import SearchEntry
from asskomm.search.text import stems
from tenants import cross_tenant

HIT = re.compile(r'<h3><a href="([^"]+)">')
WORD = re.compile(r"\w{4,}")


def _words(ctx) -> tuple[list[str], dict[str, int]]:
    """Few words that together find every entry of the index (each entry's title words are the
    candidates; greedily the word that finds most entries not yet found), and the entries per kind."""
    with ctx() as session, cross_tenant("test: the whole index"):
        rows = session.execute(sa.select(SearchEntry.id, SearchEntry.kind, SearchEntry.title)).all()
        candidates = {stems(word)[0]: word for _, _, title in rows for word in WORD.findall(title)}.values()
        finds = {}
        for word in candidates:
            joins, condition, _ = backend.matching(word)
            query = sa.select(SearchEntry.id).where(condition)
            for target, on in joins:
                query = query.join(target, on)
            finds[word] = set(session.scalars(query))
    missing, words = {row.id for row in rows}, []
    while missing:
        best = max(sorted(finds), key=lambda word: len(finds[word] & missing))
        assert finds[best] & missing, f"{len(missing)} entries no title word finds"
        words.append(best)
        missing -= finds[best]
    kinds: dict[str, int] = defaultdict(int)
    for _, kind, _ in rows:
        kinds[kind] += 1
    return words, dict(kinds)


def _all_hits(client, word: str) -> list[str]:
    urls, page = [], 1
    while True:
        response = client.get("/suche/", query_string={"q": word, "seite": page})
        assert response.status_code == 200, (word, response.status_code)
        body = response.get_data(as_text=True)
        urls += [url.replace("&amp;", "&") for url in HIT.findall(body)]
        if "Nächste Seite" not in body:
            return urls
        page += 1


def test_no_persona_finds_what_it_may_not_open(client_as, ctx, backend):
    if backend == "sqlite":  # the policy's SQL is the same on both; matching is tested on both (test_search)
        pytest.skip("run on PostgreSQL, as in production: about a minute of requests")
    words, kinds = _words(ctx)
    assert set(kinds) == {"kpr", "person", "meeting", "minutes", "document", "measure", "event", "news"}
    seen: dict[str, set[str]] = {}
    for email, _ in demo_logins():
        client = client_as(email)
        found = {url for word in words for url in _all_hits(client, word)}
        opened: dict[str, int] = {}
        for url in sorted(found):
            page = url.split("#", 1)[0]
            if page not in opened:
                opened[page] = client.get(page).status_code
        refused = {page: status for page, status in opened.items() if status != 200}
        assert refused == {}, f"{email} found what it may not open: {refused}"
        seen[email] = found
    # positive control: a coordinator finds the workspace's papers of every kind; another KPR's
    # coordinator only Zwickau's public pages and shared practices
    pages = {email: {re.sub(r"\d+.*$", "", url.split("#")[0]) for url in urls} for email, urls in seen.items()}
    zwickau, meissen = pages["koordination.zwickau@demo.asskomm.de"], pages["koordination.meissen@demo.asskomm.de"]
    assert {"/k/zwickau/", "/k/zwickau/struktur/personen", "/k/zwickau/sitzungen/", "/k/zwickau/dokumente/",
            "/k/zwickau/praevention/massnahmen/", "/k/zwickau/aktuelles/", "/veranstaltungen/"} <= zwickau
    assert "/praxis/" in meissen and {p for p in meissen if p.startswith("/k/zwickau/")} <= {
        "/k/zwickau/", "/k/zwickau/aktuelles/"}
    assert seen["mitglied.zittau@demo.asskomm.de"] <= seen["koordination.zittau@demo.asskomm.de"]


def test_search_finds_only_the_alliances_kprs_and_events_also_for_a_state_admin(client_as):
    saxony = HIT.findall(client_as("land").get("/suche/?q=Rostock").get_data(as_text=True))
    assert not [url for url in saxony if "landkreis-rostock" in url or url.startswith("/veranstaltungen/")], saxony
    mv = HIT.findall(client_as("land-mv").get("/suche/?q=Rostock").get_data(as_text=True))  # on mv.localhost
    assert "/k/landkreis-rostock/" in mv and any(url.startswith("/veranstaltungen/") for url in mv), mv
