"""Asking about a shared measure and adopting it: who may, what is mailed to whom, what is
recorded, what bad input does (a German message, nothing changed)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from asskomm.accounts.models import Membership, MembershipRole
from asskomm.audit.labels import OBJECT_TYPES
from asskomm.audit.models import AuditEntry
from asskomm.exchange.models import Adoption, PracticeQuestion
from asskomm.exchange.services import QUESTIONS_PER_DAY
from asskomm.mail.models import OutboxMessage
from asskomm.prevention.demo_measures import CYBERCRIME
from asskomm.prevention.models import ActionField, Measure, PreventionCycle
from asskomm.timeutil import now
from tenants import cross_tenant, db, tenant_context

from .exchange_data import demo_ids, measure_id
from .helpers import tenant, user

QUESTION = "Wie haben Sie die Flächen ausgewählt, und wer pflegt sie?"


def _outbox(ctx, kind: str = "mail_question") -> list[OutboxMessage]:
    with ctx():
        return list(db.session.scalars(sa.select(OutboxMessage).filter_by(kind=kind).order_by(OutboxMessage.id)))


def _zwickau_coordinators(ctx) -> set[str]:
    with ctx(), tenant_context(tenant("zwickau").id):
        return {m.user.email for m in db.session.scalars(sa.select(Membership).filter_by(
            role=MembershipRole.coordinator))}


def _adoptions(ctx) -> list[tuple[int, int, int]]:
    with ctx(), cross_tenant("test: every adoption"):
        return [tuple(r) for r in db.session.execute(
            sa.select(Adoption.tenant_id, Adoption.practice_id, Adoption.measure_id).order_by(Adoption.id))]


def test_a_question_is_mailed_to_the_owning_kprs_coordinators_only_with_reply_to_the_asker(client_as, ctx):
    ids = demo_ids(ctx)
    meissen = client_as("koordination.meissen")
    form = meissen.get(f"/praxis/{ids['graffiti']}/frage").get_data(as_text=True)
    assert "Koordinator:innen des KPR Stadt Zwickau" in form
    with ctx():
        meissen_id = tenant("meissen").id
    url, data = f"/praxis/{ids['graffiti']}/frage", {"kpr_id": meissen_id, "text": f"  {QUESTION}\n"}
    preview = meissen.submit(url, data)  # first the question as it will go out: nothing sent yet
    assert preview.status_code == 200
    shown = preview.get_data(as_text=True)
    assert "lässt sich nicht zurückholen" in shown and QUESTION in shown and "Jetzt senden" in shown
    assert _outbox(ctx) == []
    back = meissen.submit(url, {**data, "aendern": "1"})
    assert back.status_code == 200 and "Weiter zur Prüfung" in back.get_data(as_text=True) and _outbox(ctx) == []
    response = meissen.submit(url, {"kpr_id": meissen_id, "text": QUESTION, "senden": "1"})
    assert response.status_code == 302
    assert "wurde an die Koordinator:innen" in meissen.get(response.headers["Location"]).get_data(as_text=True)
    mails = _outbox(ctx)
    assert {m.recipient for m in mails} == _zwickau_coordinators(ctx) == {"koordination.zwickau@demo.asskomm.de"}
    (mail,) = mails
    assert mail.reply_to == "koordination.meissen@demo.asskomm.de"
    assert mail.subject == "Praxisaustausch: Frage zu „Graffiti-Konzept mit legalen Flächen“"
    assert QUESTION in mail.body and "Stadt Meißen" in mail.body and f"/praxis/{ids['graffiti']}" in mail.body
    with ctx(), tenant_context(meissen_id):
        (question,) = db.session.scalars(sa.select(PracticeQuestion))
        assert question.practice_id == ids["graffiti"] and question.asked_by_id == user("koordination.meissen").id


@pytest.mark.parametrize(("data", "message"), [
    ({"text": ""}, "Bitte schreiben Sie Ihre Frage."),
    ({"text": "Wie?"}, "mindestens 10 Zeichen"),
    ({"text": "x" * 3001}, "höchstens 3.000 Zeichen"),
    ({"text": QUESTION, "kpr_id": "zwickau"}, "Bitte wählen Sie einen Eintrag aus der Liste."),
])
def test_a_bad_question_gets_a_german_message_and_sends_nothing(client_as, ctx, data, message):
    ids = demo_ids(ctx)
    with ctx():
        data = {"kpr_id": tenant("meissen").id, **data}
    response = client_as("koordination.meissen").submit(f"/praxis/{ids['graffiti']}/frage",
                                                        {**data, "senden": "1"})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _outbox(ctx) == []


def test_a_coordinator_cannot_ask_for_a_kpr_they_do_not_coordinate(client_as, ctx):
    ids = demo_ids(ctx)
    with ctx():
        zittau_id = tenant("zittau").id
    response = client_as("koordination.meissen").submit(f"/praxis/{ids['graffiti']}/frage",
                                                        {"kpr_id": zittau_id, "text": QUESTION, "senden": "1"})
    assert response.status_code == 422 and _outbox(ctx) == []


def test_questions_are_limited_per_day(client_as, ctx):
    ids = demo_ids(ctx)
    client = client_as("koordination.meissen")
    with ctx():
        meissen_id = tenant("meissen").id
    for _ in range(QUESTIONS_PER_DAY):
        assert client.submit(f"/praxis/{ids['graffiti']}/frage",
                             {"kpr_id": meissen_id, "text": QUESTION, "senden": "1"}).status_code == 302
    response = client.submit(f"/praxis/{ids['graffiti']}/frage", {"kpr_id": meissen_id, "text": QUESTION})
    assert response.status_code == 422 and "Bitte versuchen Sie es morgen wieder" in response.get_data(as_text=True)
    assert len(_outbox(ctx)) == QUESTIONS_PER_DAY


@pytest.mark.parametrize("login", ["mitglied.meissen", "coach2", "kontakt", "land", "koordination.zwickau"])
def test_only_another_kprs_coordinators_ask_and_adopt(client_as, ctx, login):
    ids = demo_ids(ctx)
    client = client_as(login)
    page = client.get(f"/praxis/{ids['graffiti']}")
    assert page.status_code == 200  # everyone of the alliance reads it
    assert "Frage an den KPR stellen" not in page.get_data(as_text=True)
    for url in (f"/praxis/{ids['graffiti']}/frage", f"/praxis/{ids['graffiti']}/uebernehmen"):
        assert client.get(url).status_code == 404
        assert client.submit(url, {"text": QUESTION}).status_code == 404
    assert _outbox(ctx) == []


def _zittau_measure(ctx) -> int:
    """Zittau's round gets an action field and a measure to link."""
    with ctx() as session, tenant_context(tenant("zittau").id):
        cycle = session.scalars(sa.select(PreventionCycle).order_by(PreventionCycle.number.desc())).first()
        measure = Measure(cycle=cycle, action_field=ActionField(cycle=cycle, title="Sachbeschädigung"),
                          title="Legale Flächen in der Innenstadt")
        session.add(measure)
        session.commit()
        return measure.id


