"""`flask --app asskomm alliance create|list`: the installation operator adds a state's network and
its first state admin, who sets a password through the link printed on the last line. The operator
sees no workspace content: this writes only the alliance and one person's role."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from tenants import db

from .alliances import AllianceSpec, alliance_rows, create_alliance, problems

alliance_cli = AppGroup("alliance", help="Allianzen: die Netzwerke der Länder auf dieser Installation.")


@alliance_cli.command("create")
@click.argument("slug")
@click.option("--name", required=True, help="Name des Netzwerks.")
@click.option("--short-name", required=True, help="Kurzform (wie „ASSKomm“).")
@click.option("--federal-state", required=True, help="Bundesland, wie „Mecklenburg-Vorpommern“.")
@click.option("--host", required=True, help="Hostname, unter dem das Netzwerk erreichbar ist.")
@click.option("--operator", "operator_name", required=True, help="Betreiber (der Landespräventionsrat).")
@click.option("--admin-email", required=True, help="Die erste Landesadministration.")
@click.option("--admin-name", required=True)
def create(slug: str, name: str, short_name: str, federal_state: str, host: str, operator_name: str,
           admin_email: str, admin_name: str) -> None:
    """Eine Allianz SLUG mit ihrer ersten Landesadministration anlegen; der Einladungslink steht allein in
    der letzten Zeile."""
    spec = AllianceSpec(slug=slug, name=name, short_name=short_name, federal_state=federal_state, host=host,
                        operator_name=operator_name, admin_email=admin_email, admin_name=admin_name).cleaned()
    if found := problems(spec):  # every problem at once, not only the first
        raise click.ClickException(" ".join(found.values()))
    created = create_alliance(spec)
    db.session.commit()
    alliance = created.alliance
    click.echo(f"Allianz {alliance.short_name} ({alliance.slug}) unter {alliance.host}; "
               f"Landesadministration {created.admin.email}.")
    click.echo(created.link)


@alliance_cli.command("list")
def list_alliances() -> None:
    """Die Allianzen mit Hostname und Zahl ihrer KPR."""
    for row in alliance_rows():
        click.echo(f"{row.id}\t{row.slug}\t{row.host or '(erste Allianz)'}\t{row.short_name}\t{row.kprs} KPR")
