"""A question of the practice exchange through a real worker to the local SMTP server: every
active coordinator of the owning KPR gets it, nobody else, each with Reply-To the asker."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from asskomm.accounts.models import Membership, MembershipRole, User
from asskomm.prevention.demo_measures import GRAFFITI
from asskomm.prevention.models import Measure
from tenants import db, tenant_context

from .helpers import tenant

QUESTION = "Wie haben Sie die Flächen ausgewählt, und wer pflegt sie?"


def _setup(app) -> tuple[int, int]:
    """A second coordinator of Zwickau, and one whose login was deactivated."""
    with app.app_context():
        zwickau, meissen = tenant("zwickau").id, tenant("meissen").id
        with tenant_context(zwickau):
            for email, active in (("zweite.koordination@example.org", True), ("ehemalig@example.org", False)):
                person = User(email=email, name=email.split("@")[0], active=active)
                db.session.add(person)
                db.session.flush()
                db.session.add(Membership(user_id=person.id, role=MembershipRole.coordinator))
            graffiti = db.session.scalar(sa.select(Measure.id).filter_by(title=GRAFFITI.title))
        db.session.commit()
        db.session.remove()
    return graffiti, meissen


@pytest.mark.worker
def test_a_question_reaches_the_owning_kprs_coordinators_by_smtp(
        redis_worker, smtp_server, through_broker, live_client, committed):
    inbox, _ = smtp_server
    since = len(inbox.messages)
    graffiti, meissen = _setup(committed)
    assert live_client.login("koordination.meissen@demo.asskomm.de").status_code == 302
    response = live_client.submit(f"/praxis/{graffiti}/frage", {"kpr_id": meissen, "text": QUESTION, "senden": "1"})
    assert response.status_code == 302
    deadline = time.monotonic() + 60
    while len(inbox.messages) - since < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # a third mail, if any were wrongly sent, has arrived by now
    mails = inbox.messages[since:]
    assert sorted(m["To"] for m in mails) == ["koordination.zwickau@demo.asskomm.de",
                                              "zweite.koordination@example.org"], redis_worker.log.read_text()[-3000:]
    for mail in mails:
        assert mail["Reply-To"] == "koordination.meissen@demo.asskomm.de"
        assert mail["Subject"] == f"Praxisaustausch: Frage zu „{GRAFFITI.title}“"
        assert QUESTION in mail.get_content() and f"/praxis/{graffiti}" in mail.get_content()
