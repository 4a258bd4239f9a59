"""The public page of a KPR and the alliance index, through HTTP: what visitors, members and outsiders
see on /k/<slug>/, how coordinators edit it, how news text is sanitised, and the query counts."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from asskomm.documents.models import Document, DocumentCategory, DocumentVersion, Visibility
from asskomm.meetings.models import Meeting, MeetingStatus
from asskomm.public import demo
from asskomm.public.models import CommunityOfficer, NewsPost, Partner, PublicProfile
from asskomm.structure.models import Body, BodyKind
from asskomm.timeutil import now
from tenants import FIRST_ALLIANCE_ID, Tenant, TenantKind, TenantStatus, tenant_context

from .fixtures.clients import make_client
from .helpers import tenant

PANEL = 'id="arbeitsbereich"'


def _document(session, title: str, visibility: Visibility, size: int, versions: int = 1) -> Document:
    document = Document(title=title, category=DocumentCategory.flyer, visibility=visibility)
    for number in range(1, versions + 1):
        document.versions.append(DocumentVersion(
            number=number, original_name=f"{title}.pdf", storage_name=f"{title}-{number}-{id(document)}"[:80],
            size=size * number, content_type="application/pdf", sha256="0" * 64))
    session.add(document)
    return document


def _meeting(session, title: str, public: bool, days: int, body: Body | None = None) -> Meeting:
    body = body or Body(kind=BodyKind.working_group, name=f"AG {title}")
    meeting = Meeting(body=body, title=title, starts_at=now() + timedelta(days=days), place="Rathaus, Saal 2",
                      public=public, status=MeetingStatus.planned)
    session.add(meeting)
    return meeting


@pytest.fixture
def zwickau_extras(ctx):
    """What a visitor must not see next to what they must see."""
    with ctx() as session, tenant_context(tenant("zwickau").id):
        session.add(NewsPost(title="Geheimer Entwurf", published_on=date.today(), published=False,
                             body="Entwurf", body_html="<p>Entwurf</p>"))
        _document(session, "Interne Notiz zur Sitzung", Visibility.internal, 5_000)
        _document(session, "Flyer des KPR", Visibility.public, 125_000, versions=2)
        _meeting(session, "Sicherheitskonferenz für alle", public=True, days=10)
        _meeting(session, "Lenkungsgremium vertraulich", public=False, days=5)
        _meeting(session, "Vergangener Bürgerdialog", public=True, days=-3)
        session.commit()


def test_visitor_sees_the_public_sections_and_nothing_internal(client, zwickau_extras):
    response = client.get("/k/zwickau/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for visible in ("Kommunaler Präventionsrat Stadt Zwickau", "Stabsstelle Kommunale Prävention", "Hauptmarkt 1",
                    "Postfach 20 09 33", "Dienstag: 9–12 Uhr und 13–18 Uhr", "+49 375 831850",
                    "Das Sicherheitsgefühl der Bürgerinnen und Bürger stärken", "Verkehrssicherheitstag",
                    "15.10.2022", "Flyer des KPR", "0,24 MB", "Sicherheitskonferenz für alle", "Rathaus, Saal 2",
                    "Status in der Allianz: Aktiv"):
        assert visible in page, visible
    for hidden in ("Geheimer Entwurf", "Interne Notiz zur Sitzung", "Lenkungsgremium vertraulich",
                   "Vergangener Bürgerdialog", PANEL, "Öffentliche Seite bearbeiten", "Zur Mitgliederliste"):
        assert hidden not in page, hidden
    # Newest first: the news of 2022 come before those of 2021.
    assert page.index("Verkehrssicherheitstag") < page.index("Ergebnisse der Sicherheitsanalyse")
    assert re.search(r'<a href="/k/zwickau/dokumente/\d+/datei">Flyer des KPR</a>', page)


def test_partners_by_sector_and_community_police(client):
    page = client.get("/k/zittau/").get_data(as_text=True)
    for visible in ("2021 haben die Große Kreisstadt Zittau", "<h3>Polizei</h3>", "<h3>Schule/Bildung</h3>",
                    "<h3>Jugendhilfe</h3>", "Polizeirevier Zittau-Oberland", "Daniel Neumann", "Katja Riedel",
                    "kpr@zittau.de", "03583 752-113", "Marlene Görner"):
        assert visible in page, visible
    assert page.index("<h3>Polizei</h3>") < page.index("<h3>Schule/Bildung</h3>")


def test_member_sees_the_workspace_panel_on_the_same_page(client_as):
    page = client_as("mitglied.zwickau").get("/k/zwickau/").get_data(as_text=True)
    assert PANEL in page and "Zur Mitgliederliste" in page and "Thomas Wagner" in page  # the coach
    assert "Stabsstelle Kommunale Prävention" in page and "Verkehrssicherheitstag" in page
    assert 'aria-label="Bereich Kommunaler Präventionsrat Stadt Zwickau"' in page  # the workspace navigation
    assert "Öffentliche Seite bearbeiten" not in page  # reading only


def test_logged_in_outsider_sees_the_public_page_only(client_as):
    response = client_as("mitglied.zittau").get("/k/zwickau/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Stabsstelle Kommunale Prävention" in page
    assert PANEL not in page and "Zur Mitgliederliste" not in page and "Thomas Wagner" not in page
    assert 'aria-label="Bereich Kommunaler Präventionsrat Stadt Zwickau"' not in page


def test_coordinator_sees_the_edit_link_and_the_menu_item(client_as):
    page = client_as("koordination.zwickau").get("/k/zwickau/").get_data(as_text=True)
    assert PANEL in page
    assert page.count('href="/k/zwickau/oeffentlich"') >= 2  # button and workspace navigation


def _post_id(ctx, slug: str, title: str) -> int:
    with ctx() as session, tenant_context(tenant(slug).id):
        return session.scalar(sa.select(NewsPost.id).filter_by(title=title))


def test_news_text_is_stored_sanitised_and_rendered_without_scripts(client_as, client, ctx):
    coordinator = client_as("koordination.zwickau")
    body = ("Ein **wichtiger** Hinweis.\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
            "[Klick](javascript:alert(1)) und [Stadt](https://www.zwickau.de) und "
            '<a href="https://example.org" onclick="steal()">Link</a>\n\n- eins\n- zwei')
    response = coordinator.submit("/k/zwickau/oeffentlich/meldungen/neu", {
        "title": "<b>Neu</b> im Netz", "published_on": "2026-11-20", "body": body, "published": "y"})
    assert response.status_code == 302
    post_id = _post_id(ctx, "zwickau", "<b>Neu</b> im Netz")
    with ctx() as session, tenant_context(tenant("zwickau").id):
        stored = session.get(NewsPost, post_id)
        assert stored.body == body  # the source stays as written
        html = stored.body_html
    for bad in ("<script", "alert(", "onerror", "onclick", "javascript:", "<img"):
        assert bad not in html, bad
    assert "<strong>wichtiger</strong>" in html and "<li>eins</li>" in html
    assert '<a href="https://www.zwickau.de" rel="noopener noreferrer">Stadt</a>' in html
    page = client.get(f"/k/zwickau/aktuelles/{post_id}").get_data(as_text=True)
    assert "<strong>wichtiger</strong>" in page
    assert "&lt;b&gt;Neu&lt;/b&gt; im Netz" in page and "<b>Neu</b>" not in page  # the title is escaped
    for bad in ("<script>alert", "onerror", "javascript:", "steal()"):
        assert bad not in page, bad


def test_news_headings_and_tables_render_and_a_stripped_link_leaves_its_text_only(client_as, client, ctx):
    body = ("# Rückblick\n\nText.\n\n### Termine\n\n| Tag | Ort | Thema |\n|:---|---|--:|\n"
            "| 26.04.2022 | Rathaus | Präventionstag Cybercrime |\n\n"
            "[Klick](javascript:alert(1)), [relativ](/k/zittau/), <a href=\"javascript:x\">roh</a>, "
            "<a href=\"data:text/html,x\" title=\"t\">Daten</a> und [Stadt](https://www.zwickau.de).")
    response = client_as("koordination.zwickau").submit("/k/zwickau/oeffentlich/meldungen/neu", {
        "title": "Mit Tabelle", "published_on": "2026-11-20", "body": body, "published": "y"})
    assert response.status_code == 302
    post_id = _post_id(ctx, "zwickau", "Mit Tabelle")
    with ctx() as session, tenant_context(tenant("zwickau").id):
        html = session.get(NewsPost, post_id).body_html
    # the post's title is the page's h1: the text's headings follow from h2 on, without gaps
    assert "<h2>Rückblick</h2>" in html and "<h3>Termine</h3>" in html and "<h1" not in html
    assert '<div class="scroll" role="region" tabindex="0" aria-label="Tabelle 1"><table>' in html
    assert '<th scope="col">Tag</th>' in html and "<td>Präventionstag Cybercrime</td>" in html
    assert "</table></div>" in html and "style=" not in html
    assert re.findall(r"<a\b[^>]*>", html) == ['<a href="https://www.zwickau.de" rel="noopener noreferrer">']
    assert "Klick, relativ, roh, Daten und" in html
    page = client.get(f"/k/zwickau/aktuelles/{post_id}").get_data(as_text=True)
    assert 'aria-label="Tabelle 1"' in page and "<h3>Termine</h3>" in page


def test_coordinator_edits_the_profile(client_as, client, ctx):
    coordinator = client_as("koordination.meissen")
    assert "Über den KPR und Kontakt" in coordinator.get("/k/meissen/oeffentlich/profil").get_data(as_text=True)
    form = {"about": "Wir sind der KPR Meißen.", "goals": "- Ziel eins\n- Ziel zwei", "office_name": "Rathaus Meißen",
            "contact_person": "Christiane Böhme", "postal_address": "Markt 1\n01662 Meißen", "visitor_address": "",
            "opening_hours": "Mo 9–12 Uhr", "phone": "03521 123", "email": "kein-mail"}
    response = coordinator.submit("/k/meissen/oeffentlich/profil", form)
    assert response.status_code == 422
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein." in response.get_data(as_text=True)
    assert "Wir sind der KPR Meißen." not in client.get("/k/meissen/").get_data(as_text=True)
    response = coordinator.submit("/k/meissen/oeffentlich/profil", {**form, "email": "KPR@Meissen.Example"})
    assert response.status_code == 302
    page = client.get("/k/meissen/").get_data(as_text=True)
    assert "Wir sind der KPR Meißen." in page and "<li>Ziel zwei</li>" in page
    assert "kpr@meissen.example" in page and "Rathaus Meißen" in page
    with ctx() as session, tenant_context(tenant("meissen").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(PublicProfile)) == 1


def test_coordinator_writes_publishes_edits_and_deletes_news(client_as, client, ctx):
    coordinator = client_as("koordination.plauen")
    assert coordinator.submit("/k/plauen/oeffentlich/meldungen/neu", {"title": "", "published_on": "2026-01-01"}
                              ).status_code == 422
    response = coordinator.submit("/k/plauen/oeffentlich/meldungen/neu", {
        "title": "Erste Meldung", "published_on": "2026-02-03", "body": "Text *eins*"})  # not published
    assert response.status_code == 302
    post_id = _post_id(ctx, "plauen", "Erste Meldung")
    assert "Erste Meldung" not in client.get("/k/plauen/").get_data(as_text=True)
    assert client.get(f"/k/plauen/aktuelles/{post_id}").status_code == 404
    preview = coordinator.get(f"/k/plauen/aktuelles/{post_id}").get_data(as_text=True)
    assert "nicht veröffentlicht" in preview and "<em>eins</em>" in preview
    assert coordinator.submit(f"/k/plauen/oeffentlich/meldungen/{post_id}/veroeffentlichen").status_code == 302
    page = client.get("/k/plauen/").get_data(as_text=True)
    assert "03.02.2026" in page and "Erste Meldung" in page
    assert coordinator.submit(f"/k/plauen/oeffentlich/meldungen/{post_id}", {
        "title": "Erste Meldung, ergänzt", "published_on": "2026-02-04", "body": "Neu", "published": "y"}
    ).status_code == 302
    assert "Erste Meldung, ergänzt" in client.get(f"/k/plauen/aktuelles/{post_id}").get_data(as_text=True)
    assert coordinator.submit(f"/k/plauen/oeffentlich/meldungen/{post_id}/zurueckziehen").status_code == 302
    assert client.get(f"/k/plauen/aktuelles/{post_id}").status_code == 404
    assert coordinator.submit(f"/k/plauen/oeffentlich/meldungen/{post_id}/loeschen").status_code == 302
    assert coordinator.get(f"/k/plauen/aktuelles/{post_id}").status_code == 404


def test_coordinator_manages_partners_with_german_validation(client_as, client, ctx):
    coordinator = client_as("koordination.plauen")
    response = coordinator.submit("/k/plauen/oeffentlich/partner/neu", {
        "name": "Polizeirevier Plauen", "sector": "police", "url": "ftp://polizei.example", "position": "1"})
    assert response.status_code == 422
    assert "Die Internetadresse muss mit http:// oder https:// beginnen." in response.get_data(as_text=True)
    assert coordinator.submit("/k/plauen/oeffentlich/partner/neu", {"name": "X", "sector": "unbekannt"}
                              ).status_code == 422
    with ctx() as session, tenant_context(tenant("plauen").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(Partner)) == 0
    for name, sector, position in (("Polizeirevier Plauen", "police", "2"), ("Jugendamt Vogtland", "youth_welfare",
                                                                             "1")):
        assert coordinator.submit("/k/plauen/oeffentlich/partner/neu", {
            "name": name, "sector": sector, "url": "https://example.org", "position": position}).status_code == 302
    page = client.get("/k/plauen/").get_data(as_text=True)
    assert "<h3>Polizei</h3>" in page and "<h3>Jugendhilfe</h3>" in page
    assert '<a href="https://example.org" rel="noopener noreferrer">Jugendamt Vogtland</a>' in page
    with ctx() as session, tenant_context(tenant("plauen").id):
        partner_id = session.scalar(sa.select(Partner.id).filter_by(name="Jugendamt Vogtland"))
    assert coordinator.submit(f"/k/plauen/oeffentlich/partner/{partner_id}", {
        "name": "Jugendamt des Vogtlandkreises", "sector": "youth_welfare", "position": "0"}).status_code == 302
    overview = coordinator.get("/k/plauen/oeffentlich").get_data(as_text=True)
    assert overview.index("Jugendamt des Vogtlandkreises") < overview.index("Polizeirevier Plauen")  # the order
    assert coordinator.submit(f"/k/plauen/oeffentlich/partner/{partner_id}/loeschen").status_code == 302
    assert "Jugendamt des Vogtlandkreises" not in client.get("/k/plauen/").get_data(as_text=True)


def test_coordinator_manages_community_police_officers(client_as, client, ctx):
    coordinator = client_as("koordination.plauen")
    response = coordinator.submit("/k/plauen/oeffentlich/buergerpolizei/neu", {
        "name": "Petra Sommer", "email": "petra@", "phone": "abc"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein." in body and "nur Ziffern" in body
    assert coordinator.submit("/k/plauen/oeffentlich/buergerpolizei/neu", {
        "name": "Petra Sommer", "area": "Innenstadt", "email": "petra.sommer@polizei.example",
        "phone": "03741 140", "office_hours": "Mittwoch 10–12 Uhr"}).status_code == 302
    page = client.get("/k/plauen/").get_data(as_text=True)
    assert "Petra Sommer" in page and "Mittwoch 10–12 Uhr" in page and "petra.sommer@polizei.example" in page
    with ctx() as session, tenant_context(tenant("plauen").id):
        officer_id = session.scalar(sa.select(CommunityOfficer.id).filter_by(name="Petra Sommer"))
    assert coordinator.submit(f"/k/plauen/oeffentlich/buergerpolizei/{officer_id}", {
        "name": "Petra Sommer", "area": "Preißelpöhl"}).status_code == 302
    assert "Preißelpöhl" in client.get("/k/plauen/").get_data(as_text=True)
    assert coordinator.submit(f"/k/plauen/oeffentlich/buergerpolizei/{officer_id}/loeschen").status_code == 302
    assert "Petra Sommer" not in client.get("/k/plauen/").get_data(as_text=True)


def test_members_may_not_edit_and_foreign_ids_are_404(client_as, client, ctx):
    zwickau_post = _post_id(ctx, "zwickau", "Tag der Fahrradsicherheit")
    with ctx() as session, tenant_context(tenant("zittau").id):
        zittau_partner = session.scalar(sa.select(Partner.id).order_by(Partner.id))
    member = client_as("mitglied.zwickau")
    assert member.get("/k/zwickau/oeffentlich").status_code == 403
    assert member.submit("/k/zwickau/oeffentlich/meldungen/neu", {"title": "X", "published_on": "2026-01-01"}
                         ).status_code == 403
    assert member.submit(f"/k/zwickau/oeffentlich/meldungen/{zwickau_post}/loeschen").status_code == 403
    assert client.get("/k/zwickau/oeffentlich").status_code == 302  # anonymous: to the login page
    coordinator = client_as("koordination.zwickau")
    assert coordinator.get(f"/k/zwickau/oeffentlich/partner/{zittau_partner}").status_code == 404
    assert coordinator.submit(f"/k/zwickau/oeffentlich/partner/{zittau_partner}/loeschen").status_code == 404
    assert coordinator.get("/k/zittau/oeffentlich").status_code == 404
    assert client_as("koordination.zittau").get(f"/k/zittau/aktuelles/{zwickau_post}").status_code == 404
    with ctx() as session, tenant_context(tenant("zittau").id):
        assert session.get(Partner, zittau_partner) is not None


def test_news_archive_pages(client, ctx):
    with ctx() as session, tenant_context(tenant("plauen").id):
        for day in range(25):
            session.add(NewsPost(title=f"Meldung Nummer {day:02d}", published_on=date(2026, 1, 1) + timedelta(day)))
        session.commit()
    first = client.get("/k/plauen/aktuelles").get_data(as_text=True)
    assert "Meldung Nummer 24" in first and "Meldung Nummer 04" not in first and "Seite 1 von 2" in first
    second = client.get("/k/plauen/aktuelles?seite=2").get_data(as_text=True)
    assert "Meldung Nummer 04" in second and "Meldung Nummer 24" not in second


def test_alliance_index_lists_every_kpr_with_status_and_filters(client, client_as, ctx):
    page = client.get("/kpr/").get_data(as_text=True)
    with ctx() as session:
        # Saxony's alliance, whose host the client visits; Landkreis Rostock is Mecklenburg-Vorpommern's
        tenants = session.scalars(sa.select(Tenant).where(Tenant.alliance_id == FIRST_ALLIANCE_ID)
                                  .order_by(Tenant.name)).all()
        expected = [(t.slug, t.status.label) for t in tenants]
    for slug, label in expected:
        assert f'href="/k/{slug}/"' in page and label in page
    positions = [page.index(f'href="/k/{slug}/"') for slug, _ in expected]
    assert positions == sorted(positions)  # by name
    assert "20.09.2020" not in page and "07.10.2021" in page  # Zwickau: active since, not founded on
    assert re.search(r"<th scope=\"col\">Aktiv</th>", page)
    assert 'href="/kpr/"' in page  # "Alle KPR" in the header for visitors

    goerlitz = client.get("/kpr/?district=Landkreis+G%C3%B6rlitz").get_data(as_text=True)
    assert re.findall(r'href="/k/([^"]+)/"', goerlitz) == ["zittau"]
    active = client.get("/kpr/?status=active").get_data(as_text=True)
    assert 'href="/k/zwickau/"' in active and 'href="/k/landkreis-rostock/"' not in active
    mecklenburg = make_client(client.application, "mv.localhost").get("/kpr/?status=active").get_data(as_text=True)
    assert 'href="/k/landkreis-rostock/"' in mecklenburg and 'href="/k/zwickau/"' not in mecklenburg
    assert 'href="/k/zittau/"' not in active
    both = client.get("/kpr/?district=Landkreis+G%C3%B6rlitz&status=active").get_data(as_text=True)
    assert "Kein KPR entspricht dem Filter." in both
    bad = client.get("/kpr/?status=erfunden")
    assert bad.status_code == 422 and "Bitte wählen Sie" in bad.get_data(as_text=True)
    assert 'href="/kpr/">Alle KPR</a>' in client_as("mitglied.zwickau").get("/k/zwickau/").get_data(as_text=True)


def _grow_public_page(session, slug: str, n: int) -> None:
    with tenant_context(tenant(slug).id):
        body = Body(kind=BodyKind.working_group, name="AG Öffentlichkeit")
        for i in range(n):
            session.add(NewsPost(title=f"Meldung {i}", published_on=date(2025, 1, 1) + timedelta(i), body="x",
                                 body_html="<p>x</p>"))
            session.add(Partner(name=f"Partner {i}", sector=["police", "education", "health"][i % 3], position=i))
            session.add(CommunityOfficer(name=f"Bürgerpolizist:in {i}", area=f"Bezirk {i}", position=i))
            _document(session, f"Dokument {i}", Visibility.public if i % 2 else Visibility.internal, 1000 + i,
                      versions=3)
            _meeting(session, f"Öffentliche Sitzung {i}", public=True, days=i + 1, body=body)
        session.flush()


@pytest.mark.parametrize("login", [None, "mitglied.zittau", "koordination.zittau"])
def test_public_page_has_a_fixed_query_count(client, client_as, ctx, count_queries, login):
    visitor = client_as(login) if login else client

    def measure() -> int:
        with count_queries() as n:
            response = visitor.get("/k/zittau/")
            assert response.status_code == 200
        return n.value

    small = measure()
    with ctx() as session:
        _grow_public_page(session, "zittau", 30)
        session.commit()
    large = measure()
    assert large == small, (small, large)
    assert small <= (11 if login is None else 19)  # one of them: the KPR's running citizen survey


def test_news_and_edit_pages_have_a_fixed_query_count(client, client_as, ctx, count_queries):
    coordinator = client_as("koordination.zittau")
    with ctx() as session, tenant_context(tenant("zittau").id):
        post = NewsPost(title="Meldung", published_on=date(2026, 1, 1), body="x", body_html="<p>x</p>")
        session.add(post)
        session.commit()
        post_id = post.id
    pages = [(client, "/k/zittau/aktuelles"), (client, f"/k/zittau/aktuelles/{post_id}"),
             (coordinator, "/k/zittau/oeffentlich"), (coordinator, f"/k/zittau/oeffentlich/meldungen/{post_id}")]

    def measure() -> list[int]:
        values = []
        for visitor, url in pages:
            with count_queries() as n:
                assert visitor.get(url).status_code == 200
            values.append(n.value)
        return values

    small = measure()
    with ctx() as session:
        _grow_public_page(session, "zittau", 30)
        session.commit()
    assert measure() == small
    assert max(small) <= 14


def test_alliance_index_has_a_fixed_query_count(client, ctx, count_queries):
    def measure() -> int:
        with count_queries() as n:
            assert client.get("/kpr/?status=contacted").status_code == 200
        return n.value

    small = measure()
    with ctx() as session:
        for i in range(40):
            session.add(Tenant(slug=f"probe-{i}", name=f"Gemeinde Probe {i}", kind=TenantKind.municipality,
                               ags=f"{14000000 + i}", district=f"Landkreis {i % 5}",
                               status=TenantStatus.contacted, contacted_on=date(2026, 1, 1)))
        session.commit()
    large = measure()
    assert large == small <= 4
    assert "Gemeinde Probe 39" in client.get("/kpr/?status=contacted").get_data(as_text=True)


def test_demo_is_idempotent(ctx):
    def counts(session) -> tuple:
        return tuple(session.scalar(sa.select(sa.func.count()).select_from(model))
                     for model in (PublicProfile, NewsPost, Partner, CommunityOfficer))

    with ctx() as session:
        tenants = {t.slug: t for t in session.scalars(sa.select(Tenant))}
        with tenant_context(tenants["zwickau"].id):
            before = counts(session)
        demo.load(tenants)
        with tenant_context(tenants["zwickau"].id):
            assert counts(session) == before
            assert before[1] == 11  # the news list of the seed