def test_adoption_is_recorded_shown_counted_and_withdrawn_after_confirming(client_as, ctx):
    ids = demo_ids(ctx)
    own = _zittau_measure(ctx)
    zittau = client_as("koordination.zittau")
    form = zittau.get(f"/praxis/{ids['graffiti']}/uebernehmen").get_data(as_text=True)
    assert "Legale Flächen in der Innenstadt (1. Runde)" in form
    before = _adoptions(ctx)
    response = zittau.submit(f"/praxis/{ids['graffiti']}/uebernehmen", {"measure_id": own})
    assert response.status_code == 302
    with ctx():
        zittau_id = tenant("zittau").id
    assert _adoptions(ctx) == [*before, (zittau_id, ids["graffiti"], own)]
    page = zittau.get(f"/praxis/{ids['graffiti']}").get_data(as_text=True)
    assert "Eingetragen: Große Kreisstadt Zittau setzt diese Maßnahme auch um." in page
    assert "Wir setzen das auch um</a>" not in page  # once per KPR
    assert "<li>Große Kreisstadt Zittau</li>" in client_as("mitglied.zwickau").get(
        f"/praxis/{ids['graffiti']}").get_data(as_text=True)
    again = zittau.submit(f"/praxis/{ids['graffiti']}/uebernehmen", {"measure_id": own})
    assert again.status_code == 422 and len(_adoptions(ctx)) == len(before) + 1

    with ctx(), tenant_context(zittau_id):
        adoption_id = db.session.scalar(sa.select(Adoption.id))
    url = f"/praxis/uebernahmen/{adoption_id}/zurueckziehen"
    assert client_as("koordination.meissen").get(url).status_code == 404  # another KPR's adoption
    question = zittau.get(url)
    assert question.status_code == 200 and "Übernahme von „Graffiti-Konzept" in question.get_data(as_text=True)
    assert len(_adoptions(ctx)) == len(before) + 1  # asking changed nothing
    assert zittau.submit(url, {"reason": "Doch anders umgesetzt"}, page=url).status_code == 302
    assert _adoptions(ctx) == before
    with ctx():  # both steps stand in Zittau's audit trail, under a German name
        entries = list(db.session.scalars(sa.select(AuditEntry).filter_by(
            object_type="practice_adoption", object_id=str(adoption_id)).order_by(AuditEntry.id)))
    assert [(e.action, e.tenant_id) for e in entries] == [("insert", zittau_id), ("delete", zittau_id)]
    assert entries[1].reason == "Doch anders umgesetzt"
    assert entries[0].actor_email == "koordination.zittau@demo.asskomm.de"
    assert OBJECT_TYPES["practice_adoption"].startswith("Übernahme")


