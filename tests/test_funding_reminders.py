"""The yearly funding window reminder: its settings, who is mailed when, once a year, and one run
through a real worker to the SMTP server."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
import sqlalchemy as sa

from asskomm.accounts.models import Membership, MembershipRole
from asskomm.funding.reminders import recipients, send_window_reminders
from asskomm.mail.models import OutboxMessage
from config import ConfigError, load_settings
from tenants import db, tenant_context

from .helpers import tenant, user
from .test_coaching_caseload import generated_kprs

# --- settings ------------------------------------------------------------------------------------


def test_window_defaults_and_configured_values(tmp_path):
    settings = load_settings({}, instance_path=str(tmp_path))
    assert (settings.funding_window_start, settings.funding_window_end, settings.funding_reminder_days) == (
        (31, 8), (15, 10), 14)
    settings = load_settings({"FUNDING_WINDOW_START": "01.03.", "FUNDING_WINDOW_END": "30.04.",
                              "FUNDING_REMINDER_DAYS": "0"}, instance_path=str(tmp_path))
    assert (settings.funding_window_start, settings.funding_window_end, settings.funding_reminder_days) == (
        (1, 3), (30, 4), 0)


@pytest.mark.parametrize(("env", "message"), [
    ({"FUNDING_WINDOW_START": "1.9."}, "FUNDING_WINDOW_START muss ein Tag im Format TT.MM. sein"),
    ({"FUNDING_WINDOW_START": "31.08"}, "FUNDING_WINDOW_START muss ein Tag im Format TT.MM. sein"),
    ({"FUNDING_WINDOW_END": "2026-10-15"}, "FUNDING_WINDOW_END muss ein Tag im Format TT.MM. sein"),
    ({"FUNDING_WINDOW_END": "31.09."}, "FUNDING_WINDOW_END: 31.09. ist kein Datum, das es in jedem Jahr gibt"),
    ({"FUNDING_WINDOW_START": "29.02."}, "FUNDING_WINDOW_START: 29.02. ist kein Datum"),
    ({"FUNDING_WINDOW_START": "15.10.", "FUNDING_WINDOW_END": "31.08."},
     "FUNDING_WINDOW_END (31.08.) liegt vor FUNDING_WINDOW_START (15.10.)"),
    ({"FUNDING_WINDOW_END": "15.08."}, "FUNDING_WINDOW_END (15.08.) liegt vor FUNDING_WINDOW_START (31.08.)"),
    ({"FUNDING_REMINDER_DAYS": "-3"}, "FUNDING_REMINDER_DAYS muss zwischen 0 und 180 liegen, nicht -3"),
    ({"FUNDING_REMINDER_DAYS": "zwei Wochen"}, "FUNDING_REMINDER_DAYS muss eine ganze Zahl sein"),
])
def test_bad_window_settings_are_refused_in_german(tmp_path, env, message):
    with pytest.raises(ConfigError) as error:
        load_settings(env, instance_path=str(tmp_path))
    assert message in str(error.value)


def test_every_bad_window_setting_is_named_at_once(tmp_path):
    with pytest.raises(ConfigError) as error:
        load_settings({"FUNDING_WINDOW_START": "32.08.", "FUNDING_WINDOW_END": "x", "FUNDING_REMINDER_DAYS": "-1"},
                      instance_path=str(tmp_path))
    assert [name in str(error.value) for name in ("FUNDING_WINDOW_START", "FUNDING_WINDOW_END",
                                                  "FUNDING_REMINDER_DAYS")] == [True, True, True]


# --- who is mailed when --------------------------------------------------------------------------

# both alliances' (the job runs outside any alliance); freiberg: dormant
DEMO_COORDINATORS = {"zwickau", "zittau", "meissen", "landkreis-rostock", "plauen", "bautzen", "guestrow",
                     "bad-doberan"}
DEMO_CONTACTS = {"kontakt", "kontakt2", "kontakt-mv"}
# Mecklenburg-Vorpommern's people: its alliance has its own window in the demo, 31.08. to 30.11.
MV_PEOPLE = 4  # the coordinators of landkreis-rostock, guestrow, bad-doberan and kontakt-mv


def _sent(year: int | None = None) -> dict[str, OutboxMessage]:
    prefix = "funding-window:" if year is None else f"funding-window:{year}:"
    rows = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.dedup_key.startswith(prefix)))
    return {row.recipient.removesuffix("@demo.asskomm.de"): row for row in rows}


@pytest.fixture
def people(ctx):
    """Zwickau's coordinator also coordinates Meißen, a state contact also Plauen; Zittau's
    coordinator is deactivated."""
    with ctx() as session:
        for slug, login in (("meissen", "koordination.zwickau"), ("plauen", "kontakt")):
            with tenant_context(tenant(slug).id):
                session.add(Membership(user_id=user(login).id, role=MembershipRole.coordinator))
                session.flush()
        user("koordination.zittau").active = False
        session.commit()


def test_one_mail_per_person_from_the_first_day_of_the_span_until_the_end(ctx, people):
    with ctx() as session:
        assert send_window_reminders(date(2030, 8, 16)) == 0  # 15 days before 31.08.
        assert _sent() == {}
        expected = {f"koordination.{slug}" for slug in DEMO_COORDINATORS - {"zittau"}} | DEMO_CONTACTS
        assert send_window_reminders(date(2030, 8, 17)) == len(expected)
        session.commit()
        sent = _sent(2030)
        assert set(sent) == expected  # not the coordinator of dormant Freiberg, not a deactivated account

        both = sent["koordination.zwickau"]
        assert both.subject == "Förderung 2031: Anträge vom 31.08.2030 bis 15.10.2030"
        for text in ("Kommunaler Präventionsrat Stadt Zwickau: http://localhost/k/zwickau/foerderung",
                     "Kommunaler Präventionsrat Stadt Meißen: http://localhost/k/meissen/foerderung",
                     "für das Jahr 2031", "Nadine Kretzschmar"):
            assert text in both.body
        contact = sent["kontakt"].body
        assert "feste:r Ansprechpartner:in" in contact
        assert "Stadt Zwickau: http://localhost/k/zwickau/foerderung" in contact and "Stadt Meißen" in contact
        assert "Zittau" not in contact
        assert "Als Koordinator:in führen Sie außerdem:\n\n- Kommunaler Präventionsrat Stadt Plauen: " \
               "http://localhost/k/plauen/foerderung" in contact
        assert "Stadt Plauen" not in sent["koordination.zwickau"].body

        for day in (date(2030, 8, 17), date(2030, 8, 18), date(2030, 9, 30), date(2030, 10, 15), date(2030, 10, 16),
                    date(2030, 12, 31), date(2031, 8, 16)):
            assert send_window_reminders(day) == 0, day
        session.commit()
        assert len(_sent()) == len(expected)

        assert send_window_reminders(date(2031, 8, 17)) == len(expected)  # the next year: new ones
        session.commit()
        assert set(_sent(2031)) == expected


def test_a_run_after_downtime_still_reminds_once_and_nothing_after_the_end(ctx, people):
    with ctx() as session:
        # Saxony's window has ended; Mecklenburg-Vorpommern's own runs until 30.11.
        assert send_window_reminders(date(2030, 10, 16)) == MV_PEOPLE
        assert _sent(2030)["koordination.guestrow"].subject == "Förderung 2031: Anträge vom 31.08.2030 bis 30.11.2030"
        assert send_window_reminders(date(2030, 10, 2)) == 10 - MV_PEOPLE  # the beat was down well into the window
        session.commit()
        assert send_window_reminders(date(2030, 10, 3)) == 0
        assert send_window_reminders(date(2030, 12, 1)) == 0


@pytest.fixture
def configure(fresh, monkeypatch):
    """Other window settings for this test: configure((day, month), (day, month), lead days)."""

    def change(start: tuple[int, int], end: tuple[int, int], days: int) -> None:
        monkeypatch.setitem(fresh.config, "SETTINGS", dataclasses.replace(
            fresh.config["SETTINGS"], funding_window_start=start, funding_window_end=end, funding_reminder_days=days))

    return change


def test_configured_dates_are_respected(ctx, configure):
    """The installation's window holds for the alliances without their own (Saxony in the demo)."""
    configure((1, 3), (30, 4), 0)
    with ctx() as session:
        assert send_window_reminders(date(2030, 2, 28)) == 0
        assert send_window_reminders(date(2030, 8, 31)) == MV_PEOPLE  # the default window means nothing now
        assert send_window_reminders(date(2030, 3, 1)) == len(DEMO_COORDINATORS) + len(DEMO_CONTACTS) - MV_PEOPLE
        session.commit()
        assert "Anträge vom 01.03.2030 bis 30.04.2030" in _sent(2030)["koordination.plauen"].subject


