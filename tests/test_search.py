"""The search through HTTP: German stemming on both databases, the text of uploaded PDF, DOCX and
ODT files, an index that follows every change in the same transaction (and equals a full
reindex), bad input, and the same number of queries for 1 hit or 500."""

from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa
from docx import Document as DocxDocument
from odf.opendocument import OpenDocumentText
from odf.text import P

from asskomm.prevention.demo_measures import GRAFFITI, TROUBLE
from asskomm.prevention.models import Measure
from asskomm.search.indexing import reindex
from asskomm.search.models import SearchEntry
from asskomm.structure.models import Person
from asskomm.tagged_pdf import tagged_pdf
from tenants import cross_tenant, db, tenant_context

from .helpers import tenant

HIT = re.compile(r'<h3><a href="([^"]+)">([^<]+)</a></h3>')


def hits(client, query: str, **params) -> list[tuple[str, str]]:
    response = client.get("/suche/", query_string={"q": query, **params})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return [(url.replace("&amp;", "&"), title.replace("&amp;", "&")) for url, title in
            HIT.findall(response.get_data(as_text=True))]


def titles(client, query: str, **params) -> list[str]:
    return [title for _, title in hits(client, query, **params)]


def test_meissen_finds_zwickaus_shared_graffiti_measure_in_the_exchange_not_the_unshared_one(client_as, ctx):
    meissen = client_as("koordination.meissen")
    found = hits(meissen, "Graffiti", art="measure")
    # Zwickau's, in the exchange (not Zwickau's workspace), and Meißen's own adoption of it
    assert (f"/praxis/{_measure_id(ctx, 'zwickau', GRAFFITI.title)}", GRAFFITI.title) in found
    assert all(url.startswith(("/praxis/", "/k/meissen/")) for url, _ in found)
    assert TROUBLE.title not in titles(meissen, TROUBLE.title, art="measure")
    # Zwickau's own coordinator finds both, in the workspace
    zwickau = dict((title, url) for url, title in hits(client_as("koordination.zwickau"), "Graffiti", art="measure"))
    assert zwickau[GRAFFITI.title].startswith("/k/zwickau/praevention/massnahmen/")
    assert TROUBLE.title in titles(client_as("koordination.zwickau"), TROUBLE.title, art="measure")


def _measure_id(ctx, slug: str, title: str) -> int:
    with ctx(), cross_tenant("test: a demo measure's id"):
        return db.session.scalar(sa.select(Measure.id).where(Measure.tenant_id == tenant(slug).id,
                                                             Measure.title == title))


def test_german_stemming_finds_every_form_of_a_word(client_as):
    client = client_as("koordination.zwickau")
    singular = titles(client, "Sitzung", art="meeting")
    assert singular and singular == titles(client, "Sitzungen", art="meeting")
    assert titles(client, "FREIFLÄCHE", art="news") == titles(client, "freiflächen", art="news") != []  # case, umlaut


@pytest.fixture
def uploads(fresh, tmp_path):
    import dataclasses

    settings = fresh.config["SETTINGS"]
    fresh.config["SETTINGS"] = dataclasses.replace(settings, instance_path=str(tmp_path))
    yield
    fresh.config["SETTINGS"] = settings


def _pdf(text: str) -> bytes:
    return tagged_pdf(f'<!doctype html><html lang="de"><title>Bericht</title><p>{text}</p></html>')


