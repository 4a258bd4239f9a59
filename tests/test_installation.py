"""The installation operator's page (issue 17): the operator creates an alliance with its first state
admin, who is invited by a mail whose link points at the new alliance's host; bad input is refused
field by field and writes nothing; the operator sees no state page and no KPR workspace, and nobody
else sees the operator's page. The list costs the same number of queries with 2 or 6 alliances."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from asskomm.accounts.models import GlobalRole, User, UserRole
from asskomm.mail.models import OutboxMessage
from tenants import Alliance, alliance_context
from tenants.alliances import alliance_for_host, forget_hosts

from .fixtures.clients import make_client
from .helpers import user
from .test_isolation_matrix import CATALOG, NOT_OBJECTS, OBJECTS, build, is_public, make_ids, matrix_rules, methods

PAGE = "/betrieb/allianzen"
BRANDENBURG = {
    "name": "Kommunale Kriminalprävention Brandenburg", "short_name": "KKP BB", "slug": "brandenburg",
    "federal_state": "Brandenburg", "host": "KPR.bb.example", "operator_name": "Landespräventionsrat Brandenburg",
    "admin_name": "Petra Lange", "admin_email": "Admin@BB.example",
}


@pytest.fixture(autouse=True)
def _hosts_forgotten():
    """An alliance made in a rolled-back test must not stay in this process's host cache."""
    forget_hosts()
    yield
    forget_hosts()


def _counts(session) -> tuple[int, int, int, int]:
    with alliance_context(None):
        return tuple(session.scalar(sa.select(sa.func.count()).select_from(model))
                     for model in (Alliance, User, UserRole, OutboxMessage))


def test_the_operator_creates_an_alliance_and_its_first_admin_is_invited_on_the_new_host(client_as, ctx):
    operator = client_as("betrieb")
    page = operator.get(PAGE)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Mecklenburg-Vorpommern" in html and "mv.localhost" in html
    assert f'href="{PAGE}"' in html  # the operator's menu item
    response = operator.submit(PAGE, BRANDENBURG, page=PAGE)
    assert response.status_code == 302
    shown = operator.get(response.headers["Location"]).get_data(as_text=True)
    assert "Die Allianz KKP BB ist angelegt" in shown and "admin@bb.example" in shown
    assert "kpr.bb.example" in shown and "/einladung/" not in shown  # the link is the admin's, in the mail only
    with ctx() as session:
        brandenburg = session.scalar(sa.select(Alliance).filter_by(slug="brandenburg"))
        assert brandenburg.host == "kpr.bb.example" and brandenburg.operator_name == "Landespräventionsrat Brandenburg"
        forget_hosts()
        assert alliance_for_host("kpr.bb.example:443") == brandenburg.id
        admin = user("admin@bb.example")
        assert admin.name == "Petra Lange" and admin.password_hash is None
        with alliance_context(brandenburg.id):
            assert admin.global_roles == {GlobalRole.state_admin}
        with alliance_context(1):
            assert admin.global_roles == frozenset()
        with alliance_context(None):
            mail = session.scalar(sa.select(OutboxMessage).filter_by(recipient="admin@bb.example"))
        assert mail.alliance_id == brandenburg.id and "KKP BB" in mail.subject
        assert "http://kpr.bb.example/einladung/" in mail.body and "Frank Reuter" in mail.body
    # The new alliance's page answers under its host; the operator's list counts its KPRs (none yet).
    listed = operator.get(PAGE).get_data(as_text=True)
    assert "Kommunale Kriminalprävention Brandenburg" in listed


