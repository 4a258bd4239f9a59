"""Several states' networks on one installation (issue 17): each KPR and each state role belongs
to one alliance, found by the host name a request is sent to; one alliance's state council is
nobody in another's, its pages count only its KPRs, and the sums of all alliances are the whole."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import sqlalchemy as sa

from asskomm.events.models import Audience, Event, EventKind, EventSession, Registration
from asskomm.state.overview import places
from asskomm.timeutil import now
from tenants import FIRST_ALLIANCE_ID, Alliance, Tenant, alliance_context, db

from .api_helpers import bearer, token_for
from .fixtures.clients import make_client

MV = "mv.localhost"


def _mv_id() -> int:
    return db.session.scalar(sa.select(Alliance.id).filter_by(slug="mv"))


def test_each_alliance_counts_its_own_kprs_and_together_they_are_the_installation(ctx):
    with ctx():
        mv = _mv_id()
        with alliance_context(FIRST_ALLIANCE_ID):
            saxony = places().by_status
            saxon_slugs = set(db.session.scalars(sa.select(Tenant.slug)))
        with alliance_context(mv):
            mecklenburg = places().by_status
            mv_slugs = set(db.session.scalars(sa.select(Tenant.slug)))
        whole = places().by_status
    assert "landkreis-rostock" not in saxon_slugs and "zwickau" in saxon_slugs
    assert mv_slugs == {"landkreis-rostock", "guestrow", "bad-doberan"}
    assert saxony + mecklenburg == whole and sum(mecklenburg.values()) == 3
    assert sum((Counter(saxony), Counter(mecklenburg)), Counter()) == whole


def test_the_overview_of_each_state_council_shows_only_its_kprs(client_as):
    saxony = client_as("land").get("/land/?seite=1").get_data(as_text=True)
    mecklenburg = client_as("land-mv").get("/land/").get_data(as_text=True)
    assert "Stadt Zwickau" in saxony and "Landkreis Rostock" not in saxony
    assert "Landkreis Rostock" in mecklenburg and "Stadt Güstrow" in mecklenburg
    assert "Zwickau" not in mecklenburg and "Zittau" not in mecklenburg


def test_a_state_role_of_one_alliance_is_nobody_in_another(fresh, client_as):
    saxon_admin = client_as("land")
    for path in ("/k/landkreis-rostock/", "/k/landkreis-rostock/stammdaten", "/k/guestrow/zuordnung"):
        assert saxon_admin.get(path).status_code == 404, path
    # The same person on the other alliance's host has no role there: its state pages are not there.
    visiting = make_client(fresh, MV)
    assert visiting.login("land@demo.asskomm.de").status_code == 302
    for path in ("/land/", "/land/personen", "/land/postausgang/", "/berichte/", "/k/landkreis-rostock/stammdaten"):
        assert visiting.get(path).status_code == 404, path
    mv_admin = client_as("land-mv")
    assert mv_admin.get("/land/").status_code == 200
    for path in ("/k/zwickau/", "/k/zwickau/stammdaten", "/k/meissen/zuordnung"):
        assert mv_admin.get(path).status_code == 404, path
    assert client_as("coach-mv").get("/k/zwickau/").status_code == 404
    assert client_as("coach-mv").get("/k/landkreis-rostock/").status_code == 200


def test_a_kprs_public_pages_answer_under_its_alliances_host_only(fresh):
    saxony, mecklenburg = make_client(fresh), make_client(fresh, MV)
    assert saxony.get("/k/zwickau/").status_code == 200 and mecklenburg.get("/k/zwickau/").status_code == 404
    assert mecklenburg.get("/k/landkreis-rostock/").status_code == 200
    assert saxony.get("/k/landkreis-rostock/").status_code == 404


def _event(app, alliance_id: int, open_to_all: bool) -> int:
    with app.app_context():
        event = Event(kind=EventKind.specialist_day, title="Fachtag Prävention im ländlichen Raum", capacity=10,
                      audience=Audience.open, alliance_id=alliance_id, open_to_all_alliances=open_to_all,
                      registration_closes_at=now() + timedelta(days=10))
        event.sessions.append(EventSession(starts_at=now() + timedelta(days=20),
                                           ends_at=now() + timedelta(days=20, hours=5), place="Güstrow"))
        db.session.add(event)
        db.session.commit()
        return event.id


def test_an_event_opened_to_every_alliance_takes_registrations_from_both(fresh):
    with fresh.app_context():
        mv = _mv_id()
    closed, opened = _event(fresh, mv, False), _event(fresh, mv, True)
    saxon = bearer(token_for(fresh, "koordination.zwickau", "write"))
    rostock = bearer(token_for(fresh, "koordination.landkreis-rostock", "write"))
    saxony, mecklenburg = make_client(fresh), make_client(fresh, MV)
    assert saxony.get(f"/api/v1/events/{closed}", headers=saxon).status_code == 404
    assert saxony.post(f"/api/v1/events/{closed}/registrations", headers=saxon).status_code == 404
    assert mecklenburg.get(f"/api/v1/events/{closed}", headers=rostock).status_code == 200
    assert saxony.post(f"/api/v1/events/{opened}/registrations", headers=saxon).status_code == 201
    assert mecklenburg.post(f"/api/v1/events/{opened}/registrations", headers=rostock).status_code == 201
    with fresh.app_context():
        kprs = db.session.scalars(sa.select(Tenant.slug).join(Registration, Registration.tenant_id == Tenant.id)
                                  .where(Registration.event_id == opened)).all()
    assert sorted(kprs) == ["landkreis-rostock", "zwickau"]


def test_the_api_answers_within_the_alliance_of_its_host(fresh):
    saxon = bearer(token_for(fresh, "land"))
    mv = bearer(token_for(fresh, "land-mv"))
    saxon_slugs = {k["slug"] for k in make_client(fresh).get("/api/v1/kprs?per_page=200", headers=saxon)
                   .get_json()["items"]}
    mv_slugs = {k["slug"] for k in make_client(fresh, MV).get("/api/v1/kprs", headers=mv).get_json()["items"]}
    assert "landkreis-rostock" not in saxon_slugs and mv_slugs == {"landkreis-rostock", "guestrow", "bad-doberan"}
    assert make_client(fresh, MV).get("/api/v1/kprs/zwickau", headers=mv).status_code == 404
    assert make_client(fresh, MV).get("/api/v1/reports/figures", headers=saxon).status_code == 404


def test_the_operator_creates_an_alliance_with_its_first_admin_on_the_command_line(fresh, ctx):
    runner = fresh.test_cli_runner()
    args = ["alliance", "create", "brandenburg", "--name", "Kommunale Kriminalprävention Brandenburg",
            "--short-name", "KKP BB", "--federal-state", "Brandenburg", "--host", "kpr.bb.example",
            "--operator", "Landespräventionsrat Brandenburg", "--admin-email", "admin@bb.example",
            "--admin-name", "Petra Lange"]
    made = runner.invoke(args=args)
    assert made.exit_code == 0, made.output
    link = made.output.strip().splitlines()[-1]
    assert link.startswith("http://kpr.bb.example/einladung/") and made.output.count("\n") == 2
    again = runner.invoke(args=args)
    assert again.exit_code != 0 and "gibt es schon" in again.output
    wrong = runner.invoke(args=[*args[:2], "x", *args[3:8], "Bayernland", *args[9:]])
    assert wrong.exit_code != 0 and "kein Bundesland" in wrong.output and "Kurzname" in wrong.output
    listed = runner.invoke(args=["alliance", "list"]).output
    assert "brandenburg\tkpr.bb.example\tKKP BB\t0 KPR" in listed and "sachsen\t(erste Allianz)" in listed
    with ctx() as session:
        from asskomm.accounts.models import GlobalRole, User

        brandenburg = session.scalar(sa.select(Alliance).filter_by(slug="brandenburg"))
        admin = session.scalar(sa.select(User).filter_by(email="admin@bb.example"))
        with alliance_context(brandenburg.id):
            assert admin.global_roles == {GlobalRole.state_admin}
        with alliance_context(FIRST_ALLIANCE_ID):
            assert admin.global_roles == frozenset()


def test_mails_link_to_the_host_of_their_alliance(fresh, ctx):
    """A reset asked for on Mecklenburg-Vorpommern's host links there; the funding reminders, sent by a
    job outside any alliance, link each KPR under its own alliance's host."""
    from asskomm.funding.reminders import send_window_reminders
    from asskomm.mail.models import OutboxMessage

    visitor = make_client(fresh, MV)
    assert visitor.submit("/passwort-vergessen", {"email": "koordination.guestrow@demo.asskomm.de"}).status_code == 302
    with ctx() as session:
        reset = session.scalar(sa.select(OutboxMessage).where(
            OutboxMessage.recipient == "koordination.guestrow@demo.asskomm.de"))
        assert "http://mv.localhost/passwort-neu/" in reset.body and reset.alliance_id == _mv_id()
        assert send_window_reminders(date(2030, 8, 17)) > 0  # 14 days before both demo windows open
        session.flush()
        bodies = {m.recipient: m.body for m in session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.dedup_key.startswith("funding-window:2030:")))}
    rostock, zwickau = (bodies[f"koordination.{slug}@demo.asskomm.de"] for slug in ("landkreis-rostock", "zwickau"))
    assert "http://mv.localhost/k/landkreis-rostock/foerderung" in rostock
    assert "http://localhost/k/zwickau/foerderung" in zwickau and "mv.localhost" not in zwickau


