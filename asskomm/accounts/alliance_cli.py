"""`flask --app asskomm alliance create|list`: the installation operator adds a state's network and
its first state admin, who sets a password through the link printed on the last line. The operator
sees no workspace content: this writes only the alliance and one person's role."""

from __future__ import annotations

import re

import click
import sqlalchemy as sa
from flask import current_app, url_for
from flask.cli import AppGroup

from tenants import Alliance, db
from tenants.alliances import forget_hosts, hostname
from tenants.districts import LAENDER

from . import tokens
from .models import GlobalRole, UserRole
from .services import find_or_create_user, normalise_email

alliance_cli = AppGroup("alliance", help="Allianzen: die Netzwerke der Länder auf dieser Installation.")
SLUG = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")


def _checked(slug: str, federal_state: str, host: str) -> list[str]:
    problems = []
    if not SLUG.match(slug):
        problems.append("Der Kurzname besteht aus 2–40 Kleinbuchstaben, Ziffern und Bindestrichen.")
    elif db.session.scalar(sa.select(Alliance.id).filter_by(slug=slug)) is not None:
        problems.append(f"Eine Allianz „{slug}“ gibt es schon.")
    if federal_state not in LAENDER.values():
        problems.append(f"„{federal_state}“ ist kein Bundesland.")
    if not HOST.match(host):
        problems.append(f"„{host}“ ist kein Hostname (etwa kpr.mv.example).")
    elif db.session.scalar(sa.select(Alliance.id).filter_by(host=host)) is not None:
        problems.append(f"Der Hostname {host} gehört schon einer Allianz.")
    return problems


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
    host = hostname(host)
    problems = _checked(slug, federal_state, host)
    if not name.strip() or not short_name.strip() or not admin_name.strip() or "@" not in admin_email:
        problems.append("Name, Kurzform, Betreiber und die Landesadministration (Name, E-Mail) sind nötig.")
    if problems:
        raise click.ClickException(" ".join(problems))
    alliance = Alliance(slug=slug, name=name.strip(), short_name=short_name.strip(), federal_state=federal_state,
                        host=host, operator_name=operator_name.strip())
    db.session.add(alliance)
    db.session.flush()
    admin = find_or_create_user(normalise_email(admin_email), admin_name)
    admin.role_rows.append(UserRole(role=GlobalRole.state_admin, alliance_id=alliance.id))
    db.session.commit()
    forget_hosts()
    scheme = "https" if current_app.config.get("SESSION_COOKIE_SECURE") else "http"
    with current_app.test_request_context(base_url=f"{scheme}://{host}"):
        link = url_for("accounts.accept_invitation", token=tokens.make_token(admin, "invite"), _external=True) \
            if admin.password_hash is None else url_for("accounts.login", _external=True)
    click.echo(f"Allianz {alliance.short_name} ({alliance.slug}) unter {host}; Landesadministration {admin.email}.")
    click.echo(link)


@alliance_cli.command("list")
def list_alliances() -> None:
    """Die Allianzen mit Hostname und Zahl ihrer KPR."""
    from tenants import Tenant

    counts = dict(db.session.execute(sa.select(Tenant.alliance_id, sa.func.count()).group_by(Tenant.alliance_id)).all())
    for alliance in db.session.scalars(sa.select(Alliance).order_by(Alliance.id)):
        click.echo(f"{alliance.id}\t{alliance.slug}\t{alliance.host or '(erste Allianz)'}\t{alliance.short_name}\t"
                   f"{counts.get(alliance.id, 0)} KPR")