def test_an_existing_account_becomes_the_admin_and_its_mail_links_to_the_login(client_as, ctx):
    response = client_as("betrieb").submit(PAGE, {**BRANDENBURG, "admin_email": "kontakt@demo.asskomm.de"}, page=PAGE)
    assert response.status_code == 302
    with ctx() as session:
        brandenburg = session.scalar(sa.select(Alliance).filter_by(slug="brandenburg"))
        kontakt = user("kontakt")
        assert kontakt.name == "Jens Hoffmann"  # the account keeps its name
        with alliance_context(brandenburg.id):
            assert kontakt.global_roles == {GlobalRole.state_admin}
        with alliance_context(1):
            assert kontakt.global_roles == {GlobalRole.state_contact}
            mail = session.scalar(sa.select(OutboxMessage).filter_by(recipient="kontakt@demo.asskomm.de"))
        assert mail is None  # it belongs to Brandenburg's outbox
        with alliance_context(brandenburg.id):
            mail = session.scalar(sa.select(OutboxMessage).filter_by(recipient="kontakt@demo.asskomm.de"))
        assert "http://kpr.bb.example/login" in mail.body


@pytest.mark.parametrize(("changes", "messages"), [
    ({"slug": "sachsen", "host": "mv.localhost"}, {"slug": "gibt es schon", "host": "gehört schon einer Allianz"}),
    ({"slug": "X", "host": "kein host/", "federal_state": "Bayernland", "admin_email": "petra@"},
     {"slug": "Kurzname besteht aus", "host": "ist kein Hostname", "federal_state": "Bitte wählen Sie einen Eintrag",
      "admin_email": "gültige E-Mail-Adresse"}),
    ({"name": " ", "short_name": "", "operator_name": "", "admin_name": "", "federal_state": ""},
     {"name": "Namen des Netzwerks", "short_name": "Kurzform an", "operator_name": "Betreiber an",
      "admin_name": "Namen der Landesadministration", "federal_state": "Bitte wählen Sie das Bundesland"}),
    ({"short_name": "K" * 41, "name": "N" * 201}, {"short_name": "höchstens 40", "name": "höchstens 200"}),
])
def test_bad_input_is_refused_at_each_field_and_nothing_is_written(client_as, ctx, changes, messages):
    operator = client_as("betrieb")
    with ctx() as session:
        before = _counts(session)
    response = operator.submit(PAGE, {**BRANDENBURG, **changes}, page=PAGE)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bitte prüfen Sie die markierten Angaben." in html
    for field, message in messages.items():
        assert f'id="{field}-errors"' in html and message in html, field
        assert f'id="{field}" ' in html and 'aria-invalid="true"' in html
    with ctx() as session:
        assert _counts(session) == before


def test_the_operator_sees_no_state_page_and_no_workspace(client_as):
    operator = client_as("betrieb")
    for path in ("/land/", "/berichte/", "/land/personen", "/land/postausgang/", "/land/protokoll",
                 "/land/coaches/", "/land/webhooks", "/land/veranstaltungen/", "/coach/", "/praxis/",
                 "/k/zwickau/stammdaten", "/k/zwickau/mitglieder", "/k/zwickau/sitzungen", "/k/zwickau/protokoll",
                 "/k/zwickau/dokumente", "/k/zwickau/foerderung", "/k/zwickau/kennzahlen"):
        assert operator.get(path).status_code in (403, 404), path
    home = operator.get("/k/zwickau/").get_data(as_text=True)  # the public page, as for anyone
    assert "mitglied.zwickau@" not in home and 'href="/k/zwickau/mitglieder"' not in home
    # On Mecklenburg-Vorpommern's host too: the operator's role holds everywhere, its page with it.
    visiting = make_client(operator.application, "mv.localhost")
    assert visiting.login("betrieb@demo.asskomm.de").status_code == 302
    assert visiting.get(PAGE).status_code == 200
    for path in ("/land/", "/land/personen", "/k/landkreis-rostock/stammdaten"):
        assert visiting.get(path).status_code in (403, 404), path