def _docx(text: str) -> bytes:
    document = DocxDocument()
    document.add_heading("Protokoll", 1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _odt(text: str) -> bytes:
    document = OpenDocumentText()
    document.text.addElement(P(text=text))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("make, name, word, other_form", [
    (_pdf, "bericht.pdf", "Schulwegbegleitungen", "Schulwegbegleitung"),
    (_docx, "protokoll.docx", "Quartiersbegehungen", "Quartiersbegehung"),
    (_odt, "konzept.odt", "Nachbarschaftsfeste", "Nachbarschaftsfest")])
def test_the_text_inside_an_uploaded_file_is_found_by_those_who_read_the_documents(
        client_as, uploads, make, name, word, other_form):
    coordinator = client_as("koordination.zwickau")
    form = {"title": f"Anlage {name}", "category": "other", "visibility": "internal", "description": "",
            "note": "", "file": (io.BytesIO(make(f"Im Sommer planen wir {word} in drei Stadtteilen.")), name)}
    assert coordinator.submit("/k/zwickau/dokumente/neu", form, content_type="multipart/form-data").status_code == 302
    found = hits(coordinator, other_form, art="document")
    assert [title for _, title in found] == [f"Anlage {name}"]
    assert "<mark>" in coordinator.get("/suche/", query_string={"q": word}).get_data(as_text=True)
    assert titles(client_as("mitglied.zwickau"), word, art="document") == [f"Anlage {name}"]  # members read them
    for outsider in ("koordination.meissen", "kontakt2", "coach2"):
        assert titles(client_as(outsider), word, art="document") == [], outsider


def test_the_index_follows_changes_in_the_same_transaction(client_as, ctx):
    zwickau = client_as("koordination.zwickau")
    meissen = client_as("koordination.meissen")
    assert GRAFFITI.title in titles(meissen, "Graffiti", art="measure")
    with ctx() as session, tenant_context(tenant("zwickau").id):
        measure = session.scalar(sa.select(Measure).filter_by(title=GRAFFITI.title))
        measure.title, measure.shareable = "Legale Sprühflächen am Schwanenteich", False
        session.commit()
    assert not [url for url, _ in hits(meissen, "Graffiti", art="measure") if url.startswith("/praxis/")]
    assert titles(meissen, "Sprühflächen") == []
    assert titles(zwickau, "Sprühfläche") == ["Legale Sprühflächen am Schwanenteich"]
    with ctx() as session, tenant_context(tenant("zwickau").id):
        session.delete(session.scalar(sa.select(Measure).filter_by(title="Legale Sprühflächen am Schwanenteich")))
        session.commit()
    assert titles(zwickau, "Sprühflächen") == []


def _snapshot(session) -> set[tuple]:
    with cross_tenant("test: the whole index"):
        return {tuple(row) for row in session.execute(sa.select(
            SearchEntry.kind, SearchEntry.object_id, SearchEntry.target_id, SearchEntry.tenant_id, SearchEntry.title,
            SearchEntry.text, SearchEntry.rule, SearchEntry.rule_alt, SearchEntry.open_to_all,
            SearchEntry.for_alliance))}


def test_the_index_kept_by_the_commits_equals_a_full_reindex(ctx, client_as):
    client_as("koordination.zwickau").submit("/k/zwickau/struktur/personen/neu", {
        "name": "Frieda Suchtest", "organisation": "Jugendamt", "function": "Streetwork", "sector": "youth_welfare",
        "email": "", "phone": ""})
    with ctx() as session:
        kept = _snapshot(session)
        assert any(row[4] == "Frieda Suchtest" for row in kept)
        with cross_tenant("test: wipe the index"):
            session.execute(sa.delete(SearchEntry))
        assert reindex()["kpr"] == len({row[1] for row in kept if row[0] == "kpr"})
        assert _snapshot(session) == kept
        kinds = {row[0] for row in kept}
        assert kinds == {"kpr", "person", "meeting", "minutes", "document", "measure", "event", "news"}


@pytest.mark.parametrize("params, message", [
    ({"q": "x" * 201}, "Bitte geben Sie höchstens 200 Zeichen ein."),
    ({"q": "Graffiti", "art": "geheim"}, "Bitte wählen Sie einen Eintrag aus der Liste."),
])
def test_bad_input_gets_a_german_message(client_as, params, message):
    response = client_as("koordination.zwickau").get("/suche/", query_string=params)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ['"Graffiti', "AND OR NOT", "graffiti*)(", "-", "'; DROP TABLE x; --", "ä ö ü ß",
                                   "NEAR(a b)", "title:graffiti", "\x00", "🙂"])
def test_no_query_is_a_syntax_error(client_as, query):
    response = client_as("koordination.zwickau").get("/suche/", query_string={"q": query})
    assert response.status_code in (200, 400, 422), response.status_code  # 400: a NUL byte, refused by the app


def test_the_header_has_the_search_field_for_signed_in_people_only(client, client_as):
    assert 'role="search"' in client_as("mitglied.zittau").get("/veranstaltungen/").get_data(as_text=True)
    assert 'id="site-search"' not in client.get("/kpr/").get_data(as_text=True)
    assert client.get("/suche/?q=Graffiti").status_code == 302  # to the sign-in


def _people(session, count: int, first: int = 0) -> None:
    with tenant_context(tenant("zwickau").id):
        session.add_all(Person(name=f"Musterperson {n}", function="Ehrenamt") for n in range(first, first + count))
        session.commit()


@pytest.mark.parametrize("login", ["koordination.zwickau", "land", "mitglied.zwickau"])
def test_the_same_number_of_queries_for_1_hit_and_500(client_as, ctx, count_queries, login):
    client = client_as(login)
    with ctx() as session:
        _people(session, 1)
    client.get("/suche/?q=Musterperson")  # warm: the user's session and caches
    with count_queries() as one:
        first = client.get("/suche/?q=Musterperson")
    with ctx() as session:
        _people(session, 499, first=1)
    with count_queries() as many:
        more = client.get("/suche/?q=Musterperson")
    assert "1 Treffer" in first.get_data(as_text=True)
    assert "500 Treffer" in more.get_data(as_text=True) and "Seite 1 von 25" in more.get_data(as_text=True)
    assert len(HIT.findall(more.get_data(as_text=True))) == 20
    assert many.value == one.value, (one.value, many.value)


def test_the_reindex_command_puts_back_what_is_missing(fresh, ctx):
    with ctx() as session, cross_tenant("test: the KPRs' entries"):
        kprs = session.scalar(sa.select(sa.func.count()).select_from(SearchEntry).filter_by(kind="kpr"))
        session.execute(sa.delete(SearchEntry).where(SearchEntry.kind == "kpr"))
        session.commit()
    result = fresh.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert f"kpr {kprs} ({kprs})" in result.output and "person " in result.output