@pytest.mark.parametrize("value", ["", "0", "abc", "own-of-another-kpr", "zwickau-measure"])
def test_a_bad_adoption_gets_a_german_message_and_records_nothing(client_as, ctx, value):
    ids = demo_ids(ctx)
    with ctx():
        values = {"own-of-another-kpr": measure_id("Legale Graffitiflächen nach Zwickauer Vorbild", "meissen"),
                  "zwickau-measure": measure_id(CYBERCRIME.title)}
    _zittau_measure(ctx)
    before = _adoptions(ctx)
    response = client_as("koordination.zittau").submit(f"/praxis/{ids['graffiti']}/uebernehmen",
                                                       {"measure_id": values.get(value, value)})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Bitte wählen Sie" in body
    assert _adoptions(ctx) == before


def test_an_archived_kprs_coordinator_neither_asks_nor_adopts(client_as, ctx):
    ids = demo_ids(ctx)
    with ctx():
        ids["cyber"], meissen_id = measure_id(CYBERCRIME.title), tenant("meissen").id
    meissen = client_as("koordination.meissen")
    assert meissen.get(f"/praxis/{ids['cyber']}/uebernehmen").status_code == 200  # control: before archiving
    assert "Wir setzen das auch um" in meissen.get(f"/praxis/{ids['cyber']}").get_data(as_text=True)
    with ctx() as session:
        tenant("meissen").archived_at = now()
        session.commit()
    for url in (f"/praxis/{ids['graffiti']}/frage", f"/praxis/{ids['cyber']}/uebernehmen"):
        assert meissen.get(url).status_code == 404, url
    page = meissen.get(f"/praxis/{ids['cyber']}").get_data(as_text=True)
    assert "Wir setzen das auch um" not in page and "/frage" not in page
    response = meissen.submit(f"/praxis/{ids['graffiti']}/frage",
                              {"kpr_id": meissen_id, "text": "Wie haben Sie die Flächen ausgewählt?"})
    assert response.status_code == 404 and _outbox(ctx) == []
