"""Demo comments: the coach's remarks on a Zwickau meeting and a Zittau founding step, each with the
coordinator's answer. Loaded directly (no mails for demo data); running it again changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from ..accounts.models import User
from ..founding.models import FoundingStep, FoundingStepKey
from ..meetings.models import Meeting
from .models import WorkspaceComment
from .services import clean_body

COACH = "coach1@demo.asskomm.de"

# slug, how to find the item, [(author e-mail, written at (UTC), text)]
THREADS = [
    ("zwickau", ("meeting", Meeting, {"title": "Sitzung des Lenkungsgremiums im Herbst"}), [
        (COACH, datetime(2026, 9, 21, 8, 30, tzinfo=UTC),
         "Die Gliederung des Präventionsberichts passt. Ein Vorschlag: Stellen Sie die Ergebnisse der "
         "Bürgerbefragung zum Sicherheitsgefühl in der Innenstadt neben das Lagebild der Polizei. "
         "So sieht das Lenkungsgremium, wo Wahrnehmung und Fallzahlen auseinandergehen.\n"
         "Gern bringe ich eine Vorlage für die Tabelle mit."),
        ("koordination.zwickau@demo.asskomm.de", datetime(2026, 9, 23, 12, 5, tzinfo=UTC),
         "Danke, das nehmen wir auf. Die Vorlage wäre hilfreich; die AG Sichere Stadt stellt die Zahlen "
         "bis Ende Oktober zusammen."),
    ]),
    ("zittau", ("founding_step", FoundingStep, {"key": FoundingStepKey.structure}), [
        (COACH, datetime(2026, 10, 6, 9, 0, tzinfo=UTC),
         "Rückblick für den nächsten Präventionsbericht: Die Lenkungsgruppe arbeitet gut. Für die neue "
         "Arbeitsgruppe Schulwegsicherheit sollte noch festgelegt werden, wer sie leitet und wie sie der "
         "Lenkungsgruppe berichtet."),
        ("koordination.zittau@demo.asskomm.de", datetime(2026, 10, 8, 14, 40, tzinfo=UTC),
         "Die Leitung übernimmt die Koordinierungsstelle gemeinsam mit der Bürgerpolizei. Ein kurzer Bericht "
         "steht künftig auf jeder Tagesordnung der Lenkungsgruppe."),
    ]),
]


def load(tenants: dict[str, Tenant]) -> None:
    for slug, (kind, model, where), comments in THREADS:
        with tenant_context(tenants[slug].id):
            item = db.session.scalars(sa.select(model).filter_by(**where).order_by(model.id)).first()
            if item is None:
                continue
            exists = db.session.scalar(sa.select(WorkspaceComment.id).filter_by(item_kind=kind, item_id=item.id))
            if exists is not None:
                continue
            for email, written_at, text in comments:
                author_id = db.session.scalar(sa.select(User.id).filter_by(email=email))
                db.session.add(WorkspaceComment(item_kind=kind, item_id=item.id, author_id=author_id,
                                                body=clean_body(text), created_at=written_at, updated_at=written_at))
            db.session.flush()
