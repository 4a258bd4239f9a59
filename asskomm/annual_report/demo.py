"""Zwickau's Präventionsbericht 2025 in the demo: the coordinator's foreword and outlook (our own
words on the facts of the seed pages), generated from the year's demo records and submitted to the
state council as version 1, then published on Zwickau's public page. Running it again changes nothing."""

from __future__ import annotations

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from ..accounts.models import User
from . import services
from .models import AnnualReport

FOREWORD = (
    "Mit diesem Präventionsbericht legt die Stabsstelle Kommunale Prävention dem Stadtrat den Sachstand der "
    "kommunalen Kriminalprävention in Zwickau für das Jahr 2025 vor.\n\n"
    "Der Kommunale Präventionsrat arbeitet seit seiner Gründung in drei Ebenen: Führungsstab, Lenkungsgremium "
    "und fünf Arbeitsgruppen. Der Bericht zeigt, welche Gremien wie oft getagt haben, was die Arbeitsgruppen "
    "erreicht haben und wie die Maßnahmen der Präventionsstrategie vorankommen.")
OUTLOOK = (
    "2026 wiederholt der KPR die Bürgerbefragung zum Sicherheitsgefühl, damit die Ziele der "
    "Präventionsstrategie an neuen Zahlen gemessen werden können.\n\n"
    "Die AG Sichere Stadt plant eine Begehung der Innenstadt am Abend; die AG Graffiti eröffnet weitere legale "
    "Flächen. Der nächste Präventionsbericht wird dem Stadtrat im Frühjahr 2027 vorgelegt.")
REPORTS = {"zwickau": (2025, FOREWORD, OUTLOOK)}


def load(tenants: dict[str, Tenant]) -> None:
    for slug, (year, foreword, outlook) in REPORTS.items():
        tenant = tenants.get(slug)
        if tenant is None:
            continue
        coordinator = db.session.scalar(sa.select(User).filter_by(email=f"koordination.{slug}@demo.asskomm.de"))
        with tenant_context(tenant.id):
            report = db.session.scalar(sa.select(AnnualReport).filter_by(year=year))
            if report is None:
                report = services.open_report(year)
                services.save_texts(report, foreword, outlook)
            if not report.versions and coordinator is not None:
                # submitted, and published: the KPR's uploaded "Präventionsbericht 2025" (documents
                # demo) gets the generated PDF as its new version
                services.publish(services.submit(report, coordinator), coordinator)