def test_each_alliance_names_its_councils_in_its_own_words(fresh):
    """Mecklenburg-Vorpommern says "Präventionsrat" where Saxony says "Kommunaler Präventionsrat"."""
    rostock = make_client(fresh, MV).get("/k/landkreis-rostock/").get_data(as_text=True)
    zwickau = make_client(fresh, "localhost").get("/k/zwickau/").get_data(as_text=True)
    assert "Präventionsrat Landkreis Rostock" in rostock
    assert "Kommunaler Präventionsrat Landkreis Rostock" not in rostock
    assert "Kommunaler Präventionsrat Stadt Zwickau" in zwickau


def test_each_alliance_has_its_own_operator_in_its_legal_pages_and_its_own_mail_sender(fresh, ctx):
    from asskomm.mail.models import OutboxMessage
    from asskomm.mail.services import compose

    mecklenburg = make_client(fresh, MV).get("/impressum").get_data(as_text=True)
    assert "Landesrat für Kriminalitätsvorbeugung Mecklenburg-Vorpommern" in mecklenburg
    assert "Alexandrinenstraße 1, 19055 Schwerin" in mecklenburg and "Landespräventionsrat Sachsen" not in mecklenburg
    saxony = make_client(fresh, "localhost").get("/impressum").get_data(as_text=True)
    assert "Landespräventionsrat Sachsen" in saxony and "Mecklenburg" not in saxony
    privacy = make_client(fresh, MV).get("/datenschutz").get_data(as_text=True)
    assert "Landesrat für Kriminalitätsvorbeugung Mecklenburg-Vorpommern" in privacy

    visitor = make_client(fresh, MV)
    assert visitor.submit("/passwort-vergessen", {"email": "koordination.guestrow@demo.asskomm.de"}).status_code == 302
    assert make_client(fresh, "localhost").submit(
        "/passwort-vergessen", {"email": "koordination.zwickau@demo.asskomm.de"}).status_code == 302
    with ctx() as session:
        def sent_to(login: str):
            return compose(session.scalar(sa.select(OutboxMessage).where(
                OutboxMessage.recipient == f"{login}@demo.asskomm.de")))
        assert sent_to("koordination.guestrow")["From"] == "KKP M-V <lfk@demo.asskomm.de>"
        assert sent_to("koordination.zwickau")["From"] == fresh.config["SETTINGS"].mail_from