def test_a_long_lead_time_starts_in_the_year_before(ctx, configure):
    configure((15, 1), (28, 2), 30)
    with ctx() as session:
        assert send_window_reminders(date(2029, 12, 15)) == 0
        assert send_window_reminders(date(2029, 12, 16)) == len(DEMO_COORDINATORS) + len(DEMO_CONTACTS) - MV_PEOPLE
        session.commit()
        assert "für das Jahr 2031" in _sent(2030)["koordination.plauen"].body


def _more_kprs(session, count: int) -> None:
    coordinator = user("koordination.plauen")
    for place in generated_kprs(session, count, "Fördergemeinde", 14700000):
        with tenant_context(place.id):
            session.add(Membership(user_id=coordinator.id, role=MembershipRole.coordinator))
            session.flush()


def test_recipients_take_the_same_queries_for_7_and_47_kprs(ctx, count_queries):
    with ctx() as session:
        with count_queries() as small:
            few = recipients(date(2030, 9, 1))
        _more_kprs(session, 40)
        with count_queries() as large:
            many = recipients(date(2030, 9, 1))
        plauen = next(r for r in many if r.user.email.startswith("koordination.plauen"))
        assert len(plauen.coordinates) == 41 and len(many) == len(few)
        assert large.value == small.value <= 6


# --- through a real worker -----------------------------------------------------------------------


@pytest.mark.worker
def test_the_beat_task_mails_through_the_worker_to_smtp(redis_worker, smtp_server, through_broker, committed):
    from asskomm.funding.tasks import send_window_reminders_task

    inbox, _ = smtp_server
    before = len(inbox.messages)
    expected = len(DEMO_COORDINATORS) + len(DEMO_CONTACTS)
    assert send_window_reminders_task.delay("2030-09-01").get(timeout=30) == expected
    messages = inbox.wait_for(before + expected)[before:]
    assert len(messages) == expected, redis_worker.log.read_text()[-2000:]
    mail = next(m for m in messages if m["To"] == "koordination.zwickau@demo.asskomm.de")
    assert mail["Subject"] == "Förderung 2031: Anträge vom 31.08.2030 bis 15.10.2030"
    assert "http://localhost/k/zwickau/foerderung" in mail.get_content()
    assert send_window_reminders_task.delay("2030-09-02").get(timeout=30) == 0