def test_the_operator_gets_no_route_of_any_kprs_workspace(fresh, client_as, ctx):
    """Every route of the isolation matrix with Zwickau's own objects: nothing for the operator."""
    ids = make_ids(ctx)["zwickau"]
    operator = client_as("betrieb")
    token = operator.csrf_token()
    checked = 0
    for rule in matrix_rules(fresh):
        objects = set(rule.arguments) & set(OBJECTS)
        if set(rule.arguments) & NOT_OBJECTS or (is_public(fresh, rule) and not objects):
            continue  # keys from mails; a KPR's public pages, which anyone reads
        if "tenant_slug" not in rule.arguments and not objects and set(rule.arguments) & set(CATALOG):
            continue  # the events catalog, not a workspace
        url = build(fresh, rule, "zwickau", ids)
        for method in methods(rule):
            status = operator.open(url, method=method, data={"csrf_token": token}).status_code
            assert status in (403, 404), f"{method} {url}: {status}"
            checked += 1
    assert checked >= 100


def test_the_operator_is_nobody_in_the_state_councils_lists_and_forms(client_as, ctx):
    land = client_as("land")
    people = land.get("/land/personen?q=Reuter").get_data(as_text=True)
    # Neither listed, nor a role a state admin could give (its invitation form) or filter by.
    assert "Frank Reuter" not in people and "Betrieb der Installation" not in people
    with ctx():
        operator_id = user("betrieb").id
    assert land.get(f"/land/personen/{operator_id}/deaktivieren").status_code == 404
    assert land.submit(f"/land/personen/{operator_id}/deaktivieren", {"reason": "x"}).status_code == 404


@pytest.mark.parametrize("login", ["land", "land-mv", "kontakt", "coach1", "koordination.zwickau", "mitglied.zwickau"])
def test_nobody_else_gets_the_operators_page(client_as, login):
    client = client_as(login)
    assert client.get(PAGE).status_code == 404
    assert client.submit(PAGE, BRANDENBURG).status_code == 404
    assert f'href="{PAGE}"' not in client.get("/veranstaltungen/").get_data(as_text=True)


def test_anonymous_people_are_sent_to_the_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_list_costs_the_same_queries_with_2_and_6_alliances(client_as, ctx, count_queries):
    operator = client_as("betrieb")
    operator.get(PAGE)  # warm: the session's first page reads the host cache

    def measured() -> int:
        with count_queries() as n:
            assert operator.get(PAGE).status_code == 200
        return n.value

    few = measured()
    with ctx() as session:
        for n in range(4):
            alliance = Alliance(slug=f"land-{n}", name=f"Netzwerk {n}", short_name=f"N{n}", federal_state="Hessen",
                                host=f"kpr{n}.example")
            session.add(alliance)
        session.commit()
    forget_hosts()
    operator.get(PAGE)
    many = measured()
    html = operator.get(PAGE).get_data(as_text=True)
    assert "6 Allianzen" in html and "Netzwerk 3" in html and "<td>kpr3.example</td><td>0</td>" in html
    assert many == few


def test_hostile_values_in_every_field_get_a_german_answer_and_no_500(client_as):
    """Each field gets the fuzz test's hostile values (the others as valid as can be): the alliance
    is made (the value is fine for a name), or the page answers with its German messages, or a
    control character is refused before any view (asskomm.web); never a 500."""
    from .test_fuzz_forms import HOSTILE

    operator = client_as("betrieb")
    token = operator.csrf_token(PAGE)
    for field in BRANDENBURG:
        for number, value in enumerate(HOSTILE):
            tag = f"{field.replace('_', '-')}-{number}"
            unique = {"slug": f"fuzz-{tag}", "host": f"fuzz-{tag}.example"}
            data = {**BRANDENBURG, **unique, field: value, "csrf_token": token}
            response = operator.post(PAGE, data=data)
            status = response.status_code
            assert status in (302, 400, 422), (field, value[:20], status)
            if status == 422:
                assert "Bitte prüfen Sie die markierten Angaben." in response.get_data(as_text=True)