def test_an_alliance_colour_is_used_only_with_enough_contrast(fresh, ctx):
    from asskomm.branding import contrast, usable_accent
    from tenants.alliances import forget_hosts

    assert round(contrast("#000000", "#ffffff"), 1) == 21.0 and round(contrast("#777777", "#ffffff"), 2) == 4.48
    assert usable_accent("#00507d") == "#00507d" and usable_accent("#777777") is None
    assert usable_accent("#FFFF00") is None and usable_accent("blue") is None and usable_accent("") is None
    # a colour just above 4.5:1 on white but below it on the panels' grey is refused too
    assert contrast("#737373", "#ffffff") >= 4.5 > contrast("#737373", "#f2f5f8")
    assert usable_accent("#737373") is None

    mecklenburg = make_client(fresh, MV)
    assert 'href="/marke.css"' in mecklenburg.get("/impressum").get_data(as_text=True)
    sheet = mecklenburg.get("/marke.css")
    assert sheet.status_code == 200 and sheet.mimetype == "text/css"
    assert "--brand: #00507d;" in sheet.get_data(as_text=True)
    saxony = make_client(fresh, "localhost")
    assert "marke.css" not in saxony.get("/impressum").get_data(as_text=True)
    assert saxony.get("/marke.css").status_code == 404
    with ctx() as session:
        session.execute(sa.update(Alliance).where(Alliance.slug == "mv").values(accent_colour="#ffcc00"))
        session.commit()
    forget_hosts()
    assert "marke.css" not in mecklenburg.get("/impressum").get_data(as_text=True)  # too light: not used at all
    assert mecklenburg.get("/marke.css").status_code == 404
